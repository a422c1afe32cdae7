"""LLP_CERTIFICATES["URL_PREFIX"]: where the plugin lives inside Open edX, checked at start-up (ADR 0039)."""

import pytest

from llp_edx_plugin.checks import check_llp_settings


@pytest.mark.parametrize(
    ("prefix", "ok"),
    [
        ("llp/", True),
        ("llp", True),
        ("/certificates/llp/", True),
        ("llp-certs_2", True),
        ("", False),
        ("/", False),
        ("llp/<str:x>/", False),
        ("^llp", False),
        ("llp//x", False),
        (None, False),
    ],
)
def test_the_prefix_is_checked(settings, prefix, ok):
    settings.LLP_CERTIFICATES = {"URL_PREFIX": prefix}

    ids = [error.id for error in check_llp_settings(None)]

    assert ("llp.E039" not in ids) is ok


def test_the_platform_urls_mount_everything_under_the_configured_prefix(settings):
    import importlib

    from llp_edx_plugin import platform_urls, urls

    settings.LLP_CERTIFICATES = {"URL_PREFIX": "/certs/"}
    try:
        mounted = importlib.reload(platform_urls).urlpatterns
        assert [str(pattern.pattern) for pattern in mounted] == ["certs/"]
        # Every route of the plugin, then the JSON 404 of any other api/ path.
        assert mounted[0].url_patterns[: len(urls.urlpatterns)] == urls.urlpatterns
        assert str(mounted[0].url_patterns[-1].pattern) == "^api/"
        settings.LLP_CERTIFICATES = {"URL_PREFIX": "/"}
        with pytest.raises(ValueError, match="must not be empty"):
            importlib.reload(platform_urls)
    finally:
        settings.LLP_CERTIFICATES = {}
        importlib.reload(platform_urls)
