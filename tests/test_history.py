"""History (issue 17): wandb.log's step rules, bounded memory with an even spread of steps,
no reference to the caller's data, bad input named, and the static forms."""

from __future__ import annotations

import gc
import io
import itertools
import math
import tracemalloc
import weakref
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch

import nbimage
from nbimage import History, Image
from nbimage.history import RAW_NOT_KEPT
from nbimage.history_store import StepRecord, StepStore


def picture(step: int, size: int = 32) -> np.ndarray:
    """A flat picture whose colour says the step."""
    return np.full((size, size, 3), (step % 256, 100, 200), np.uint8)


def logged(history: History) -> list[int]:
    history.flush()
    return history.steps


def colour_of(history: History, step: int, key: str = "pred", index: int = 0) -> tuple[int, ...]:
    item = history.step_items(step)[key][index]
    with PIL.Image.open(io.BytesIO(item["src"])) as decoded:
        return tuple(decoded.convert("RGB").getpixel((0, 0)))


# -- step rules (as wandb.log) ---------------------------------------------------------------


def test_history_is_a_lazy_export() -> None:
    assert nbimage.History is History
    assert "History" in nbimage.__all__


def test_step_defaults_to_the_next_integer() -> None:
    history = History()
    for i in range(3):
        history.log({"pred": picture(i)})
    history.log({"pred": picture(10)}, step=10)
    history.log({"pred": picture(11)})
    assert logged(history) == [0, 1, 2, 10, 11]
    assert colour_of(history, 10)[0] == 10
    assert colour_of(history, 11)[0] == 11


def test_an_equal_step_merges_keys_and_the_later_value_wins() -> None:
    history = History()
    history.log({"pred": picture(1), "loss": 0.5}, step=4)
    history.log({"target": picture(2), "loss": 0.25}, step=4)
    history.log({"pred": picture(3)}, step=4)
    assert logged(history) == [4]
    assert set(history.step_items(4)) == {"pred", "target"}
    assert colour_of(history, 4, "pred")[0] == 3
    assert colour_of(history, 4, "target")[0] == 2
    assert history.step_numbers(4) == {"loss": 0.25}
    assert history.logged == 1


def test_commit_false_keeps_the_step_open_as_in_wandb() -> None:
    history = History()
    history.log({"pred": picture(1)}, commit=False)
    history.log({"target": picture(2)})
    history.log({"pred": picture(3)})
    assert logged(history) == [0, 1]
    assert set(history.step_items(0)) == {"pred", "target"}


def test_a_decreasing_step_is_an_error_naming_both_steps() -> None:
    history = History()
    history.log({"pred": picture(0)}, step=7)
    with pytest.raises(ValueError, match=r"step: 3 is lower than the last logged step 7") as info:
        history.log({"pred": picture(1)}, step=3)
    assert "step >= 7" in str(info.value) and "8" in str(info.value)
    assert logged(history) == [7]


def test_a_list_is_a_grid_at_that_step() -> None:
    history = History()
    history.log({"samples": [picture(1), Image(picture(2), caption="two"), torch.zeros(3, 8, 8)]})
    items = history.step_items(0)["samples"] if logged(history) else {}
    assert len(items) == 3
    assert items[1]["caption"] == "two"
    assert items[2]["width"] == 8


