"""Browser fixtures: Debian's chromium driven by Playwright against pytest-django's ``live_server``.

No browser is ever downloaded: without /usr/bin/chromium the tests skip with the reason (and fail under
LLP_REQUIRE_SERVICES=1). Tests need ``pytest.mark.django_db(transaction=True)`` so the live server thread
sees the rows they create. Screenshots go to tests/e2e/screenshots/ (git-ignored).
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import missing_service

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless chromium for the whole session."""
    if not CHROMIUM.exists():
        missing_service(f"needs Debian chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the test requirements
        missing_service("needs the playwright Python package")
    # Playwright's sync API runs an event loop in this thread; the ORM calls tests make between browser
    # steps are still synchronous, so Django's "async context" guard must not refuse them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(PHONE)``: a page in a fresh context (no cookies) of that viewport size.

    Every response with status >= 400 is recorded on ``page.failed_responses`` so tests can assert that
    the page's CSS and scripts loaded.
    """
    contexts = []

    def make(viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or LAPTOP, base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)  # two test processes share 2 cores in CI: a PDF render can take a while
        page.failed_responses = []
        page.on("response", lambda response: response.status >= 400 and page.failed_responses.append(response.url))
        return page

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG as tests/e2e/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def log_in(page, username: str, password: str) -> None:
    """Sign in through the /login form."""
    page.goto("/login")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
