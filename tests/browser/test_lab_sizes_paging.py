"""Real-size data in JupyterLab at 1400×1000: a 2400×1600 photo at the output's width, a
plain wheel that scrolls the notebook over a 200-picture grid (ctrl + wheel zooms), paging
that keeps the view's top in sight, `grouping` rows, and a lazy dataset with a bad item."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jupyter_driver import JupyterServer, Notebook, canvas_pixel, open_notebook
from playwright.sync_api import Browser, Locator, expect

pytestmark = pytest.mark.browser

VIEWPORT = (1400, 1000)

SETUP = """
import numpy as np
import skimage.data
import nbimage
from nbimage import Image

# skimage's coffee (600×400) upscaled ×4: a 2400×1600 photo.
photo = np.repeat(np.repeat(skimage.data.coffee(), 4, axis=0), 4, axis=1)
rng = np.random.default_rng(0)
sources = [skimage.data.astronaut(), skimage.data.chelsea(), skimage.data.coffee()]
def crop(i):
    src = sources[i % 3]
    y, x = rng.integers(0, src.shape[0] - 128), rng.integers(0, src.shape[1] - 128)
    return src[y:y + 128, x:x + 128]
crops = [crop(i) for i in range(200)]

class Crops:
    # A lazily indexed dataset: item 2 is broken, as a corrupt file would be.
    def __len__(self):
        return 500
    def __getitem__(self, i):
        if i == 2:
            raise OSError("truncated file")
        return crops[i % 200], f"crop {i}"
"""
CELLS = [
    SETUP,
    "single = nbimage.show(photo)\nsingle",
    "grid = nbimage.show([Image(c, caption=f'#{i}') for i, c in enumerate(crops)],\n"
    "                    sync_zoom=True)\ngrid",
    "groups = nbimage.show([Image(c, grouping=4 if i == 0 else None) for i, c in "
    "enumerate(crops[:10])], page_size=6)\ngroups",
    "lazy = nbimage.show(Crops())\nlazy",
    "narrow = nbimage.show(photo, width=300)\nnarrow",
]


@pytest.fixture(scope="module")
def notebook(browser: Browser, jupyter_server: JupyterServer) -> Iterator[Notebook]:
    notebook = open_notebook(browser, jupyter_server, "sizes.ipynb", CELLS, viewport=VIEWPORT)
    notebook.run_all()
    yield notebook
    notebook.page.context.close()


def shown_view(notebook: Notebook, index: int) -> Locator:
    notebook.cell(index).scroll_into_view_if_needed()
    return notebook.view(index)


def scroller_top(notebook: Notebook) -> float:
    """scrollTop of the notebook's scrolling panel."""
    return float(
        notebook.page.evaluate(
            "() => document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollTop"
        )
    )


def css_width(locator: Locator) -> float:
    return float(locator.evaluate("(el) => el.getBoundingClientRect().width"))


def test_a_2400_photo_is_drawn_at_the_output_width_and_follows_a_resize(
    notebook: Notebook,
) -> None:
    view = shown_view(notebook, 1)
    canvas = view.locator("canvas.nbimage-canvas")
    output = notebook.cell(1).locator(".jp-OutputArea-output").first
    width = css_width(canvas)
    # The whole output area, less the view's 4 px padding: not the old 512 px cap.
    assert width == pytest.approx(css_width(output) - 8, abs=2)
    assert width > 900
    height = float(canvas.evaluate("(c) => c.getBoundingClientRect().height"))
    assert height == pytest.approx(width * 1600 / 2400, abs=2)
    # Drawn to the last pixel, and at device resolution.
    backing = canvas.evaluate("(c) => [c.width, Math.round(c.clientWidth * devicePixelRatio)]")
    assert backing[0] == backing[1]
    for x, y in ((1, 1), (1200, 800), (2398, 1598)):
        assert canvas_pixel(canvas, x, y)[3] == 255
    notebook.screenshot("photo-2400-at-output-width")

    notebook.page.set_viewport_size({"width": 1000, "height": 1000})
    try:
        notebook.page.wait_for_function(
            "([c, before]) => c.getBoundingClientRect().width < before - 200"
            " && c.width === Math.round(c.clientWidth * devicePixelRatio)",
            arg=[canvas.element_handle(), width],
        )
        assert css_width(canvas) == pytest.approx(css_width(output) - 8, abs=2)
        assert canvas_pixel(canvas, 2398, 1598)[3] == 255
    finally:
        notebook.page.set_viewport_size({"width": VIEWPORT[0], "height": VIEWPORT[1]})


def test_width_sets_the_picture_width_from_python(notebook: Notebook) -> None:
    view = shown_view(notebook, 5)
    canvas = view.locator("canvas.nbimage-canvas")
    assert css_width(canvas) == pytest.approx(300, abs=1)
    notebook.run_code("narrow.width = 480")
    notebook.page.wait_for_function(
        "(root) => { const c = root.querySelector('canvas.nbimage-canvas');"
        " return c && Math.abs(c.getBoundingClientRect().width - 480) < 1; }",
        arg=view.element_handle(),
    )
    expect(view).to_have_attribute("data-ready", "true")
    assert canvas_pixel(view.locator("canvas.nbimage-canvas"), 2398, 1598)[3] == 255


