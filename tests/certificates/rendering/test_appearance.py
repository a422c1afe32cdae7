"""The built-in certificate looks as it did before the fast renderer (ADR 0034): pixels compared within a tolerance.

The reference PNGs in ``appearance/`` were made from PDFs of the renderer before ADR 0034 (commit 9198766),
with ``pdftoppm -r 40 -gray``. A single render and a batch render of each case must match them: same layout,
same text, same QR code. The tolerance absorbs anti-aliasing noise only: a line of text moved by a pixel or a
missing glyph fails it.
"""

import io
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from llp_edx_plugin.certificates.rendering import CompanyLogo, render_batch, render_pdf

from .conftest import make_content, png_bytes

REFERENCES = Path(__file__).resolve().parent / "appearance"
# A pixel "differs" when its grey level moved by more than this (out of 255) ...
PIXEL_THRESHOLD = 48
# ... and at most this share of the page's pixels may differ.
MAX_DIFFERING_SHARE = 0.002

CASES = {
    "en-logo-company": {
        "company_name": "Acme Leadership GmbH",
        "company_logo": CompanyLogo(data=png_bytes(), mime_type="image/png"),
    },
    "es-no-grade": {"language": "es", "grade": None, "learner_name": "José Ñúñez", "completion_date": date(2026, 1, 1)},
    "fr-long": {
        "language": "fr",
        "learner_name": "Marie-Antoinette Élisabeth de Saint-Exupéry-Łukasiewicz Δημήτρης Анна Каренина",
        "course_title": (
            "Leading High-Performance Teams: Coaching, Feedback, Delegation and Difficult Conversations"
            " in Hybrid Organisations across Europe"
        ),
        "completion_date": date(2026, 3, 1),
    },
}


def page_image(pdf: bytes) -> Image.Image:
    png = subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", "-png", "-singlefile", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def differing_share(image: Image.Image, reference: Image.Image) -> float:
    assert image.size == reference.size
    difference = ImageChops.difference(image, reference).point(lambda level: 255 if level > PIXEL_THRESHOLD else 0)
    return difference.histogram()[255] / (image.size[0] * image.size[1])


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_single_render_looks_like_the_reference(case):
    reference = Image.open(REFERENCES / f"{case}.png").convert("L")

    image = page_image(render_pdf(make_content(**CASES[case])))

    assert differing_share(image, reference) <= MAX_DIFFERING_SHARE


def test_each_certificate_of_a_mixed_batch_looks_like_its_reference():
    cases = sorted(CASES)

    pdfs = render_batch([make_content(**CASES[case]) for case in cases])

    for case, pdf in zip(cases, pdfs, strict=True):
        reference = Image.open(REFERENCES / f"{case}.png").convert("L")
        assert differing_share(page_image(pdf), reference) <= MAX_DIFFERING_SHARE, case


def test_the_comparison_sees_a_changed_certificate():
    # Given the English reference, and the same certificate with another learner's name
    reference = Image.open(REFERENCES / "en-logo-company.png").convert("L")
    other = make_content(**{**CASES["en-logo-company"], "learner_name": "Someone Else Entirely"})

    # Then the comparison tells them apart
    assert differing_share(page_image(render_pdf(other)), reference) > MAX_DIFFERING_SHARE
