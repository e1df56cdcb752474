"""Real-size overlays in JupyterLab 4 at 1400×1000 (issue 13): a 150+-id legend that leaves
the picture in the first screen, box labels inside the canvas and never over each other,
slider numbers, layers hidden from the legend, and the inspector naming a batch's sample."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from typing import Any

import pytest
from jupyter_driver import REPO, JupyterServer, Notebook, open_notebook, wait_for_pixel
from playwright.sync_api import Browser, expect

from nbimage.palette import class_rgb

pytestmark = pytest.mark.browser

SETUP = f"""
import sys
sys.path.insert(0, {str(REPO / "tests")!r})
import numpy as np
import torch
import nbimage
from nbimage import Image
import realistic as R

pic = R.photo(2400)
H, W = pic.shape[:2]
pred = R.predicted_boxes(W, H)
detection = Image(
    pic,
    caption="coffee: predictions vs ground truth",
    boxes={{"ground_truth": R.ground_truth_boxes(W, H), "predictions": pred}},
    masks={{"panoptic": {{"mask_data": R.coco_mask(W, H), "class_labels": R.COCO_LABELS}}}},
)
astronaut, superpixel_ids = R.superpixels()
print(len(np.unique(superpixel_ids)), "superpixels")
"""
CELLS = [
    SETUP,
    "slic = nbimage.show(Image(astronaut, masks={'superpixels': {'mask_data': superpixel_ids}}))\n"
    "slic",
    "det = nbimage.show(detection, score_thresholds={'confidence': 0.3})\ndet",
    "batch = nbimage.show(torch.rand(16, 1, 64, 64))\nbatch",
]
VIEWPORT = {"width": 1400, "height": 1000}


@pytest.fixture(scope="module")
def notebook(browser: Browser, jupyter_server: JupyterServer) -> Iterator[Notebook]:
    notebook = open_notebook(browser, jupyter_server, "legend_labels.ipynb", CELLS)
    notebook.page.set_viewport_size(VIEWPORT)
    notebook.run_all()
    yield notebook
    notebook.page.context.close()


def labels_of(canvas: Any) -> list[dict[str, Any]]:
    return list(json.loads(canvas.get_attribute("data-labels") or "[]"))


def wait_for_labels(canvas: Any, predicate: str) -> None:
    """Auto-wait until `predicate` (JS, over the parsed `labels`) holds for data-labels."""
    canvas.page.wait_for_function(
        f"(c) => {{ const labels = JSON.parse(c.dataset.labels || '[]'); return {predicate}; }}",
        arg=canvas.element_handle(),
    )


def test_a_superpixel_legend_leaves_the_picture_in_the_first_screen(notebook: Notebook) -> None:
    view = notebook.view(1)
    legend = view.locator(".nbimage-legend[data-layer='superpixels']")
    expect(legend).to_have_attribute("data-compact", "true")
    count = int(notebook.python_value("len(np.unique(superpixel_ids))"))
    assert count >= 150
    # The view's top at the top of the screen: the picture starts well inside that screen.
    view.evaluate("(el) => el.scrollIntoView({block: 'start'})")
    canvas = view.locator("canvas.nbimage-canvas")
    offset = canvas.evaluate(
        "(c) => c.getBoundingClientRect().top - c.closest('.nbimage').getBoundingClientRect().top"
    )
    assert offset < 300, f"the picture starts {offset} px below the view's top"
    assert canvas.evaluate("(c) => c.getBoundingClientRect().top") < VIEWPORT["height"] - 200
    # Most frequent first, with counts; "show all N" lists every class.
    buttons = legend.locator("button.nbimage-legend-class")
    counts = [int(t) for t in legend.locator(".nbimage-legend-count").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and len(counts) < count
    legend.locator("button[data-action='show-all']").click()
    expect(buttons).to_have_count(count)
    notebook.screenshot("legend-superpixels", notebook.cell(1))


def test_the_legend_filter_finds_and_toggles_a_class_from_the_keyboard(
    notebook: Notebook,
) -> None:
    legend = notebook.view(1).locator(".nbimage-legend[data-layer='superpixels']")
    box = legend.locator("input.nbimage-legend-filter")
    expect(box).to_have_attribute("placeholder", "type to find a class")
    box.focus()
    notebook.page.keyboard.type("class_17")
    buttons = legend.locator("button.nbimage-legend-class")
    names = buttons.locator(".nbimage-legend-name").all_inner_texts()
    assert names and all("class_17" in name for name in names), names
    notebook.page.keyboard.press("Enter")  # toggles the best match
    first_id = int(buttons.first.get_attribute("data-class-id") or -1)
    expect(buttons.first).to_have_attribute("aria-pressed", "false")
    hidden = notebook.wait_for_python("slic.hidden_classes", lambda v: str(first_id) in v)
    assert f"'superpixels': [{first_id}]" in hidden
    notebook.page.keyboard.press("Escape")
    expect(box).to_have_value("")


def test_labels_stay_inside_the_canvas_and_never_overlap(notebook: Notebook) -> None:
    view = notebook.view(2)
    canvas = view.locator("canvas.nbimage-canvas")
    wait_for_labels(canvas, "labels.length > 0")
    labels = labels_of(canvas)
    width, height = canvas.evaluate("(c) => [c.width, c.height]")
    assert len(labels) >= 20, labels
    for label in labels:
        assert label["x"] >= 0 and label["y"] >= 0, label
        assert label["x"] + label["w"] <= width and label["y"] + label["h"] <= height, label
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = (
                a["x"] + a["w"] <= b["x"]
                or b["x"] + b["w"] <= a["x"]
                or a["y"] + a["h"] <= b["y"]
                or b["y"] + b["h"] <= a["y"]
            )
            assert apart, f"{a['text']!r} overlaps {b['text']!r}"
    # Compact text, "class score".
    assert any(label["text"].endswith(" 0.74") or " 0." in label["text"] for label in labels)
    assert not any("=" in label["text"] for label in labels)
    notebook.screenshot("labels-detection", notebook.cell(2))


def test_the_label_of_a_box_touching_the_top_is_drawn_inside_the_canvas(
    notebook: Notebook,
) -> None:
    canvas = notebook.view(2).locator("canvas.nbimage-canvas")
    top_box = ast.literal_eval(notebook.python_value("pred['box_data'][4]"))
    assert top_box["position"]["minY"] == 0
    name = ast.literal_eval(notebook.python_value("R.COCO_LABELS"))[top_box["class_id"]]
    text = f"{name} {top_box['scores']['confidence']:.2f}"
    (label,) = [lab for lab in labels_of(canvas) if lab["text"] == text]
    assert label["y"] >= 0
    # The label's background, read from the canvas pixels, is the class colour.
    pixel = canvas.evaluate(
        "(c, [x, y]) => Array.from(c.getContext('2d').getImageData(x, y, 1, 1).data)",
        [label["x"] + 1, label["y"] + 1],
    )
    assert all(abs(pixel[i] - class_rgb(top_box["class_id"])[i]) <= 8 for i in range(3)), pixel


def test_the_score_slider_shows_its_number_and_legend_counts_follow_it(
    notebook: Notebook,
) -> None:
    view = notebook.view(2)
    slider = view.locator("input.nbimage-threshold[data-score-key='confidence']")
    number = slider.locator("xpath=following-sibling::output[1]")
    expect(number).to_have_text("0.30")
    expect(number).to_be_visible()
    notebook.run_code("det.score_thresholds = {'confidence': 0.6}")
    expect(number).to_have_text("0.60")
    kept = int(
        notebook.python_value(
            "sum(b['scores']['confidence'] >= 0.6 for b in pred['box_data'] if b['class_id'] == 0)"
        )
    )
    total = int(notebook.python_value("sum(b['class_id'] == 0 for b in pred['box_data'])"))
    person = view.locator(
        ".nbimage-legend[data-layer='predictions'] button[data-class-id='0'] .nbimage-legend-count"
    )
    expect(person).to_have_text(f"{kept}/{total}" if kept < total else str(total))


def test_a_whole_layer_hides_from_its_legend_title_and_reaches_python(
    notebook: Notebook,
) -> None:
    view = notebook.view(2)
    title = view.locator(".nbimage-legend[data-layer='predictions'] button[data-action='layer']")
    title.click()
    expect(title).to_have_attribute("aria-pressed", "false")
    notebook.wait_for_python("det.hidden_layers", lambda v: "predictions" in v)
    canvas = view.locator("canvas.nbimage-canvas")
    wait_for_labels(canvas, "labels.length > 0 && labels.every((l) => l.layer !== 'predictions')")
    notebook.run_code("det.hidden_layers = []")
    expect(title).to_have_attribute("aria-pressed", "true")


def test_the_inspector_on_a_batch_names_the_sample_and_the_mode(notebook: Notebook) -> None:
    view = notebook.view(3)
    canvas = view.locator("canvas.nbimage-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    # make_grid: rows of 8 samples of 64 px with 2 px padding; aim at sample 10's centre.
    width, height = 8 * 66 + 2, 2 * 66 + 2
    x, y = 2 + 2 * 66 + 32.5, 2 + 66 + 32.5  # the centre of pixel (32, 32) of sample 10
    notebook.page.mouse.move(
        box["x"] + x * box["width"] / width, box["y"] + y * box["height"] / height
    )
    inspector = view.locator(".nbimage-inspector")
    expect(inspector).to_contain_text("batch[10] of 16: x 32, y 32")
    expect(inspector).to_contain_text("shown L ")
    notebook.screenshot("inspector-batch", notebook.cell(3))


def test_a_mask_layers_own_opacity_set_from_python_is_drawn(notebook: Notebook) -> None:
    canvas = notebook.view(1).locator("canvas.nbimage-canvas")
    canvas.scroll_into_view_if_needed()
    photo = ast.literal_eval(notebook.python_value("tuple(int(v) for v in astronaut[300, 60])"))
    # Opacity 0 for this layer only: the photo's own pixel shows through.
    notebook.run_code("slic.layer_opacity = {'superpixels': 0.0}")
    wait_for_pixel(canvas, 60.5, 300.5, photo, tolerance=3)
    # Back to the default (mask_opacity 0.5): the superpixel colour is mixed in again.
    notebook.run_code("slic.layer_opacity = {}")
    wait_for_pixel(canvas, 60.5, 300.5, photo, tolerance=3, negate=True)
