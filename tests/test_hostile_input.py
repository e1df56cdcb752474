"""Regression tests for issue 19: one per kind of hostile input the generated battery found.

Each either raises the project's error (type, argument named, what was received) or gives
the sensible result and says so; none hangs, leaks an internal error or a warning.
"""

from __future__ import annotations

import base64
import io
import json
import math
import os
import pathlib
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch
from ipywidgets.widgets.widget import _remove_buffers

import nbimage
from nbimage import Image
from nbimage._errors import describe

PICTURE = np.zeros((4, 6, 3), dtype=np.uint8)  # H=4, W=6


@pytest.fixture(autouse=True)
def no_warnings() -> Iterator[None]:
    """No numpy/PIL/torch warning reaches the user for any of these."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def comm_state(view: Any) -> bytes:
    """The view's state as the comm sends it (strict JSON, UTF-8)."""
    state, _paths, _buffers = _remove_buffers(view.get_state())
    return json.dumps(state, ensure_ascii=False, allow_nan=False).encode("utf-8")


def png_of(size: tuple[int, int] = (16, 12)) -> bytes:
    rng = np.random.default_rng(0)
    buffer = io.BytesIO()
    PIL.Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)).save(
        buffer, "png"
    )
    return buffer.getvalue()


def one_box(**position: Any) -> dict[str, Any]:
    return {"b": {"box_data": [{"position": position, "class_id": 1, "domain": "pixel"}]}}


# --- hangs ----------------------------------------------------------------------------------


def test_a_fifo_as_data_is_refused_before_opening(tmp_path: pathlib.Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match=r"^data_or_path: path .*pipe\.png' is a named pipe"):
        Image(fifo)


def test_a_fifo_as_mask_path_is_refused_before_opening(tmp_path: pathlib.Path) -> None:
    fifo = tmp_path / "mask.png"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match=r"^masks\['gt'\]\.path: .* is a named pipe \(FIFO\)"):
        Image(PICTURE, masks={"gt": {"path": str(fifo)}})


def test_a_device_is_not_a_regular_file() -> None:
    with pytest.raises(ValueError, match="is a character device, not a regular file"):
        Image("/dev/null")


# --- tensors --------------------------------------------------------------------------------


def test_a_meta_tensor_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match=r"^data_or_path: .*'meta' device.*no values"):
        Image(torch.zeros(3, 4, 4, device="meta"))


def test_sparse_tensors_are_made_dense_and_say_so() -> None:
    dense = torch.zeros(3, 4, 5)
    dense[0, 1, 2] = 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch: "Sparse CSR tensor support is in beta"
        kinds = (dense.to_sparse(), dense[0].to_sparse_csr())
    for sparse in kinds:
        image = Image(sparse)
        expected = Image(dense if sparse.ndim == 3 else dense[0])
        assert np.array_equal(np.asarray(image.image), np.asarray(expected.image))
        converted = [d for d in image.diagnostics if d.code == "tensor-converted"]
        assert converted and "made dense from sparse" in converted[0].message


