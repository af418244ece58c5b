"""Browser fixtures for the web widget: Debian's Chromium (/usr/bin/chromium) driven by Playwright for Python.

The browser tests run against the demo page served by the real Rasa server (the `kyra_server` fixture) under
its strict CSP. They skip, saying why, when Chromium or Playwright is missing (`make browser-deps` installs
Chromium with apt-get; Playwright comes from requirements). No browser is ever downloaded.
"""
import os
from pathlib import Path
from typing import Callable, Iterator, List

import pytest

from bot import ROOT

CHROMIUM = Path(os.environ.get("KYRA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPORTS = ROOT / "reports"
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} and could not be installed: "
                    "run `make browser-deps` (apt-get install -y chromium chromium-driver) as root")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed: `.venv/bin/pip install playwright` (requirements.in)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Widget:
    """One browser tab on a demo page, and the widget's iframe in it."""

    def __init__(self, context, base: str) -> None:
        self.context = context
        self.base = base
        self.page = context.new_page()
        self.console: List[str] = []
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))

    def goto(self, path: str = "/widget/demo/") -> "Widget":
        self.page.goto(self.base + path)
        self.page.wait_for_selector("iframe")
        self.frame.locator("#launch").wait_for(state="visible")
        return self

    @property
    def iframe(self):
        return self.page.locator("iframe")

    @property
    def frame(self):
        return self.page.wait_for_selector("iframe", state="attached").content_frame()

    def open(self, dismiss: bool = True) -> "Widget":
        self.frame.click("#launch")
        self.frame.locator("#panel").wait_for(state="visible")
        if dismiss:
            self.frame.click("#dismiss")
        return self

    def send(self, text: str, timeout: float = 90_000):
        """Type a message, press Enter, wait for the answer; returns the bot bubbles that answer it."""
        bots = self.frame.locator(".msg.bot")
        before = bots.count()
        self.frame.fill("#message", text)
        self.frame.press("#message", "Enter")
        bots.nth(before).wait_for(timeout=timeout)
        self.frame.locator(".typing").wait_for(state="detached", timeout=timeout)
        return [bots.nth(i) for i in range(before, bots.count())]

    def csp_violations(self) -> List[str]:
        return [m for m in self.console if "Content Security Policy" in m or "Refused to" in m]

    def storage(self, frame=None) -> dict:
        target = frame or self.frame
        return target.evaluate("({local: localStorage.length, session: sessionStorage.length,"
                               " sessionKeys: Object.keys(sessionStorage), cookie: document.cookie})")

    def screenshot(self, name: str) -> Path:
        REPORTS.mkdir(exist_ok=True)
        path = REPORTS / name
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def widget(browser, kyra_server) -> Iterator[Callable[..., Widget]]:
    """Factory: widget(viewport=..., bypass_csp=False, **context options) -> Widget (not yet on a page)."""
    contexts = []

    def make(viewport=None, **options) -> Widget:
        context = browser.new_context(viewport=viewport or DESKTOP, **options)
        contexts.append(context)
        return Widget(context, kyra_server)

    yield make
    for context in contexts:
        context.close()
