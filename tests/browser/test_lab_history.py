"""The History view in JupyterLab 4: live while the logging cell runs, the shared step slider,
←/→ and play, two keys on one slider, and the A/B comparison of two steps."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from jupyter_driver import JupyterServer, Notebook, open_notebook, wait_for_pixel
from playwright.sync_api import Browser, Locator, expect

pytestmark = pytest.mark.browser

STEPS = 30


def colour(step: int) -> tuple[int, int, int]:
    """The prediction's flat colour at a step (different at every step)."""
    return (10 + 8 * step, 200 - 5 * step, 60)


def target_colour(step: int) -> tuple[int, int, int]:
    return (60, 10 + 7 * step, 230 - 6 * step)


SETUP = """
import time
import numpy as np
import nbimage

def pred(step):
    return np.full((48, 64, 3), (10 + 8 * step, 200 - 5 * step, 60), np.uint8)

def target(step):
    return np.full((48, 64, 3), (60, 10 + 7 * step, 230 - 6 * step), np.uint8)
"""
CELLS = [
    SETUP,
    "history = nbimage.History()\nhistory",
    # The training loop: each step reaches the browser while this cell still runs.
    f"for step in range({STEPS}):\n"
    "    logged = {'pred': pred(step), 'target': target(step), 'loss': 1 / (step + 1)}\n"
    "    history.log(logged, step=step)\n"
    "    time.sleep(0.25)\n"
    "print('done')",
]


@pytest.fixture(scope="module")
def notebook(browser: Browser, jupyter_server: JupyterServer) -> Iterator[Notebook]:
    notebook = open_notebook(browser, jupyter_server, "history.ipynb", CELLS)
    # Start the run without awaiting it (the command's promise resolves when every cell has
    # run): the first test watches the view while the loop cell is still running.
    notebook.page.evaluate(
        "() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }"
    )
    yield notebook
    notebook.page.context.close()


def history_root(notebook: Notebook) -> Locator:
    return notebook.cell(1).locator("div.nbimage-history")


def panel_canvas(notebook: Notebook, key: str, index: int = 0) -> Locator:
    return (
        history_root(notebook)
        .locator(f".nbimage-history-panel[data-key='{key}'] canvas.nbimage-canvas")
        .nth(index)
    )


def shown_step(root: Locator) -> int:
    value = root.get_attribute("data-step")
    return int(value) if value else -1


def wait_for_step_at_least(root: Locator, step: int) -> None:
    root.page.wait_for_function(
        "([el, n]) => Number(el.dataset.step || -1) >= n", arg=[root.element_handle(), step]
    )


def test_the_slider_advances_while_the_cell_is_still_running(notebook: Notebook) -> None:
    root = history_root(notebook)
    loop_prompt = notebook.cell(2).locator(".jp-InputPrompt")
    wait_for_step_at_least(root, 3)
    expect(loop_prompt).to_have_text(re.compile(r"\[\*\]"))  # the loop is still running
    first = shown_step(root)
    wait_for_pixel(panel_canvas(notebook, "pred"), 30, 20, colour(first), tolerance=30)
    wait_for_step_at_least(root, first + 4)
    expect(loop_prompt).to_have_text(re.compile(r"\[\*\]"))
    later = shown_step(root)
    assert later >= first + 4
    slider = root.locator("input.nbimage-history-slider")
    assert int(slider.get_attribute("max") or 0) >= later  # one slider position per step
    notebook.screenshot("history-live", notebook.cell(1))
    # The loop ends; the view follows to the newest step.
    expect(notebook.cell(2).locator(".jp-OutputArea-output")).to_contain_text("done")
    expect(root).to_have_attribute("data-step", str(STEPS - 1))
    wait_for_pixel(panel_canvas(notebook, "pred"), 30, 20, colour(STEPS - 1))
    expect(root.locator(".nbimage-history-number[data-key='loss']")).to_contain_text("0.0333333")


