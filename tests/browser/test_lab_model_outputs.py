"""Model outputs in JupyterLab: the confidence slider of a from_scores mask, heatmaps."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from jupyter_driver import JupyterServer, Notebook, open_notebook, wait_for_pixel
from playwright.sync_api import Browser, Locator, expect

from nbimage.colormaps import lut
from nbimage.palette import class_rgb
from nbimage.scores import min_level

pytestmark = pytest.mark.browser

GRAY = (128, 128, 128)
WIDTH, HEIGHT = 80, 60


def winning_probability() -> np.ndarray:
    """The test card's confidence: every value from 0.34 to 0.99 in a fine pattern."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    return 0.34 + 0.65 * ((x * 7 + y * 13) % 20) / 19


SETUP = f"""
import numpy as np
import nbimage
from nbimage import Image, ImageMask

pic = np.full(({HEIGHT}, {WIDTH}, 3), 128, np.uint8)
y, x = np.mgrid[0:{HEIGHT}, 0:{WIDTH}]
win = 0.34 + 0.65 * ((x * 7 + y * 13) % 20) / 19
band = x // 27  # classes 0, 1, 2 in vertical bands
probs = np.repeat(((1 - win) / 2)[None], 3, axis=0)
for c in range(3):
    probs[c][band == c] = win[band == c]
seg = ImageMask.from_scores(probs, class_labels=["road", "car", "tree"], activation=None, key="seg")
v = nbimage.show(Image(pic, masks={{"seg": seg}}), mask_opacity=1.0)

heat = np.arange(16, dtype=np.float32).reshape(4, 4)  # 4×4 cells of 20×15 px over 80×60
h = nbimage.show(Image(pic, heatmaps={{"cam": heat}}), heatmap_opacity=1.0)
"""

PHOTO = """
import torch
from skimage import data
photo = data.astronaut()
yy, xx = np.mgrid[0:512, 0:512]
logits = torch.stack([
    torch.from_numpy(2.5 - ((xx - 250) ** 2 + (yy - 130) ** 2) / 4000.0),  # face
    torch.from_numpy((yy - 300) / 40.0),  # suit
    torch.zeros(512, 512, dtype=torch.float64),  # background
]).float()
face = ImageMask.from_scores(logits, class_labels=["face", "suit", "background"], key="segmenter")
gauss = np.exp(-((xx - 250) ** 2 + (yy - 150) ** 2) / 8000.0)
saliency = torch.from_numpy(gauss).float()[::16, ::16]
photo_view = nbimage.show(
    Image(photo, masks={"segmenter": face}, heatmaps={"saliency": saliency}),
    confidence_thresholds={"segmenter": 0.8}, heatmap_opacity=0.45,
)
photo_view
"""

GRID = """
rng = np.random.default_rng(0)
grid = nbimage.show([
    Image(pic, masks={"seg": ImageMask.from_scores(rng.normal(size=(3, 60, 80)), key="seg")},
          heatmaps={"cam": rng.random((6, 8))})
    for _ in range(3)
], confidence_thresholds={"seg": 0.7})
grid
"""

CELLS = [SETUP, "v", "h", PHOTO, GRID]


@pytest.fixture(scope="module")
def notebook(browser: Browser, jupyter_server: JupyterServer) -> Iterator[Notebook]:
    notebook = open_notebook(browser, jupyter_server, "model_outputs.ipynb", CELLS)
    notebook.run_all()
    yield notebook
    notebook.page.context.close()


def coloured_pixels(canvas: Locator) -> np.ndarray:
    """For every picture pixel (sampled at its centre): True where the canvas is not the
    card's gray, i.e. where the mask is coloured."""
    values = canvas.evaluate(
        """(canvas) => {
            const w = Number(canvas.dataset.width), h = Number(canvas.dataset.height);
            const ctx = canvas.getContext('2d');
            const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            const out = [];
            for (let y = 0; y < h; y += 1) for (let x = 0; x < w; x += 1) {
                const cx = Math.floor((x + 0.5) * canvas.width / w);
                const cy = Math.floor((y + 0.5) * canvas.height / h);
                const i = (cy * canvas.width + cx) * 4;
                const off = Math.abs(data[i] - 128) + Math.abs(data[i + 1] - 128)
                    + Math.abs(data[i + 2] - 128);
                out.push(off > 6);
            }
            return out;
        }"""
    )
    return np.array(values, dtype=bool).reshape(HEIGHT, WIDTH)


def expected_shown(threshold: float) -> np.ndarray:
    levels = np.rint(winning_probability().astype(np.float32) * 255)
    return levels >= min_level(threshold)


def wait_for_region(notebook: Notebook, canvas: Locator, expected: np.ndarray) -> np.ndarray:
    for _ in range(200):
        found = coloured_pixels(canvas)
        if (found == expected).all():
            return found
        notebook.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(0)))")
    return found


