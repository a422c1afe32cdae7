"""Certificate content in, PDF bytes out (WeasyPrint).

Speed and flat memory come from reusing, per process, one ``FontConfiguration`` and the parsed stylesheets
(DESIGN.md §8 P2). They are created lazily and keyed by pid and thread: a forked worker (Celery prefork,
multiprocessing) builds its own instead of sharing fontconfig state with its parent, and threads never share
a FontConfiguration (WeasyPrint does not promise thread safety).
"""

import hashlib
import io
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from django.template import TemplateSyntaxError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration

from .data import CertificateContent, RenderError
from .fetcher import RestrictedURLFetcher, site_base_url
from .pdfa import batch_options, finish_split, write_options
from .sandbox import render_template
from .templates import BASE_CSS, BATCH_CSS, CLASSIC_CSS, CLASSIC_TEMPLATES, LABELS, template_context

_FONT_FACE = re.compile(r"@font-face", re.IGNORECASE)


@dataclass(frozen=True)
class _Toolkit:
    pid: int
    font_config: FontConfiguration
    base_css: CSS
    classic_css: CSS
    batch_css: CSS


_local = threading.local()


def _toolkit() -> _Toolkit:
    """This process's (and thread's) FontConfiguration and parsed CSS, built on first use."""
    toolkit = getattr(_local, "toolkit", None)
    if toolkit is None or toolkit.pid != os.getpid():
        font_config = FontConfiguration()
        fetcher = RestrictedURLFetcher()
        toolkit = _Toolkit(
            pid=os.getpid(),
            font_config=font_config,
            base_css=CSS(string=BASE_CSS, font_config=font_config, url_fetcher=fetcher),
            classic_css=CSS(string=CLASSIC_CSS, font_config=font_config, url_fetcher=fetcher),
            batch_css=CSS(string=BATCH_CSS, font_config=font_config, url_fetcher=fetcher),
        )
        _local.toolkit = toolkit
    return toolkit


def sha256(data: bytes) -> str:
    """Hex SHA-256 of PDF bytes (stored next to the PDF)."""
    return hashlib.sha256(data).hexdigest()


def certificate_html(content: CertificateContent) -> str:
    """The HTML of one certificate: its template rendered in the sandbox with the plain-string context."""
    source = content.template_html if content.template_html is not None else CLASSIC_TEMPLATES[content.language]
    try:
        return render_template(source, template_context(content))
    except TemplateSyntaxError as exc:
        raise RenderError(f"Template {content.template_name!r} v{content.template_version}: {exc}") from exc


def stylesheets_for(content: CertificateContent) -> list[CSS]:
    """The process's parsed stylesheets that apply to ``content`` (classic CSS only for built-in templates)."""
    toolkit = _toolkit()
    if content.template_html is None:
        return [toolkit.base_css, toolkit.classic_css]
    return [toolkit.base_css]


def _document(content: CertificateContent, fetcher: RestrictedURLFetcher | None) -> Document:
    html = certificate_html(content)
    toolkit = _toolkit()
    # An uploaded template's own @font-face rules would pile up in the shared FontConfiguration (memory grows,
    # and its fonts would leak into later certificates): such a template gets a configuration of its own.
    font_config = FontConfiguration() if _FONT_FACE.search(html) else toolkit.font_config
    document = HTML(string=html, base_url=site_base_url(), url_fetcher=fetcher or RestrictedURLFetcher()).render(
        font_config=font_config, stylesheets=stylesheets_for(content)
    )
    if not document.pages:
        raise RenderError(f"Template {content.template_name!r} v{content.template_version} produced no page")
    return document


def render_pdf(content: CertificateContent, *, fetcher: RestrictedURLFetcher | None = None) -> bytes:
    """Render one certificate to PDF bytes. Pass ``fetcher`` to see afterwards which URLs were refused."""
    return _document(content, fetcher).write_pdf(**write_options(content))