def test_wheel_over_a_grid_scrolls_the_notebook_and_ctrl_wheel_zooms(notebook: Notebook) -> None:
    view = shown_view(notebook, 2)
    expect(view.locator(".nbimage-grid .nbimage-item")).to_have_count(108)
    item = view.locator(".nbimage-item[data-index='40']")
    item.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    box = item.locator("canvas").bounding_box()
    assert box is not None
    notebook.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = scroller_top(notebook)
    assert before > 400
    notebook.page.mouse.wheel(0, -400)
    notebook.page.wait_for_function(
        "(before) => document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')"
        ".scrollTop < before - 100",
        arg=before,
    )
    expect(item.locator(".nbimage-wheel-hint")).to_be_visible()
    expect(item.locator(".nbimage-wheel-hint")).to_have_text("ctrl + wheel to zoom")
    assert notebook.python_value("grid.zoom") == "1.0"
    notebook.screenshot("grid-200-wheel-hint")
    # Wheeling on over the next pictures moves the one hint along, leaving no trail.
    other = view.locator(".nbimage-item[data-index='30'] canvas")
    other.hover()
    notebook.page.mouse.wheel(0, -100)
    expect(other.locator("xpath=..").locator(".nbimage-wheel-hint")).to_be_visible()
    expect(view.locator(".nbimage-wheel-hint:not([hidden])")).to_have_count(1)

    item.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    box = item.locator("canvas").bounding_box()
    assert box is not None
    notebook.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    still = scroller_top(notebook)
    notebook.page.keyboard.down("Control")
    notebook.page.mouse.wheel(0, -300)
    notebook.page.keyboard.up("Control")
    zoom = notebook.wait_for_python("grid.zoom", lambda value: float(value) > 1.2)
    assert float(zoom) > 1.2
    assert scroller_top(notebook) == still  # ctrl + wheel zoomed the picture, not the page
    notebook.run_code("grid.zoom = 1.0")


def test_double_click_zooms_in_where_clicked_and_the_fit_button_resets(
    notebook: Notebook,
) -> None:
    view = shown_view(notebook, 1)
    canvas = view.locator("canvas.nbimage-canvas")
    box = canvas.bounding_box()
    assert box is not None
    canvas.dblclick(position={"x": box["width"] * 0.25, "y": box["height"] * 0.25})
    assert notebook.wait_for_python("single.zoom", lambda v: v == "2.0") == "2.0"
    centre = notebook.wait_for_python("single.center", lambda v: v != "[0.5, 0.5]")
    cx, cy = (float(v) for v in centre.strip("[]").split(","))
    assert cx < 0.5 and cy < 0.5  # zoomed towards the top-left quarter that was clicked
    view.locator("button[data-action='zoom-reset']").click()
    assert notebook.wait_for_python("single.zoom", lambda v: v == "1.0") == "1.0"


def test_next_page_from_the_bottom_pager_brings_the_view_top_into_sight(
    notebook: Notebook,
) -> None:
    view = shown_view(notebook, 2)
    top_note = view.locator(".nbimage-pager[data-position='top'] .nbimage-page-note")
    expect(top_note).to_have_text("items 1–108 of 200")
    bottom = view.locator(".nbimage-pager[data-position='bottom']")
    bottom.scroll_into_view_if_needed()
    root_top = view.evaluate("(el) => el.getBoundingClientRect().top")
    assert root_top < 0, "the grid is taller than the window: its top is out of sight here"
    bottom.locator("button[data-action='next']").click()
    expect(bottom.locator(".nbimage-page-note")).to_have_text("items 109–200 of 200")
    expect(view.locator(".nbimage-grid .nbimage-item")).to_have_count(92)
    notebook.page.wait_for_function(
        "(el) => { const top = el.getBoundingClientRect().top; "
        "return top >= 0 && top < window.innerHeight / 2; }",
        arg=view.element_handle(),
    )
    assert notebook.python_value("grid.page") == "1"
    notebook.screenshot("grid-200-page-2")


def test_grouping_rows_hold_one_group_and_restart_on_each_page(notebook: Notebook) -> None:
    view = shown_view(notebook, 3)

    def rows() -> list[list[int]]:
        boxes = view.locator(".nbimage-item").evaluate_all(
            "(items) => items.map((el) => [Math.round(el.getBoundingClientRect().top),"
            " Math.round(el.getBoundingClientRect().left)])"
        )
        tops: dict[int, list[int]] = {}
        for top, left in boxes:
            tops.setdefault(top, []).append(left)
        return [lefts for _top, lefts in sorted(tops.items())]

    expect(view.locator(".nbimage-item")).to_have_count(6)
    page_one = rows()
    # 4 per row although 6 would fit the width: the group is never wrapped nor padded.
    assert [len(lefts) for lefts in page_one] == [4, 2]
    assert page_one[1][0] == page_one[0][0]
    notebook.screenshot("grouping-4-page-1")
    view.locator(".nbimage-pager[data-position='top'] button[data-action='next']").click()
    expect(view.locator(".nbimage-pager[data-position='top'] .nbimage-page-note")).to_have_text(
        "items 7–10 of 10"
    )
    expect(view.locator(".nbimage-item")).to_have_count(4)
    # Page 2 starts a fresh row at its first item (not the 3rd of page 1's second group).
    assert [len(lefts) for lefts in rows()] == [4]


def test_a_lazy_dataset_shows_its_broken_item_as_an_error_tile(notebook: Notebook) -> None:
    view = shown_view(notebook, 4)
    expect(view.locator(".nbimage-grid .nbimage-item")).to_have_count(108)
    expect(view.locator(".nbimage-pager[data-position='top'] .nbimage-page-note")).to_have_text(
        "items 1–108 of 500"
    )
    broken = view.locator(".nbimage-item[data-index='2']")
    expect(broken.locator(".nbimage-badge[data-code='item-error']")).to_be_visible()
    expect(broken.locator(".nbimage-caption")).to_contain_text(
        "obj[2]: Crops.__getitem__(2) raised OSError: truncated file"
    )
    expect(view.locator(".nbimage-item[data-index='3'] .nbimage-caption")).to_have_text("crop 3")
    notebook.screenshot("lazy-500-error-tile", notebook.cell(4))