def test_numbers_pass_as_in_a_wandb_log_dict() -> None:
    history = History()
    history.log({"loss": 0.125, "epoch": 3, "nan": float("nan"), "np": np.float32(2.5)})
    logged(history)
    numbers = history.step_numbers(0)
    assert numbers["loss"] == 0.125 and numbers["epoch"] == 3 and numbers["np"] == 2.5
    assert math.isnan(numbers["nan"])
    assert history.latest is not None
    assert history.latest["numbers"]["nan"] == "nan"  # text: JSON has no NaN


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "step", "error", "pattern"),
    [
        ({3: 1.0}, None, TypeError, r"data: expected str keys .* got 3 \(int\)"),
        ({"pred": {"a": 1}}, None, TypeError, r"data\['pred'\]: expected an Image, .* a number"),
        ({"pred": None}, None, TypeError, r"data\['pred'\]: expected an Image"),
        ({"pred": object()}, None, TypeError, r"data\['pred'\]: expected an Image"),
        ({"pred": []}, None, ValueError, r"data\['pred'\]: the list is empty"),
        ({"pred": [picture(0), "nope"]}, None, FileNotFoundError, r"data\['pred'\]\[1\]"),
        ({"pred": np.zeros((2, 3, 4, 5, 6))}, None, ValueError, r"data\['pred'\]: "),
        ({"loss": 1.0}, float("nan"), ValueError, r"step: nan is not a whole number"),
        ({"loss": 1.0}, 2.5, ValueError, r"step: 2.5 is not a whole number"),
        ({"loss": 1.0}, -1, ValueError, r"step: must be >= 0, got -1"),
        ({"loss": 1.0}, True, TypeError, r"step: expected an int >= 0"),
        ({"loss": 1.0}, "3", TypeError, r"step: expected an int >= 0 .* got '3' \(str\)"),
        ([("pred", 1.0)], None, TypeError, r"data: expected a dict"),
    ],
)
def test_bad_input_is_named_and_loses_no_earlier_step(
    data: Any, step: Any, error: type[Exception], pattern: str
) -> None:
    history = History()
    history.log({"pred": picture(0), "loss": 1.0})
    with pytest.raises(error, match=pattern):
        history.log(data, step=step)
    history.log({"pred": picture(1)})  # the failed call took no step
    assert logged(history) == [0, 1]
    assert colour_of(history, 0)[0] == 0


def test_a_failing_value_after_good_ones_logs_nothing_of_that_call() -> None:
    history = History()
    history.log({"pred": picture(0)})
    with pytest.raises(TypeError, match=r"data\['bad'\]"):
        history.log({"new": picture(5), "bad": {1, 2}})
    assert logged(history) == [0]
    assert history.panel_keys == ["pred"]


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"max_steps": 0}, ValueError, r"max_steps: must be >= 1, got 0"),
        ({"max_steps": -5}, ValueError, r"max_steps: must be >= 1, got -5"),
        ({"max_steps": 2.5}, TypeError, r"max_steps: expected an int >= 1 .* got 2.5 \(float\)"),
        ({"max_bytes": 0}, ValueError, r"max_bytes: must be >= 1"),
        ({"keep_raw": "yes"}, TypeError, r"keep_raw: expected True or False"),
        ({"zoom": 2}, TypeError, r"History\(\) got unexpected option\(s\) 'zoom'"),
    ],
)
def test_bad_budgets_are_named(
    kwargs: dict[str, Any], error: type[Exception], pattern: str
) -> None:
    with pytest.raises(error, match=pattern):
        History(**kwargs)


def test_view_traits_name_themselves() -> None:
    history = History()
    with pytest.raises(ValueError, match=r"compare_steps: must be \[\] or two steps"):
        history.compare_steps = [1]
    with pytest.raises(ValueError, match=r"play_speed: must be a finite number"):
        history.play_speed = 0
    with pytest.raises(TypeError, match="shown_step"):
        history.shown_step = "last"  # type: ignore[assignment]
    history.shown_step = 3
    history.shown_step = None


# -- thinning -----------------------------------------------------------------------------------


def store_of(count: int, max_steps: int | None, max_bytes: int | None = None) -> StepStore:
    store = StepStore(max_steps, max_bytes)
    for i in range(count):
        store.add(StepRecord(step=10 * i, time=0.0, ordinal=0, numbers={"x": i}))
    return store


@pytest.mark.parametrize(("count", "max_steps"), [(1000, 50), (10_000, 100), (37, 10), (5, 500)])
def test_thinning_keeps_first_newest_and_an_even_spread(count: int, max_steps: int) -> None:
    store = store_of(count, max_steps)
    steps = [record.step for record in store.steps]
    assert len(steps) <= max_steps
    assert steps[0] == 0 and steps[-1] == 10 * (count - 1)
    assert store.thinned == count - len(steps)
    gaps = {b - a for a, b in itertools.pairwise(steps[:-1])}
    assert len(gaps) <= 1  # evenly spaced (the newest may sit closer to the last one)
    if count > max_steps:
        assert len(steps) > max_steps // 2  # thinned no more than needed


def test_thinning_spreads_over_the_whole_run() -> None:
    steps = [record.step for record in store_of(1000, 64).steps]
    # Each tenth of the run holds about a tenth of the kept steps.
    per_tenth = np.histogram(steps, bins=10, range=(0, 10_000))[0]
    assert per_tenth.min() >= 3 and per_tenth.max() - per_tenth.min() <= 2


