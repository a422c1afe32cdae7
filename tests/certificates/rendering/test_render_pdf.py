"""Certificate PDFs: what the text, images and pages of the rendered PDF hold (DESIGN.md §6, issue 4)."""

import hashlib
import io
import multiprocessing
import os
from datetime import date

import pytest
from pypdf import PdfReader

from llp_edx_plugin.certificates.rendering import (
    DEFAULT_ISSUER,
    CompanyLogo,
    RenderError,
    render_batch,
    render_pdf,
    sha256,
)
from llp_edx_plugin.certificates.rendering.renderer import _STATIC_LAYERS_KEPT, _toolkit

from .conftest import (
    COURSE_TITLE,
    FULL_NAME,
    LOGO_SIZE,
    VERIFY_URL,
    image_sizes,
    make_content,
    page_count,
    pdf_text,
    png_bytes,
)

A4_LANDSCAPE = (841.89, 595.28)
QR_SIZE = (37, 37)  # version 5 QR code of the verification URL, one pixel per module


def test_the_pdf_holds_the_full_name_the_course_the_date_and_the_verification_url():
    # Given a certificate of a learner whose name has accents, Greek and Cyrillic letters
    content = make_content()

    # When it is rendered
    pdf = render_pdf(content)

    # Then its text holds all of them
    text = pdf_text(pdf)
    assert FULL_NAME in text
    assert COURSE_TITLE in text
    assert "23 November 2026" in text
    assert VERIFY_URL in text
    assert "92%" in text


def test_the_pdf_is_one_a4_landscape_page_with_the_qr_code():
    pdf = render_pdf(make_content())

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_LANDSCAPE
    assert image_sizes(pdf) == [QR_SIZE]


@pytest.mark.parametrize(
    ("language", "title", "completion_date", "date_text"),
    [
        ("en", "Certificate of Completion", date(2026, 11, 23), "23 November 2026"),
        ("es", "Certificado de finalización", date(2026, 11, 23), "23 de noviembre de 2026"),
        ("fr", "Certificat de réussite", date(2026, 11, 23), "23 novembre 2026"),
        ("fr", "Certificat de réussite", date(2026, 8, 1), "1er août 2026"),
    ],
)
def test_each_built_in_language_renders_its_own_title_and_date(language, title, completion_date, date_text):
    pdf = render_pdf(make_content(language=language, completion_date=completion_date))

    text = pdf_text(pdf)
    assert title in text
    assert date_text in text
    assert PdfReader(io.BytesIO(pdf)).metadata.title == f"{title} — {FULL_NAME}"


def test_the_grade_line_is_left_out_when_there_is_no_grade():
    text = pdf_text(render_pdf(make_content(grade=None)))

    assert "with a final grade of" not in text


def test_the_company_logo_is_embedded_when_given():
    # Given an employee's certificate with the company logo
    content = make_content(company_name="Acme", company_logo=CompanyLogo(data=png_bytes(), mime_type="image/png"))

    # When it is rendered
    pdf = render_pdf(content)

    # Then the PDF draws the logo image next to the QR code
    assert sorted(image_sizes(pdf)) == sorted([QR_SIZE, LOGO_SIZE])


def test_there_is_no_logo_on_an_individuals_certificate():
    pdf = render_pdf(make_content(company_name=None, company_logo=None))

    assert image_sizes(pdf) == [QR_SIZE]


def test_a_logo_is_read_from_django_storage(media_root):
    # Given a logo stored in the default storage
    (media_root / "logos").mkdir()
    (media_root / "logos" / "acme.png").write_bytes(png_bytes((90, 30)))

    # When a certificate names it by path
    pdf = render_pdf(make_content(company_logo=CompanyLogo(storage_path="logos/acme.png")))

    # Then it is embedded
    assert sorted(image_sizes(pdf)) == sorted([QR_SIZE, (90, 30)])


@pytest.mark.parametrize("path", ["logos/missing.png", "../outside.png", "logos/notes.txt"])
def test_an_unreadable_stored_logo_is_a_render_error(media_root, path):
    (media_root / "outside.png").write_bytes(png_bytes())
    (media_root / "logos").mkdir()
    (media_root / "logos" / "notes.txt").write_text("not an image")

    with pytest.raises(RenderError):
        render_pdf(make_content(company_logo=CompanyLogo(storage_path=path)))


def test_a_logo_of_another_type_is_refused_when_built():
    with pytest.raises(ValueError, match="mime_type"):
        CompanyLogo(data=b"<svg/>", mime_type="image/svg+xml")


def test_sha256_is_the_hex_digest_of_the_bytes():
    pdf = render_pdf(make_content())

    assert sha256(pdf) == hashlib.sha256(pdf).hexdigest()


