"""The demo seeds one open support request from Alice, with its diagnosis, once."""

import io

import pytest
from django.core.management import call_command

from llp_edx_plugin.support.models import SupportRequest


@pytest.mark.django_db
def test_the_demo_has_an_open_request_for_staff_to_answer(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("llp_demo", stdout=io.StringIO())
    call_command("llp_demo", stdout=io.StringIO())

    request = SupportRequest.objects.get()
    assert (request.user.username, request.status) == ("alice", "open")
    assert request.diagnosis
    assert all(finding["message"] for finding in request.diagnosis)
