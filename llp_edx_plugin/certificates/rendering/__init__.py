"""Certificate PDFs: plain certificate content in, PDF bytes out (DESIGN.md §6).

Callers use only the names below; nothing here touches the database.
"""

from .data import DEFAULT_ISSUER, LANGUAGES, CertificateContent, CompanyLogo, RenderError
from .fetcher import RestrictedURLFetcher
from .renderer import certificate_html, render_batch, render_pdf, sha256
from .sandbox import validate_custom_template
from .templates import CLASSIC_NAME, CLASSIC_TEMPLATES, CLASSIC_VERSION, format_date

__all__ = [
    "CLASSIC_NAME",
    "CLASSIC_TEMPLATES",
    "CLASSIC_VERSION",
    "DEFAULT_ISSUER",
    "LANGUAGES",
    "CertificateContent",
    "CompanyLogo",
    "RenderError",
    "RestrictedURLFetcher",
    "certificate_html",
    "format_date",
    "render_batch",
    "render_pdf",
    "sha256",
    "validate_custom_template",
]