def render_batch(contents: Sequence[CertificateContent]) -> list[bytes]:
    """Render many certificates as one PDF document, then split it: one PDF per certificate, in order.

    Built-in certificates are laid out as ONE HTML document (one parse and cascade set-up for the batch), and
    the batch is written once (each font subset once); pypdf then splits it per certificate. Each split page
    keeps only the resources its content uses, so no certificate carries another learner's QR code or logo.
    """
    if not contents:
        return []
    document, page_counts = _batch_document(contents)
    combined = PdfReader(io.BytesIO(document.write_pdf(**batch_options())))
    if len(combined.pages) != sum(page_counts):
        raise RenderError(f"Batch PDF has {len(combined.pages)} pages, expected {sum(page_counts)}")
    results: list[bytes] = []
    start = 0
    for content, count in zip(contents, page_counts, strict=True):
        writer = PdfWriter()
        for page in combined.pages[start : start + count]:
            _keep_used_resources(page)
            writer.add_page(page)
        start += count
        finish_split(writer, combined, content, f"{LABELS[content.language]['title']} — {content.learner_name}")
        buffer = io.BytesIO()
        writer.write(buffer)
        results.append(buffer.getvalue())
    return results


_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)


def _batch_document(contents: Sequence[CertificateContent]) -> tuple[Document, list[int]]:
    """One WeasyPrint document for the batch, and how many pages each certificate has in it."""
    if all(content.template_html is None for content in contents):
        bodies = []
        for content in contents:
            match = _BODY.search(certificate_html(content))
            if match is None:  # pragma: no cover - the classic templates always have a body
                raise RenderError("Classic template without <body>")
            bodies.append(f'<div class="batch-page" lang="{content.language}">{match.group(1)}</div>')
        html = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>" + "".join(bodies) + "</body></html>"
        toolkit = _toolkit()
        document = HTML(string=html, base_url=site_base_url(), url_fetcher=RestrictedURLFetcher()).render(
            font_config=toolkit.font_config, stylesheets=[toolkit.base_css, toolkit.classic_css, toolkit.batch_css]
        )
        if len(document.pages) != len(contents):
            raise RenderError(f"Batch document has {len(document.pages)} pages for {len(contents)} certificates")
        return document, [1] * len(contents)
    documents = [_document(content, None) for content in contents]
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages), [len(document.pages) for document in documents]


# PDF name tokens in a content stream (resource names such as /F1, /Im3, /GS0).
_NAME = re.compile(rb"/([^\s/\[\]()<>{}%]+)")
_RESOURCE_KINDS = ("/Font", "/XObject", "/ExtGState", "/Pattern", "/Shading", "/ColorSpace", "/Properties")


def _names_in(stream) -> set[str]:
    return {"/" + name.decode("latin-1") for name in _NAME.findall(stream.get_data())}


def _inner_streams(resource) -> list:
    """Content streams inside a resource that may name further resources of the page (forms, tiling patterns)."""
    streams = []
    if resource.get("/Subtype") == "/Form" or resource.get("/PatternType") == 1:
        streams.append(resource)
    soft_mask = resource.get("/SMask")
    if soft_mask is not None and hasattr(soft_mask.get_object(), "get") and "/G" in soft_mask.get_object():
        streams.append(soft_mask.get_object()["/G"].get_object())
    return streams


def _keep_used_resources(page) -> None:
    """Give ``page`` its own /Resources holding only what its content (and the forms it draws) names.

    WeasyPrint shares one resource dictionary between all pages of a document; copied as is, every split
    certificate would embed the images and fonts of the whole batch.
    """
    resources = page["/Resources"].get_object()
    used = _names_in(page.get_contents()) if page.get_contents() is not None else set()
    kept: dict[str, DictionaryObject] = {kind: DictionaryObject() for kind in _RESOURCE_KINDS if kind in resources}
    changed = True
    while changed:
        changed = False
        for kind, entries in kept.items():
            for name, value in resources[kind].get_object().items():
                if name in used and name not in entries:
                    entries[NameObject(name)] = value
                    changed = True
                    for stream in _inner_streams(value.get_object()):
                        used |= _names_in(stream)
    pruned = DictionaryObject({NameObject(key): value for key, value in resources.items() if key not in kept})
    pruned.update({NameObject(kind): entries for kind, entries in kept.items()})
    page[NameObject("/Resources")] = pruned
