"""Page routes: certificates."""

from django.urls import path

from .. import keys  # noqa: F401 - registers the course_key converter
from . import certificates

urlpatterns = [
    path("certificates/<str:uuid>/download", certificates.download, name="certificate-download"),
    path("verify/<str:uuid>", certificates.verify, name="certificate-verify"),
    path(".well-known/jwks.json", certificates.jwks, name="jwks"),
    path("learning-records", certificates.learning_records, name="learning-records"),
    path(
        "courses/<course_key:course_key>/certificate/request",
        certificates.request_certificate,
        name="certificate-request",
    ),
]
