"""Grids (every item drawn, paging driven from both sides) and the comparison view."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jupyter_driver import JupyterServer, Notebook, open_notebook, wait_for_pixel
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

COLOURS = [
    (255, 0, 0),
    (0, 255, 0),
    (0, 0, 255),
    (255, 255, 0),
    (0, 255, 255),
    (255, 0, 255),
    (128, 128, 128),
]

CELLS = [
    f"""
import numpy as np
import nbimage
from nbimage import Image

colours = {COLOURS}
tiles = [Image(np.full((24, 32, 3), c, np.uint8), caption=f"tile {{i}}")
         for i, c in enumerate(colours)]
""",
    "g = nbimage.show(tiles, columns=3)\ng",
    "pages = nbimage.show([np.full((8, 8), 20 * i, np.uint8) for i in range(12)], page_size=5)\n"
    "pages",
    # A ramp from -50 to 300: clipped at both ends by the logged rule, wrapped by 0.31.
    "ramp = np.tile(np.linspace(-50, 300, 64, dtype=np.float32), (16, 1))\n"
    "c = nbimage.compare(ramp)\n"
    "c",
    # wandb's grouping: a new row after every 2 pictures.
    "nbimage.show([Image(np.full((8, 8), 40 * i, np.uint8), grouping=2 if i == 0 else None)\n"
    "              for i in range(5)])",
]


@pytest.fixture(scope="module")
def notebook(browser: Browser, jupyter_server: JupyterServer) -> Iterator[Notebook]:
    notebook = open_notebook(browser, jupyter_server, "grid_compare.ipynb", CELLS)
    notebook.run_all()
    yield notebook
    notebook.page.context.close()


def test_every_grid_item_is_drawn_with_its_own_picture(notebook: Notebook) -> None:
    view = notebook.view(1)
    expect(view).to_have_attribute("data-view", "grid")
    items = view.locator(".nbimage-grid .nbimage-item")
    expect(items).to_have_count(len(COLOURS))
    expect(view).to_have_attribute("data-painted", str(len(COLOURS)))
    for index, colour in enumerate(COLOURS):
        item = view.locator(f".nbimage-item[data-index='{index}']")
        expect(item.locator(".nbimage-caption")).to_have_text(f"tile {index}")
        wait_for_pixel(item.locator("canvas.nbimage-canvas"), 16, 12, colour)
    notebook.screenshot("grid", notebook.cell(1))


def test_paging_from_the_browser_and_from_python(notebook: Notebook) -> None:
    view = notebook.view(2)
    note = view.locator(".nbimage-pager[data-position='bottom'] .nbimage-page-note")
    expect(note).to_contain_text("1–5 of 12")
    expect(view.locator(".nbimage-item")).to_have_count(5)

    view.locator(".nbimage-pager[data-position='bottom'] button[data-action='next']").click()
    expect(note).to_contain_text("6–10 of 12")
    first = view.locator(".nbimage-item[data-index='0'] canvas.nbimage-canvas")
    wait_for_pixel(first, 4, 4, (100, 100, 100))  # picture 5 holds 20 * 5
    assert notebook.run_code("print(pages.page)").strip() == "1"

    notebook.run_code("pages.page = 2")
    expect(note).to_contain_text("11–12 of 12")
    expect(view.locator(".nbimage-item")).to_have_count(2)
    wait_for_pixel(first, 4, 4, (200, 200, 200))


def test_compare_shows_the_renderings_side_by_side(notebook: Notebook) -> None:
    view = notebook.view(3)
    expect(view).to_have_attribute("data-view", "compare")
    panels = view.locator(".nbimage-item")
    expect(panels).to_have_count(3)
    expect(view).to_have_attribute("data-painted", "3")
    labels = view.locator(".nbimage-panel-label")
    expect(labels.nth(0)).to_contain_text("logged")
    expect(labels.nth(1)).to_contain_text("raw")
    expect(labels.nth(2)).to_contain_text("min–max")
    # The logged rule clips: 283 shows as 255; min–max spreads the range over 0..255.
    logged = panels.nth(0).locator("canvas.nbimage-canvas")
    minmax = panels.nth(2).locator("canvas.nbimage-canvas")
    wait_for_pixel(logged, 60.5, 8, (255, 255, 255))
    wait_for_pixel(logged, 2.5, 8, (0, 0, 0))
    wait_for_pixel(minmax, 32.5, 8, (129, 129, 129), tolerance=3)
    expect(view.locator(".nbimage-badge[data-code='clipped']").first).to_be_visible()
    expect(view.locator("canvas.nbimage-histogram")).to_be_visible()
    notebook.screenshot("compare", notebook.cell(3))


def test_marks_overlay_colours_the_clipped_pixels(notebook: Notebook) -> None:
    view = notebook.view(3)
    logged = view.locator(".nbimage-item").nth(0).locator("canvas.nbimage-canvas")
    view.locator("input[type=checkbox].nbimage-marks").check()
    wait_for_pixel(logged, 60.5, 8, (255, 255, 255), negate=True)  # clipped high: marked
    wait_for_pixel(logged, 32.5, 8, (129, 129, 129), tolerance=3)  # not clipped: untouched
    assert notebook.run_code("print(c.show_marks)").strip() == "True"
    notebook.screenshot("compare-marks", notebook.cell(3))
    notebook.run_code("c.show_marks = False")
    wait_for_pixel(logged, 60.5, 8, (255, 255, 255))


def test_switching_the_era_re_renders_the_logged_panel_in_python(notebook: Notebook) -> None:
    view = notebook.view(3)
    logged = view.locator(".nbimage-item").nth(0).locator("canvas.nbimage-canvas")
    view.locator("select.nbimage-era").select_option("0.31")
    # wandb >= 0.31 casts without clipping: 283 wraps around instead of saturating.
    wait_for_pixel(logged, 60.5, 8, (255, 255, 255), negate=True)
    expect(view.locator(".nbimage-panel-label").nth(0)).to_contain_text("0.31")
    assert notebook.run_code("print(c.era)").strip() == "0.31"


def test_denormalize_and_swipe_from_the_browser(notebook: Notebook) -> None:
    view = notebook.view(3)
    panels = view.locator(".nbimage-item")
    view.locator("select.nbimage-denormalize").select_option("pm1")
    expect(panels).to_have_count(4)
    expect(view.locator(".nbimage-panel-label").nth(3)).to_contain_text("denormalized")
    assert notebook.run_code("print(c.denormalize, len(c.items))").strip() == "pm1 4"
    notebook.run_code("c.denormalize = 'none'")
    expect(panels).to_have_count(3)

    view.locator("select.nbimage-compare-mode").select_option("swipe")
    expect(view.locator("input[type=range].nbimage-swipe")).to_be_visible()
    assert notebook.run_code("print(c.compare_mode)").strip() == "swipe"
    notebook.screenshot("compare-swipe", notebook.cell(3))


def test_grouping_starts_a_new_row(notebook: Notebook) -> None:
    view = notebook.view(4)
    expect(view.locator(".nbimage-item")).to_have_count(5)
    expect(view.locator(".nbimage-row-break")).to_have_count(2)
    boxes = [view.locator(f".nbimage-item[data-index='{i}']").bounding_box() for i in range(5)]
    assert all(box is not None for box in boxes)
    tops = [round(box["y"]) for box in boxes if box]
    lefts = [round(box["x"]) for box in boxes if box]
    assert tops[0] == tops[1] < tops[2] == tops[3] < tops[4]
    assert lefts[0] == lefts[2] == lefts[4] < lefts[1]
