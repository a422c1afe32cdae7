"""Page routes: certificates."""

from django.urls import path

from . import certificates

urlpatterns = [
    path("certificates/<str:uuid>/download", certificates.download, name="certificate-download"),
    path("verify/<str:uuid>", certificates.verify, name="certificate-verify"),
    path("learning-records", certificates.learning_records, name="learning-records"),
]
