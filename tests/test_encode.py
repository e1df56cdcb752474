"""encode(), to_bytes() and save(): the file for each file type round-trips through Pillow."""

from __future__ import annotations

import io
import pathlib

import numpy as np
import PIL.Image
import pytest

from nbimage import Image
from nbimage.encode import FILE_TYPES, encode

PIL_FORMAT = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "bmp": "BMP"}


def decoded(content: bytes) -> PIL.Image.Image:
    picture = PIL.Image.open(io.BytesIO(content))
    picture.load()
    return picture


def mean_error(a: PIL.Image.Image, b: np.ndarray) -> float:
    return float(np.abs(np.asarray(a).astype(int) - b.astype(int)).mean())


@pytest.mark.parametrize("file_type", FILE_TYPES)
@pytest.mark.parametrize("photo", ["coffee", "camera"])
def test_to_bytes_round_trips(file_type: str, photo: str, request: pytest.FixtureRequest) -> None:
    pixels = request.getfixturevalue(photo)
    img = Image(pixels, file_type=file_type)
    back = decoded(img.to_bytes())
    assert back.format == PIL_FORMAT[file_type]
    assert back.size == (img.width, img.height)
    assert back.mode == img.image.mode
    if file_type in ("png", "bmp"):
        np.testing.assert_array_equal(np.asarray(back), pixels)  # lossless
    else:
        assert mean_error(back, pixels) < 6  # JPEG at Pillow's default quality (75)
    assert img.mime == ("image/jpeg" if file_type in ("jpg", "jpeg") else f"image/{file_type}")


@pytest.mark.parametrize("file_type", FILE_TYPES)
def test_save_writes_the_file(file_type: str, coffee: np.ndarray, tmp_path: pathlib.Path) -> None:
    img = Image(coffee, file_type=file_type)
    target = tmp_path / f"coffee.{file_type}"
    img.save(target)
    assert target.read_bytes() == img.to_bytes()
    with PIL.Image.open(target) as opened:
        assert opened.format == PIL_FORMAT[file_type]
    img.save(str(tmp_path / "no-extension"))
    assert (tmp_path / "no-extension").read_bytes() == img.to_bytes()


def test_save_accepts_jpeg_for_jpg(coffee: np.ndarray, tmp_path: pathlib.Path) -> None:
    Image(coffee, file_type="jpg").save(tmp_path / "coffee.jpeg")
    assert (tmp_path / "coffee.jpeg").stat().st_size > 0


def test_rgba_png_keeps_alpha_and_bmp_jpeg_do_what_wandb_writes(astronaut: np.ndarray) -> None:
    rgba = np.dstack([astronaut, np.full(astronaut.shape[:2], 90, np.uint8)])
    picture = PIL.Image.fromarray(rgba)
    np.testing.assert_array_equal(np.asarray(decoded(encode(picture, "png"))), rgba)
    assert decoded(encode(picture, "bmp")).mode == "RGB"  # Pillow reads 32-bit BMP as RGB
    jpeg = decoded(encode(picture, "jpg"))
    assert jpeg.mode == "RGB"
    assert mean_error(jpeg, astronaut) < 6  # alpha dropped, colours kept (not blended)


@pytest.mark.parametrize("mode", ["1", "L", "LA", "P", "I", "I;16", "F", "CMYK", "La", "RGBa"])
@pytest.mark.parametrize("file_type", FILE_TYPES)
def test_every_mode_encodes(mode: str, file_type: str) -> None:
    """Where Pillow cannot store a mode in a format (wandb crashes), the nearest mode is written."""
    picture = PIL.Image.new(mode, (5, 3))
    back = decoded(encode(picture, file_type))
    assert back.size == (5, 3)
    assert back.format == PIL_FORMAT[file_type]


def test_path_input_logs_the_file_as_it_is(chelsea: np.ndarray, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cat.webp"
    PIL.Image.fromarray(chelsea).save(path)
    img = Image(path)
    assert (img.format, img.mime) == ("webp", "image/webp")
    assert img.to_bytes() == path.read_bytes()
    img.save(tmp_path / "copy.webp")
    assert (tmp_path / "copy.webp").read_bytes() == path.read_bytes()
    # An explicit file_type re-encodes the picture.
    as_png = Image(path, file_type="png")
    assert as_png.format == "png"
    assert decoded(as_png.to_bytes()).format == "PNG"
