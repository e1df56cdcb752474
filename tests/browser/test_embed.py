"""Saved widget state renders in a standalone HTML export, with no kernel behind it.

A notebook is executed with `store_widget_state=True`, exported with `jupyter nbconvert
--to html` and opened from disk in Chromium. The export loads require.js, the widgets HTML
manager and anywidget's frontend from public CDNs; those are unreachable here (and a test
must not depend on them), so Playwright answers those URLs with the same files from
`node_modules` (devDependencies pinned in package.json). Every other outside request is
refused, which proves nothing else is needed to draw the view.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_driver import REPO, wait_for_pixel
from nbclient import NotebookClient
from playwright.sync_api import Browser, Route, expect

pytestmark = pytest.mark.browser

NODE_MODULES = REPO / "node_modules"
COLOUR = (200, 30, 60)
CODE = (
    "import nbimage, numpy as np\n"
    f"nbimage.Image(np.full((32, 48, 3), {COLOUR}, np.uint8), caption='embedded')"
)
CELL_TIMEOUT_S = 120

# CDN URL (as written in the export, or built by the HTML manager's loader) -> local file.
# The HTML manager asks jsDelivr for `anywidget@<_model_module_version>/dist/index.js`.
CDN_FILES: list[tuple[re.Pattern[str], Path]] = [
    (
        re.compile(
            r"^https://cdnjs\.cloudflare\.com/ajax/libs/require\.js/[^/]+/require\.min\.js$"
        ),
        NODE_MODULES / "requirejs" / "require.js",
    ),
    (
        re.compile(r"^https://cdn\.jsdelivr\.net/npm/anywidget@[^/]+/dist/index\.js$"),
        NODE_MODULES / "anywidget" / "dist" / "index.js",
    ),
]
# embed-amd.js fetches its fonts relative to its own URL, so the whole dist folder is served.
HTML_MANAGER = re.compile(r"^https://unpkg\.com/@jupyter-widgets/html-manager@[^/]+/dist/(.+)$")
HTML_MANAGER_DIST = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"


def _export_notebook(folder: Path) -> Path:
    """Execute the one-cell notebook, saving widget state, and convert it to HTML."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CODE)]
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(REPO)}},
        store_widget_state=True,
    )
    client.execute()
    source = folder / "embedded.ipynb"
    nbformat.write(nb, source)
    subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "html", str(source)],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=CELL_TIMEOUT_S,
    )
    return folder / "embedded.html"


def _serve_from_node_modules(route: Route) -> None:
    url = route.request.url
    for pattern, path in CDN_FILES:
        if pattern.match(url):
            route.fulfill(path=str(path), content_type="application/javascript")
            return
    manager = HTML_MANAGER.match(url)
    if manager:
        file = (HTML_MANAGER_DIST / manager.group(1)).resolve()
        if file.is_relative_to(HTML_MANAGER_DIST.resolve()) and file.is_file():
            route.fulfill(path=str(file))
            return
    route.abort()  # MathJax and anything else: not needed for the view


def test_html_export_draws_the_saved_picture_without_a_kernel(
    browser: Browser, widget_bundle: Path, tmp_path: Path
) -> None:
    for _, path in CDN_FILES:
        assert path.is_file(), f"{path} is missing: run `npm ci`"
    assert (HTML_MANAGER_DIST / "embed-amd.js").is_file(), "run `npm ci`"
    html = _export_notebook(tmp_path)
    assert "anywidget" in html.read_text(encoding="utf-8"), "the export holds no widget state"

    page = browser.new_page()
    try:
        page.route(re.compile(r"^https?://"), _serve_from_node_modules)
        page.goto(html.as_uri())
        view = page.locator('.nbimage[data-ready="true"]')
        expect(view).to_have_count(1)
        canvas = view.locator("canvas.nbimage-canvas")
        expect(canvas).to_have_attribute("data-width", "48")
        expect(canvas).to_have_attribute("data-height", "32")
        for x, y in [(1, 1), (24, 16), (46, 30)]:
            wait_for_pixel(canvas, x, y, COLOUR)
        expect(view.locator(".nbimage-caption")).to_have_text("embedded")
    finally:
        page.close()