def test_the_confidence_slider_hides_exactly_the_low_confidence_pixels(notebook: Notebook) -> None:
    view = notebook.view(1)
    canvas = view.locator("canvas.nbimage-canvas")
    wait_for_pixel(canvas, 40.5, 30.5, class_rgb(1), tolerance=2)  # car, fully coloured
    assert coloured_pixels(canvas).all()  # threshold 0: every pixel coloured

    slider = view.locator("input[type=range].nbimage-confidence[data-layer='seg']")
    for threshold in (0.5, 0.72, 0.9):
        slider.fill(str(threshold))
        expected = expected_shown(threshold)
        assert 0 < expected.sum() < expected.size  # a real split of the picture
        found = wait_for_region(notebook, canvas, expected)
        wrong = np.argwhere(found != expected)
        assert len(wrong) == 0, f"at {threshold}: {len(wrong)} pixels differ, first {wrong[:3]}"
    got = notebook.run_code("print(v.confidence_thresholds)").strip()
    assert got == "{'seg': 0.9}"
    # The legend counts follow: kept/total pixels of "car" (class 1), from Python's count.
    kept = notebook.run_code("print(seg.kept_counts(0.9)[1], seg.counts()[1])").split()
    car = view.locator(
        ".nbimage-legend[data-layer='seg'] button[data-class-id='1'] .nbimage-legend-count"
    )
    expect(car).to_have_text(f"{kept[0]}/{kept[1]}")
    expect(view.locator(".nbimage-confidence-count")).to_contain_text("hidden")

    # From Python: back to 0, every pixel coloured again.
    notebook.run_code("v.confidence_thresholds = {'seg': 0.0}")
    assert wait_for_region(notebook, canvas, np.ones((HEIGHT, WIDTH), bool)).all()
    expect(slider).to_have_value("0")


def test_a_heatmap_is_drawn_with_its_colormap_and_the_opacity_slider_blends_it(
    notebook: Notebook,
) -> None:
    view = notebook.view(2)
    canvas = view.locator("canvas.nbimage-canvas")
    turbo = lut("turbo")
    # Cell (column 1, row 2) holds 9 of 0..15: level round(255 * 9 / 15) = 153.
    colour = tuple(int(v) for v in turbo[153])
    wait_for_pixel(canvas, 30.5, 37.5, colour, tolerance=2)  # type: ignore[arg-type]
    expect(view.locator(".nbimage-heatmap[data-heatmap='cam'] .nbimage-heatmap-lo")).to_have_text(
        "0"
    )
    expect(view.locator(".nbimage-heatmap[data-heatmap='cam'] .nbimage-heatmap-hi")).to_have_text(
        "15"
    )
    slider = view.locator("input[type=range].nbimage-heatmap-opacity")
    slider.fill("0.5")
    half = tuple((g + c) / 2 for g, c in zip(GRAY, colour, strict=True))
    wait_for_pixel(canvas, 30.5, 37.5, half, tolerance=3)  # type: ignore[arg-type]
    assert float(notebook.run_code("print(h.heatmap_opacity)")) == pytest.approx(0.5)
    notebook.screenshot("heatmap-half-opacity", notebook.cell(2))

    toggle = view.locator(".nbimage-heatmap[data-heatmap='cam'] input.nbimage-heatmap-toggle")
    toggle.uncheck()
    wait_for_pixel(canvas, 30.5, 37.5, GRAY, tolerance=1)
    assert notebook.run_code("print(h.hidden_heatmaps)").strip() == "['cam']"
    notebook.run_code("h.hidden_heatmaps = []")
    wait_for_pixel(canvas, 30.5, 37.5, half, tolerance=3)  # type: ignore[arg-type]


def test_the_inspector_reports_the_heatmap_value_under_the_pointer(notebook: Notebook) -> None:
    view = notebook.view(2)
    canvas = view.locator("canvas.nbimage-canvas")
    box = canvas.bounding_box()
    assert box is not None
    # Picture pixel (70, 50): cell column 3, row 3 -> value 15.
    canvas.hover(position={"x": box["width"] * 70.5 / WIDTH, "y": box["height"] * 50.5 / HEIGHT})
    inspector = view.locator(".nbimage-inspector")
    expect(inspector).to_contain_text("heatmap cam: 15")
    canvas.hover(position={"x": box["width"] * 5.5 / WIDTH, "y": box["height"] * 20.5 / HEIGHT})
    expect(inspector).to_contain_text("heatmap cam: 4")  # column 0, row 1
    notebook.page.mouse.move(0, 0)


def test_a_photo_with_a_segmenter_and_a_saliency_map(notebook: Notebook) -> None:
    view = notebook.view(3)
    expect(view).to_have_attribute("data-ready", "true")
    slider = view.locator("input[type=range].nbimage-confidence[data-layer='segmenter']")
    expect(slider).to_have_value("0.8")
    notebook.screenshot("model-outputs-photo", notebook.cell(3))
    slider.fill("0")
    notebook.screenshot("model-outputs-photo-threshold-0", notebook.cell(3))
    assert notebook.page_errors == []  # type: ignore[attr-defined]


def test_a_grid_has_one_confidence_slider_and_one_heatmap_legend(notebook: Notebook) -> None:
    view = notebook.view(4)
    expect(view).to_have_attribute("data-ready", "true")
    expect(view.locator("input.nbimage-confidence[data-layer='seg']")).to_have_count(1)
    expect(view.locator(".nbimage-heatmap[data-heatmap='cam']")).to_have_count(1)
    expect(view.locator(".nbimage-heatmap-note")).to_have_text("(range per picture)")
    # The shared legend counts kept/total pixels over the three items.
    total = notebook.run_code(
        "print(sum(i.masks['seg'].counts().get(0, 0) for i in grid._source._images))"
    ).strip()
    kept = notebook.run_code(
        "print(sum(i.masks['seg'].kept_counts(0.7).get(0, 0) for i in grid._source._images))"
    ).strip()
    count = view.locator(
        ".nbimage-legend[data-layer='seg'] button[data-class-id='0'] .nbimage-legend-count"
    )
    expect(count).to_have_text(f"{kept}/{total}")
    assert notebook.page_errors == []  # type: ignore[attr-defined]
