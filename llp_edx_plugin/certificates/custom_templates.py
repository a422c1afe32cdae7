"""Course teams' own certificate templates: validated in the sandbox, stored as numbered versions."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max

from ..errors import FieldErrors, NotFound
from ..keys import parse_course_key
from .models import CertificateTemplate
from .template_limits import template_structure_problem

BUILT_IN = "classic"
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
MAX_TEMPLATE_BYTES = 200_000


@dataclass(frozen=True)
class TemplateData:
    course_key: str
    name: str
    version: int
    language: str
    created: datetime


def _data(row: CertificateTemplate) -> TemplateData:
    return TemplateData(str(row.course_key), row.name, row.version, row.language, row.created)


def upload_template(
    course_key: str, *, name: str, html: str, language: str = "en", created_by_id: int | None = None
) -> TemplateData:
    """Store a new version of a custom template after validating it; ``FieldErrors`` naming what is wrong."""
    from .rendering import LANGUAGES, validate_custom_template  # WeasyPrint is only loaded where templates are

    errors: dict[str, list[str]] = {}
    name = (name or "").strip().lower()
    if not NAME_PATTERN.match(name):
        errors["name"] = ["Use 1-100 lowercase letters, digits, '-' or '_'."]
    elif name == BUILT_IN:
        errors["name"] = [f"'{BUILT_IN}' is the built-in template; choose another name."]
    if language not in LANGUAGES:
        errors["language"] = [f"Must be one of: {', '.join(LANGUAGES)}."]
    if not isinstance(html, str) or not html.strip():
        errors["html"] = ["This field is required."]
    elif len(html.encode()) > MAX_TEMPLATE_BYTES:
        errors["html"] = [f"A template may be at most {MAX_TEMPLATE_BYTES // 1000} kB."]
    elif problem := template_structure_problem(html):  # before compiling or rendering: those recurse
        errors["html"] = [problem]
    else:
        problems = validate_custom_template(html)
        if problems:
            errors["html"] = problems
    if not errors:
        problem = _sample_render_problem(html, language)
        if problem:
            errors["html"] = [problem]
    if errors:
        raise FieldErrors(errors)
    key = parse_course_key(course_key)
    for _ in range(3):  # two uploads racing for the same version number: the loser takes the next one
        try:
            with transaction.atomic():
                latest = CertificateTemplate.objects.filter(course_key=key, name=name).aggregate(v=Max("version"))["v"]
                row = CertificateTemplate.objects.create(
                    course_key=key,
                    name=name,
                    version=(latest or 0) + 1,
                    language=language,
                    html=html,
                    created_by_id=created_by_id,
                )
            return _data(row)
        except IntegrityError:
            continue
    raise FieldErrors.single("name", "The template is being changed by someone else; try again.")


def _sample_render_problem(html: str, language: str) -> str | None:
    """Render the template for a sample learner: it must give exactly one page."""
    import io
    from datetime import date

    from pypdf import PdfReader

    from .rendering import CertificateContent, RenderError, render_pdf

    sample = CertificateContent(
        learner_name="Maximilian Alexander Longname-Example",
        course_title="A Sample Course Title That Is Reasonably Long To Test The Layout",
        course_key="course-v1:SAMPLE+SAMPLE+SAMPLE",
        completion_date=date(2026, 1, 31),
        verify_url="https://example.com/verify/00000000-0000-4000-8000-000000000000",
        verify_uuid="00000000-0000-4000-8000-000000000000",
        language=language,
        template_name="upload-check",
        template_html=html,
    )
    try:
        pages = len(PdfReader(io.BytesIO(render_pdf(sample))).pages)
    except RenderError as exc:
        return f"The template could not be rendered: {exc}"
    if pages != 1:
        return f"A certificate must fit on one page; this template gives {pages} pages for a sample learner."
    return None


def list_templates(course_key: str) -> list[TemplateData]:
    """Every version of every custom template of the course, newest version first per name."""
    return [_data(row) for row in CertificateTemplate.objects.filter(course_key=parse_course_key(course_key))]


def latest_version(course_key: str, name: str) -> int | None:
    """The newest version number of a custom template, or None if the course has no such template."""
    rows = CertificateTemplate.objects.filter(course_key=parse_course_key(course_key), name=name)
    return rows.aggregate(v=Max("version"))["v"]


def template_source(course_key: str, name: str, version: int) -> str:
    """The HTML of one version; ``NotFound`` if it does not exist."""
    row = CertificateTemplate.objects.filter(
        course_key=parse_course_key(course_key), name=name, version=version
    ).first()
    if row is None:
        raise NotFound(f"No template '{name}' version {version}")
    return row.html
