"""Pixel-for-pixel parity with wandb 0.22.3 wherever wandb itself succeeds.

Every case calls the real `wandb.Image(...)` (offline, no run). Its `.image` is the file
wandb saved, read back; so ours is saved the same way (`save(..., transparency=None)`,
Pillow's defaults for the format) and read back before mode and pixels are compared.
"""

from __future__ import annotations

import io
import pathlib
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch
import wandb

from nbimage.prepare import prepare

RNG = np.random.default_rng(20261124)


def reference(data: Any, **kwargs: Any) -> PIL.Image.Image:
    picture = wandb.Image(data, **kwargs).image
    assert picture is not None
    return picture


def as_saved(picture: PIL.Image.Image, file_type: str) -> PIL.Image.Image:
    """The picture as wandb writes it to disk and reads it back."""
    buffer = io.BytesIO()
    picture.save(
        buffer,
        format="JPEG" if file_type in ("jpg", "jpeg") else file_type.upper(),
        transparency=None,
    )
    buffer.seek(0)
    saved = PIL.Image.open(buffer)
    saved.load()
    return saved


def assert_same_picture(
    ours: PIL.Image.Image, theirs: PIL.Image.Image, file_type: str | None = "png"
) -> None:
    """Same mode and pixels; `file_type` None compares the pictures as they are (files)."""
    if file_type is not None:
        ours = as_saved(ours, file_type)
    assert ours.mode == theirs.mode
    assert ours.size == theirs.size
    np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs))


def values(dtype: str, shape: tuple[int, ...], span: str) -> np.ndarray:
    """Random data of `dtype` and `shape` in one of the ranges that pick each rule."""
    kind = np.dtype(dtype).kind
    if kind == "b":
        return RNG.random(shape) > 0.5
    if span == "01":
        if kind == "f":
            return RNG.random(shape).astype(dtype)
        return RNG.integers(0, 2, shape).astype(dtype)
    if span == "pm1":
        if kind == "f":
            return (RNG.random(shape) * 2 - 1).astype(dtype)
        return RNG.integers(-1, 2, shape).astype(dtype)
    if span == "0-255":
        return (RNG.random(shape) * 255).astype(dtype)
    low = 0 if kind == "u" else -300
    high = min(np.iinfo(dtype).max, 700) if kind in "iu" else 700
    if kind == "f":
        return (RNG.random(shape) * (high - low) + low).astype(dtype)
    return RNG.integers(low, high, shape).astype(dtype)


FLOATS = ["float16", "float32", "float64"]
INTEGERS = ["uint8", "uint16", "int16", "int32", "int64"]
SHAPES = [(7, 9), (7, 9, 1), (7, 9, 3), (7, 9, 4), (1, 7, 9, 3)]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("span", ["01", "pm1", "0-255", "wide"])
@pytest.mark.parametrize("dtype", FLOATS + INTEGERS)
@pytest.mark.parametrize("normalize", [True, False])
def test_numpy_matches_wandb(
    dtype: str, span: str, shape: tuple[int, ...], normalize: bool
) -> None:
    if span == "pm1" and np.dtype(dtype).kind == "u":
        span = "01"  # unsigned data cannot be negative
    data = values(dtype, shape, span)
    assert_same_picture(
        prepare(data, normalize=normalize).image, reference(data, normalize=normalize)
    )


@pytest.mark.parametrize("normalize", [True, False])
def test_bool_matches_wandb(normalize: bool) -> None:
    data = values("bool", (6, 5), "01")
    assert_same_picture(
        prepare(data, normalize=normalize).image, reference(data, normalize=normalize)
    )


def test_int8_outside_255_range_matches_wandb() -> None:
    data = np.array([[-128, -3, 0], [5, 100, 127]], dtype=np.int8)
    assert_same_picture(prepare(data).image, reference(data))