def test_moving_the_slider_to_step_5_shows_step_5_in_both_panels(notebook: Notebook) -> None:
    root = history_root(notebook)
    expect(root).to_have_attribute("data-step", str(STEPS - 1))
    root.locator("input.nbimage-history-slider").fill("5")
    expect(root).to_have_attribute("data-step", "5")
    expect(root.locator(".nbimage-history-step")).to_have_text("step 5")
    wait_for_pixel(panel_canvas(notebook, "pred"), 30, 20, colour(5))
    wait_for_pixel(panel_canvas(notebook, "target"), 30, 20, target_colour(5))
    expect(root.locator(".nbimage-history-panel[data-key='target']")).to_have_attribute(
        "data-step", "5"
    )
    assert notebook.wait_for_python("history.shown_step", lambda v: v == "5") == "5"
    expect(root.locator("button[data-action='newest']")).to_be_visible()
    notebook.screenshot("history-step-5", notebook.cell(1))


def test_arrow_keys_step_and_do_not_reach_jupyterlab(notebook: Notebook) -> None:
    root = history_root(notebook)
    notebook.page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex = 1"
    )
    slider = root.locator("input.nbimage-history-slider")
    slider.fill("5")
    expect(root).to_have_attribute("data-step", "5")
    slider.focus()
    slider.press("ArrowRight")
    expect(root).to_have_attribute("data-step", "6")
    wait_for_pixel(panel_canvas(notebook, "pred"), 30, 20, colour(6))
    slider.press("ArrowLeft")
    slider.press("ArrowLeft")
    expect(root).to_have_attribute("data-step", "4")
    wait_for_pixel(panel_canvas(notebook, "target"), 30, 20, target_colour(4))
    active = notebook.page.evaluate(
        "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
    )
    assert active == 1  # JupyterLab did not move between cells


def test_play_runs_to_the_newest_step_and_stops(notebook: Notebook) -> None:
    root = history_root(notebook)
    notebook.python_value("setattr(history, 'play_speed', 30.0)")
    root.locator("input.nbimage-history-slider").fill("20")
    expect(root).to_have_attribute("data-step", "20")
    root.locator("button[data-action='play']").click()
    expect(root.locator("button[data-action='play']")).to_have_attribute("aria-pressed", "true")
    expect(root).to_have_attribute("data-step", str(STEPS - 1))
    expect(root.locator("button[data-action='play']")).to_have_attribute("aria-pressed", "false")
    wait_for_pixel(panel_canvas(notebook, "pred"), 30, 20, colour(STEPS - 1))
    assert notebook.wait_for_python("history.playing", lambda v: v == "False") == "False"
    assert notebook.python_value("history.shown_step") == "None"  # following the newest again


def test_python_sets_the_step_and_a_panel_can_be_unlinked(notebook: Notebook) -> None:
    root = history_root(notebook)
    notebook.python_value("setattr(history, 'shown_step', 12)")
    expect(root).to_have_attribute("data-step", "12")
    wait_for_pixel(panel_canvas(notebook, "pred"), 30, 20, colour(12))
    notebook.python_value("setattr(history, 'unlinked', {'target': 3})")
    target = root.locator(".nbimage-history-panel[data-key='target']")
    expect(target).to_have_attribute("data-step", "3")
    expect(target.locator("input.nbimage-history-unlink")).to_be_checked()
    wait_for_pixel(panel_canvas(notebook, "target"), 30, 20, target_colour(3))
    wait_for_pixel(panel_canvas(notebook, "pred"), 30, 20, colour(12))
    target.locator("input.nbimage-history-unlink").uncheck()
    expect(target).to_have_attribute("data-step", "12")
    assert notebook.wait_for_python("history.unlinked", lambda v: v == "{}") == "{}"