def test_the_first_and_newest_stay_whatever_the_budget() -> None:
    store = store_of(50, 1)
    assert [r.step for r in store.steps] == [0, 490]
    tiny = store_of(50, None, max_bytes=1)
    assert [r.step for r in tiny.steps] == [0, 490]


def test_ten_thousand_logged_pictures_stay_within_the_byte_budget() -> None:
    budget = 8 * 2**20
    rng = np.random.default_rng(0)
    # Noise: its PNGs do not compress, so the byte budget and not the step count binds.
    frames = [rng.random((256, 256, 3), dtype=np.float32) for _ in range(4)]
    history = History(max_steps=None, max_bytes=budget)
    history.log({"warm": frames[0]})
    history.flush()
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for i in range(10_000):
            history.log({"pred": frames[i % 4], "loss": 1 / (i + 1)})
        history.flush()
        gc.collect()
        after, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    held = after - before
    print(
        f"10,000 log() calls: {held / 2**20:.1f} MiB held, peak {peak / 2**20:.1f} MiB, "
        f"{len(history.steps)} steps kept, accounted {history.nbytes / 2**20:.1f} MiB"
    )
    assert history.nbytes <= budget
    assert held <= budget * 1.25 + 2**20  # what the process really holds, not only the count
    assert peak <= budget * 1.25 + 16 * 2**20  # pending steps are bounded too
    steps = history.steps
    assert steps[0] == 0 and steps[-1] == 10_000
    assert history.thinned == 10_001 - len(steps) > 9_000


# -- the caller's data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: np.random.default_rng(1).random((64, 64, 3), dtype=np.float32),
        lambda: np.full((64, 64), 7, np.uint8),  # a picture that needs no conversion
        lambda: torch.rand(3, 64, 64),
    ],
    ids=["float32", "uint8", "torch"],
)
def test_no_reference_to_the_callers_array_is_kept(make: Any) -> None:
    history = History()
    data = make()
    ref = weakref.ref(data)
    history.log({"pred": data, "grid": [data, data]})
    del data
    history.flush()
    gc.collect()
    assert ref() is None
    assert history.step_items(0)["pred"][0]["width"] == 64


def test_an_image_built_by_the_caller_is_not_kept_either() -> None:
    history = History()
    data = np.random.default_rng(2).random((16, 16, 3))
    ref = weakref.ref(data)
    image = Image(data, caption="c")
    history.log({"pred": image})
    del data, image
    history.flush()
    gc.collect()
    assert ref() is None


def test_reusing_the_callers_buffer_does_not_change_a_logged_step() -> None:
    history = History()
    buffer = np.zeros((16, 16, 3), np.uint8)
    for step in range(3):
        buffer[:] = (step * 50, 0, 0)  # the training loop writes into the same tensor
        history.log({"pred": buffer})
    history.flush()
    assert [colour_of(history, s)[0] for s in range(3)] == [0, 50, 100]


def test_the_summary_keeps_the_input_dtype_and_range() -> None:
    history = History()
    history.log({"pred": np.linspace(-1, 1, 64, dtype=np.float32).reshape(8, 8)})
    history.flush()
    assert history.step_items(0)["pred"][0]["summary"] == (
        "8×8 L · float32 [-1, 1] · rule-rescale-pm1"
    )


# -- the inspector on old steps -------------------------------------------------------------


def test_inspecting_an_old_step_says_raw_values_were_not_kept() -> None:
    history = History()
    history.log({"pred": np.full((4, 4), 0.5, np.float32)})
    history.flush()
    reply = history.inspect_reply(
        {"request_id": 3, "step": 0, "key": "pred", "item": 0, "x": 1, "y": 1}
    )
    assert reply["raw"] is None and reply["note"] == RAW_NOT_KEPT
    assert "keep_raw=True" in RAW_NOT_KEPT


def test_keep_raw_keeps_a_copy_for_the_inspector() -> None:
    history = History(keep_raw=True)
    data = np.full((4, 4), 0.5, np.float32)
    history.log({"pred": data})
    data[:] = 9  # a later edit of the caller's array does not reach the kept copy
    history.flush()
    reply = history.inspect_reply(
        {"request_id": 1, "step": 0, "key": "pred", "item": 0, "x": 2, "y": 3}
    )
    assert reply["raw"] == [0.5] and reply["raw_dtype"] == "float32" and reply["note"] == ""
    assert history.nbytes >= data.nbytes  # counted in the budget


