"""Certificate content in, PDF bytes out (WeasyPrint).

Speed and flat memory come from reusing, per process, one ``FontConfiguration`` and the parsed stylesheets
(DESIGN.md §8 P2). They are created lazily and keyed by pid and thread: a forked worker (Celery prefork,
multiprocessing) builds its own instead of sharing fontconfig state with its parent, and threads never share
a FontConfiguration (WeasyPrint does not promise thread safety).

The built-in template takes a faster path (ADR 0034): what every certificate of a language and issuer shares
(frame, brand, title, captions) is laid out once per process as a static layer, each certificate lays out only
its dynamic layer, and the static layer's laid-out boxes are drawn on its page. Uploaded templates are laid out
whole. Every PDF is written by ``_write_pdf``, one page at a time.
"""

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.template import TemplateSyntaxError
from weasyprint import CSS, HTML, Document
from weasyprint.document import DocumentMetadata
from weasyprint.text.fonts import FontConfiguration

from .data import CertificateContent, RenderError
from .fetcher import RestrictedURLFetcher, site_base_url
from .pdfa import write_options
from .sandbox import render_template
from .templates import (
    BASE_CSS,
    BATCH_CSS,
    CLASSIC_CSS,
    CLASSIC_DYNAMIC_LAYERS,
    CLASSIC_STATIC_LAYERS,
    CLASSIC_TEMPLATES,
    CLASSIC_UA_CSS,
    LABELS,
    template_context,
)

_FONT_FACE = re.compile(r"@font-face", re.IGNORECASE)
# Static layers kept per process: one per (language, issuer name); a bound keeps memory flat whatever comes.
_STATIC_LAYERS_KEPT = 32


@dataclass(frozen=True)
class _StaticLayer:
    """The laid-out static layer of the built-in template for one language and issuer."""

    boxes: tuple  # the boxes inside its .certificate, drawn on every page of that language and issuer
    height: float  # CSS px its flow content takes at the top of .content (the dynamic layer's spacer)
    document: Document  # keeps the boxes' fonts alive


@dataclass(frozen=True)
class _Toolkit:
    pid: int
    font_config: FontConfiguration
    base_css: CSS
    classic_css: CSS
    batch_css: CSS
    classic_ua_css: CSS
    static_layers: dict[tuple[str, str], _StaticLayer] = field(default_factory=dict)


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
            classic_ua_css=CSS(string=CLASSIC_UA_CSS, font_config=font_config, url_fetcher=fetcher),
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
    if content.template_html is None:
        return _classic_pdfs([content], fetcher)[0]
    return _write_pdf(_document(content, fetcher), content)


def render_batch(contents: Sequence[CertificateContent]) -> list[bytes]:
    """Render many certificates: one PDF per certificate, in order.

    Built-in certificates are laid out as ONE HTML document (one parse and cascade set-up for the batch, the
    static layer shared); uploaded templates each as their own document. Each PDF is then written from its own
    page(s), so it holds only its own fonts, QR code and logo.
    """
    built_in = [index for index, content in enumerate(contents) if content.template_html is None]
    pdfs: list[bytes] = [b""] * len(contents)
    if built_in:
        for index, pdf in zip(built_in, _classic_pdfs([contents[i] for i in built_in], None), strict=True):
            pdfs[index] = pdf
    for index, content in enumerate(contents):
        if content.template_html is not None:
            pdfs[index] = render_pdf(content)
    return pdfs


def _write_pdf(document: Document, content: CertificateContent) -> bytes:
    """Write one certificate's PDF: every PDF of the renderer is written here, with these options
    (PDF/A-3b with the signed credential attached, ADR 0033)."""
    return document.write_pdf(**write_options(content))


_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)


class _BuiltInHTML(HTML):
    """Markup of the built-in template: only the user-agent rules its elements need (``CLASSIC_UA_CSS``)."""

    def _ua_stylesheets(self, forms=False):
        return [_toolkit().classic_ua_css]


def _box_of(box, css_class: str):
    """The outermost laid-out box (depth first) of an element with ``css_class``, or None."""
    element = getattr(box, "element", None)
    if element is not None and css_class in (element.get("class") or "").split():
        return box
    for child in getattr(box, "children", ()):
        found = _box_of(child, css_class)
        if found is not None:
            return found
    return None


def _static_layer(toolkit: _Toolkit, language: str, issuer_name: str) -> _StaticLayer:
    """The built-in template's static layer for ``language`` and ``issuer_name``, laid out once per process."""
    key = (language, issuer_name)
    layer = toolkit.static_layers.get(key)
    if layer is not None:
        return layer
    html = render_template(
        CLASSIC_STATIC_LAYERS[language], {"language": language, "issuer_name": issuer_name, "learner_name": ""}
    )
    document = _BuiltInHTML(string=html, base_url=site_base_url(), url_fetcher=RestrictedURLFetcher()).render(
        font_config=toolkit.font_config, stylesheets=[toolkit.base_css, toolkit.classic_css]
    )
    certificate = _box_of(document.pages[0]._page_box, "certificate")
    flow = _box_of(certificate, "content")
    lead = _box_of(flow, "lead")  # the static flow content ends with the "presented" line
    layer = _StaticLayer(
        boxes=tuple(certificate.children),
        height=lead.position_y + lead.margin_height() - flow.content_box_y(),
        document=document,
    )
    if len(toolkit.static_layers) >= _STATIC_LAYERS_KEPT:
        toolkit.static_layers.clear()
    toolkit.static_layers[key] = layer
    return layer


def _classic_document(contents: Sequence[CertificateContent], fetcher: RestrictedURLFetcher | None) -> Document:
    """Built-in certificates as one document, one page each: dynamic layers laid out, static layers drawn in."""
    toolkit = _toolkit()
    layers = [_static_layer(toolkit, content.language, content.issuer_name) for content in contents]
    bodies = []
    for content, layer in zip(contents, layers, strict=True):
        context = {**template_context(content), "static_height": repr(layer.height)}
        match = _BODY.search(render_template(CLASSIC_DYNAMIC_LAYERS[content.language], context))
        if match is None:  # pragma: no cover - the classic templates always have a body
            raise RenderError("Classic template without <body>")
        bodies.append(f'<div class="batch-page" lang="{content.language}">{match.group(1)}</div>')
    html = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>" + "".join(bodies) + "</body></html>"
    document = _BuiltInHTML(
        string=html, base_url=site_base_url(), url_fetcher=fetcher or RestrictedURLFetcher()
    ).render(font_config=toolkit.font_config, stylesheets=[toolkit.base_css, toolkit.classic_css, toolkit.batch_css])
    if len(document.pages) != len(contents):
        raise RenderError(f"Batch document has {len(document.pages)} pages for {len(contents)} certificates")
    for page, layer in zip(document.pages, layers, strict=True):
        certificate = _box_of(page._page_box, "certificate")
        certificate.children = [*layer.boxes, *certificate.children]  # painted first: under the dynamic layer
    return document


def _classic_pdfs(contents: Sequence[CertificateContent], fetcher: RestrictedURLFetcher | None) -> list[bytes]:
    """The PDFs of built-in certificates, each written from its own page of the batch's document."""
    document = _classic_document(contents, fetcher)
    pdfs = []
    for page, content in zip(document.pages, contents, strict=True):
        single = document.copy([page])
        single.metadata = DocumentMetadata(
            title=f"{LABELS[content.language]['title']} — {content.learner_name}",
            authors=[content.issuer_name],
            lang=content.language,
        )
        pdfs.append(_write_pdf(single, content))
    return pdfs
