"""Sharing a certificate: LinkedIn's "Add to profile" link (a pure function)."""

from datetime import datetime
from urllib.parse import urlencode

LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def linkedin_add_to_profile_url(
    *, name: str, organization: str, issued_at: datetime | None, cert_id: str, cert_url: str
) -> str:
    """LinkedIn's add-to-profile URL for a certification (issue year and month only when it was issued)."""
    params = {"startTask": "CERTIFICATION_NAME", "name": name, "organizationName": organization}
    if issued_at is not None:
        params.update(issueYear=str(issued_at.year), issueMonth=str(issued_at.month))
    params.update(certId=cert_id, certUrl=cert_url)
    return f"{LINKEDIN_ADD_TO_PROFILE}?{urlencode(params)}"
