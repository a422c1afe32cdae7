"""The XBlock handler endpoint: ``POST /courses/{course_key}/xblock/{usage_key}/handler/{handler}``.

JSON in and out, token or session auth (with CSRF). Anonymous 401; unknown course, block or handler 404;
not enrolled (and not course team) 403; a block in a locked lesson 403 ``{"detail": "Complete the previous
lesson first"}``; bad input 400 with a message, and nothing stored changes.
"""

import json

from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..accounts import api as accounts_api
from ..api_errors import api_exception_handler
from ..courses import api as courses_api
from ..errors import Forbidden, NotFound
from ..json_input import StrictJSONParser, check_url_parameters
from ..keys import parse_course_key, parse_usage_key
from . import runtime


class XBlockHandlerView(APIView):
    """Calls a block's JSON handler for the requesting learner (as the LMS calls XBlocks)."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [StrictJSONParser]  # the API's one strict JSON reader: a JSON object or a 400

    def get_exception_handler(self):
        return api_exception_handler

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)  # authenticated first: anonymous callers get their 401
        check_url_parameters(kwargs, request.query_params)

    def post(self, request, course_key: str, usage_key: str, handler: str):
        course_key = str(parse_course_key(course_key))  # the converter has validated both keys
        usage_key = str(parse_usage_key(usage_key))
        # The block gets the body as the strict parser accepted it (no body: an empty object).
        body = json.dumps(request.data).encode()

        structure = courses_api.get_structure(course_key)
        block = next((b for b in structure if b.usage_key == usage_key), None)
        if block is None or not block.supported or runtime.block_class(block.block_type) is None:
            raise NotFound(f"No block '{usage_key}' with handlers in this course")
        if not runtime.has_handler(block.block_type, handler):
            raise NotFound(f"Blocks of type '{block.block_type}' have no handler '{handler}'")

        enrolled, blocked = courses_api.courseware_access(course_key, request.user.pk)
        actor_is_team = accounts_api.permissions.is_course_team
        if not enrolled and not actor_is_team(accounts_api.get_actor(request.user), course_key):
            raise Forbidden("You are not enrolled in this course.")
        if enrolled and blocked:  # the course team may try blocks before the course starts
            raise Forbidden(blocked)

        result = runtime.call_handler(
            user_id=request.user.pk,
            course_key=course_key,
            structure=structure,
            usage_key=usage_key,
            handler=handler,
            body=body,
            gated=enrolled,  # the course team previews every lesson
        )
        return Response(result.body, status=result.status)
