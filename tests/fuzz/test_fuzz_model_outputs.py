"""The fuzz suite, part 2: the APIs of issues 14–16 (box tensors, per-class scores,
heatmaps, the channel grid, window/colormap rendering) and foreign objects (matplotlib,
wandb). Same invariants as test_fuzz.py (see fuzz_check's docstring)."""

from __future__ import annotations

import io
import os
from typing import Any

import fuzz_foreign
import numpy as np
import PIL.Image
from fuzz_check import check_image, check_view, comm_bytes, run_case
from fuzz_inputs import junk, layer_names, mostly, texts
from fuzz_model_inputs import (
    box_arrays,
    box_kwargs,
    channel_data,
    colormaps,
    heatmap_data,
    render_requests,
    score_arrays,
    score_kwargs,
    value_ranges,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import nbimage
from nbimage import BoundingBoxes2D, Image, ImageMask

settings.load_profile("nbimage-fuzz")
# Half the cases of test_fuzz.py's tests by default, so that the whole suite stays near half a
# minute in `make test`; NBIMAGE_FUZZ_EXAMPLES (and `make fuzz`) set every test's count.
FEWER = settings(max_examples=int(os.environ.get("NBIMAGE_FUZZ_EXAMPLES", "75")))

PICTURE = np.linspace(0, 1, 6 * 7 * 3, dtype=np.float32).reshape(6, 7, 3)
BOX_ARGUMENTS = ("boxes", "format", "labels", "scores", "class_labels", "domain", "captions")
SCORE_ARGUMENTS = ("scores", "class_labels", "activation", "channel_axis", "threshold", "masks")
CHANNEL_ARGUMENTS = ("data", "rgb", "window", "colormap", "channel_window", "channel_axis")


@FEWER
@given(boxes=box_arrays(), data=st.data())
def test_any_box_array(boxes: tuple[Any, int], data: st.DataObject) -> None:
    """`BoundingBoxes2D.from_array` of any array or tensor, with any per-box arguments."""
    array, count = boxes
    kwargs = data.draw(box_kwargs(count))

    def build() -> Image:
        layer = BoundingBoxes2D.from_array(array, **kwargs)
        return Image(PICTURE, boxes={"b": layer})

    names = (*BOX_ARGUMENTS, "key")
    run_case("box_array", names, (array, kwargs), build, check_image)


@FEWER
@given(scores=score_arrays(), extra=score_kwargs())
def test_any_scores(scores: tuple[Any, dict[str, Any]], extra: dict[str, Any]) -> None:
    """`ImageMask.from_scores` of logits, probabilities, H×W×C, >256 classes, NaN, junk."""
    array, fitting = scores
    kwargs = {**fitting, **extra} if extra.keys() - {"class_labels", "key"} else fitting
    kwargs = {**kwargs, **{k: v for k, v in extra.items() if k in ("class_labels", "key")}}

    def build() -> Image:
        return Image(PICTURE, masks={"m": ImageMask.from_scores(array, **kwargs)})

    run_case("scores", (*SCORE_ARGUMENTS, "key"), (array, kwargs), build, check_image)


@FEWER
@given(
    data=heatmap_data(),
    colormap=st.one_of(st.none(), colormaps()),
    value_range=value_ranges(),
    key=layer_names(),
    wrapped=st.booleans(),
    more=mostly(st.just({}), st.dictionaries(st.one_of(texts, st.integers()), junk(1), max_size=2)),
)
def test_any_heatmap(
    data: Any, colormap: Any, value_range: Any, key: Any, wrapped: bool, more: dict[Any, Any]
) -> None:
    """`Image(..., heatmaps=)` of arrays, tensors and `Heatmap`s with any colormap/range."""
    options: dict[str, Any] = {"value_range": value_range}
    if colormap is not None:
        options["colormap"] = colormap

    def build() -> Image:
        layer = nbimage.Heatmap(data, key=key, **options) if wrapped else data
        heatmaps = {key: layer, **more} if isinstance(key, str) or not wrapped else {"h": layer}
        return Image(PICTURE, heatmaps=heatmaps)

    names = ("heatmaps", "key", "colormap", "value_range")
    inputs = (data, options, more)
    run_case("heatmap", names, inputs, build, check_heatmap_image)


def check_heatmap_image(image: Image) -> None:
    check_image(image)
    view = nbimage.show(image)
    for x, y in ((0, 0), (image.width - 1, image.height - 1)):
        reply = view.inspect_reply({"type": "inspect", "item": 0, "x": x, "y": y})
        for value in reply["heatmaps"].values():
            assert value is None or np.isfinite(value), reply


@FEWER
@given(
    data=channel_data(),
    options=st.fixed_dictionaries(
        {},
        optional={
            "rgb": mostly(
                st.one_of(st.none(), st.tuples(*[st.integers(0, 2)] * 3)),
                st.one_of(st.lists(st.integers(-2, 20), max_size=4), junk(1)),
            ),
            "window": mostly(
                st.one_of(
                    st.sampled_from([None, "full", "p1-99"]),
                    st.tuples(st.floats(-5, 0), st.floats(0.5, 5)),
                ),
                st.one_of(st.lists(st.floats(), max_size=3), texts, junk(1)),
            ),
            "channel_window": mostly(st.sampled_from(["per-channel", "shared"]), junk(1)),
            "colormap": mostly(st.one_of(st.none(), colormaps()), junk(1)),
            "channel_axis": mostly(st.sampled_from([None, 0, -1]), junk(1)),
            "columns": mostly(st.integers(0, 4), junk(1)),
        },
    ),
    requests=st.lists(render_requests(), max_size=3),
)
def test_any_channels(data: Any, options: dict[str, Any], requests: list[Any]) -> None:
    """`nbimage.channels` of any data and options; then junk render requests to its view."""

    def build() -> Any:
        return nbimage.channels(data, **options)

    def check(view: Any) -> None:
        check_view(view)
        for request in requests:
            check_render(view, request)

    names = (*CHANNEL_ARGUMENTS, "columns")
    run_case("channels", names, (data, options, requests), build, check)


def check_render(view: Any, request: Any) -> None:
    """The handler never raises; a render reply is strict JSON, an error or one PNG."""
    view._on_custom_message(view, request, [])
    if not isinstance(request, dict):
        return
    request = {**request, "type": "render"}
    view._on_custom_message(view, request, [])
    reply, buffers = view.render_reply(request)
    comm_bytes(reply)
    if reply["error"] is not None:
        assert isinstance(reply["error"], str) and len(reply["error"]) <= 1500, reply
        assert buffers == [], reply
        return
    assert len(buffers) == 1, reply
    with PIL.Image.open(io.BytesIO(buffers[0])) as rendered:
        rendered.load()
    low, high = reply["window"]
    assert np.isfinite(low) and np.isfinite(high) and low < high, reply


@FEWER
@given(
    which=st.sampled_from(["show", "compare", "channels", "grid"]),
    data=mostly(st.just(None), heatmap_data()),
    requests=st.lists(render_requests(), min_size=1, max_size=4),
)
def test_any_render_request(which: str, data: Any, requests: list[Any]) -> None:
    """Junk render requests (window/colormap view traits) to every kind of view."""
    picture = PICTURE if data is None else data

    def build() -> Any:
        if which == "channels":
            return nbimage.channels(np.moveaxis(PICTURE, -1, 0))
        if which == "compare":
            return nbimage.compare(picture)
        if which == "grid":
            return nbimage.show([picture, PICTURE])
        return nbimage.show(picture)

    def check(view: Any) -> None:
        for request in requests:
            check_render(view, request)

    names = ("data_or_path", "obj")
    run_case("render_request", names, (picture, requests), build, check)


@FEWER
@given(
    which=st.sampled_from(sorted(fuzz_foreign.BUILDERS)),
    file_type=mostly(st.none(), st.sampled_from(["png", "jpg", "bmp", "gif"])),
)
def test_any_foreign_object(which: str, file_type: Any) -> None:
    """matplotlib figures and artists (real, broken, fake) and wandb objects made of junk."""
    value = fuzz_foreign.BUILDERS[which]()
    kwargs = {} if file_type is None else {"file_type": file_type}
    names = ("data_or_path", "file_type")
    run_case("foreign_object", names, kwargs, lambda: Image(value, **kwargs), check_image)
