"""Links to the plugin's own pages and endpoints, by URL name (the plugin may be mounted under a prefix).

Inside Open edX the plugin's URLs are included under a prefix (``/llp/``) with the namespace ``llp_edx_plugin``
(``apps.py``); standalone, ``llp_edx_plugin/urls.py`` names the same namespace. So a path is never typed: Python
calls these, templates use ``{% url "llp_edx_plugin:..." %}``, JavaScript reads URLs from the page.
"""

from django.urls import reverse

NAMESPACE = "llp_edx_plugin"


def url(name: str, **kwargs: object) -> str:
    """The path of the plugin's URL ``name`` (``"pages:progress"``, ``"api_v1:job"``, ...)."""
    return reverse(f"{NAMESPACE}:{name}", kwargs={k: str(v) for k, v in kwargs.items()})


def certificate_download(uuid: str) -> str:
    """``/certificates/{uuid}/download``: the PDF, for those allowed."""
    return url("pages:certificate-download", uuid=uuid)


def progress_page(course_key: str) -> str:
    """``/courses/{course_key}/progress``."""
    return url("pages:progress", course_key=course_key)


def xblock_handler(course_key: str, usage_key: str, handler: str) -> str:
    """``/courses/{course_key}/xblock/{usage_key}/handler/{handler}``: where the page calls a block's handler."""
    return url("xblock_handler", course_key=course_key, usage_key=usage_key, handler=handler)
