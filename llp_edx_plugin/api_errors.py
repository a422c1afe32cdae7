"""Error shapes of CONTRACT.md for every DRF view of the plugin: 400 ``{"errors": {field: [msg]}}`` or ``{"detail"}``.

Shared by ``rest_api`` and the XBlock handler view of ``learning`` (which sits below ``rest_api``): never a 500.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .errors import Conflict, FieldErrors, Forbidden, NotFound


def _as_field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(field): [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])]
            if not isinstance(msgs, dict)
            else [f"{k}: {v}" for k, v in msgs.items()]
            for field, msgs in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(m) for m in detail]}
    return {"non_field_errors": [str(detail)]}


def api_exception_handler(exc, context):
    """Map domain and DRF errors to the contract's shapes."""
    if isinstance(exc, FieldErrors):
        return Response({"errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, NotFound):
        return Response({"detail": str(exc) or "Not found."}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, Forbidden):
        return Response({"detail": str(exc) or "Not allowed."}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, Conflict):
        return Response({"detail": str(exc) or "Conflict."}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, exceptions.ValidationError):
        return Response({"errors": _as_field_errors(exc.detail)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.ParseError | exceptions.UnsupportedMediaType):
        return Response({"detail": str(exc.detail)}, status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return exception_handler(exc, context)


@csrf_exempt  # nothing to protect: answers 404 to every method
def api_not_found(request, *args, **kwargs) -> JsonResponse:
    """Any method on an unknown ``/api/`` path: JSON 404 (CONTRACT.md), never an HTML page."""
    return JsonResponse({"detail": f"No API endpoint at {request.path}."}, status=404)
