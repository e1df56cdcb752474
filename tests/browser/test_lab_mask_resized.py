"""A ¼-resolution mask in JupyterLab: drawn over the whole picture, toggles, inspector.

The photo is skimage's 451×300 cat; the mask is 113×75 (a segmentation head at stride 4),
in 8×8 blocks of six classes, with its last column and last row in classes of their own so
that a mask drawn unstretched (or stretched to the wrong edge) cannot pass.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
import pytest
from jupyter_driver import JupyterServer, Notebook, open_notebook, wait_for_pixel
from playwright.sync_api import Browser, Locator, expect

from nbimage.mask_size import nearest_index
from nbimage.palette import class_rgb

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 451, 300
MASK_W, MASK_H = 113, 75


def mask_ids() -> np.ndarray:
    rows, cols = np.mgrid[0:MASK_H, 0:MASK_W]
    ids = (1 + (rows // 8 + cols // 8) % 6).astype(np.uint8)
    ids[:, -1] = 7  # the last column: it must reach the picture's right edge
    ids[-1, :] = 8  # the last row: the bottom edge
    return ids


IDS = mask_ids()
NAMES = {1: "cat", 2: "sofa", 3: "wall", 4: "floor", 5: "plant", 6: "door", 7: "right", 8: "bottom"}

SETUP = f"""
import numpy as np
from skimage import data
import nbimage