# -- what is sent ------------------------------------------------------------------------


def test_each_step_is_sent_once_with_its_pictures_as_binary_buffers() -> None:
    history = History()
    sent: list[tuple[dict[str, Any], list[Any]]] = []
    history.send = lambda content, buffers=None: sent.append((content, buffers or []))  # type: ignore[method-assign]
    for step in range(3):
        history.log({"pred": picture(step), "loss": float(step)})
    history.flush()
    steps = [c for c, _ in sent if c["type"] == "history-step"]
    assert [c["data"]["step"] for c in steps] == [0, 1, 2]
    for content, buffers in sent:
        assert list(content["data"]["items"]) == ["pred"]  # only the new step's own data
        assert len(buffers) == 1 and bytes(buffers[0][:8]) == b"\x89PNG\r\n\x1a\n"
        assert content["buffer_paths"] == [["items", "pred", 0, "src"]]
    history.send = lambda content, buffers=None: sent.append((content, buffers or []))  # type: ignore[method-assign]
    history._on_custom_message(history, {"type": "history-get", "step": 1}, [])
    assert sent[-1][0]["reply"] is True and sent[-1][0]["data"]["step"] == 1


def test_thinned_steps_are_named_in_the_message_that_drops_them() -> None:
    history = History(max_steps=4)
    dropped: list[int] = []
    history.send = lambda content, buffers=None: dropped.extend(content["data"]["dropped"])  # type: ignore[method-assign]
    for step in range(20):
        history.log({"loss": float(step)})
    history.flush()
    assert sorted(set(dropped) | set(history.steps)) == list(range(20))
    assert not set(dropped) & set(history.steps)
    assert history.thinned == 20 - len(history.steps)
    assert [next(iter(entry)) for entry in history.timeline] == history.steps


def test_the_newest_step_is_what_a_saved_notebook_keeps() -> None:
    history = History()
    for step in range(50):
        history.log({"pred": picture(step)})
    history.flush()
    state = history.get_state()
    assert state["latest"]["step"] == 49
    assert len(state["timeline"]) == 50
    assert "items" not in str(state["timeline"])  # the step list holds numbers only


# -- static forms ----------------------------------------------------------------------------------


def test_text_plain_says_steps_and_keys() -> None:
    history = History(max_steps=5)
    assert repr(history) == "History(0 steps kept, 0 keys: none)"
    for step in range(12):
        history.log({"pred": picture(step), "loss": 0.1})
    history.flush()
    text = repr(history)
    assert text.startswith(
        f"History({len(history.steps)} steps kept of 12 logged, 2 keys: pred, loss"
    )
    assert text.endswith("; newest step 11)")


def test_the_fallback_png_is_the_newest_step_as_a_labelled_contact_sheet() -> None:
    history = History()
    with PIL.Image.open(io.BytesIO(history.static_png())) as empty:
        assert empty.width > 100  # a line of text: no steps logged yet
    for step in range(5):
        history.log({"pred": picture(40 * step), "samples": [picture(1), picture(2)], "loss": 0.5})
    bundle = history._repr_mimebundle_()
    assert bundle is not None
    data, _ = bundle
    assert data["text/plain"].startswith("History(5 steps kept, 3 keys")
    with PIL.Image.open(io.BytesIO(history.static_png())) as sheet:
        rgb = np.asarray(sheet.convert("RGB"))
    # The newest step's prediction colour is on the sheet, the first step's is not.
    assert (np.abs(rgb.astype(int) - (160, 100, 200)).sum(axis=2) == 0).sum() > 1000
    assert (np.abs(rgb.astype(int) - (0, 100, 200)).sum(axis=2) == 0).sum() == 0
    # Titles are drawn in black above each panel.
    assert (rgb[:18].astype(int).sum(axis=2) < 200).sum() > 20


def test_it_works_with_no_frontend_and_a_closed_widget() -> None:
    history = History(max_steps=3)
    history.close()
    for step in range(10):
        history.log({"pred": picture(step)})
    assert logged(history) == [0, 8, 9]
    assert history._errors == []
