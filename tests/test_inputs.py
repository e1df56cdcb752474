"""Every input kind reaches the right picture; every bad input gets a clear error; nothing
the caller owns is modified."""

from __future__ import annotations

import io
import pathlib
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch

from nbimage.prepare import prepare


def png_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    PIL.Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


# --- input kinds ------------------------------------------------------------------------


def test_bytes_and_file_like_give_the_file_as_it_is(chelsea: np.ndarray) -> None:
    content = png_bytes(chelsea)
    for data, source in ((content, "bytes"), (io.BytesIO(content), "file")):
        prepared = prepare(data)
        assert prepared.source == source
        assert prepared.raw is None and prepared.rule is None
        np.testing.assert_array_equal(np.asarray(prepared.image), chelsea)


def test_path_picture_outlives_its_file(tmp_path: pathlib.Path, camera: np.ndarray) -> None:
    path = tmp_path / "camera.png"
    PIL.Image.fromarray(camera).save(path)
    prepared = prepare(path)
    path.unlink()  # the picture was read fully; the file is not needed any more
    assert prepared.source == "path"
    np.testing.assert_array_equal(np.asarray(prepared.image), camera)


def test_pil_image_is_copied(astronaut: np.ndarray) -> None:
    picture = PIL.Image.fromarray(astronaut)
    prepared = prepare(picture)
    assert prepared.image is not picture
    prepared.image.putpixel((0, 0), (1, 2, 3))
    assert picture.getpixel((0, 0)) == tuple(astronaut[0, 0])


class Image:
    """Stands in for B's nbimage.Image: duck-typed by module and `.image`."""

    __module__ = "nbimage.model"

    def __init__(self, picture: PIL.Image.Image) -> None:
        self.image = picture


def test_another_nbimage_image_is_copied(coffee: np.ndarray) -> None:
    original = Image(PIL.Image.fromarray(coffee))
    prepared = prepare(original)
    assert prepared.source == "image"
    assert prepared.image is not original.image
    np.testing.assert_array_equal(np.asarray(prepared.image), coffee)


def test_the_real_nbimage_image_is_copied(coffee: np.ndarray) -> None:
    from nbimage.model import Image as NbImage

    original = NbImage(coffee, caption="x")
    prepared = prepare(original)
    assert prepared.source == "image" and prepared.image is not original.image
    np.testing.assert_array_equal(np.asarray(prepared.image), coffee)


def test_raw_is_aligned_with_the_pixels_and_keeps_the_dtype() -> None:
    data = np.linspace(0, 1, 2 * 3 * 5, dtype=np.float32).reshape(3, 2, 5)  # channels-first
    prepared = prepare(data)
    assert prepared.raw is not None
    assert prepared.raw.shape == (2, 5, 3) and prepared.raw.dtype == np.float32
    np.testing.assert_array_equal(prepared.raw, np.moveaxis(data, 0, -1))


def test_later_edits_of_the_input_never_change_the_picture() -> None:
    data = np.zeros((4, 4), dtype=np.uint8)
    prepared = prepare(data)
    data[:] = 200
    # No defensive copy: raw is the caller's memory, the picture was computed at prepare().
    assert prepared.raw is not None and np.shares_memory(prepared.raw, data)
    assert np.asarray(prepared.image).max() == 0


def test_torch_tensor_kinds() -> None:
    grad = torch.rand(3, 4, 5, requires_grad=True)
    assert prepare(grad).image.size == (5, 4)
    gray = torch.rand(4, 5)  # 2-D: wandb 0.22.3 fails in permute
    assert prepare(gray).image.mode == "L"
    bf16 = torch.rand(3, 4, 5).to(torch.bfloat16)
    prepared = prepare(bf16)
    assert prepared.raw is not None and prepared.raw.dtype == np.float32
    expected = (bf16.float().permute(1, 2, 0).numpy() * 255).astype(np.uint8)
    np.testing.assert_array_equal(np.asarray(prepared.image), expected)


def test_torch_uint8_raw_stays_uint8() -> None:
    tensor = torch.arange(0, 60, dtype=torch.uint8).reshape(3, 4, 5)
    prepared = prepare(tensor)
    assert prepared.raw is not None and prepared.raw.dtype == np.uint8


