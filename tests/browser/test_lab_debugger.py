"""The debugger on real tensors, in JupyterLab: compare's denormalized panel and histogram,
window/level and colormaps rendered by the kernel, and the channels view (pixels read back
from the canvases)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jupyter_driver import JupyterServer, Notebook, canvas_pixel, open_notebook, wait_for_pixel
from playwright.sync_api import Browser, Locator, expect

pytestmark = pytest.mark.browser

CELLS = [
    """
import numpy as np
import torch
import skimage.data
import nbimage
from nbimage.colormaps import lut

# A batch as a data loader makes it: photos resized with antialiasing, then standardized.
photos = [skimage.data.astronaut(), skimage.data.coffee(), skimage.data.chelsea(),
          skimage.data.rocket()]
batch = torch.cat([
    torch.nn.functional.interpolate(
        torch.from_numpy(p).permute(2, 0, 1)[None].float() / 255, size=(96, 96),
        mode="bicubic", antialias=True).clamp(0, 1)
    for p in photos])
mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
standardized = (batch - mean) / std
# The one value float error leaves above 1 once `t * std + mean` is undone.
standardized[0, 0, 5, 5] = float((np.float32(1 + 1e-7) - np.float32(0.485)) / np.float32(0.229))
back = standardized.numpy()[0, 0] * np.float32(0.229) + np.float32(0.485)
assert back.max() > 1
""",
    "c = nbimage.compare(standardized, denormalize='imagenet')\nc",
    "depth = np.tile(np.linspace(0, 65535, 256).astype(np.uint16), (48, 1))\n"
    "w = nbimage.show(depth, window='p1-99')\nw",
    "signed = np.tile(np.linspace(-3, 3, 61, dtype=np.float32), (20, 1))\n"
    "d = nbimage.show(signed, window='full', colormap='diverging')\nd",
    "torch.manual_seed(0)\nmaps = torch.randn(64, 16, 16)\nch = nbimage.channels(maps)\nch",
]


@pytest.fixture(scope="module")
def notebook(browser: Browser, jupyter_server: JupyterServer) -> Iterator[Notebook]:
    notebook = open_notebook(browser, jupyter_server, "debugger.ipynb", CELLS)
    notebook.run_all()
    yield notebook
    notebook.page.context.close()


def mean_level(canvas: Locator) -> float:
    return float(
        canvas.evaluate(
            """(canvas) => {
                const g = canvas.getContext('2d');
                const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
                let sum = 0;
                for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
                return sum / (3 * d.length / 4);
            }"""
        )
    )


def test_denormalized_panel_gives_the_picture_back(notebook: Notebook) -> None:
    view = notebook.view(1)
    panels = view.locator(".nbimage-item")
    expect(panels).to_have_count(4)
    expect(view).to_have_attribute("data-ready", "true")
    label = view.locator(".nbimage-panel-label").nth(3)
    expect(label).to_contain_text("clamp(0, 1) moved 1")
    logged = mean_level(panels.nth(0).locator("canvas.nbimage-canvas"))
    raw = mean_level(panels.nth(1).locator("canvas.nbimage-canvas"))
    denormalized = mean_level(panels.nth(3).locator("canvas.nbimage-canvas"))
    assert denormalized > max(logged, raw) and denormalized > 60, (logged, raw, denormalized)
    # No `dark` badge on the denormalized panel; the note says what wandb would log.
    expect(panels.nth(3).locator(".nbimage-badge[data-code='dark']")).to_have_count(0)
    expect(view.locator("li[data-code='denormalized']")).to_contain_text(
        "wandb.Image(x.clamp(0, 1))"
    )
    notebook.screenshot("debugger-compare-standardized", notebook.cell(1))


def test_histogram_follows_the_chosen_panel(notebook: Notebook) -> None:
    view = notebook.view(1)
    histogram = view.locator("canvas.nbimage-histogram")
    expect(histogram).to_have_attribute("data-of", "raw")
    before = histogram.get_attribute("data-lo") or ""
    assert float(before) < -2  # the standardized values
    view.locator("select.nbimage-histogram-of").select_option("denormalized")
    expect(histogram).to_have_attribute("data-of", "denormalized")
    expect(histogram).not_to_have_attribute("data-lo", before)
    assert float(histogram.get_attribute("data-lo") or "-1") >= 0
    lo = float(notebook.python_value("c.histogram['lo']"))
    hi = float(notebook.python_value("c.histogram['hi']"))
    assert 0 <= lo < 0.1 and 1 < hi < 1.001
    assert notebook.run_code("print(c.histogram_of)").strip() == "denormalized"
    notebook.screenshot("debugger-compare-histogram-denormalized", notebook.cell(1))


def test_percentile_window_on_uint16_spans_dark_to_bright(notebook: Notebook) -> None:
    view = notebook.view(2)
    canvas = view.locator("canvas.nbimage-canvas")
    expect(view).to_have_attribute("data-windowed", "done")
    expect(view.locator(".nbimage-window-note")).to_contain_text("not what wandb logs")
    expect(view.locator(".nbimage-window-note")).to_contain_text("1–99 percentile")
    wait_for_pixel(canvas, 1.5, 20, (0, 0, 0))
    wait_for_pixel(canvas, 254.5, 20, (255, 255, 255))
    wait_for_pixel(canvas, 128.5, 20, (128, 128, 128), tolerance=6)
    notebook.screenshot("debugger-window-uint16", notebook.cell(2))
    # As logged (what wandb saves): white past the first levels.
    view.locator("select.nbimage-window").select_option("")
    wait_for_pixel(canvas, 128.5, 20, (255, 255, 255))
    assert notebook.wait_for_python("w.window", lambda v: v == "None") == "None"
    expect(view.locator(".nbimage-window-note")).to_be_hidden()
    # From Python: a custom window and a colormap.
    notebook.run_code("w.window = (0, 32768); w.colormap = 'viridis'")
    expect(view.locator(".nbimage-window-note")).to_contain_text("viridis")
    viridis = [int(v) for v in notebook.run_code("print(*lut('viridis')[255])").split()]
    wait_for_pixel(canvas, 200.5, 20, (viridis[0], viridis[1], viridis[2]), tolerance=2)
    expect(view.locator("input.nbimage-window-high")).to_have_value("32768")
    notebook.screenshot("debugger-window-viridis", notebook.cell(2))


def test_diverging_colormap_draws_zero_as_its_centre_colour(notebook: Notebook) -> None:
    view = notebook.view(3)
    canvas = view.locator("canvas.nbimage-canvas")
    expect(view).to_have_attribute("data-windowed", "done")
    centre = [int(v) for v in notebook.run_code("print(*lut('diverging')[128])").split()]
    # Column 30 of the ramp holds exactly 0.
    assert notebook.run_code("print(signed[0, 30])").strip() == "0.0"
    wait_for_pixel(canvas, 30.5, 10, (centre[0], centre[1], centre[2]), tolerance=1)
    blue = canvas_pixel(canvas, 0.5, 10)
    red = canvas_pixel(canvas, 60.5, 10)
    assert blue[2] > blue[0] and red[0] > red[2]  # RdBu_r: negative blue, positive red
    notebook.screenshot("debugger-diverging", notebook.cell(3))


def test_channels_draw_64_labelled_panels_and_the_inspector_gives_every_value(
    notebook: Notebook,
) -> None:
    view = notebook.view(4)
    expect(view).to_have_attribute("data-view", "channels")
    items = view.locator(".nbimage-item")
    expect(items).to_have_count(64)
    expect(view).to_have_attribute("data-painted", "64")
    first = float(notebook.python_value("maps[17].min().item()"))
    expect(items.nth(17).locator(".nbimage-caption")).to_contain_text(f"#17 · min {first:.4g}")
    canvas = items.nth(17).locator("canvas.nbimage-canvas")
    canvas.hover(position={"x": 5, "y": 5})
    inspector = view.locator(".nbimage-inspector")
    expect(inspector).to_contain_text("raw (float32)")
    expect(inspector).to_contain_text("64 channels")
    text = inspector.text_content() or ""
    values = [
        float(v.replace("−", "-"))
        for line in text.splitlines()
        if line.strip().startswith("c")
        for v in line.split(":")[1].split()
    ]
    x, y = (int(v) for v in text.splitlines()[0].replace("x", "").replace("y", "").split(","))
    expected = [float(v) for v in notebook.run_code(f"print(*maps[:, {y}, {x}].tolist())").split()]
    assert values == pytest.approx(expected, rel=1e-3, abs=1e-3)
    note = view.locator(".nbimage-window-note")
    view.locator("select.nbimage-channel-window").select_option("shared")
    low = float(notebook.python_value("maps.min().item()"))
    expect(note).to_contain_text(f"full range {low:.4g}")
    # The render request carries the choice; the trait reaches the kernel on its own.
    assert "shared" in notebook.wait_for_python("ch.channel_window", lambda v: "shared" in v)
    notebook.screenshot("debugger-channels", notebook.cell(4))
