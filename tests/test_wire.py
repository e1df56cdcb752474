"""The wire format, pinned: real payloads checked against the TypedDicts in `nbimage.wire`.

This test also writes `tests/fixtures/wire_payload.json` (committed), which
`js/wire.test.ts` reads to check the TypeScript interfaces against the same data. Binary
fields are written as `{"$bytes": "<base64>"}` in that file only; on the comm they travel
as binary buffers (see `test_widget.py`).
"""

from __future__ import annotations

import base64
import io
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import numpy as np
import PIL.Image
import pytest

from nbimage import wire
from nbimage.model import Image
from nbimage.overlays import ImageMask
from nbimage.palette import PALETTE, class_colour
from nbimage.views import compare, show

FIXTURE = Path(__file__).parent / "fixtures" / "wire_payload.json"


def check(value: Any, expected: Any, where: str) -> None:
    """Assert `value` has exactly the shape of the type annotation `expected`."""
    origin = get_origin(expected)
    if origin in (Union, types.UnionType):
        errors = []
        for option in get_args(expected):
            try:
                check(value, option, where)
                return
            except AssertionError as error:
                errors.append(str(error))
        raise AssertionError(f"{where}: {value!r:.80} matches none of {expected}: {errors}")
    if expected is type(None):
        assert value is None, f"{where}: expected None, got {type(value).__name__}"
    elif origin is Literal:
        assert value in get_args(expected), f"{where}: {value!r} not in {get_args(expected)}"
    elif origin is list:
        assert isinstance(value, list), f"{where}: expected a list, got {type(value).__name__}"
        for i, element in enumerate(value):
            check(element, get_args(expected)[0], f"{where}[{i}]")
    elif origin is dict:
        assert isinstance(value, dict), f"{where}: expected a dict, got {type(value).__name__}"
        key_type, value_type = get_args(expected)
        for key, element in value.items():
            check(key, key_type, f"{where} key")
            check(element, value_type, f"{where}[{key!r}]")
    elif typing.is_typeddict(expected):
        assert isinstance(value, dict), f"{where}: expected {expected.__name__}, got {value!r:.80}"
        hints = get_type_hints(expected)
        assert set(value) == set(hints), (
            f"{where} ({expected.__name__}): extra keys {sorted(set(value) - set(hints))}, "
            f"missing keys {sorted(set(hints) - set(value))}"
        )
        for key, hint in hints.items():
            check(value[key], hint, f"{where}.{key}")
    elif expected is float:
        assert isinstance(value, (int, float)) and not isinstance(value, bool), (
            f"{where}: expected a number, got {value!r:.80}"
        )
    elif expected is int:
        assert isinstance(value, int) and not isinstance(value, bool), (
            f"{where}: expected an int, got {value!r:.80}"
        )
    else:
        assert isinstance(value, expected), (
            f"{where}: expected {expected.__name__}, got {type(value).__name__}"
        )


def synced_state(view: Any) -> dict[str, Any]:
    """The view's synced traits that belong to the wire (not ipywidgets' own)."""
    state = view.get_state()
    return {key: state[key] for key in get_type_hints(wire.WireViewState)}


