"""Voilà serves a notebook as an app: the view draws its picture and its legend works.

`voila` (the dev install's) serves a notebook written here on 127.0.0.1; Voilà runs it in a
kernel and renders the outputs with its own widget manager, which loads anywidget's
frontend from the installed lab extension (no CDN).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hosts import VIEW_CODE, check_toggle, free_port, serving
from jupyter_driver import RENDER_TIMEOUT_MS, SCREENSHOTS, write_notebook
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def voila_url(tmp_path_factory: pytest.TempPathFactory, widget_bundle: Path) -> Iterator[str]:
    root = tmp_path_factory.mktemp("voila")
    write_notebook(root / "view.ipynb", [VIEW_CODE + "\nview"])
    port = free_port()
    command = [sys.executable, "-m", "voila", "view.ipynb", "--no-browser"]
    command += [f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"]
    with serving(command, f"http://127.0.0.1:{port}/", root, root / "voila.log") as url:
        yield url


def test_voila_draws_the_view_and_a_class_toggle_repaints(browser: Browser, voila_url: str) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    try:
        page.goto(voila_url)
        view = page.locator(".nbimage")
        check_toggle(view)
        assert view.locator(".nbimage-caption").inner_text() == "served"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "voila.png"))
    finally:
        page.close()
    assert errors == []
