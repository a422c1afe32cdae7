"""The built-in "classic" certificate templates (English, Spanish, French) and the context every template gets.

Templates are Django template sources rendered in the sandbox (``sandbox.py``) with a dict of plain strings.
The classic look lives in ``CLASSIC_CSS``, parsed once per process by the renderer; the template sources
carry only markup, with the language's labels baked in.
"""

from datetime import date
from html import escape

import segno

from ..constants import BUILT_IN_TEMPLATE
from .data import CertificateContent

CLASSIC_NAME = BUILT_IN_TEMPLATE
CLASSIC_VERSION = 1

# Month names by language: no locale dependency (workers may not have the locales installed).
MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
}  # fmt: skip

LABELS = {
    "en": {
        "title": "Certificate of Completion",
        "presented": "This certifies that",
        "completed": "has successfully completed the training",
        "grade": "with a final grade of",
        "date": "Date of completion",
        "signature": "Authorized signature",
        "verify": "Verify this certificate at",
    },
    "es": {
        "title": "Certificado de finalización",
        "presented": "Se certifica que",
        "completed": "ha completado con éxito la formación",
        "grade": "con una calificación final de",
        "date": "Fecha de finalización",
        "signature": "Firma autorizada",
        "verify": "Verifique este certificado en",
    },
    "fr": {
        "title": "Certificat de réussite",
        "presented": "Nous certifions que",
        "completed": "a suivi avec succès la formation",
        "grade": "avec une note finale de",
        "date": "Date d\N{RIGHT SINGLE QUOTATION MARK}achèvement",
        "signature": "Signature autorisée",
        "verify": "Vérifiez ce certificat sur",
    },
}


def format_date(value: date, language: str) -> str:
    """``23 November 2026`` / ``23 de noviembre de 2026`` / ``23 novembre 2026`` (French: ``1er`` for the 1st)."""
    month = MONTHS[language][value.month - 1]
    if language == "es":
        return f"{value.day} de {month} de {value.year}"
    if language == "fr":
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day} {month} {value.year}"
    return f"{value.day} {month} {value.year}"


def qr_data_uri(url: str) -> str:
    """The verification URL as a QR code: a one-pixel-per-module PNG ``data:`` URI.

    The CSS scales it up with ``image-rendering: pixelated`` so it stays sharp at any zoom. A PNG instead of an
    SVG path because WeasyPrint draws an SVG path of a QR code slowly; a fixed mask because letting segno
    score all eight masks costs ~20 ms per certificate, and any mask decodes equally well.
    """
    return segno.make(url, error="m", mask=0).png_data_uri(border=0, dark="#1f2f4d")


def _length_class(text: str, long: int, very_long: int) -> str:
    """A CSS class for long texts, so a long name or title gets a smaller size instead of running into the footer."""
    if len(text) > very_long:
        return "xlong"
    if len(text) > long:
        return "long"
    return ""


def template_context(content: CertificateContent) -> dict[str, str]:
    """The plain-string dict every template (built-in or uploaded) is rendered with."""
    logo = content.company_logo.data_uri() if content.company_logo is not None else ""
    return {
        "learner_name": content.learner_name,
        "course_title": content.course_title,
        "name_class": _length_class(content.learner_name, 34, 55),
        "course_class": _length_class(content.course_title, 70, 120),
        "course_key": content.course_key,
        "completion_date": format_date(content.completion_date, content.language),
        "completion_date_iso": content.completion_date.isoformat(),
        "grade": content.grade or "",
        "verify_url": content.verify_url,
        "verify_uuid": content.verify_uuid,
        "qr_code": qr_data_uri(content.verify_url),
        "language": content.language,
        "template_name": content.template_name,
        "template_version": str(content.template_version),
        "company_name": content.company_name or "",
        "company_logo": logo,
        "issuer_name": content.issuer_name,
        **{f"label_{key}": text for key, text in LABELS[content.language].items()},
    }


# Shared by every template, uploaded ones included: the page box and the default fonts.
BASE_CSS = """
@page { size: A4 landscape; margin: 0; }
html { font-family: "DejaVu Serif", serif; }
body { margin: 0; }
"""