def as_fixture_json(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {key: as_fixture_json(v) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_fixture_json(v) for v in value]
    return value


def decoded(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


@pytest.fixture(scope="module")
def labelled_image() -> Image:
    """64×48 picture with boxes in both position forms and domains, a mask and diagnostics."""
    rng = np.random.default_rng(7)
    pixels = rng.uniform(-0.2, 1.2, size=(48, 64, 3)).astype(np.float32)  # some clipping
    mask = np.zeros((48, 64), dtype=np.uint8)
    mask[10:30, 20:50] = 1
    mask[35:, :] = 7  # class 7 has no label: an `unlabeled-class` diagnostic
    return Image(
        pixels,
        caption='<img src=x onerror="alert(1)"> epoch 3',
        boxes={
            "predictions": {
                "box_data": [
                    {
                        "position": {"minX": 4, "maxX": 20, "minY": 6, "maxY": 30},
                        "domain": "pixel",
                        "class_id": 1,
                        "scores": {"confidence": 0.91, "iou": 0.5},
                    },
                    {
                        "position": {"middle": [0.5, 0.5], "width": 0.25, "height": 0.5},
                        "class_id": 2,
                        "box_caption": "dog (fraction domain)",
                        "scores": {"confidence": 0.3},
                    },
                ],
                "class_labels": {1: "cat", 2: "dog"},
            }
        },
        masks={"ground_truth": {"mask_data": mask, "class_labels": {0: "background", 1: "cat"}}},
    )


@pytest.fixture(scope="module")
def single_state(labelled_image: Image) -> dict[str, Any]:
    return synced_state(show(labelled_image, mask_opacity=0.4))


@pytest.fixture(scope="module")
def compare_state(labelled_image: Image) -> dict[str, Any]:
    return synced_state(compare(labelled_image.raw, denormalize="imagenet"))


@pytest.fixture(scope="module")
def batch_state() -> dict[str, Any]:
    """A grayscale batch of 10 (N, 1, H, W) shown as one grid picture, layers hidden/opaque."""
    batch = np.linspace(0, 1, 10 * 12 * 9, dtype=np.float32).reshape(10, 1, 12, 9)
    return synced_state(show(batch, hidden_layers=["gt"], layer_opacity={"seg": 0.8}))


def test_batch_item_carries_its_grid_geometry_and_mode(batch_state: dict[str, Any]) -> None:
    check(batch_state, wire.WireViewState, "state")
    (item,) = batch_state["items"]
    # 10 samples in rows of 8 (make_grid's default), 2 px padding, grayscale stays "L".
    assert item["batch"] == {
        "count": 10,
        "rows": 2,
        "columns": 8,
        "height": 12,
        "width": 9,
        "padding": 2,
    }
    assert item["mode"] == "L"
    assert (item["width"], item["height"]) == (8 * 11 + 2, 2 * 14 + 2)
    assert batch_state["hidden_layers"] == ["gt"]
    assert batch_state["layer_opacity"] == {"seg": 0.8}


def test_single_view_state_matches_the_typed_wire(single_state: dict[str, Any]) -> None:
    check(single_state, wire.WireViewState, "state")
    assert single_state["view"] == "single"
    assert single_state["mask_opacity"] == 0.4


def test_boxes_arrive_in_picture_pixels_for_both_position_forms(
    single_state: dict[str, Any],
) -> None:
    (layer,) = single_state["items"][0]["boxes"]
    assert layer["key"] == "predictions"
    pixel_box, fraction_box = layer["boxes"]
    assert (pixel_box["x0"], pixel_box["y0"], pixel_box["x1"], pixel_box["y1"]) == (4, 6, 20, 30)
    # middle (0.5, 0.5), 0.25 × 0.5 of a 64×48 picture.
    assert (fraction_box["x0"], fraction_box["y0"]) == pytest.approx((24, 12))
    assert (fraction_box["x1"], fraction_box["y1"]) == pytest.approx((40, 36))
    assert pixel_box["label"] == "cat 0.91"
    assert fraction_box["label"] == "dog (fraction domain)"


def test_mask_travels_as_class_id_png_with_counts(single_state: dict[str, Any]) -> None:
    (layer,) = single_state["items"][0]["masks"]
    ids = decoded(layer["png"])
    assert ids.shape == (48, 64)
    assert ids[20, 30] == 1 and ids[40, 0] == 7 and ids[0, 0] == 0
    assert layer["counts"] == {"0": int((ids == 0).sum()), "1": 600, "7": 13 * 64}


def test_diagnostics_and_caption_travel_as_data(single_state: dict[str, Any]) -> None:
    item = single_state["items"][0]
    codes = {d["code"] for d in item["diagnostics"]}
    assert {"rule-clip", "unlabeled-class"} <= codes
    assert item["caption"] == '<img src=x onerror="alert(1)"> epoch 3'  # text, untouched


def test_compare_state_has_panels_marks_histogram_and_eras(compare_state: dict[str, Any]) -> None:
    check(compare_state, wire.WireViewState, "compare")
    assert compare_state["view"] == "compare"
    labels = [item["label"] for item in compare_state["items"]]
    assert len(labels) == 4, labels  # logged, raw, min–max, denormalized
    for item in compare_state["items"]:
        marks = decoded(item["marks"])
        assert marks.shape == (48, 64)
        assert set(np.unique(marks)) <= {
            wire.MARK_NONE,
            wire.MARK_CLIPPED_LOW,
            wire.MARK_CLIPPED_HIGH,
            wire.MARK_NAN,
            wire.MARK_INF,
        }
    histogram = compare_state["histogram"]
    assert [c["name"] for c in histogram["channels"]] == ["R", "G", "B"]
    assert {era["id"] for era in compare_state["eras"]} >= {"0.19", "0.22", "0.31"}


def test_inspect_reply_matches_the_typed_wire(labelled_image: Image) -> None:
    view = show(labelled_image)
    request: wire.InspectRequest = {"type": "inspect", "request_id": 5, "item": 0, "x": 3, "y": 2}
    reply = view.inspect_reply(request)
    check(reply, wire.InspectReply, "reply")
    assert reply["raw"] == pytest.approx(labelled_image.raw[2, 3].tolist())


def history_messages(labelled_image: Image) -> tuple[dict[str, Any], dict[str, Any]]:
    """A History step as sent (buffers put back) and an inspect reply on it."""
    from nbimage.history import History

    history = History()
    history.log({"pred": labelled_image, "grid": [labelled_image, labelled_image], "loss": 0.5})
    history.flush()
    step = history._step_message(history._store.steps[0], [])
    request = {
        "type": "inspect",
        "request_id": 6,
        "item": 1,
        "x": 3,
        "y": 2,
        "step": 0,
        "key": "grid",
    }
    return dict(step), dict(history.inspect_reply(request))


def test_history_messages_match_the_typed_wire(labelled_image: Image) -> None:
    step, reply = history_messages(labelled_image)
    check(step, wire.WireHistoryStep, "history_step")
    check(reply, wire.HistoryInspectReply, "history_inspect_reply")
    assert len(step["items"]["grid"]) == 2 and step["numbers"] == {"loss": "0.5"}
    assert step["items"]["pred"][0]["boxes"] and step["items"]["pred"][0]["masks"]


def render_messages() -> tuple[dict[str, Any], dict[str, Any]]:
    """A window/level request and its reply (the PNG travels as a buffer, not in the JSON)."""
    depth = np.tile(np.linspace(0, 65535, 32).astype(np.uint16), (8, 1))
    view = show(depth)
    request = {
        "type": "render",
        "request_id": 7,
        "item": 0,
        "window": "p1-99",
        "colormap": "viridis",
        "channel_window": "per-channel",
        "max_side": 512,
    }
    reply, buffers = view.render_reply(request)
    assert len(buffers) == 1 and buffers[0][:4] == b"\x89PNG"
    return request, dict(reply)


def test_render_messages_match_the_typed_wire() -> None:
    request, reply = render_messages()
    check(request, wire.RenderRequest, "render request")
    check(reply, wire.RenderReply, "render reply")
    assert reply["colormap"] == "viridis" and reply["error"] is None


@pytest.fixture(scope="module")
def model_outputs_view() -> Any:
    """A segmenter's scores (with confidence) and a heatmap over a 40×32 picture (issue 16)."""
    rng = np.random.default_rng(16)
    logits = rng.normal(size=(3, 32, 40)).astype(np.float32)
    mask = ImageMask.from_scores(logits, class_labels=["background", "cat", "dog"], key="seg")
    return show(
        Image(
            rng.random((32, 40, 3)).astype(np.float32),
            masks={"seg": mask},
            heatmaps={"saliency": rng.random((8, 10))},
        ),
        confidence_thresholds={"seg": 0.6},
    )


def test_model_outputs_state_matches_the_typed_wire(model_outputs_view: Any) -> None:
    state = synced_state(model_outputs_view)
    check(state, wire.WireViewState, "state")
    (layer,) = state["items"][0]["masks"]
    assert layer["confidence"] is not None
    (heatmap,) = state["items"][0]["heatmaps"]
    assert decoded(heatmap["png"]).shape == (8, 10, 4)
    assert decoded(heatmap["colorbar"]).shape == (1, 256, 3)
    reply = model_outputs_view.inspect_reply(
        {"type": "inspect", "request_id": 1, "item": 0, "x": 39, "y": 31}
    )
    check(reply, wire.InspectReply, "reply")
    assert set(reply["heatmaps"]) == {"saliency"}


def test_write_the_shared_fixture(
    single_state: dict[str, Any],
    compare_state: dict[str, Any],
    batch_state: dict[str, Any],
    labelled_image: Image,
    model_outputs_view: Any,
) -> None:
    view = show(labelled_image)
    request = {"type": "inspect", "request_id": 5, "item": 0, "x": 3, "y": 2}
    payload = {
        "palette": list(PALETTE),
        # class_colour beyond the list (and negative ids): the TS spread must equal it.
        "palette_spread": {str(i): class_colour(i) for i in [*range(-3, 0), *range(78, 400)]},
        "single": single_state,
        "compare": compare_state,
        "batch": batch_state,
        "model_outputs": synced_state(model_outputs_view),
        "inspect_request": request,
        "inspect_reply": view.inspect_reply(request),
        "render_request": render_messages()[0],
        "render_reply": render_messages()[1],
        "inspect_reply_heatmap": model_outputs_view.inspect_reply(
            {"type": "inspect", "request_id": 6, "item": 0, "x": 1, "y": 1}
        ),
    }
    payload["history_step"], payload["history_inspect_reply"] = history_messages(labelled_image)
    text = json.dumps(as_fixture_json(payload), indent=1, sort_keys=True, allow_nan=False) + "\n"
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(text)
    reread = json.loads(FIXTURE.read_text())
    assert reread["palette"] == list(PALETTE)
    assert reread["single"]["items"][0]["src"]["$bytes"]
