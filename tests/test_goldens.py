"""Golden tests: nbimage.Image logs the same picture as wandb.Image (0.22.3), called directly.

For every input kind and file type where wandb succeeds, the file nbimage would log
(`to_bytes()`, decoded) has the same mode and pixels as the file wandb logs (`.image` of a
wandb.Image re-reads its saved file). For png, `img.image` itself matches too.
"""

from __future__ import annotations

import io
import pathlib
from collections.abc import Callable
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch
import wandb

from nbimage import Image

FILE_TYPES = ["png", "jpg", "jpeg", "bmp"]


def decoded(content: bytes) -> PIL.Image.Image:
    picture = PIL.Image.open(io.BytesIO(content))
    picture.load()
    return picture


def assert_same_picture(ours: PIL.Image.Image, theirs: PIL.Image.Image) -> None:
    assert ours.mode == theirs.mode
    assert ours.size == theirs.size
    np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs))


def assert_logs_like_wandb(data: Any, **kwargs: Any) -> Image:
    ours = Image(data, **kwargs)
    theirs = wandb.Image(data, **kwargs)
    assert_same_picture(decoded(ours.to_bytes()), theirs.image)
    if kwargs.get("file_type", "png") == "png":
        assert_same_picture(ours.image, theirs.image)
    assert ours.format == theirs.format
    assert (ours.width, ours.height) == theirs.image.size
    return ours


# Real photos, halved so the suite stays quick on shared cores.
@pytest.fixture(scope="module")
def rgb(astronaut: np.ndarray) -> np.ndarray:
    return astronaut[::2, ::2]


@pytest.fixture(scope="module")
def gray(camera: np.ndarray) -> np.ndarray:
    return camera[::2, ::2]


NUMPY_CASES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "uint8-rgb": lambda rgb, gray: rgb,
    "uint8-gray": lambda rgb, gray: gray,
    "uint8-gray-hw1": lambda rgb, gray: gray[:, :, None],
    "float32-01": lambda rgb, gray: (rgb / 255).astype(np.float32),
    "float64-01-gray": lambda rgb, gray: gray / 255.0,
    "float32-pm1": lambda rgb, gray: (rgb / 127.5 - 1).astype(np.float32),
    "float16-01": lambda rgb, gray: (rgb / 255).astype(np.float16),
    "float64-0-255": lambda rgb, gray: rgb.astype(np.float64),
    "float32-over-range": lambda rgb, gray: rgb.astype(np.float32) * 1.5 - 40,
    "int64-rgb": lambda rgb, gray: rgb.astype(np.int64),
    "int32-gray": lambda rgb, gray: gray.astype(np.int32),
    "uint16-gray": lambda rgb, gray: gray.astype(np.uint16) * 3,
    "bool-mask": lambda rgb, gray: gray > 128,
    "uint8-01-mask": lambda rgb, gray: (gray > 128).astype(np.uint8),
    "rgba": lambda rgb, gray: np.dstack([rgb, gray]),
}


@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize("file_type", FILE_TYPES)
@pytest.mark.parametrize("case", sorted(NUMPY_CASES))
def test_numpy(
    case: str, file_type: str, normalize: bool, rgb: np.ndarray, gray: np.ndarray
) -> None:
    data = NUMPY_CASES[case](rgb, gray)
    if case == "rgba" and file_type in ("jpg", "jpeg"):
        # wandb 0.22.3 crashes here (test_rgba_as_jpeg_drops_alpha covers ours).
        with pytest.raises(ValueError):
            wandb.Image(data, file_type=file_type, normalize=normalize)
        return
    assert_logs_like_wandb(data, file_type=file_type, normalize=normalize)


def test_numpy_default_file_type_is_png(rgb: np.ndarray) -> None:
    img = assert_logs_like_wandb(rgb)
    assert img.format == "png"
    assert decoded(img.to_bytes()).format == "PNG"


@pytest.mark.parametrize("mode", ["L", "RGB"])
def test_mode_override(mode: str, rgb: np.ndarray, gray: np.ndarray) -> None:
    data = gray if mode == "L" else rgb
    assert_logs_like_wandb(data, mode=mode)


@pytest.mark.parametrize("file_type", ["jpg", "jpeg"])
def test_rgba_as_jpeg_drops_alpha(file_type: str, rgb: np.ndarray, gray: np.ndarray) -> None:
    img = Image(np.dstack([rgb, gray]), file_type=file_type)
    assert img.image.mode == "RGB"
    np.testing.assert_array_equal(np.asarray(img.image), rgb)  # alpha dropped, not blended
    assert_same_picture(decoded(img.to_bytes()), wandb.Image(rgb, file_type=file_type).image)


