"""marimo runs an app whose cells' values are nbimage views: drawn, and the legend works.

`marimo run` (the dev install's) serves a small app on 127.0.0.1. marimo renders anywidget
views itself, each inside a shadow root (`<marimo-anywidget>`); Playwright's CSS locators
reach into open shadow roots. One cell's value is an `Image` (its mimebundle's widget view),
the other's `nbimage.show(...)`, the two ways the README gives.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hosts import VIEW_CODE, check_toggle, free_port, serving
from jupyter_driver import RENDER_TIMEOUT_MS, SCREENSHOTS
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

APP = f"""import marimo

app = marimo.App()


@app.cell
def _():
{textwrap.indent(VIEW_CODE, "    ")}
    view
    return nbimage, pixels


@app.cell
def _(nbimage, pixels):
    nbimage.show([pixels, pixels[::-1]])
    return


if __name__ == "__main__":
    app.run()
"""


@pytest.fixture(scope="module")
def marimo_url(tmp_path_factory: pytest.TempPathFactory, widget_bundle: Path) -> Iterator[str]:
    root = tmp_path_factory.mktemp("marimo")
    (root / "app.py").write_text(APP, encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "marimo", "run", "app.py", "--headless", "--no-token"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with serving(command, f"http://127.0.0.1:{port}/", root, root / "marimo.log") as url:
        yield url


def test_marimo_draws_the_views_and_a_class_toggle_repaints(
    browser: Browser, marimo_url: str
) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    try:
        page.goto(marimo_url)
        views = page.locator(".nbimage")
        expect(views).to_have_count(2)
        single, grid = views.nth(0), views.nth(1)
        expect(single).to_have_attribute("data-view", "single")
        check_toggle(single)
        expect(grid).to_have_attribute("data-view", "grid")
        expect(grid).to_have_attribute("data-ready", "true")
        expect(grid.locator("canvas.nbimage-canvas")).to_have_count(2)
        # Inside marimo's shadow roots: the view's stylesheet reached them.
        assert single.evaluate("(el) => getComputedStyle(el).position") == "relative"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "marimo.png"), full_page=True)
    finally:
        page.close()
    assert errors == []