def test_a_batch_gives_one_single_page_pdf_per_certificate_in_order():
    # Given three certificates in three languages, only the second one with a company logo
    names = ["Élodie Lefèvre", "José Ñúñez", "Анна Каренина"]
    logo = CompanyLogo(data=png_bytes(), mime_type="image/png")
    contents = [
        make_content(learner_name=names[0], language="fr"),
        make_content(learner_name=names[1], language="es", company_logo=logo),
        make_content(learner_name=names[2], language="en"),
    ]

    # When they are rendered as a batch
    pdfs = render_batch(contents)

    # Then each PDF is one page with its own learner only, and only the second carries a logo
    assert [page_count(pdf) for pdf in pdfs] == [1, 1, 1]
    texts = [pdf_text(pdf) for pdf in pdfs]
    for index, name in enumerate(names):
        assert [name in text for text in texts] == [other == index for other in range(3)]
    assert ["Certificat de réussite" in texts[0], "Certificado de finalización" in texts[1]] == [True, True]
    assert [sorted(image_sizes(pdf)) for pdf in pdfs] == [[QR_SIZE], sorted([QR_SIZE, LOGO_SIZE]), [QR_SIZE]]


def test_a_split_certificate_does_not_carry_the_other_certificates_images():
    # WeasyPrint shares one resource dictionary between pages: the split must keep only each page's own.
    contents = [make_content(learner_name=f"Learner {index}", verify_url=f"{VERIFY_URL}{index}") for index in range(4)]

    pdfs = render_batch(contents)

    for pdf in pdfs:
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        assert len(page["/Resources"]["/XObject"]) == 1


def test_a_batch_mixing_built_in_and_uploaded_templates_keeps_the_order():
    custom = "<html><body><h1>Custom for {{ learner_name }}</h1></body></html>"
    contents = [
        make_content(learner_name="Ana"),
        make_content(learner_name="Bea", template_name="acme", template_html=custom),
    ]

    pdfs = render_batch(contents)

    assert [page_count(pdf) for pdf in pdfs] == [1, 1]
    assert "Ana" in pdf_text(pdfs[0])
    assert "Custom for Bea" in pdf_text(pdfs[1])


def test_an_empty_batch_renders_nothing():
    assert render_batch([]) == []


def test_one_font_configuration_and_parsed_css_serve_every_render_of_a_process():
    first = _toolkit()
    render_pdf(make_content())

    assert _toolkit() is first


def _render_in_child(_):
    size = len(render_pdf(make_content()))
    return size, _toolkit().pid, os.getpid()


def test_a_forked_worker_renders_with_its_own_toolkit():
    # Given the parent process has built its toolkit
    render_pdf(make_content())

    # When a forked worker renders
    with multiprocessing.get_context("fork").Pool(1) as pool:
        size, toolkit_pid, child_pid = pool.map(_render_in_child, [0])[0]

    # Then it renders a PDF with a toolkit built for its own pid, not the parent's
    assert size > 1000
    assert toolkit_pid == child_pid
    assert child_pid != os.getpid()
    assert _toolkit().pid == os.getpid()


def test_the_static_layer_is_laid_out_once_per_language_and_issuer_and_shows_its_own_issuer():
    # Given a certificate rendered for the default issuer
    render_pdf(make_content())
    layers = _toolkit().static_layers
    default_layer = layers[("en", DEFAULT_ISSUER)]

    # When another learner's certificate and one of another issuer are rendered
    render_pdf(make_content(learner_name="Another Learner"))
    other = render_pdf(make_content(issuer_name="Northwind Academy"))

    # Then the default issuer's layer is reused, the other issuer gets its own, and its PDF names only it
    assert layers[("en", DEFAULT_ISSUER)] is default_layer
    assert ("en", "Northwind Academy") in layers
    text = pdf_text(other)
    assert "Northwind Academy" in text
    assert DEFAULT_ISSUER not in text


def test_the_static_layers_kept_are_bounded():
    for index in range(_STATIC_LAYERS_KEPT + 3):
        render_batch([make_content(issuer_name=f"Issuer {index}")])

    assert len(_toolkit().static_layers) <= _STATIC_LAYERS_KEPT


def test_a_single_pdf_carries_its_title_author_and_language():
    reader = PdfReader(io.BytesIO(render_pdf(make_content(language="fr"))))

    assert reader.metadata.title == f"Certificat de réussite — {FULL_NAME}"
    assert reader.metadata.author == DEFAULT_ISSUER
    assert reader.trailer["/Root"]["/Lang"] == "fr"