CLASSIC_CSS = """
html { color: #23262d; }
.certificate {
  position: relative; width: 297mm; height: 210mm; overflow: hidden;
  background: #fffdf8;
}
.frame {
  position: absolute; top: 9mm; left: 9mm; right: 9mm; bottom: 9mm;
  border: 2.4pt solid #1f2f4d;
}
.frame-inner {
  position: absolute; top: 2.2mm; left: 2.2mm; right: 2.2mm; bottom: 2.2mm;
  border: 0.7pt solid #b08d57;
}
.corner {
  position: absolute; width: 8mm; height: 8mm; border-color: #b08d57; border-style: solid;
}
.corner.tl { top: 14.5mm; left: 14.5mm; border-width: 1.4pt 0 0 1.4pt; }
.corner.tr { top: 14.5mm; right: 14.5mm; border-width: 1.4pt 1.4pt 0 0; }
.corner.bl { bottom: 14.5mm; left: 14.5mm; border-width: 0 0 1.4pt 1.4pt; }
.corner.br { bottom: 14.5mm; right: 14.5mm; border-width: 0 1.4pt 1.4pt 0; }
.logo {
  position: absolute; top: 21mm; left: 23mm; max-width: 44mm; max-height: 16mm;
}
.content {
  position: absolute; top: 27mm; left: 34mm; right: 34mm; text-align: center;
}
.brand {
  font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; letter-spacing: 2.6pt;
  text-transform: uppercase; color: #9a7a45; margin: 0;
}
.title {
  font-size: 31pt; font-weight: normal; color: #1f2f4d; margin: 5mm 0 0; letter-spacing: 0.6pt;
}
.ornament {
  width: 64mm; margin: 5mm auto 0; height: 0; border-top: 0.7pt solid #b08d57; position: relative;
}
.ornament span {
  position: absolute; left: 30.6mm; top: -1.7mm; width: 2.6mm; height: 2.6mm;
  background: #b08d57; transform: rotate(45deg);
}
.lead {
  font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #6b7280;
  margin: 9mm 0 0;
}
.name {
  font-size: 33pt; font-style: italic; color: #1f2f4d; margin: 3.5mm 0 0; line-height: 1.2;
}
.name.long { font-size: 26pt; }
.name.xlong { font-size: 21pt; }
.lead.after { margin-top: 5mm; }
.course { font-size: 19pt; font-weight: bold; color: #23262d; margin: 3mm 0 0; line-height: 1.25; }
.course.long { font-size: 16pt; }
.course.xlong { font-size: 13.5pt; }
.grade {
  font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #4b5563; margin: 3.5mm 0 0;
}
.grade strong { font-family: "DejaVu Serif", serif; font-weight: bold; color: #23262d; }
.company { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #4b5563; margin: 2.5mm 0 0; }
.footer {
  position: absolute; left: 38mm; right: 38mm; top: 150mm; height: 34mm;
}
.field {
  position: absolute; top: 0; width: 64mm; text-align: center;
  font-family: "DejaVu Sans", sans-serif;
}
.field.date { left: 0; }
.field.signature { right: 0; }
.field .value {
  font-family: "DejaVu Serif", serif; font-size: 12.5pt; color: #23262d; height: 8mm; line-height: 8mm;
}
.field .line { border-top: 0.7pt solid #23262d; margin-top: 1mm; padding-top: 1.8mm; }
.field .caption { font-size: 7.2pt; letter-spacing: 1pt; text-transform: uppercase; color: #6b7280; }
.field .who {
  font-family: "DejaVu Serif", serif; font-size: 9.5pt; font-weight: bold; color: #23262d; margin-bottom: 0.8mm;
}
.qr {
  position: absolute; left: 50%; margin-left: -12.5mm; top: -3mm; width: 25mm; height: 25mm;
  image-rendering: pixelated;
}
.verify {
  position: absolute; left: 0; right: 0; bottom: 15.5mm; text-align: center; margin: 0;
  font-family: "DejaVu Sans", sans-serif; font-size: 7pt; color: #6b7280;
}
.verify .url { color: #1f2f4d; }
"""

# The user-agent rules the built-in template's elements need, copied from WeasyPrint's html5_ua.css: matching
# the whole HTML user-agent stylesheet against every element costs about 10% of a certificate (ADR 0034).
# Uploaded templates keep the whole stylesheet. The h1 keeps its bookmark (the PDF's outline).
CLASSIC_UA_CSS = """
head, meta, title, style, script { display: none }
html, body, div, p, h1 { display: block }
html { color-scheme: light }
body { margin: 8px }
p { margin-top: 1em; margin-bottom: 1em }
h1 {
  margin-top: .67em; margin-bottom: .67em; font-size: 2em; font-weight: bold;
  bookmark-level: 1; bookmark-label: content(text); hyphens: manual; break-after: avoid; break-inside: avoid;
}
strong { font-weight: bold }
img { overflow: hidden }
@page { margin: 75px; @footnote { margin-top: 1em } }
"""

