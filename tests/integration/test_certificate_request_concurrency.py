"""30 concurrent "Request Certificate" calls for one learner on PostgreSQL: one certificate, one PDF."""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin.certificates import api as certificates_api
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.courses.models import Course
from llp_edx_plugin.learning import api as learning_api
from tests.certificates.conftest import CERT_COURSE, build_reading_course, complete_blocks
from tests.people import make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_thirty_concurrent_requests_give_one_certificate_and_one_pdf(postgres, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.CELERY_TASK_ALWAYS_EAGER = True
    readings = build_reading_course(self_paced=False)  # instructor-paced: nothing is issued automatically
    learner = make_user("racer")
    courses_api.enroll(CERT_COURSE, learner.pk)
    complete_blocks(learner, CERT_COURSE, readings)
    # Then learner-generated certificates are switched on: Request Certificate may issue, and 30 race to.
    Course.objects.filter(course_key=CourseKey.from_string(CERT_COURSE)).update(learner_generated_certificates=True)
    assert learning_api.stored_progress(learner.pk, CERT_COURSE).qualified
    assert Certificate.objects.count() == 0

    def request(_: int) -> tuple[str, bool]:
        try:
            cert, created = certificates_api.request_certificate(learner.pk, CERT_COURSE)
            return cert.uuid, created
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(request, range(30)))

    assert len({uuid for uuid, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert Certificate.objects.filter(user=learner).count() == 1
    cert = Certificate.objects.get(user=learner)
    assert cert.status == "downloadable"
    pdfs = list(Path(tmp_path, "certificates", "pdf").glob("*.pdf"))
    assert len(pdfs) == 1
