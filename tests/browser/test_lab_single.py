"""The single-picture view in JupyterLab 4: what is drawn, and state driven from both sides."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jupyter_driver import (
    JupyterServer,
    Notebook,
    canvas_pixel,
    open_notebook,
    wait_for_pixel,
)
from playwright.sync_api import Browser, expect

from nbimage.palette import class_rgb

pytestmark = pytest.mark.browser

RED = (200, 30, 30)
BLUE = (30, 30, 200)
XSS_CAPTION = '<img src=x onerror="window.__nbimage_xss = 1"><b>epoch 3</b>'

SETUP = f"""
import numpy as np
import nbimage
from nbimage import Image

# 80×60: left half red, right half blue. A "cat" box (class 1) over the red half,
# a mask (class 2, "sky") over the top of the blue half.
pic = np.zeros((60, 80, 3), np.uint8)
pic[:, :40] = {RED}
pic[:, 40:] = {BLUE}
mask = np.zeros((60, 80), np.uint8)
mask[:20, 40:] = 2
boxes = {{"pred": {{"box_data": [{{"position": {{"minX": 10, "maxX": 30, "minY": 10, "maxY": 50}},
                                 "domain": "pixel", "class_id": 1, "box_caption": "cat"}}],
                   "class_labels": {{1: "cat", 2: "dog"}}}}}}