def test_large_float32_input(astronaut: np.ndarray) -> None:
    data = np.tile(astronaut.astype(np.float32) / 255, (8, 8, 1))  # 4096×4096×3
    data[0, 0, 0] = np.nan
    tracemalloc.start()
    prepared = prepare(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # The NaN makes one finite-only float32 copy plus bool temporaries; no float64 copy.
    assert peak < 3 * data.nbytes
    assert prepared.image.size == (4096, 4096)
    assert prepared.rule == "rule-scale-01"
    assert np.asarray(prepared.image)[0, 0, 0] == 0


# --- no mutation ------------------------------------------------------------------------


def _numpy() -> np.ndarray:
    data = np.linspace(-3, 3, 4 * 5 * 3, dtype=np.float32).reshape(4, 5, 3)
    data[0, 0, 0] = np.nan
    return data


def _torch() -> torch.Tensor:
    data = torch.linspace(-3, 3, 3 * 4 * 5).reshape(3, 4, 5)
    data[0, 0, 0] = float("inf")
    return data


@pytest.mark.parametrize(
    "make",
    [
        _numpy,
        _torch,
        lambda: np.arange(2 * 3 * 4 * 5 * 3, dtype=np.float64).reshape(2 * 3, 4, 5, 3),
        lambda: torch.linspace(-1, 1, 10 * 3 * 4 * 5).reshape(10, 3, 4, 5).requires_grad_(),
        lambda: np.zeros((3, 6, 7), dtype=np.uint16) + 4000,
    ],
)
@pytest.mark.parametrize("normalize", [True, False])
def test_arrays_and_tensors_are_not_modified(make: Callable[[], Any], normalize: bool) -> None:
    data, pristine = make(), make()
    prepare(data, normalize=normalize, file_type="jpg")
    if isinstance(data, torch.Tensor):
        assert torch.equal(torch.nan_to_num(data.detach()), torch.nan_to_num(pristine.detach()))
    else:
        np.testing.assert_array_equal(data, pristine)


def test_pil_rgba_as_jpg_is_not_modified() -> None:
    picture = PIL.Image.new("RGBA", (4, 3), (10, 20, 30, 40))
    prepared = prepare(picture, file_type="jpg")
    assert prepared.image.mode == "RGB"
    assert picture.mode == "RGBA" and picture.getpixel((0, 0)) == (10, 20, 30, 40)


# --- bad inputs -------------------------------------------------------------------------


def _bomb(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "bomb.png"
    PIL.Image.new("L", (10000, 10000)).save(path)  # 1e8 px > MAX_IMAGE_PIXELS (~8.9e7)
    return path


def _text_file(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "notes.png"
    path.write_text("not a picture")
    return path


BAD_INPUTS: list[tuple[str, Callable[[pathlib.Path], Any], type[Exception], list[str]]] = [
    ("list", lambda _: [[0, 1], [1, 0]], TypeError, ["data_or_path", "list", "numpy array"]),
    ("none", lambda _: None, TypeError, ["data_or_path", "None"]),
    ("complex", lambda _: np.zeros((4, 4), complex), TypeError, ["complex128", "real-valued"]),
    ("object", lambda _: np.zeros((4, 4), object), TypeError, ["object", "real-valued"]),
    ("string", lambda _: np.full((4, 4), "a"), TypeError, ["<U1", "real-valued"]),
    (
        "torch complex",
        lambda _: torch.zeros(3, 4, 4, dtype=torch.complex64),
        TypeError,
        ["complex64"],
    ),
    ("0-D", lambda _: np.array(0.5), ValueError, ["0-D", "(H, W)"]),
    ("scalar", lambda _: np.float32(0.5), ValueError, ["0-D"]),
    ("1-D", lambda _: np.zeros(7), ValueError, ["1-D", "shape (7,)"]),
    ("5-D", lambda _: np.zeros((2, 2, 3, 4, 3)), ValueError, ["5-D", "too many"]),
    ("empty", lambda _: np.zeros((0, 4, 3)), ValueError, ["empty", "(0, 4, 3)"]),
    ("too wide", lambda _: np.zeros((1, 65501), np.uint8), ValueError, ["65501", "MAX_DIMENSION"]),
    ("2 channels", lambda _: np.zeros((5, 6, 2)), ValueError, ["channel axis", "{1, 3, 4}"]),
    ("no channels", lambda _: np.zeros((5, 6, 7)), ValueError, ["(5, 6, 7)", "channel axis"]),
    ("torch 5 channels", lambda _: torch.zeros(5, 6, 7), ValueError, ["(C, H, W)"]),
    (
        "missing",
        lambda p: p / "nope.png",
        FileNotFoundError,
        ["data_or_path", "nope.png", "does not exist"],
    ),
    ("directory", lambda p: p, ValueError, ["data_or_path", "is a directory"]),
    ("not an image", _text_file, ValueError, ["notes.png", "not an image file"]),
    ("bomb", _bomb, ValueError, ["bomb.png", "decompression-bomb"]),
    ("empty bytes", lambda _: b"", ValueError, ["bytes", "empty"]),
    ("junk bytes", lambda _: b"\x00junk", ValueError, ["bytes", "not an image file"]),
    ("text file object", lambda _: io.StringIO("x"), TypeError, ["binary mode"]),
]


@pytest.mark.parametrize(
    ("make", "error", "words"), [case[1:] for case in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_data_is_rejected_with_a_clear_message(
    make: Callable[[pathlib.Path], Any],
    error: type[Exception],
    words: list[str],
    tmp_path: pathlib.Path,
) -> None:
    with pytest.raises(error) as raised:
        prepare(make(tmp_path))
    message = str(raised.value)
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    ("data", "mode", "error", "words"),
    [
        (np.zeros((4, 4)), "XYZ", ValueError, ["mode", "'XYZ'", "not a PIL mode"]),
        (np.zeros((4, 4)), 3, TypeError, ["mode", "int"]),
        (np.zeros((4, 4, 3)), "L", ValueError, ["mode", "3 channels", "RGB"]),
        (np.zeros((4, 4)), "RGB", ValueError, ["mode", "(H, W)", "L, P"]),
        (np.zeros((4, 4, 2)), "RGBA", ValueError, ["mode", "2 channels", "LA"]),
    ],
)
def test_bad_mode_is_rejected(
    data: Any, mode: Any, error: type[Exception], words: list[str]
) -> None:
    with pytest.raises(error) as raised:
        prepare(data, mode=mode)
    for word in words:
        assert word in str(raised.value)


def test_bad_normalize_is_rejected() -> None:
    with pytest.raises(TypeError, match="normalize"):
        prepare(np.zeros((4, 4)), normalize="yes")  # type: ignore[arg-type]