rows, cols = np.mgrid[0:{MASK_H}, 0:{MASK_W}]
ids = (1 + (rows // 8 + cols // 8) % 6).astype(np.uint8)
ids[:, -1] = 7
ids[-1, :] = 8
img = nbimage.Image(data.chelsea(), caption="a 113×75 mask over a 451×300 photo",
                    masks={{"stuff": {{"mask_data": ids, "class_labels": {NAMES!r}}}}})
"""
CELLS = [
    SETUP,
    "v = nbimage.show(img, mask_opacity=1.0)\nv",
    "[d.code for d in img.diagnostics]",
]


def expected_id(x: float, y: float) -> int:
    """The class a picture point shows: the mask pixel under its picture pixel's centre."""
    column = nearest_index(WIDTH, MASK_W)[int(x)]
    row = nearest_index(HEIGHT, MASK_H)[int(y)]
    return int(IDS[row, column])


# Picture points (pixel centres) inside blocks, on the last mask column/row, and the corner.
POINTS = [(20.5, 20.5), (100.5, 60.5), (225.5, 150.5), (300.5, 250.5), (450.5, 100.5),
          (200.5, 299.5), (450.5, 299.5)]  # fmt: skip


@pytest.fixture(scope="module")
def notebook(browser: Browser, jupyter_server: JupyterServer) -> Iterator[Notebook]:
    notebook = open_notebook(browser, jupyter_server, "mask_resized.ipynb", CELLS)
    notebook.run_all()
    yield notebook
    notebook.page.context.close()


def test_the_quarter_mask_covers_the_whole_picture(notebook: Notebook) -> None:
    canvas = notebook.view(1).locator("canvas.nbimage-canvas")
    expect(canvas).to_have_attribute("data-width", str(WIDTH))
    expect(canvas).to_have_attribute("data-height", str(HEIGHT))
    for x, y in POINTS:
        wait_for_pixel(canvas, x, y, class_rgb(expected_id(x, y)), tolerance=3)
    assert expected_id(450.5, 100.5) == 7 and expected_id(200.5, 299.5) == 8
    notebook.screenshot("mask-quarter-resolution", notebook.cell(1))
    assert "mask-resized" in notebook.cell(2).inner_text()
    # As a person sees it: the photo under the stretched mask at half opacity.
    notebook.run_code("v.mask_opacity = 0.5")
    wait_for_pixel(canvas, 20.5, 20.5, class_rgb(expected_id(20.5, 20.5)), tolerance=3, negate=True)
    notebook.screenshot("mask-quarter-resolution-half", notebook.cell(1))
    notebook.run_code("v.mask_opacity = 1.0")
    wait_for_pixel(canvas, 20.5, 20.5, class_rgb(expected_id(20.5, 20.5)), tolerance=3)


def test_class_toggles_hide_the_stretched_class_everywhere(notebook: Notebook) -> None:
    view = notebook.view(1)
    canvas = view.locator("canvas.nbimage-canvas")
    right = view.locator(
        ".nbimage-legend[data-layer='stuff'] button.nbimage-legend-class[data-class-id='7']"
    )
    expect(right).to_have_attribute("aria-pressed", "true")
    right.click()
    expect(right).to_have_attribute("aria-pressed", "false")
    # The right edge now shows the photo; its neighbours keep their classes.
    wait_for_pixel(canvas, 450.5, 100.5, class_rgb(7), tolerance=30, negate=True)
    wait_for_pixel(canvas, 440.5, 100.5, class_rgb(expected_id(440.5, 100.5)), tolerance=3)
    wait_for_pixel(canvas, 450.5, 299.5, class_rgb(8), tolerance=3)
    assert notebook.run_code("print(v.hidden_classes)").strip() == "{'stuff': [7]}"
    notebook.screenshot("mask-quarter-resolution-right-hidden", notebook.cell(1))
    notebook.run_code("v.hidden_classes = {}")
    expect(right).to_have_attribute("aria-pressed", "true")
    wait_for_pixel(canvas, 450.5, 100.5, class_rgb(7), tolerance=3)


@pytest.mark.parametrize(("x", "y"), [(450, 100), (0, 0), (226, 151), (449, 299)])
def test_the_inspector_names_the_mask_pixel_it_read(notebook: Notebook, x: int, y: int) -> None:
    view = notebook.view(1)
    canvas = view.locator("canvas.nbimage-canvas")
    box = canvas.bounding_box()
    assert box is not None
    canvas.hover(
        position={"x": (x + 0.5) * box["width"] / WIDTH, "y": (y + 0.5) * box["height"] / HEIGHT}
    )
    inspector = view.locator(".nbimage-inspector")
    column = int(nearest_index(WIDTH, MASK_W)[x])
    row = int(nearest_index(HEIGHT, MASK_H)[y])
    name = NAMES[int(IDS[row, column])]
    expect(inspector).to_contain_text(f"x {x}, y {y}")
    expect(inspector).to_contain_text(f"mask stuff: {name} at mask ({column}, {row})")
    notebook.page.mouse.move(0, 0)
    expect(inspector).to_be_hidden()


def zoomed_pixel(canvas: Locator, x: float, y: float, zoom: float, centre: float) -> list[int]:
    """RGB of the canvas at picture point (x, y) under `zoom` around (centre, centre)
    (js/geometry.ts pictureToCanvas)."""
    return list(
        canvas.evaluate(
            """(canvas, [x, y, zoom, c, w, h]) => {
                const cx = (x - c * w) * zoom * canvas.width / w + canvas.width / 2;
                const cy = (y - c * h) * zoom * canvas.height / h + canvas.height / 2;
                return Array.from(canvas.getContext('2d')
                    .getImageData(Math.floor(cx), Math.floor(cy), 1, 1).data).slice(0, 3);
            }""",
            [x, y, zoom, centre, WIDTH, HEIGHT],
        )
    )


def test_zoomed_in_the_mask_pixels_stay_crisp_to_the_edge(notebook: Notebook) -> None:
    """8× on the bottom-right corner (the centre as far right and down as it goes): each mask
    pixel is a sharp block of about 4×4 picture pixels, and the last column and row reach
    the picture's edges."""
    canvas = notebook.view(1).locator("canvas.nbimage-canvas")
    zoom, centre = 8.0, 1 - 0.5 / 8
    notebook.run_code(f"v.zoom = {zoom}\nv.center = [{centre}, {centre}]")
    # The corner pixel, the last column and row, and both sides of block edges.
    points = [(450.5, 299.5), (450.5, 280.5), (446.5, 299.5), (440.5, 285.5), (436.5, 285.5),
              (400.5, 270.5), (444.5, 295.5), (443.5, 295.5), (447.5, 280.5)]  # fmt: skip
    expected = [list(class_rgb(expected_id(x, y))) for x, y in points]
    deadline = time.monotonic() + 15
    while True:  # until the zoomed frame is drawn
        got = [zoomed_pixel(canvas, x, y, zoom, centre) for x, y in points]
        close = [
            all(abs(a - b) <= 3 for a, b in zip(g, e, strict=True))
            for g, e in zip(got, expected, strict=True)
        ]
        if all(close) or time.monotonic() > deadline:
            break
        notebook.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(0)))")
    try:
        assert all(close), [
            (p, g, e) for p, g, e, c in zip(points, got, expected, close, strict=True) if not c
        ]
        notebook.screenshot("mask-quarter-resolution-zoomed", notebook.cell(1))
    finally:
        notebook.run_code("v.zoom = 1.0\nv.center = [0.5, 0.5]")