# A batch of classic certificates laid out as one document: one certificate per page.
BATCH_CSS = """
.batch-page { break-after: page; }
.batch-page:last-child { break-after: auto; }
"""

_HEAD = """<!DOCTYPE html>
<html lang="{{ language }}">
<head>
<meta charset="utf-8"><meta name="author" content="{{ issuer_name }}">
<title>[[title]] — {{ learner_name }}</title>
</head>
<body>
<div class="certificate">
"""
_FRAME = """  <div class="frame"><div class="frame-inner"></div></div>
  <div class="corner tl"></div><div class="corner tr"></div><div class="corner bl"></div><div class="corner br"></div>
"""
_LOGO = """  {% if company_logo %}<img class="logo" src="{{ company_logo }}" alt="{{ company_name }}">{% endif %}
"""
_CONTENT_STATIC = """    <p class="brand">{{ issuer_name }}</p>
    <h1 class="title">[[title]]</h1>
    <div class="ornament"><span></span></div>
    <p class="lead">[[presented]]</p>
"""
# Stands for _CONTENT_STATIC in the dynamic layer: the height it takes there, measured in the static layer.
_CONTENT_SPACER = """    <div style="height: {{ static_height }}px"></div>
"""
_CONTENT_DYNAMIC = """    <p class="name {{ name_class }}">{{ learner_name }}</p>
    <p class="lead after">[[completed]]</p>
    <p class="course {{ course_class }}">{{ course_title }}</p>
    {% if grade %}<p class="grade">[[grade]] <strong>{{ grade }}</strong></p>{% endif %}
    {% if company_name %}<p class="company">{{ company_name }}</p>{% endif %}
"""
_DATE_LINE = """      <div class="line"><div class="caption">[[date]]</div></div>
"""
_SIGNATURE = """    <div class="field signature">
      <div class="value"></div>
      <div class="line"><div class="who">{{ issuer_name }}</div><div class="caption">[[signature]]</div></div>
    </div>
"""
_QR = """    <img class="qr" src="{{ qr_code }}" alt="">
"""
_VERIFY = """  <p class="verify">[[verify]] <span class="url">{{ verify_url }}</span></p>
"""


def _classic_skeleton(*, static: bool = True, dynamic: bool = True) -> str:
    """The classic markup: the whole template, or only its static or only its dynamic layer (ADR 0034).

    The static layer is what every certificate of a language and issuer shares (frame, brand, title, captions);
    the dynamic layer is the rest, with a spacer where the static flow content was, so that each element of
    either layer sits exactly where it sits in the whole template.
    """

    def static_only(text: str) -> str:
        return text if static else ""

    def dynamic_only(text: str) -> str:
        return text if dynamic else ""

    return (
        _HEAD
        + static_only(_FRAME)
        + dynamic_only(_LOGO)
        + '  <div class="content">\n'
        + (_CONTENT_STATIC if static else _CONTENT_SPACER)
        + dynamic_only(_CONTENT_DYNAMIC)
        + "  </div>\n"
        + '  <div class="footer">\n    <div class="field date">\n'
        + f'      <div class="value">{dynamic_only("{{ completion_date }}")}</div>\n'
        + static_only(_DATE_LINE)
        + "    </div>\n"
        + static_only(_SIGNATURE)
        + dynamic_only(_QR)
        + "  </div>\n"
        + dynamic_only(_VERIFY)
        + "</div>\n</body>\n</html>\n"
    )


def _classic_source(language: str, skeleton: str) -> str:
    source = skeleton
    for key, text in LABELS[language].items():
        source = source.replace(f"[[{key}]]", escape(text, quote=True))
    return source


# language -> Django template source of the built-in classic template.
CLASSIC_TEMPLATES = {language: _classic_source(language, _classic_skeleton()) for language in LABELS}
# language -> the static and the dynamic layer of the classic template (the renderer's fast path, ADR 0034).
CLASSIC_STATIC_LAYERS = {language: _classic_source(language, _classic_skeleton(dynamic=False)) for language in LABELS}
CLASSIC_DYNAMIC_LAYERS = {language: _classic_source(language, _classic_skeleton(static=False)) for language in LABELS}
