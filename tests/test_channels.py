"""nbimage.channels(): every channel as a one-channel panel, band picking, errors."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch

import nbimage
from nbimage.colormaps import lut


def decoded(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


def feature_maps() -> torch.Tensor:
    """Activations of a small CNN (fixed seed, no downloaded weights): (64, 16, 16)."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(3, 16, 3, padding=1),
        torch.nn.ReLU(),
        torch.nn.Conv2d(16, 64, 3, stride=2, padding=1),
    )
    with torch.no_grad():
        return net(torch.rand(1, 3, 32, 32))[0]


def test_64_channels_make_64_labelled_panels_with_their_own_min_and_max() -> None:
    maps = feature_maps()
    view = nbimage.channels(maps)
    assert view.view == "channels" and len(view.items) == 64
    for index in (0, 17, 63):
        item = view.items[index]
        lo, hi = float(maps[index].min()), float(maps[index].max())
        assert item["caption"].startswith(f"#{index} · min ")
        assert f"{lo:.4g}" in item["caption"] and f"{hi:.4g}" in item["caption"]
        pixels = decoded(item["src"])
        assert pixels.shape == (16, 16)
        # per-channel full window: each panel spans its own min..max
        assert pixels.min() == 0 and pixels.max() == 255
        expected = np.floor((maps[index].numpy() - lo) * np.float32(256 / (hi - lo)))
        assert np.abs(pixels.astype(int) - np.clip(expected, 0, 255)).max() <= 1


def test_shared_window_keeps_the_channels_comparable() -> None:
    data = np.stack([np.full((4, 4), v, np.float32) for v in (0.0, 5.0, 10.0)])
    data[0, 0, 0] = 10.0
    view = nbimage.channels(data, channel_window="shared")
    levels = [int(decoded(item["src"])[2, 2]) for item in view.items]
    assert levels == [0, 128, 255]


def test_the_inspector_gives_all_channel_values_at_a_pixel() -> None:
    maps = feature_maps()
    view = nbimage.channels(maps)
    reply = view.inspect_reply({"type": "inspect", "request_id": 1, "item": 5, "x": 7, "y": 3})
    assert reply["raw"] == pytest.approx(maps[:, 3, 7].tolist())
    assert len(reply["raw"]) == 64


def test_band_picking_composes_three_channels_like_numpy() -> None:
    rng = np.random.default_rng(3)
    tile = rng.random((5, 24, 20), dtype=np.float32) * 3000  # a 5-band satellite tile
    view = nbimage.channels(tile, rgb=(3, 2, 1))
    assert len(view.items) == 6 and view.items[0]["caption"] == "RGB = channels 3, 2, 1"
    pixels = decoded(view.items[0]["src"])
    expected = []
    for band in (3, 2, 1):
        values = tile[band]
        lo, hi = values.min(), values.max()
        scaled = (values - np.float32(lo)) * np.float32(256 / (hi - lo))
        expected.append(np.clip(scaled, 0, 255).astype(np.uint8))
    assert np.array_equal(pixels, np.stack(expected, axis=-1))


def test_a_batch_of_activations_shows_each_channel_as_the_batch_grid() -> None:
    batch = torch.randn(2, 64, 8, 8)
    view = nbimage.channels(batch)
    assert len(view.items) == 64
    item = view.items[0]
    assert (item["width"], item["height"]) == (2 * 10 + 2, 12)  # make_grid geometry
    assert "grid of 2" in item["summary"]


def test_channels_last_numpy_and_a_colormap() -> None:
    tile = np.random.default_rng(1).random((32, 32, 5), dtype=np.float32)
    view = nbimage.channels(tile, colormap="viridis")
    assert len(view.items) == 5
    pixels = decoded(view.items[2]["src"])
    assert pixels.shape == (32, 32, 3)
    assert {tuple(p) for p in pixels.reshape(-1, 3)} <= {tuple(c) for c in lut("viridis")}


def test_window_changes_are_rendered_on_request() -> None:
    maps = feature_maps()
    view = nbimage.channels(maps)
    request = {"type": "render", "request_id": 1, "item": 4, "window": "full", "colormap": None}
    reply, buffers = view.render_reply(request)
    assert reply["error"] is None and decoded(buffers[0]).shape == (16, 16)
    assert reply["window"] == pytest.approx([float(maps[4].min()), float(maps[4].max())])
    assert "display only" in reply["note"]
    # The request carries the scope: it may arrive before the trait update does.
    reply, _ = view.render_reply({**request, "channel_window": "shared"})
    assert reply["window"] == pytest.approx([float(maps.min()), float(maps.max())])
    reply, _ = view.render_reply({**request, "channel_window": "every"})
    assert "channel_window" in reply["error"]


def test_channel_count_error_names_the_type_and_points_to_channels() -> None:
    with pytest.raises(ValueError) as tensor_error:
        nbimage.Image(torch.zeros(64, 16, 16))
    assert "torch.Tensor of shape (64, 16, 16)" in str(tensor_error.value)
    assert "numpy.ndarray" not in str(tensor_error.value)
    assert "nbimage.channels(x)" in str(tensor_error.value)
    with pytest.raises(ValueError) as array_error:
        nbimage.Image(np.zeros((16, 16, 5)))
    assert "numpy.ndarray of shape (16, 16, 5)" in str(array_error.value)
    assert "nbimage.channels" in str(array_error.value)


@pytest.mark.parametrize(
    ("options", "error", "words"),
    [
        ({"rgb": (3, 2, 64)}, ValueError, ["rgb[2]", "64", "64 channels", "0..63"]),
        ({"rgb": (3, 2)}, TypeError, ["rgb", "(3, 2)", "three channel indices"]),
        ({"rgb": (3, 2.5, 1)}, TypeError, ["rgb[1]", "2.5"]),
        ({"window": (5, 5)}, ValueError, ["window", "(5, 5)", "low < high"]),
        ({"colormap": "jet"}, ValueError, ["colormap", "'jet'", "viridis"]),
        ({"channel_window": "each"}, ValueError, ["channel_window", "'each'", "'shared'"]),
        ({"channel_axis": 1}, ValueError, ["channel_axis", "1"]),
    ],
)
def test_bad_arguments_name_themselves(
    options: dict[str, Any], error: type[Exception], words: list[str]
) -> None:
    with pytest.raises(error) as raised:
        nbimage.channels(torch.zeros(64, 4, 4), **options)
    for word in words:
        assert word in str(raised.value)


def test_bad_data() -> None:
    with pytest.raises(TypeError, match="data: expected a numpy array or torch tensor"):
        nbimage.channels("picture.png")
