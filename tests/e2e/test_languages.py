"""In a real browser set to Spanish or French: the sign-in page, the dashboard and Progress in that language."""

import pytest

from llp_edx_plugin.courses import api as courses_api
from tests.people import PASSWORD
from tests.test_i18n import compiled_catalogs  # noqa: F401 - the .mo files even where no build compiled them

from .conftest import PHONE, horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOWN = {
    "es": ("Iniciar sesión", "Mis cursos", "Progreso", "Requisitos"),
    "fr": ("Se connecter", "Mes cours", "Progression", "Conditions"),
}


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_a_browser_in_another_language_gets_the_pages_in_it(lang, world, new_page):
    sign_in, my_courses, progress, requirements = SHOWN[lang]
    courses_api.enroll(world.course_key, world.users["learner"].pk)
    page = new_page(PHONE)
    page.set_extra_http_headers({"Accept-Language": f"{lang},en;q=0.5"})

    page.goto("/login")
    assert page.locator("h1").inner_text() == sign_in
    log_in(page, "learner", PASSWORD)

    assert page.locator("h1").first.inner_text() == my_courses
    assert page.locator("html").get_attribute("lang") == lang
    page.locator(".llp-course-card a", has_text=progress).click()
    page.wait_for_load_state()
    assert page.locator("#requirements h2").inner_text() == requirements
    assert horizontal_overflow(page) <= 0  # longer words still fit a phone
    assert page.failed_responses == []
    screenshot(page, f"progress-{lang}-phone")