@pytest.mark.parametrize("channels", [1, 3, 4])
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.uint8])
@pytest.mark.parametrize("span", ["01", "pm1", "wide"])
@pytest.mark.parametrize("normalize", [True, False])
def test_torch_chw_matches_wandb(
    channels: int, dtype: torch.dtype, span: str, normalize: bool
) -> None:
    base = values("float32", (channels, 6, 8), span)
    if dtype == torch.uint8:
        base = np.abs(base * (255 if span == "wide" else 1)).round() % 256
    tensor = torch.from_numpy(np.ascontiguousarray(base)).to(dtype)
    assert_same_picture(
        prepare(tensor, normalize=normalize).image, reference(tensor, normalize=normalize)
    )


def test_torch_requires_grad_matches_wandb() -> None:
    tensor = torch.rand(3, 5, 4, requires_grad=True)
    assert_same_picture(prepare(tensor).image, reference(tensor))


# The overrides wandb can also save (PNG cannot hold YCbCr/CMYK/RGBX; JPEG can).
@pytest.mark.parametrize(
    ("shape", "mode", "file_type"),
    [
        ((6, 5), "L", "png"),
        ((6, 5, 2), "LA", "png"),
        ((6, 5, 3), "RGB", "bmp"),
        ((6, 5, 4), "RGBA", "png"),
        ((6, 5, 3), "YCbCr", "jpg"),
        ((6, 5, 4), "CMYK", "jpg"),
        ((6, 5, 4), "RGBX", "jpeg"),
    ],
)
def test_mode_override_matches_wandb(shape: tuple[int, ...], mode: str, file_type: str) -> None:
    data = RNG.random(shape).astype(np.float32)
    ours = prepare(data, mode=mode, file_type=file_type).image
    assert ours.mode == mode
    assert_same_picture(ours, reference(data, mode=mode, file_type=file_type), file_type)


def test_mode_override_on_torch_matches_wandb() -> None:
    tensor = torch.rand(2, 4, 6)
    assert_same_picture(prepare(tensor, mode="LA").image, reference(tensor, mode="LA"))


@pytest.mark.parametrize("file_type", ["png", "jpg", "jpeg", "bmp"])
@pytest.mark.parametrize("scale", ["uint8", "float01"])
def test_file_type_matches_wandb(file_type: str, scale: str, astronaut: np.ndarray) -> None:
    data = astronaut if scale == "uint8" else astronaut.astype(np.float32) / 255
    picture = prepare(data, file_type=file_type).image
    assert_same_picture(picture, reference(data, file_type=file_type), file_type)


def test_grayscale_torch_as_jpg_matches_wandb(camera: np.ndarray) -> None:
    tensor = torch.from_numpy(camera)[None].float() / 255
    picture = prepare(tensor, file_type="jpg").image
    assert_same_picture(picture, reference(tensor, file_type="jpg"), "jpg")


def test_photo_every_float_range_matches_wandb(coffee: np.ndarray) -> None:
    unit = coffee.astype(np.float32) / 255
    for data in (unit, unit * 2 - 1, coffee.astype(np.float64)):
        assert_same_picture(prepare(data).image, reference(data))


@pytest.mark.parametrize("mode", ["1", "L", "P", "RGB", "RGBA", "LA", "I;16"])
def test_pil_image_matches_wandb(mode: str, chelsea: np.ndarray) -> None:
    picture = PIL.Image.fromarray(chelsea).convert(mode)
    assert_same_picture(prepare(picture).image, reference(picture))


@pytest.mark.parametrize(
    ("suffix", "mode"),
    [
        ("png", "RGB"),
        ("png", "RGBA"),
        ("jpg", "RGB"),
        ("bmp", "RGB"),
        ("gif", "P"),
        ("tiff", "RGB"),
        ("webp", "RGB"),
    ],
)
def test_path_matches_wandb(
    suffix: str, mode: str, tmp_path: pathlib.Path, chelsea: np.ndarray
) -> None:
    path = tmp_path / f"chelsea.{suffix}"
    PIL.Image.fromarray(chelsea).convert(mode).save(path)
    assert_same_picture(prepare(path).image, reference(path), None)
    assert_same_picture(prepare(str(path)).image, reference(str(path)), None)
