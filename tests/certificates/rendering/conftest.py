"""Fixtures of the rendering tests: certificate content, images, PDF reading helpers."""

import io
import re
import subprocess
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from llp_edx_plugin.certificates.rendering import CertificateContent

# Accents, a Polish Ł, Greek and Cyrillic: DejaVu covers them (no CJK font is installed on CI machines).
FULL_NAME = "Zoë Ångström-Łukasiewicz Δημήτρης Анна"
COURSE_TITLE = "Leading High-Performance Teams: Coaching & Feedback"
VERIFY_UUID = "3f2c1a9e-1111-4222-8333-444455556666"
VERIFY_URL = f"http://127.0.0.1:8000/verify/{VERIFY_UUID}"
LOGO_SIZE = (120, 36)


def make_content(**overrides) -> CertificateContent:
    values = {
        "learner_name": FULL_NAME,
        "course_title": COURSE_TITLE,
        "course_key": "course-v1:LLP+LEAD101+2026",
        "completion_date": date(2026, 11, 23),
        "verify_url": VERIFY_URL,
        "verify_uuid": VERIFY_UUID,
        "language": "en",
        "grade": "92%",
    }
    values.update(overrides)
    return CertificateContent(**values)


def png_bytes(size: tuple[int, int] = LOGO_SIZE, color=(204, 62, 46)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as poppler's pdftotext sees it, with runs of whitespace collapsed to one space."""
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return re.sub(r"\s+", " ", text)


def image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) of every image drawn on the PDF's pages."""
    reader = PdfReader(io.BytesIO(pdf))
    return [image.image.size for page in reader.pages for image in page.images]


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def media_root(settings, tmp_path):
    """Media files go to a temporary folder, removed with the test."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root
