"""i18n as Open edX does it (ADR 0041): gettext-marked strings, Spanish and French catalogs in conf/locale.

The pages answer in the language the browser asks for (LocaleMiddleware), English unchanged by default; the
catalogs compile without errors and translate every learner-facing string; learner-facing templates leave no
English text outside ``{% translate %}`` / ``{% blocktranslate %}``.
"""

import gettext
import os
import re
import shutil
import subprocess
import tempfile
import threading
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation.reloader import translation_file_changed
from opaque_keys.edx.keys import CourseKey

from llp_edx_plugin import capa
from llp_edx_plugin.certificates import display as d
from llp_edx_plugin.certificates.models import Certificate
from llp_edx_plugin.courses import api as courses_api
from llp_edx_plugin.settings.common import LOCALE_DIR
from llp_edx_plugin.support.data import DiagnosisFacts
from llp_edx_plugin.support.diagnosis import diagnose
from tests.certificates.conftest import CERT_COURSE, build_reading_course
from xblocks.studio import optional_number

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "llp_edx_plugin" / "conf" / "locale"
LANGS = ("es", "fr")
PROGRESS = f"/courses/{CERT_COURSE}/progress"

# Staff pages (instructor, course team, Company Admin, reports, attendance marking): their strings may stay
# untranslated (English fallback), like the staff-only strings of the support request pages listed below.
STAFF_SOURCES = (
    *(
        f"llp_edx_plugin/templates/llp_edx_plugin/{name}"
        for name in (
            "instructor/",
            "company/",
            "course_settings/",
            "reports/",
            "profile/",
            "events/attendance.html",
            "events/_home.html",
            "pages/_home_company.html",
            "pages/_home_teaching.html",
            "programs/programs.html",
            "programs/program.html",
            "programs/_form.html",
        )
    ),
    "llp_edx_plugin/programs/views.py",
)
STAFF_ONLY = {
    "Diagnosis when sent",
    "What the learner saw before sending.",
    "Current state",
    "The same check, recomputed now.",
    "Learner's progress",
    "A visitor's request: no account or training to open.",
    "Answer again",
    "Your answer is e-mailed to %(email)s.",
    "Close the request after answering",
    "Send answer",
    "Reopen",
    "Close without answering",
    "No e-mail is sent.",
    "No support requests %(status)s.",
}

# Templates a learner sees: every visible word in them goes through the catalog.
TEMPLATES = ROOT / "llp_edx_plugin" / "templates" / "llp_edx_plugin"
LEARNER_TEMPLATES = [
    *sorted((TEMPLATES / "certificates").glob("*.html")),
    *sorted((TEMPLATES / "courseware").glob("*.html")),
    *sorted((TEMPLATES / "progress").glob("*.html")),
    *sorted((TEMPLATES / "support").glob("*.html")),
    TEMPLATES / "pages" / "dashboard.html",
    TEMPLATES / "programs" / "_programs.html",
    TEMPLATES / "events" / "_details.html",
    TEMPLATES / "events" / "event.html",
    *sorted((ROOT / "templates").rglob("*.html")),
    *sorted((ROOT / "xblocks").glob("*/templates/*.html")),
]
# Text that is not English to translate: the product's name, symbols, numbers and separators.
NOT_WORDS = re.compile(r"LLP Certificates|&[a-z]+;|&#\d+;|[^A-Za-z]")


