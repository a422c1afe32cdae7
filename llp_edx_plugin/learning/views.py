"""The XBlock handler endpoint: ``POST /courses/{course_key}/xblock/{usage_key}/handler/{handler}``.

JSON in and out, token or session auth (with CSRF). Anonymous 401; unknown course, block or handler 404;
not enrolled (and not course team) 403; a block in a locked lesson 403 ``{"detail": "Complete the previous
lesson first"}``; bad input 400 with a message, and nothing stored changes.
"""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..accounts import api as accounts_api
from ..api_errors import api_exception_handler
from ..json_input import StrictJSONParser, check_url_parameters
from ..keys import parse_course_key, parse_usage_key
from .block_requests import handle_block_request


class XBlockHandlerView(APIView):
    """Calls a block's JSON handler for the requesting learner (as the LMS calls XBlocks)."""

    authentication_classes = list(accounts_api.API_AUTHENTICATION_CLASSES)
    permission_classes = [IsAuthenticated]
    parser_classes = [StrictJSONParser]  # the API's one strict JSON reader: a JSON object or a 400

    def get_exception_handler(self):
        return api_exception_handler

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)  # authenticated first: anonymous callers get their 401
        check_url_parameters(kwargs, request.query_params)

    @extend_schema(
        parameters=[
            OpenApiParameter("course_key", str, OpenApiParameter.PATH, description="A course key."),
            OpenApiParameter("usage_key", str, OpenApiParameter.PATH, description="The block's usage key."),
            OpenApiParameter("handler", str, OpenApiParameter.PATH, description="The block's JSON handler."),
        ],
        request=OpenApiTypes.OBJECT,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="The handler's JSON answer."),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Bad input; nothing stored changes."),
            401: OpenApiResponse(OpenApiTypes.OBJECT, description="Not signed in."),
            403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not enrolled, or the lesson is locked."),
            404: OpenApiResponse(OpenApiTypes.OBJECT, description="Unknown course, block or handler."),
        },
    )
    def post(self, request, course_key: str, usage_key: str, handler: str):
        course_key = str(parse_course_key(course_key))  # the converter has validated both keys
        usage_key = str(parse_usage_key(usage_key))
        # The block gets the body as the strict parser accepted it (no body: an empty object).
        body = json.dumps(request.data).encode()
        result = handle_block_request(request.user, course_key, usage_key, handler, body)
        return Response(result.body, status=result.status)