def test_a_quantized_tensor_is_dequantized_and_says_so() -> None:
    values = torch.linspace(0, 1, 48).reshape(3, 4, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch's deprecation of building quantized tensors
        quantized = torch.quantize_per_tensor(values, 1 / 255, 0, torch.quint8)
    image = Image(quantized)
    assert image.rule == "rule-scale-01"
    assert np.array_equal(np.asarray(image.image), np.asarray(Image(quantized.dequantize()).image))
    assert "dequantized from torch.quint8" in str(image.diagnostics)


def test_bfloat16_mask_data_is_read_as_class_ids() -> None:
    ids = torch.tensor([[0, 1, 2, 3, 4, 5]] * 4, dtype=torch.bfloat16)
    image = Image(PICTURE, masks={"gt": {"mask_data": ids}})
    assert image.masks["gt"].counts() == {i: 4 for i in range(6)}


def test_a_meta_tensor_as_mask_data_names_the_mask() -> None:
    with pytest.raises(ValueError, match=r"^masks\['gt'\]\.mask_data: .*'meta' device"):
        Image(PICTURE, masks={"gt": {"mask_data": torch.zeros(4, 6, device="meta")}})


# --- nested lists and the error formatter -----------------------------------------------------


def deep_list(levels: int) -> list[Any]:
    outer: list[Any] = []
    current = outer
    for _ in range(levels):
        current.append([])
        current = current[0]
    return outer


def test_ragged_mask_data_says_it_is_not_rectangular() -> None:
    with pytest.raises(ValueError, match=r"^masks\['gt'\]\.mask_data: \[\[1, 2\], \[3\]\] .*"):
        Image(PICTURE, masks={"gt": {"mask_data": [[1, 2], [3]]}})


def test_very_deep_lists_get_a_short_error_not_a_recursion_error() -> None:
    deep = deep_list(100_000)
    with pytest.raises(TypeError, match=r"^data_or_path: expected .*got \[\[\[\[\.\.\.\]\]\]\]"):
        Image(deep)
    with pytest.raises(TypeError, match=r"^caption: expected a str"):
        Image(PICTURE, caption=deep)
    with pytest.raises(ValueError, match=r"^masks\['gt'\]\.mask_data: .*nested too deep"):
        Image(PICTURE, masks={"gt": {"mask_data": deep}})


def test_describe_is_safe_and_short_on_any_value() -> None:
    class Hostile:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    assert describe(10**5000) == "<an int of about 5001 digits> (int)"
    assert describe(Hostile()) == "<Hostile object> (Hostile)"
    assert describe(deep_list(10**5)) == "[[[[...]]]] (list)"
    assert len(describe(list(range(10**6)))) < 100
    assert len(describe("x" * 10**6)) < 100


# --- PIL pictures and file objects ---------------------------------------------------------


def test_a_truncated_png_opened_with_pil_names_the_argument(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cut.png"
    path.write_bytes(png_of((64, 64))[:300])
    with (
        PIL.Image.open(path) as lazy,
        pytest.raises(ValueError, match=r"^data_or_path: the PIL image .* could not be decoded"),
    ):
        Image(lazy)


def test_a_closed_pil_image_names_the_argument() -> None:
    picture = PIL.Image.open(io.BytesIO(png_of()))
    picture.load()
    picture.close()
    with pytest.raises(ValueError, match=r"^data_or_path: the PIL image \(RGB 16×12\) is closed"):
        Image(picture)


def test_a_closed_file_object_names_the_argument() -> None:
    handle = io.BytesIO(png_of())
    handle.close()
    with pytest.raises(ValueError, match=r"^data_or_path: the file-like object .* is closed"):
        Image(handle)


def test_an_object_whose_read_is_not_callable() -> None:
    class Odd:
        read = 3

    with pytest.raises(TypeError, match=r"^data_or_path: expected .*its `read` is not a method"):
        Image(Odd())


def test_a_300_character_file_name(tmp_path: pathlib.Path) -> None:
    long_name = str(tmp_path / ("a" * 300 + ".png"))
    with pytest.raises(
        ValueError, match=r"^data_or_path: .* cannot be read \(File name too long\)"
    ):
        Image(long_name)
    with pytest.raises(ValueError, match=r"^masks\['gt'\]\.path: .*File name too long"):
        Image(PICTURE, masks={"gt": {"path": long_name}})


def test_a_path_is_read_once_so_to_bytes_survives_the_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(png_of())
    image = Image(path)
    path.unlink()
    assert image.to_bytes() == png_of()


# --- huge numbers -------------------------------------------------------------------------------


def test_huge_ints_as_coordinates_captions_class_ids_and_grouping() -> None:
    huge = 10**5000
    with pytest.raises(ValueError, match=r"box_data\[0\]\.position\.maxX: <an int of about 5001"):
        Image(PICTURE, boxes=one_box(minX=0, maxX=huge, minY=0, maxY=1))
    with pytest.raises(ValueError, match=r"^caption: <an int of about 5001 digits> is too long"):
        Image(PICTURE, caption=huge)
    box = {"position": {"minX": 0, "maxX": 1, "minY": 0, "maxY": 1}, "class_id": huge}
    with pytest.raises(ValueError, match=r"box_data\[0\]\.class_id: .* is out of range"):
        Image(PICTURE, boxes={"b": {"box_data": [box]}})
    with pytest.raises(ValueError, match=r"^grouping: <an int of about 5001 digits> is too large"):
        Image(PICTURE, grouping=huge)


def test_show_with_a_center_too_large_for_a_float() -> None:
    with pytest.raises(ValueError, match=r"^center: <an int of about 401 digits> is too large"):
        nbimage.show(PICTURE, center=[10**400, 0])
    with pytest.raises(ValueError, match=r"^columns: .* is out of range"):
        nbimage.show(PICTURE, columns=10**30)


def test_compare_of_data_at_the_float64_limits() -> None:
    data = np.array([[1e308, -1e308], [1e308, 0.0]])
    view = nbimage.compare(data)
    histogram = view.histogram
    assert histogram["lo"] == -1e308 and histogram["hi"] == 1e308
    counts = histogram["channels"][0]["counts"]
    assert counts[0] == 1 and counts[-1] == 2 and sum(counts) == 4
    comm_state(view)


def test_compare_with_a_denormalize_of_text_names_the_argument() -> None:
    with pytest.raises(TypeError, match=r"^denormalize mean: expected a number"):
        nbimage.compare(PICTURE, denormalize=("a", "b"))
    with pytest.raises(ValueError, match=r"^denormalize mean: .* non-finite"):
        nbimage.compare(PICTURE, denormalize=([10**400], [1]))


# --- accepted, then failing later ---------------------------------------------------------------


def test_boxes_1e308_away_are_drawn_clipped_like_other_outside_boxes() -> None:
    far = Image(PICTURE, boxes=one_box(minX=-1e308, maxX=1e308, minY=1, maxY=1e308))
    near = Image(PICTURE, boxes=one_box(minX=-10, maxX=20, minY=1, maxY=20))
    assert [d.code for d in far.diagnostics] == [d.code for d in near.diagnostics]
    assert "box-outside" in [d.code for d in far.diagnostics]
    far_png = base64.b64decode(far._repr_mimebundle_()[0]["image/png"])
    near_png = base64.b64decode(near._repr_mimebundle_()[0]["image/png"])
    # Only the part inside is drawn: the top edge at y=1, the same picture either way.
    assert np.array_equal(
        np.asarray(PIL.Image.open(io.BytesIO(far_png))),
        np.asarray(PIL.Image.open(io.BytesIO(near_png))),
    )
    fraction = Image(
        PICTURE,
        boxes={
            "b": {
                "box_data": [
                    {
                        "position": {"middle": [0.5, 0.5], "width": 1e308, "height": 1e308},
                        "class_id": 0,
                    }
                ]
            }
        },
    )
    comm_state(nbimage.show(fraction))  # no Infinity in the view's JSON


def test_a_65500_by_1_la_picture_gets_its_fallback() -> None:
    image = Image(PIL.Image.new("La", (65500, 1), (200, 255)))
    fallback = PIL.Image.open(
        io.BytesIO(base64.b64decode(image._repr_mimebundle_()[0]["image/png"]))
    )
    assert fallback.size == (1024, 1)


def test_the_inspector_answers_on_nan_and_inf_pixels_of_a_mode_f_picture() -> None:
    values = np.array([[np.nan, np.inf], [-np.inf, 7.6]], dtype=np.float32)
    view = nbimage.show(PIL.Image.fromarray(values, mode="F"))
    shown = {}
    for x in (0, 1):
        for y in (0, 1):
            reply = view.inspect_reply({"type": "inspect", "item": 0, "x": x, "y": y})
            json.dumps(reply, allow_nan=False)
            shown[x, y] = reply["shown"]
    # What the view shows: Pillow's F -> L conversion (NaN and -Inf 0, +Inf 255).
    assert shown == {(0, 0): [0], (1, 0): [255], (0, 1): [0], (1, 1): [7]}


# --- text that cannot be sent ---------------------------------------------------------------------


def test_lone_surrogates_are_replaced_and_said() -> None:
    boxes = {
        "b": {
            "box_data": [
                {
                    "position": {"minX": 0, "maxX": 1, "minY": 0, "maxY": 1},
                    "class_id": 0,
                    "box_caption": "cap\udcff",
                }
            ],
            "class_labels": {0: "cat\ud800"},
        }
    }
    image = Image(
        PICTURE, caption="photo-\udce9.png", boxes=boxes, classes=[{"id": 2, "name": "\ud800dog"}]
    )
    assert image.caption == "photo-\ufffd.png"
    assert image.boxes["b"].class_labels == {0: "cat\ufffd"}
    assert image.classes is not None and {"id": 2, "name": "\ufffddog"} in image.classes.class_set
    replaced = [d for d in image.diagnostics if d.code == "text-replaced"]
    places = " ".join(d.message for d in replaced)
    for place in ("caption", "box_data[0].box_caption", "class_labels[0]", "classes[0].name"):
        assert place in places
    assert all(d.severity == "warning" for d in replaced)
    sent = comm_state(nbimage.show(image)).decode("utf-8")
    assert "photo-\ufffd.png" in sent and "cap\ufffd" in sent


def test_lone_surrogates_in_names_code_refers_to_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^boxes key '\\ud800': .* lone surrogates"):
        Image(PICTURE, boxes={"\ud800": {"box_data": []}})
    with pytest.raises(ValueError, match=r"^hidden_classes: keys: '\\ud800' holds lone surrogates"):
        nbimage.show(PICTURE, hidden_classes={"\ud800": [1]})


def test_values_near_the_float64_limits_raise_no_numpy_warning() -> None:
    image = Image(np.array([[1e308, -1e308], [1e308, 0.0]]))
    assert image.rule == "rule-clip"
    image._repr_mimebundle_()
    data = np.array([[[3e38, -3e38, 0.0]]], dtype=np.float32)
    comm_state(nbimage.compare(data, denormalize="imagenet"))


# --- found by the long fuzz run (make fuzz) ---------------------------------------------------


def test_a_jpeg_whose_header_is_cut_names_the_argument() -> None:
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (8, 8)).save(buffer, "JPEG", exif=b"Exif\x00\x00" + b"\x00" * 200)
    with pytest.raises(ValueError, match=r"^data_or_path: the bytes .* could not be decoded"):
        Image(buffer.getvalue()[:30])


def test_compare_of_constant_float16_data_far_from_zero() -> None:
    view = nbimage.compare(np.full((4, 5, 3), 32768, np.float16))
    assert [sum(c["counts"]) for c in view.histogram["channels"]] == [20, 20, 20]


def test_the_019_era_of_int8_data() -> None:
    view = nbimage.compare(np.zeros((4, 5, 3), np.int8), era="0.19")
    comm_state(view)


def test_a_trait_error_about_a_5000_digit_int_still_names_the_trait() -> None:
    view = nbimage.show(PICTURE)
    with pytest.raises(ValueError, match=r"^hidden_classes: .*<an int of about 5001 digits>"):
        view.hidden_classes = {"pred": [10**5000]}


def test_a_path_with_a_lone_surrogate_no_file_name_can_hold() -> None:
    with pytest.raises(ValueError, match=r"^data_or_path: path '\\ud800' holds characters no file"):
        Image("\ud800")


def test_a_tiff_header_with_corrupt_exif_raises_no_warning() -> None:
    with pytest.raises(ValueError, match=r"^data_or_path: the bytes \(8 bytes\)"):
        Image(b"II*\x00\x08\x00\x00\x00")


def test_compare_denormalized_panel_of_a_one_pixel_high_picture_answers_the_inspector() -> None:
    view = nbimage.compare(PIL.Image.new("LA", (300, 1), (90, 255)), denormalize="pm1")
    for index, item in enumerate(view.items):
        x, y = item["width"] - 1, item["height"] - 1
        reply = view.inspect_reply({"type": "inspect", "item": index, "x": x, "y": y})
        assert reply["shown"] and reply["raw"], reply


def test_junk_position_keys_and_bytes_for_a_text_trait() -> None:
    box = {"position": {"\ud800": 1, 10**5000: 2}, "class_id": 0}
    with pytest.raises(ValueError, match=r"position: found .*'\\ud800'") as caught:
        Image(PICTURE, boxes={"b": {"box_data": [box]}})
    str(caught.value).encode("utf-8")
    with pytest.raises(TypeError, match=r"^era: expected a str, got bytes"):
        nbimage.compare(PICTURE).era = b"\x80"


def test_compare_of_constant_float32_data_at_1e14() -> None:
    view = nbimage.compare(np.full((3, 4), 1.4073749e14, np.float32))
    assert sum(view.histogram["channels"][0]["counts"]) == 12


def test_a_trait_error_about_a_deep_list_stays_short() -> None:
    with pytest.raises(TypeError, match=r"^page: expected an int, got \[\[\[\[") as caught:
        nbimage.show(PICTURE).page = [deep_list(300), deep_list(300)]
    assert len(str(caught.value)) < 200


# --- found by the fuzz suite's part 2 (model outputs, channels, render, foreign objects) ----


def test_a_heatmap_name_with_lone_surrogates_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^heatmaps key '\\ud800': .* lone surrogates"):
        Image(PICTURE, heatmaps={"\ud800": np.zeros((2, 2))})
    with pytest.raises(ValueError, match=r"^key: .* lone surrogates"):
        nbimage.Heatmap(np.zeros((2, 2)), key="a\udcffb")


def test_a_heatmap_range_near_1e308_or_values_near_float32s_top() -> None:
    values = np.array([[0.0, np.inf, -np.inf, np.nan, 3e38, 1.0]], dtype=np.float32)
    heatmap = nbimage.Heatmap(values, value_range=(0, 1e308))
    assert heatmap.levels().tolist() == [[0, 255, 0, 0, 0, 0]]
    wide = nbimage.Heatmap(np.array([[-1e38, 0.0, 3e38]], np.float32), value_range=(-1e308, 1e308))
    assert wide.levels().tolist() == [[128, 128, 128]]
    clipped = nbimage.Heatmap(np.array([[3e38, -3e38, 0.5]], np.float32), value_range=(0, 1))
    assert clipped.levels().tolist() == [[255, 0, 128]]
    comm_state(nbimage.show(Image(PICTURE, heatmaps={"h": clipped})))


def test_a_window_of_a_10_to_the_400_int_names_the_window() -> None:
    data = np.zeros((3, 4, 5), np.float32)
    with pytest.raises(ValueError, match=r"^window: \[0, <an int of about 401 digits>\] is not"):
        nbimage.channels(data, window=[0, 10**400])
    view = nbimage.show(data[0])
    with pytest.raises(ValueError, match=r"^window: .* is not finite"):
        view.window = [0, 10**400]
    reply, buffers = view.render_reply({"type": "render", "item": 0, "window": [0, 10**400]})
    assert reply["error"].startswith("window: ") and buffers == []


def test_huge_ints_as_rgb_channel_axis_and_request_ids() -> None:
    data = np.zeros((3, 4, 5), np.float32)
    with pytest.raises(ValueError, match=r"^rgb\[0\]: channel <an int of about 5001 digits>"):
        nbimage.channels(data, rgb=[10**5000, 0, 0])
    with pytest.raises(ValueError, match=r"^channel_axis: <an int of about 5001 digits> is not"):
        nbimage.channels(data, channel_axis=10**5000)
    view = nbimage.show(data[0])
    for request in (
        {"type": "render", "item": 0, "request_id": 10**5000, "window": "full"},
        {"type": "inspect", "item": 10**5000, "x": 0, "y": 0, "request_id": 10**5000},
    ):
        reply = (
            view.render_reply(request)[0]
            if request["type"] == "render"
            else view.inspect_reply(request)
        )
        json.dumps(reply, allow_nan=False)
        assert reply["request_id"] == -1


def test_a_render_request_with_a_junk_channel_window_gets_an_error_reply() -> None:
    view = nbimage.channels(np.zeros((3, 4, 5), np.float32))
    for junk in (np.array(["shared", "shared"]), 10**5000, ["shared"]):
        reply, buffers = view.render_reply({"type": "render", "item": 0, "channel_window": junk})
        assert reply["error"].startswith("channel_window: got ") and buffers == []
        assert len(reply["error"]) < 200


def test_a_hand_given_window_near_1e308_or_data_near_float32s_top_renders_without_warnings() -> (
    None
):
    view = nbimage.channels(np.array([[[3e38, -3e38, 0.0, np.inf], [0, 0, 0, 0]]], np.float32))
    for window, expected in (
        ([-1e308, 1e308], [128, 128, 128, 255]),
        ([0, 1e-30], [255, 0, 0, 255]),
        ([0.0, 1.0], [255, 0, 0, 255]),
    ):
        reply, buffers = view.render_reply({"type": "render", "item": 0, "window": window})
        assert reply["error"] is None and len(buffers) == 1, reply
        levels = np.asarray(PIL.Image.open(io.BytesIO(buffers[0])).convert("L"))[0]
        assert levels.tolist() == expected, window


def test_a_constant_channel_near_float_limits_gets_a_window_of_some_width() -> None:
    from nbimage.windowing import window_range

    for value in (3e38, 1.7976931348623157e308, -1.7976931348623157e308, 5.0):
        low, high = window_range(np.array([value]), "full")
        assert math.isfinite(low) and math.isfinite(high) and low <= value <= high, value
        assert low < high, (value, low, high)
    view = nbimage.channels(np.full((2, 3, 4), 3e38, np.float32))
    reply, buffers = view.render_reply({"type": "render", "item": 0, "window": "full"})
    assert reply["error"] is None and len(buffers) == 1, reply


def test_channels_errors_about_the_data_name_data() -> None:
    with pytest.raises(ValueError, match=r"^data: a 0-D array"):
        nbimage.channels(torch.tensor(0.5))
    with pytest.raises(TypeError, match=r"^data: expected real-valued data"):
        nbimage.channels(np.zeros((3, 4, 5), dtype=object))
    with pytest.raises(ValueError, match=r"^data: .* 'meta' device"):
        nbimage.channels(torch.zeros((3, 4, 5), device="meta"))


def test_a_figure_whose_savefig_fails_or_whose_figure_property_raises() -> None:
    from matplotlib.figure import Figure

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("disk full")

    figure = Figure(figsize=(1, 1), dpi=10)
    figure.savefig = broken  # type: ignore[method-assign]
    with pytest.raises(
        ValueError,
        match=r"^data_or_path: the figure could not be drawn: .*"
        r"OSError: disk full",
    ):
        Image(figure)
    figure.savefig = lambda buffer, **_: buffer.write(b"junk")  # type: ignore[method-assign]
    with pytest.raises(ValueError, match=r"^data_or_path: the figure could not be drawn"):
        Image(figure)

    class Artist:
        @property
        def figure(self) -> Any:
            raise RuntimeError("detached")

    Artist.__module__ = "matplotlib.lines"
    with pytest.raises(ValueError, match=r"^data_or_path: the matplotlib.lines.Artist given is "):
        Image(Artist())


def test_a_wandb_image_holding_junk_names_what_holds_it() -> None:
    import wandb

    for attribute, value, pattern in (
        ("_path", 3, r"^data_or_path: this wandb.Image's file is 3, not a path"),
        ("_caption", ["a"], r"^data_or_path._caption: expected None or a str caption"),
        ("_grouping", 10**400, r"^data_or_path._grouping: expected None or an int"),
        ("_classes", 5, r"^data_or_path._classes: expected None or a wandb.Classes"),
        ("_boxes", [1], r"^data_or_path._boxes: expected None or a dict"),
    ):
        picture = wandb.Image(np.zeros((3, 4, 3), np.uint8))
        setattr(picture, attribute, value)
        with pytest.raises((TypeError, ValueError), match=pattern):
            Image(picture)


def test_from_array_and_from_scores_options_of_10_to_the_5000_or_arrays() -> None:
    boxes = np.zeros((1, 4))
    for options, pattern in (
        ({"format": 10**5000}, r"^format: unknown box format <an int of about 5001 digits>"),
        ({"format": np.array(["xyxy"])}, r"^format: unknown box format array\("),
        ({"domain": np.array(["pixel", "pixel"])}, r"^domain: unknown domain array\("),
    ):
        with pytest.raises(ValueError, match=pattern):
            nbimage.BoundingBoxes2D.from_array(boxes, **options)
    scores = np.full((2, 2), 0.5)
    for options, pattern in (
        ({"activation": 10**5000}, r"^activation: unknown activation <an int of about 5001"),
        ({"activation": np.array(["sigmoid"])}, r"^activation: unknown activation array\("),
        ({"threshold": 10**5000}, r"^threshold: <an int of about 5001 digits> is outside"),
    ):
        with pytest.raises(ValueError, match=pattern):
            nbimage.ImageMask.from_scores(scores, **options)
    with pytest.raises(ValueError, match=r"^channel_window: got numpy.ndarray"):
        nbimage.channels(np.zeros((3, 4, 5)), channel_window=np.array(["shared"]))


def test_sigmoid_of_very_negative_logits_is_zero_without_an_overflow_warning() -> None:
    logits = np.array([[[-1e4, 5.0]], [[-2e4, -1e4]]], np.float32)
    mask = nbimage.ImageMask.from_scores(logits, activation="sigmoid")
    assert mask.class_ids().tolist() == [[0, 0]]
    binary = nbimage.ImageMask.from_scores(np.array([[-1e4, 1e4]]), activation="sigmoid")
    assert binary.class_ids().tolist() == [[0, 1]]


def test_a_constant_heatmap_near_3e38_gets_a_range_of_some_width() -> None:
    for value in (3e38, -3e38, 0.0):
        heatmap = nbimage.Heatmap(np.full((2, 2), value, np.float32))
        low, high = heatmap.value_range
        assert low < high and low <= float(np.float32(value)) <= high
        heatmap.rgba()


def test_float8_and_negated_tensors_as_boxes_scores_and_heatmaps() -> None:
    boxes = torch.tensor([[0.0, 0.0, 2.0, 2.0]])
    for tensor in (boxes.to(torch.float8_e4m3fn), torch._neg_view(-boxes)):
        layer = nbimage.BoundingBoxes2D.from_array(tensor)
        assert layer.to_json()["box_data"][0]["position"]["maxX"] == 2.0
    scores = torch.tensor([[[0.0, 4.0]], [[1.0, 0.0]]])
    for tensor in (scores.to(torch.float8_e5m2), torch._neg_view(-scores)):
        assert nbimage.ImageMask.from_scores(tensor).class_ids().tolist() == [[1, 0]]
    heatmap = nbimage.Heatmap(torch._neg_view(torch.tensor([[-1.0, -3.0]])))
    assert heatmap.value_range == (1.0, 3.0)


def test_compare_of_float32_data_at_its_maximum_has_a_histogram_without_warnings() -> None:
    data = np.zeros((4, 13), np.float32)
    data[-1, -1] = np.finfo(np.float32).max
    view = nbimage.compare(data)
    assert sum(view.histogram["channels"][0]["counts"]) == 52
    comm_state(view)


def test_softmax_of_logits_at_plus_and_minus_1e308_without_an_overflow_warning() -> None:
    logits = np.array([[[1e308, -1e308]], [[-1e308, 1e308]]])
    mask = nbimage.ImageMask.from_scores(logits)
    assert mask.class_ids().tolist() == [[0, 1]]
    assert mask._confidence.tolist() == [[255, 255]]
