"""Slow: every chapter opens in headless Chromium, served on localhost with every other
host unreachable, and every chart draws with no console error."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import socketserver
import subprocess
import tempfile
import threading

import pytest

from tests.test_book_build import CHAPTERS

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def served_book(built_book):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian package: chromium)")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(built_book))
    handler.log_message = lambda *args: None
    server = socketserver.TCPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def open_page(url: str) -> tuple[str, list[str]]:
    """The page's DOM after scripts ran, and the console messages Chromium logged."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
             "--enable-logging=stderr", "--v=0", "--virtual-time-budget=15000",
             "--dump-dom", url],
            capture_output=True, text=True, timeout=120)
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    return result.stdout, console


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_charts_draw_with_no_console_error(served_book, chapter):
    dom, console = open_page(f"{served_book}/notebooks/{chapter}.html")
    charts = re.findall(r'<div id="(tt-chart-[\w-]+)" class="tt-chart-canvas[^"]*"[^>]*>(.*?)'
                        r'</figure>', dom, flags=re.S)
    for chart_id, inner in charts:
        assert "<svg" in inner and re.search(r"<path|<rect|<circle", inner), chart_id
    errors = [line for line in console if re.search(r"error|uncaught|failed", line, re.I)]
    assert not errors, errors


def test_a_chart_chapter_has_its_charts(served_book):
    dom, _ = open_page(f"{served_book}/notebooks/02_meetings.html")
    assert 'id="tt-chart-meetings-timeline"' in dom