masks = {{"gt": {{"mask_data": mask, "class_labels": {{0: "ground", 2: "sky"}}}}}}
"""
CELLS = [
    SETUP,
    "card = Image(pic, caption='a red and blue test card', boxes=boxes, masks=masks)\n"
    "v = nbimage.show(card, hidden_classes={'gt': [0]})  # the 'ground' class starts hidden\n"
    "v",
    f"Image(pic, caption={XSS_CAPTION!r})",
    "nbimage.show(np.full((20, 30), 0.25, np.float32))",
]


@pytest.fixture(scope="module")
def notebook(browser: Browser, jupyter_server: JupyterServer) -> Iterator[Notebook]:
    notebook = open_notebook(browser, jupyter_server, "single.ipynb", CELLS)
    notebook.run_all()
    yield notebook
    notebook.page.context.close()


def test_the_picture_is_drawn_pixel_for_pixel(notebook: Notebook) -> None:
    canvas = notebook.view(1).locator("canvas.nbimage-canvas")
    wait_for_pixel(canvas, 35, 55, RED)
    wait_for_pixel(canvas, 60, 50, BLUE)
    expect(canvas).to_have_attribute("data-width", "80")
    expect(canvas).to_have_attribute("data-height", "60")
    notebook.screenshot("single-view", notebook.cell(1))


def test_the_box_is_stroked_in_its_class_colour_where_it_belongs(notebook: Notebook) -> None:
    canvas = notebook.view(1).locator("canvas.nbimage-canvas")
    # On the box's left edge (x = 10), halfway down: the stroke, in class 1's colour.
    wait_for_pixel(canvas, 10, 30, class_rgb(1), tolerance=40)
    # Just inside the box: the picture.
    wait_for_pixel(canvas, 20, 30, RED)
    expect(notebook.view(1).locator(".nbimage-legend[data-layer='pred']")).to_contain_text("cat")


def test_toggling_a_class_in_the_browser_hides_its_box_and_reaches_python(
    notebook: Notebook,
) -> None:
    view = notebook.view(1)
    canvas = view.locator("canvas.nbimage-canvas")
    cat = view.locator(
        ".nbimage-legend[data-layer='pred'] button.nbimage-legend-class[data-class-id='1']"
    )
    expect(cat).to_have_attribute("aria-pressed", "true")
    cat.click()
    expect(cat).to_have_attribute("aria-pressed", "false")
    wait_for_pixel(canvas, 10, 30, RED)  # the stroke is gone
    notebook.screenshot("single-box-hidden", notebook.cell(1))
    assert notebook.run_code("print(v.hidden_classes)").strip() == "{'gt': [0], 'pred': [1]}"

    # And back from Python: the box returns and the legend shows it pressed.
    notebook.run_code("v.hidden_classes = {'gt': [0]}")
    expect(cat).to_have_attribute("aria-pressed", "true")
    wait_for_pixel(canvas, 10, 30, class_rgb(1), tolerance=40)


def test_mask_pixels_follow_the_opacity_from_python_and_from_the_slider(
    notebook: Notebook,
) -> None:
    view = notebook.view(1)
    canvas = view.locator("canvas.nbimage-canvas")
    sky = class_rgb(2)
    notebook.run_code("v.mask_opacity = 0.0")
    wait_for_pixel(canvas, 60, 10, BLUE)  # no mask colour at all
    notebook.run_code("v.mask_opacity = 1.0")
    wait_for_pixel(canvas, 60, 10, sky, tolerance=10)  # only the mask colour
    wait_for_pixel(canvas, 60, 50, BLUE)  # outside the mask: untouched

    slider = view.locator("input[type=range].nbimage-opacity")
    expect(slider).to_have_value("1")
    slider.fill("0.5")
    half = tuple((b + s) / 2 for b, s in zip(BLUE, sky, strict=True))
    wait_for_pixel(canvas, 60, 10, half, tolerance=12)  # type: ignore[arg-type]
    assert float(notebook.run_code("print(v.mask_opacity)")) == pytest.approx(0.5)


def test_an_html_caption_is_shown_as_text_and_runs_nothing(notebook: Notebook) -> None:
    view = notebook.view(2)
    caption = view.locator(".nbimage-caption")
    expect(caption).to_have_text(XSS_CAPTION)
    expect(view.locator("img")).to_have_count(0)
    expect(view.locator("b")).to_have_count(0)
    assert notebook.page.evaluate("() => window.__nbimage_xss") is None


def test_the_inspector_shows_raw_values_from_the_kernel(notebook: Notebook) -> None:
    view = notebook.view(3)
    canvas = view.locator("canvas.nbimage-canvas")
    box = canvas.bounding_box()
    assert box is not None
    canvas.hover(position={"x": box["width"] * 0.5, "y": box["height"] * 0.5})
    inspector = view.locator(".nbimage-inspector")
    expect(inspector).to_be_visible()
    expect(inspector).to_contain_text("0.2500")  # raw float32, asked from the kernel
    expect(inspector).to_contain_text("63")  # shown: 0.25 * 255 truncated
    notebook.page.mouse.move(0, 0)
    expect(inspector).to_be_hidden()


def test_dark_theme_changes_the_views_colours(notebook: Notebook) -> None:
    view = notebook.view(1)
    text_colour = "(el) => getComputedStyle(el).color"
    light = view.evaluate(text_colour)
    notebook.command("apputils:change-theme", {"theme": "JupyterLab Dark"})
    try:
        expect(view).to_have_attribute("data-theme", "dark")
        notebook.page.wait_for_function(
            "([el, before]) => getComputedStyle(el).color !== before",
            arg=[view.element_handle(), light],
        )
        assert luminance(view.evaluate(text_colour)) > 0.6 > luminance(light)
        # JupyterLab dims the page behind a splash while it swaps themes.
        expect(notebook.page.locator("#jupyterlab-splash")).to_have_count(0)
        # The picture itself is untouched by the theme.
        assert canvas_pixel(view.locator("canvas.nbimage-canvas"), 35, 55)[:3] == list(RED)
        notebook.screenshot("single-view-dark", notebook.cell(1))
    finally:
        notebook.command("apputils:change-theme", {"theme": "JupyterLab Light"})
    expect(view).to_have_attribute("data-theme", "light")


def luminance(css_colour: str) -> float:
    """0 (black) .. 1 (white) for an `rgb(...)`/`rgba(...)` computed colour."""
    values = css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")
    r, g, b = (float(v) / 255 for v in values[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_controls_are_named_and_work_from_the_keyboard(notebook: Notebook) -> None:
    view = notebook.view(1)
    unnamed = view.evaluate(
        """(root) => Array.from(root.querySelectorAll('button, input, select')).filter((el) => {
            const label = el.getAttribute('aria-label') || (el.labels && el.labels.length
                ? Array.from(el.labels).map((l) => l.textContent).join('') : '')
                || (el.tagName === 'BUTTON' ? el.textContent : '');
            return !label || !label.trim();
        }).map((el) => el.outerHTML.slice(0, 120))"""
    )
    assert unnamed == []
    sky = view.locator(
        ".nbimage-legend[data-layer='gt'] button.nbimage-legend-class[data-class-id='2']"
    )
    sky.focus()
    notebook.page.keyboard.press("Enter")
    expect(sky).to_have_attribute("aria-pressed", "false")
    assert "2" in notebook.run_code("print(v.hidden_classes['gt'])")
    sky.focus()
    notebook.page.keyboard.press(" ")
    expect(sky).to_have_attribute("aria-pressed", "true")


def test_zoom_and_pan_from_python_and_the_zoom_buttons(notebook: Notebook) -> None:
    view = notebook.view(1)
    canvas = view.locator("canvas.nbimage-canvas")
    wait_for_pixel(canvas, 70, 30, BLUE)
    # 4× around picture point (20, 30): the panel now shows x 10..30, all inside the red half.
    notebook.run_code("v.zoom = 4.0\nv.center = [0.25, 0.5]")
    wait_for_pixel(canvas, 70, 30, RED)
    wait_for_pixel(canvas, 5, 30, RED)
    view.locator("button[data-action='zoom-reset']").click()
    wait_for_pixel(canvas, 70, 30, BLUE)
    assert notebook.wait_for_python("v.zoom", lambda z: z == "1.0") == "1.0"
    view.locator("button[data-action='zoom-in']").click()
    assert float(notebook.wait_for_python("v.zoom", lambda z: float(z) > 1.0)) > 1.0