def test_compare_two_steps_side_by_side_and_swiped(notebook: Notebook) -> None:
    root = history_root(notebook)
    notebook.python_value("setattr(history, 'compare_steps', [2, 20])")
    pred = root.locator(".nbimage-history-panel[data-key='pred']")
    expect(pred.locator("div.nbimage[data-view='compare']")).to_have_attribute("data-ready", "true")
    expect(pred.locator(".nbimage-panel-label")).to_have_text(["A: step 2", "B: step 20"])
    wait_for_pixel(panel_canvas(notebook, "pred", 0), 30, 20, colour(2))
    wait_for_pixel(panel_canvas(notebook, "pred", 1), 30, 20, colour(20))
    expect(root.locator("select.nbimage-history-b")).to_have_value("20")
    root.locator("select.nbimage-history-b").select_option("25")
    wait_for_pixel(panel_canvas(notebook, "pred", 1), 30, 20, colour(25))
    notebook.screenshot("history-compare", notebook.cell(1))
    # Swipe: one canvas, A left of the divider and B right of it.
    pred.locator("select.nbimage-compare-mode").select_option("swipe")
    assert notebook.wait_for_python("history.compare_mode", lambda v: v == "'swipe'") == "'swipe'"
    expect(pred.locator("input.nbimage-swipe")).to_be_visible()
    wait_for_pixel(panel_canvas(notebook, "pred"), 10, 20, colour(2))
    wait_for_pixel(panel_canvas(notebook, "pred"), 54, 20, colour(25))
    notebook.screenshot("history-swipe", notebook.cell(1))
    root.locator("input.nbimage-history-compare").uncheck()
    assert notebook.wait_for_python("history.compare_steps", lambda v: v == "[]") == "[]"


SEGMENTATION = """
seg = nbimage.History(max_steps=4)
labels = {0: "background", 1: "cat", 2: "dog"}
for s in range(10):
    ids = np.zeros((48, 64), np.uint8)
    ids[:, : 6 * (s + 1)] = 1
    ids[:10, 50:] = 2
    seg.log({"seg": nbimage.Image(np.full((48, 64), 0.5, np.float32),
                                  masks={"m": {"mask_data": ids, "class_labels": labels}})},
            step=s)
seg.flush()
seg
"""


def test_thinning_is_said_and_per_key_state_stays_across_steps(notebook: Notebook) -> None:
    notebook.run_code(SEGMENTATION)
    root = notebook.page.locator("div.nbimage-history").last
    expect(root.locator(".nbimage-history-thinned")).to_have_text(
        "4 of 10 steps kept (6 thinned to stay within the budget)"
    )
    expect(root).to_have_attribute("data-steps", "4")
    panel = root.locator(".nbimage-history-panel[data-key='seg']")
    # Hide "dog" at the newest step; it stays hidden at an older step.
    dog = panel.locator("button.nbimage-legend-class[data-class-id='2']")
    dog.click()
    expect(dog).to_have_attribute("aria-pressed", "false")
    assert notebook.wait_for_python("seg.key_state['seg']['hidden_classes']", lambda v: "2" in v)
    root.locator("input.nbimage-history-slider").fill("0")
    expect(root).to_have_attribute("data-step", "0")
    expect(panel.locator("button.nbimage-legend-class[data-class-id='2']")).to_have_attribute(
        "aria-pressed", "false"
    )
    # The inspector on an old step: the logged 8-bit values, and that raw ones were not kept.
    # Step 0's own picture is up once its legend counts step 0's cat pixels (48 × 6).
    expect(
        panel.locator("button.nbimage-legend-class[data-class-id='1'] .nbimage-legend-count")
    ).to_have_text("288")
    expect(panel.locator("div.nbimage").first).to_have_attribute("data-ready", "true")
    canvas = panel.locator("canvas.nbimage-canvas")
    box = canvas.bounding_box()
    assert box is not None
    canvas.hover(position={"x": box["width"] * 0.8, "y": box["height"] * 0.8})
    inspector = panel.locator(".nbimage-inspector")
    expect(inspector).to_contain_text("shown L 127")  # 0.5 logged as 127 (a gray picture)
    expect(inspector).to_contain_text("raw values not kept")
    expect(inspector).to_contain_text("mask m: background")  # step 0's mask, not step 9's
    notebook.screenshot("history-thinned-legend", root)
