"""The restricted URL fetcher: data: URIs and the project's own static/media files, nothing else."""

import base64
import os

import pytest

from llp_edx_plugin.certificates.rendering import RestrictedURLFetcher, render_pdf
from llp_edx_plugin.certificates.rendering.fetcher import RefusedURL

from .conftest import image_sizes, make_content, png_bytes

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def static_dir(settings, tmp_path):
    """A static folder found by the staticfiles finders, holding one image and one stylesheet."""
    folder = tmp_path / "static"
    (folder / "certs").mkdir(parents=True)
    (folder / "certs" / "seal.png").write_bytes(png_bytes((50, 50)))
    (folder / "certs" / "extra.css").write_text("p { color: red; }")
    settings.STATICFILES_DIRS = [str(folder)]
    return folder


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/x.png",
        "ftp://example.com/x.png",
        "gopher://example.com/x",
        f"{SITE}/admin/",
        f"{SITE}/static/../../etc/passwd",
        f"{SITE}/static/%2e%2e/%2e%2e/etc/passwd",
        f"{SITE}/static/certs/..%2f..%2fetc/passwd",
        f"{SITE}/media/../settings/base.py",
        f"{SITE}/media/reports/grades.csv",
        f"{SITE}/media/escape.png",
        f"{SITE}/media/missing.png",
        f"http://evil.example.com{SITE}/static/certs/seal.png",
        "data:image/png;base64",
    ],
)
def test_the_fetcher_refuses_everything_else(media_root, static_dir, url):
    # Given a report and a symlink out of the media folder
    (media_root / "reports").mkdir()
    (media_root / "reports" / "grades.csv").write_text("email,grade\n")
    os.symlink("/etc/passwd", media_root / "escape.png")
    fetcher = RestrictedURLFetcher()

    # When the URL is fetched, then it is refused and recorded as such
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_data_uris():
    data = png_bytes((3, 3))
    uri = "data:image/png;base64," + base64.b64encode(data).decode()

    response = RestrictedURLFetcher().fetch(uri)

    assert (response.read(), response.content_type) == (data, "image/png")


def test_the_fetcher_serves_the_projects_static_files(static_dir):
    response = RestrictedURLFetcher().fetch(f"{SITE}/static/certs/seal.png")

    assert (response.read(), response.content_type) == ((static_dir / "certs" / "seal.png").read_bytes(), "image/png")


def test_the_fetcher_serves_media_images(media_root):
    (media_root / "logos").mkdir()
    (media_root / "logos" / "acme.png").write_bytes(png_bytes((7, 7)))

    response = RestrictedURLFetcher().fetch(f"{SITE}/media/logos/acme.png")

    assert response.read() == (media_root / "logos" / "acme.png").read_bytes()


def test_a_template_may_use_relative_static_and_media_urls(media_root, static_dir):
    # Given a template using a static image, a static stylesheet and a media image by relative URL
    (media_root / "seal2.png").write_bytes(png_bytes((60, 60)))
    template = (
        '<html><head><link rel="stylesheet" href="/static/certs/extra.css"></head><body>'
        '<img src="/static/certs/seal.png"><img src="/media/seal2.png"><p>{{ learner_name }}</p></body></html>'
    )
    fetcher = RestrictedURLFetcher()

    # When it is rendered
    pdf = render_pdf(make_content(template_html=template), fetcher=fetcher)

    # Then the three were served from disk and the images are in the PDF
    assert fetcher.refused == []
    assert len(fetcher.attempts) == 3
    assert sorted(image_sizes(pdf)) == [(50, 50), (60, 60)]
