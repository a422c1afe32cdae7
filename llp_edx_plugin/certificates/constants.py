"""The certificates domain's constants: their one home (models, policy, pages and the JS read them from here)."""

from django.db.models import TextChoices

from ..courses.data import BUILT_IN_CERTIFICATE_TEMPLATE


class CertificateStatus(TextChoices):
    DOWNLOADABLE = "downloadable", "Downloadable"
    NOTPASSING = "notpassing", "Not passing"
    GENERATING = "generating", "Generating"
    ERROR = "error", "Error"
    INVALIDATED = "invalidated", "Invalidated"
    DELETED = "deleted", "Deleted"


# A learner holds a certificate while it is downloadable or still being rendered.
ISSUED = (CertificateStatus.DOWNLOADABLE, CertificateStatus.GENERATING)
# Statuses a regeneration run may ask for (CONTRACT.md: already issued, not passing, error).
REGENERABLE = (CertificateStatus.DOWNLOADABLE, CertificateStatus.NOTPASSING, CertificateStatus.ERROR)
# Statuses one certificate may be regenerated from (the Instructor Dashboard's per-learner action).
REGENERABLE_ONE = (CertificateStatus.DOWNLOADABLE, CertificateStatus.ERROR, CertificateStatus.GENERATING)
# Verification's status for an issued certificate whose enrollment or account was removed.
HIDDEN = "hidden"

# The built-in template (named by the courses domain, whose settings offer it) and the languages it speaks.
BUILT_IN_TEMPLATE = BUILT_IN_CERTIFICATE_TEMPLATE
LANGUAGES = ("en", "es", "fr")
DEFAULT_LANGUAGE = "en"


class DownloadKind(TextChoices):
    """Who downloaded a PDF: its holder (the learner, or an employee's Company Admin) or someone taking a copy."""

    HOLDER = "holder", "Holder"
    COPY = "copy", "Copy"