TORCH_CASES: dict[str, Callable[[np.ndarray, np.ndarray], Any]] = {
    "uint8-chw": lambda rgb, gray: torch.from_numpy(rgb.copy()).permute(2, 0, 1),
    "float32-01-chw": lambda rgb, gray: torch.from_numpy(rgb / 255).float().permute(2, 0, 1),
    "float64-pm1-chw": lambda rgb, gray: torch.from_numpy(rgb / 127.5 - 1).permute(2, 0, 1),
    "requires-grad": lambda rgb, gray: (
        torch.from_numpy(rgb / 255).float().permute(2, 0, 1).requires_grad_(True)
    ),
    "gray-1hw": lambda rgb, gray: torch.from_numpy(gray / 255).float()[None],
}


@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize("file_type", FILE_TYPES)
@pytest.mark.parametrize("case", sorted(TORCH_CASES))
def test_torch(
    case: str, file_type: str, normalize: bool, rgb: np.ndarray, gray: np.ndarray
) -> None:
    tensor = TORCH_CASES[case](rgb, gray)
    assert_logs_like_wandb(tensor, file_type=file_type, normalize=normalize)


def pil_pictures(rgb: np.ndarray, gray: np.ndarray) -> dict[str, PIL.Image.Image]:
    return {
        "RGB": PIL.Image.fromarray(rgb),
        "L": PIL.Image.fromarray(gray),
        "RGBA": PIL.Image.fromarray(np.dstack([rgb, gray])),
        "P": PIL.Image.fromarray(rgb).quantize(64),
    }


# Pillow cannot write these modes as these formats: wandb 0.22.3 crashes on them.
WANDB_CANNOT_SAVE = {("RGBA", "jpg"), ("RGBA", "jpeg"), ("P", "jpg"), ("P", "jpeg")}


@pytest.mark.parametrize("file_type", FILE_TYPES)
@pytest.mark.parametrize("pil_mode", ["RGB", "L", "RGBA", "P"])
def test_pil(pil_mode: str, file_type: str, rgb: np.ndarray, gray: np.ndarray) -> None:
    picture = pil_pictures(rgb, gray)[pil_mode]
    if (pil_mode, file_type) in WANDB_CANNOT_SAVE:
        with pytest.raises(OSError):
            wandb.Image(picture, file_type=file_type)
        # nbimage logs a JPEG of the colours, without the alpha (or palette) it cannot hold:
        # the same file wandb logs for the picture's RGB version.
        logged = decoded(Image(picture, file_type=file_type).to_bytes())
        colours_only = wandb.Image(picture.convert("RGB"), file_type=file_type).image
        assert_same_picture(logged, colours_only)
        return
    assert_logs_like_wandb(picture, file_type=file_type)


PATH_FORMATS = ["png", "jpg", "bmp", "gif", "tiff", "webp"]


def write_photo(folder: pathlib.Path, rgb: np.ndarray, extension: str) -> pathlib.Path:
    path = folder / f"photo.{extension}"
    PIL.Image.fromarray(rgb).save(path)
    return path


@pytest.mark.parametrize("as_str", [True, False], ids=["str", "pathlib"])
@pytest.mark.parametrize("extension", PATH_FORMATS)
def test_path(extension: str, as_str: bool, rgb: np.ndarray, tmp_path: pathlib.Path) -> None:
    path = write_photo(tmp_path, rgb, extension)
    argument: str | pathlib.Path = str(path) if as_str else path
    ours = Image(argument)
    theirs = wandb.Image(argument)
    assert_same_picture(ours.image, theirs.image)
    assert ours.format == theirs.format == extension
    assert ours.source == "path"
    assert ours.to_bytes() == path.read_bytes()  # a file is logged as it is


@pytest.mark.parametrize("extension", PATH_FORMATS)
def test_bytes_and_file_like_read_like_the_path(
    extension: str, rgb: np.ndarray, tmp_path: pathlib.Path
) -> None:
    path = write_photo(tmp_path, rgb, extension)
    theirs = wandb.Image(str(path)).image
    from_bytes = Image(path.read_bytes())
    with path.open("rb") as handle:
        from_file = Image(handle)
    assert_same_picture(from_bytes.image, theirs)
    assert_same_picture(from_file.image, theirs)
    assert (from_bytes.source, from_file.source) == ("bytes", "file")


@pytest.mark.parametrize("file_type", FILE_TYPES)
def test_image_of_image(file_type: str, rgb: np.ndarray) -> None:
    data = (rgb / 255).astype(np.float32)
    ours = Image(Image(data, file_type=file_type))
    theirs = wandb.Image(wandb.Image(data, file_type=file_type))
    assert_same_picture(decoded(ours.to_bytes()), theirs.image)
    assert ours.format == theirs.format == file_type


@pytest.mark.parametrize("file_type", FILE_TYPES)
def test_path_with_a_file_type(file_type: str, rgb: np.ndarray, tmp_path: pathlib.Path) -> None:
    """wandb ignores file_type for a path; the picture is the same, nbimage re-encodes it."""
    path = write_photo(tmp_path, rgb, "gif")
    ours = Image(path, file_type=file_type)
    assert_same_picture(ours.image, wandb.Image(path, file_type=file_type).image)
    assert ours.format == file_type
    assert decoded(ours.to_bytes()).format == ("JPEG" if file_type == "jpg" else file_type.upper())