def _po(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def compile_catalogs() -> None:
    """The .mo files as the build makes them (setup.py build_py), fresh for this run's .po files."""
    for lang in LANGS:
        with _po(lang).open("rb") as po_file:
            catalog = read_po(po_file, locale=lang)
        # Written aside, then renamed over the old file: another xdist worker (or its live server) reading the
        # catalog meanwhile sees the old file or the new one, never a truncated one (an empty .mo is a 500).
        mo_path = _po(lang).with_suffix(".mo")
        with tempfile.NamedTemporaryFile("wb", dir=mo_path.parent, suffix=".mo.tmp", delete=False) as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        os.chmod(mo_file.name, 0o644)
        os.replace(mo_file.name, mo_path)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogs():
    compile_catalogs()
    translation_file_changed(None, _po("es").with_suffix(".mo"))  # Django re-reads the catalogs


def test_a_catalog_being_compiled_is_never_seen_half_written():
    """CI's Django 4.2 pass once answered a French page with a 500: a worker read the .mo while another truncated it."""
    mo_path = _po("fr").with_suffix(".mo")
    done = threading.Event()
    errors: list[Exception] = []

    def read_while_compiling() -> None:
        while not done.is_set():
            try:
                with mo_path.open("rb") as mo_file:
                    gettext.GNUTranslations(mo_file)
            except Exception as error:  # any failure to read is what this test is about
                errors.append(error)

    reader = threading.Thread(target=read_while_compiling)
    reader.start()
    try:
        for _ in range(30):
            compile_catalogs()
    finally:
        done.set()
        reader.join()
    assert errors == []
    assert not list(mo_path.parent.glob("*.tmp"))


def test_the_plugin_settings_hook_puts_conf_locale_on_the_locale_paths():
    assert Path(LOCALE_DIR) == LOCALE
    assert LOCALE_DIR in settings.LOCALE_PATHS
    assert [code for code, _ in settings.LANGUAGES] == ["en", "es", "fr"]
    middleware = settings.MIDDLEWARE
    assert middleware.index("django.middleware.locale.LocaleMiddleware") > middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_catalogs_compile_with_no_fuzzy_entry_and_no_placeholder_error(lang):
    with _po(lang).open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    assert not catalog.fuzzy
    assert [m.id for m in catalog if m.id and m.fuzzy] == []
    # python-format placeholders kept (Babel guesses the format from the text: it believes a flag saying otherwise)
    assert [(m.id, errors) for m, errors in catalog.check() if "no-python-format" not in m.flags] == []
    for message in catalog:
        if message.id and isinstance(message.id, str) and message.string:
            # Brace placeholders ({name}) are not python-format: check them too.
            assert set(re.findall(r"{\w+}", message.id)) == set(re.findall(r"{\w+}", message.string)), message.id
    if shutil.which("msgfmt"):  # GNU gettext, where the machine has it: the strictest check
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(_po(lang))], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_every_learner_facing_string_is_translated(lang):
    with _po(lang).open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    missing = [
        m.id
        for m in catalog
        if m.id
        and (m.id if isinstance(m.id, str) else m.id[0]) not in STAFF_ONLY
        and not all(location.startswith(STAFF_SOURCES) for location, _ in m.locations)
        and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    assert missing == []
    assert len(catalog) > 200  # the learner-facing pages, messages and XBlocks are in it


class _VisibleText(HTMLParser):
    """Text nodes (outside script/style) and the attributes a person sees or hears."""

    VISIBLE_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.found += [value for name, value in attrs if name in self.VISIBLE_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.found.append(data)


def _bare_text(path: Path) -> list[str]:
    """English left outside the translation tags: the template with every tag and variable taken out."""
    source = path.read_text(encoding="utf-8")
    source = re.sub(r"{% comment %}.*?{% endcomment %}|{#.*?#}", "", source, flags=re.S)
    source = re.sub(r"{% blocktrans(late)?\b.*?{% endblocktrans(late)? %}", "", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}", "", source, flags=re.S)
    parser = _VisibleText()
    parser.feed(source)
    return sorted(text.strip() for text in parser.found if NOT_WORDS.sub("", text).strip())


@pytest.mark.parametrize("path", LEARNER_TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_learner_facing_templates_leave_no_english_outside_translation_tags(path):
    assert _bare_text(path) == []


def test_the_template_scan_sees_bare_english(tmp_path):
    """The scan above would catch an unmarked heading or attribute (it is not vacuous)."""
    sample = tmp_path / "sample.html"
    sample.write_text('{% load i18n %}<h1>My courses</h1><a aria-label="Close">{% translate "x" %}</a> ✓ 10%')
    assert _bare_text(sample) == ["Close", "My courses"]


# --- Pages in the browser's language ---------------------------------------------------------------------


@pytest.fixture
def learner_with_certificate(world):
    """A self-paced course whose learner holds a downloadable certificate: AVAILABLE + DOWNLOAD and CARD."""
    build_reading_course(self_paced=True)
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    Certificate.objects.create(
        user=learner, course_key=CourseKey.from_string(CERT_COURSE), status="downloadable", name="X"
    )
    return learner


EXPECTED = {
    # language: (dashboard heading, card link, Progress message, Progress button, requirement of an unmet reading)
    "en": ("My courses", d.CARD, d.AVAILABLE, d.DOWNLOAD, "Reading 'llp_reading r1' not completed"),
    "es": (
        "Mis cursos",
        "Descargar certificado",
        "Tu certificado está disponible",
        "Descarga tu certificado",
        "Lectura «llp_reading r1» no completado",
    ),
    "fr": (
        "Mes cours",
        "Télécharger le certificat",
        "Votre certificat est disponible",
        "Téléchargez votre certificat",
        "Lecture « llp_reading r1 » non terminé",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_pages_answer_in_the_language_the_browser_asks_for(client, learner_with_certificate, lang):
    heading, card_link, message, button, requirement = EXPECTED[lang]
    headers = {} if lang == "en" else {"HTTP_ACCEPT_LANGUAGE": f"{lang},en;q=0.5"}
    client.force_login(learner_with_certificate)

    dashboard = client.get("/dashboard", **headers)
    progress = client.get(PROGRESS, **headers)

    assert dashboard.status_code == progress.status_code == 200
    assert dashboard["Content-Language"] == progress["Content-Language"] == lang
    dashboard, progress = dashboard.content.decode(), progress.content.decode()
    assert f">{heading}</h1>" in dashboard
    assert f">{card_link}</a>" in dashboard
    assert f">{message}</p>" in progress
    assert f">{button}</a>" in progress
    assert f"<span>{escape(requirement)}</span>" in progress  # a message built in Python, placeholders filled
    if lang != "en":
        assert d.DOWNLOAD not in progress
        assert "My courses" not in dashboard


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "button", "script_message"),
    [
        ("en", "Mark as read", "Not saved: connection problem."),
        ("es", "Marcar como leído", "No guardado: problema de conexión."),
        ("fr", "Marquer comme lu", "Non enregistré : problème de connexion."),
    ],
)
def test_xblocks_render_in_the_learners_language(client, world, lang, button, script_message):
    """The block's HTML, and the messages its script shows later (data-msg-* attributes the script reads)."""
    build_reading_course(self_paced=True)
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    client.force_login(learner)

    page = client.get(f"/courses/{CERT_COURSE}/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()

    assert f">{button}</button>" in page
    assert f'data-msg-connection="{script_message}"' in page


@pytest.mark.django_db
def test_english_is_the_default_and_unknown_languages_fall_back_to_it(client, learner_with_certificate):
    client.force_login(learner_with_certificate)
    page = client.get(PROGRESS, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f">{d.DOWNLOAD}</a>" in page
    assert f">{d.AVAILABLE}</p>" in page


ALL_TEMPLATES = sorted(
    [
        *(ROOT / "llp_edx_plugin" / "templates").rglob("*.html"),
        *(ROOT / "templates").rglob("*.html"),
        *(ROOT / "xblocks").glob("*/templates/*.html"),
    ]
)


@pytest.mark.parametrize("path", ALL_TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_template_that_translates_loads_i18n(path):
    """A template using the translation tags loads them itself (an include does not inherit its parent's load)."""
    source = path.read_text(encoding="utf-8")
    if re.search(r"{% (translate|blocktranslate|trans|blocktrans)\b", source):
        assert re.search(r"{% load [\w ]*\bi18n\b", source)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "refusal"),
    [
        ("en", "Certificates for this course are generated by the instructor."),
        ("es", "Los certificados de este curso los genera el instructor."),
        ("fr", "Les certificats de ce cours sont générés par l&#x27;instructeur."),
    ],
)
def test_a_refused_request_says_why_in_the_learners_language(client, world, lang, refusal):
    """issuers.py's constants stay exact English in Python; the refusal page translates them."""
    build_reading_course(self_paced=False)
    learner = world.users["learner"]
    courses_api.enroll(CERT_COURSE, learner.pk)
    client.force_login(learner)

    response = client.post(f"/courses/{CERT_COURSE}/certificate/request", HTTP_ACCEPT_LANGUAGE=lang)

    assert response.status_code == 400
    assert refusal in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "ready", "held"),
    [
        (
            "en",
            "Your certificate for 'Leading Teams' was issued on 2026-03-02: download it, or find it on your "
            "Learning records page.",
            "Your certificate for 'Leading Teams' was issued on 2026-03-02 and is managed by your Company Admin "
            "(Ana or Luc): ask them for a copy.",
        ),
        (
            "es",
            "Tu certificado de «Leading Teams» se emitió el 2026-03-02: descárgalo o búscalo en tu página de "
            "Historial de aprendizaje.",
            "Tu certificado de «Leading Teams» se emitió el 2026-03-02 y lo gestiona el administrador de tu empresa "
            "(Ana o Luc): pídele una copia.",
        ),
        (
            "fr",
            "Votre certificat pour « Leading Teams » a été délivré le 2026-03-02 : téléchargez-le, ou retrouvez-le "
            "sur votre page Dossier d'apprentissage.",
            "Votre certificat pour « Leading Teams » a été délivré le 2026-03-02 et il est géré par l'administrateur "
            "de votre entreprise (Ana ou Luc) : demandez-lui une copie.",
        ),
    ],
)
def test_support_findings_are_built_in_the_active_language(lang, ready, held):
    """Messages assembled from pieces (title, date, names) translate every piece, placeholders filled."""
    facts = DiagnosisFacts(
        signed_in=True,
        course_known=True,
        course_title="Leading Teams",
        enrolled=True,
        certificate_status="downloadable",
        certificate_issued_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        company_admin_names=("Ana", "Luc"),
    )
    with translation.override(lang):
        assert [f.message for f in diagnose(facts)] == [ready]
        assert [f.message for f in diagnose(replace(facts, is_employee=True))] == [held]


@pytest.mark.django_db
def test_the_progress_api_keeps_design_strings_exact_and_follows_the_language_for_requirements(
    client, learner_with_certificate
):
    """CONTRACT.md: `certificate.message` follows DESIGN.md §5 word for word; requirement messages are prose."""
    client.force_login(learner_with_certificate)

    body = client.get(f"/api/v1/courses/{CERT_COURSE}/progress", HTTP_ACCEPT_LANGUAGE="es").json()

    assert body["certificate"]["message"] == d.AVAILABLE
    assert body["unmet_requirements"][0]["message"] == "Lectura «llp_reading r1» no completado"


@pytest.mark.parametrize(
    ("lang", "empty", "too_big"),
    [
        ("en", "Answer with a number or an expression.", "must be a whole number from 0 to 10."),
        ("es", "Responde con un número o una expresión.", "debe ser un número entero de 0 a 10."),
        ("fr", "Répondez par un nombre ou une expression.", "doit être un nombre entier de 0 à 10."),
    ],
)
def test_capa_answer_errors_and_studio_field_errors_follow_the_language(lang, empty, too_big):
    """Messages the merged CAPA and Studio work build per request: translated when built, English by default."""
    with translation.override(lang):
        with pytest.raises(capa.InputError, match=f"^{re.escape(empty)}$"):
            capa.parse_expression("")
        with pytest.raises(ValueError, match=f"^{re.escape(too_big)}$"):
            optional_number(11, minimum=0, maximum=10, integer=True)
