"""The same view in Notebook 7 (`/notebooks/...` on the same server)."""

from __future__ import annotations

import pytest
from jupyter_driver import JupyterServer, open_notebook, wait_for_pixel
from playwright.sync_api import Browser, expect

from nbimage.palette import class_rgb

pytestmark = pytest.mark.browser

CELLS = [
    "import numpy as np\n"
    "import nbimage\n"
    "pic = np.zeros((40, 60, 3), np.uint8)\n"
    "pic[:, :] = (20, 160, 90)\n"
    "boxes = {'pred': {'box_data': [{'position': {'minX': 0.25, 'maxX': 0.75, 'minY': 0.25,"
    " 'maxY': 0.75}, 'class_id': 3, 'box_caption': 'thing'}]}}\n"
    "nb7 = nbimage.show(nbimage.Image(pic, caption='in Notebook 7', boxes=boxes))\n"
    "nb7",
]


def test_notebook_7_draws_the_picture_and_its_box(
    browser: Browser, jupyter_server: JupyterServer
) -> None:
    notebook = open_notebook(browser, jupyter_server, "nb7.ipynb", CELLS, frontend="notebook")
    try:
        assert "/notebooks/nb7.ipynb" in notebook.page.url
        notebook.run_all()
        view = notebook.view(0)
        canvas = view.locator("canvas.nbimage-canvas")
        wait_for_pixel(canvas, 5, 35, (20, 160, 90))
        # A fraction-domain box: its left edge sits at x = 0.25 * 60 = 15.
        wait_for_pixel(canvas, 15, 20, class_rgb(3), tolerance=40)
        expect(view.locator(".nbimage-caption")).to_have_text("in Notebook 7")
        notebook.run_code("nb7.hidden_classes = {'pred': [3]}")
        wait_for_pixel(canvas, 15, 20, (20, 160, 90))
        notebook.screenshot("notebook7", notebook.cell(0))
    finally:
        notebook.page.context.close()
