"""Window/level and colormaps: display-only renderings made in Python, asked by the view.

Pinned: the window each preset stands for, the pixels that come back (decoded from the PNG
the reply carries), the diverging map's centre on 0, and the errors for bad choices.
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import PIL.Image
import pytest

import nbimage
from nbimage.colormaps import lut
from nbimage.windowing import check_window, render, window_range

RNG = np.random.default_rng(14)


def uint16_ramp() -> np.ndarray:
    """A 16-bit depth-map-like ramp: wandb shows it white (every value above 255 clips)."""
    return np.tile(np.linspace(0, 65535, 512).astype(np.uint16), (64, 1))


def decoded(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


def reply_for(view: Any, **request: Any) -> tuple[dict[str, Any], np.ndarray | None]:
    message = {"type": "render", "request_id": 3, "item": 0, "window": None, "colormap": None}
    reply, buffers = view.render_reply({**message, **request})
    json.dumps(reply, allow_nan=False)
    return dict(reply), decoded(buffers[0]) if buffers else None


def test_wandb_shows_a_uint16_ramp_white_and_the_percentile_window_spans_dark_to_bright() -> None:
    ramp = uint16_ramp()
    logged = np.asarray(nbimage.Image(ramp).image)
    assert (logged[:, 5:] == 255).all()  # faithful to wandb: white past the first values
    view = nbimage.show(ramp, window="p1-99")
    reply, pixels = reply_for(view, window="p1-99")
    assert pixels is not None and reply["error"] is None
    low, high = reply["window"]
    assert low == pytest.approx(np.percentile(ramp, 1)) and high == pytest.approx(
        np.percentile(ramp, 99)
    )
    assert pixels[0, 0] == 0 and pixels[0, -1] == 255
    assert pixels[0, 256] == pytest.approx(128, abs=2)
    assert "display only, not what wandb logs" in reply["note"]


def test_full_window_cuts_min_to_max_into_256_equal_bins() -> None:
    data = np.array([[-3.0, 0.0, 1.0, 5.0]], dtype=np.float32)
    png, (low, high), note = render(data, "full", None)
    assert (low, high) == (-3.0, 5.0)
    expected = np.clip(np.floor((data - low) * np.float32(256 / 8)), 0, 255).astype(np.uint8)
    assert np.array_equal(decoded(png), expected)
    assert note.startswith("full range -3 to 5")


def test_explicit_window_clips_outside_and_none_is_the_rule() -> None:
    data = np.linspace(0, 1000, 11, dtype=np.float32).reshape(1, 11)
    png, window, _note = render(data, (200, 700), None)
    pixels = decoded(png)[0]
    assert window == (200, 700) and pixels[0] == 0 and pixels[-1] == 255
    assert pixels[4] == int((400 - 200) * 256 / 500)
    assert window_range(data, None, None, "rule-scale-01") == (0.0, 1.0)


def test_diverging_colormap_draws_zero_as_the_centre_colour() -> None:
    signed = np.linspace(-2, 5, 64 * 64, dtype=np.float32).reshape(64, 64)
    signed[10, 10] = 0.0
    view = nbimage.show(signed, window="full", colormap="diverging")
    reply, pixels = reply_for(view, window="full", colormap="diverging")
    assert pixels is not None and pixels.shape == (64, 64, 3)
    assert reply["window"] == [-5.0, 5.0]  # centred on 0
    centre = lut("diverging")[128]
    assert np.array_equal(pixels[10, 10], centre)
    assert (centre > 230).all()  # the neutral middle of the map is near white
    assert np.array_equal(pixels[63, 63], lut("diverging")[255])


def test_viridis_on_one_channel_and_a_note_for_rgb() -> None:
    gray = np.linspace(0, 1, 256, dtype=np.float32).reshape(16, 16)
    _reply, pixels = reply_for(nbimage.show(gray), window="full", colormap="viridis")
    assert pixels is not None and np.array_equal(pixels.reshape(-1, 3), lut("viridis"))
    rgb = RNG.random((8, 8, 3), dtype=np.float32)
    reply, pixels = reply_for(nbimage.show(rgb), window="full", colormap="viridis")
    assert pixels is not None and pixels.shape == (8, 8, 3)
    assert "one-channel pictures only" in reply["note"]


def test_a_4096_picture_is_rendered_at_preview_size_with_the_window_of_all_of_it() -> None:
    big = np.zeros((4096, 4096), dtype=np.uint16)
    big[4095, 4095] = 60000  # outside the strided preview: the window still sees it
    png, (low, high), _note = render(big, "full", None)
    assert decoded(png).shape == (2048, 2048) and (low, high) == (0, 60000)


def test_nan_and_inf_in_a_window() -> None:
    data = np.array([[np.nan, np.inf, -np.inf, 0.5, 1.0, 0.0]], dtype=np.float32)
    png, window, _ = render(data, "full", None)
    assert window == (0.0, 1.0)
    assert decoded(png)[0].tolist() == [0, 255, 0, 128, 255, 0]


def test_a_picture_without_raw_values_gets_an_error_reply() -> None:
    view = nbimage.show(PIL.Image.new("RGB", (8, 8)))
    reply, pixels = reply_for(view, window="full")
    assert pixels is None and "no raw values" in reply["error"]


def test_a_bad_request_gets_an_error_reply_not_a_raise() -> None:
    view = nbimage.show(uint16_ramp())
    for bad, words in (
        ({"window": [5, 1]}, "inverted"),
        ({"window": "p5"}, "unknown window preset"),
        ({"colormap": "jet"}, "unknown colormap"),
        ({"item": 9, "window": "full"}, "no item 9"),
    ):
        reply, pixels = reply_for(view, **bad)
        assert pixels is None and words in reply["error"]


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"colormap": "jet"}, ValueError, ["colormap", "'jet'", "viridis", "diverging"]),
        ({"window": (10, 2)}, ValueError, ["window", "(10, 2)", "inverted", "low < high"]),
        ({"window": (0, float("inf"))}, ValueError, ["window", "not finite"]),
        ({"window": "p2-98"}, ValueError, ["window", "'p2-98'", "'full', 'p1-99'"]),
        ({"window": (1, 2, 3)}, TypeError, ["window", "(low, high)"]),
        ({"window": ("a", 2)}, TypeError, ["window", "(low, high)"]),
    ],
)
def test_bad_choices_are_errors_naming_the_argument_before_any_work(
    options: dict[str, Any],
    error: type[Exception],
    words: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[Any] = []
    monkeypatch.setattr("nbimage.views._as_image", lambda *args: made.append(args))
    with pytest.raises(error) as raised:
        nbimage.show(uint16_ramp(), **options)
    for word in words:
        assert word in str(raised.value)
    assert made == []  # raised before any picture was made


def test_traits_name_themselves_and_round_trip() -> None:
    view = nbimage.show(uint16_ramp(), window=(100, 2000), colormap="magma")
    assert (view.window, view.colormap) == ([100.0, 2000.0], "magma")
    view.window = "full"
    view.colormap = None
    with pytest.raises(ValueError, match="window: "):
        view.window = [3, 1]
    with pytest.raises(ValueError, match="colormap: unknown colormap"):
        view.colormap = "hot"
    with pytest.raises(TypeError, match="colormap"):
        view.colormap = 3
    assert check_window("window", None) is None


def test_grids_of_a_list_and_of_a_dataset_render_windows_per_item() -> None:
    class Depths:
        def __len__(self) -> int:
            return 3

        def __getitem__(self, index: int) -> np.ndarray:
            return (uint16_ramp() // (index + 1)).astype(np.uint16)

    for view in (nbimage.show([Depths()[i] for i in range(3)]), nbimage.show(Depths())):
        for item in range(3):
            reply, pixels = reply_for(view, item=item, window="full")
            assert pixels is not None and pixels[0, 0] == 0 and pixels[0, -1] == 255
            assert reply["window"] == [0.0, float(65535 // (item + 1))]
