"""Input adapters: turn whatever the user passed into a numpy array or a PIL picture.

Every check that can fail runs here, on the shape and dtype alone, before any pixel is
copied or converted. Nothing the caller owns is modified. Arrays and tensors are not copied
(perf, issue 5: a copy of a 4096² float32 input cost ~190 ms and 1x its size): the `Image`
keeps a reference, never writes to it, and computes its picture at construction, so later
edits of the caller's array never reach the picture (as matplotlib's `imshow`). PIL images
are copied, files are read and closed.
"""

from __future__ import annotations

import io
import os
import pathlib
import warnings
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import PIL.Image

from nbimage._errors import bad_type, bad_value, describe, short
from nbimage.files import read_regular_file
from nbimage.tensors import tensor_to_numpy

ARGUMENT = "data_or_path"
ACCEPTED = (
    "a numpy array, a torch tensor, a PIL image, a path (str or pathlib.Path), "
    "bytes of an image file, a binary file-like object or an nbimage.Image"
)
# The reference's MAX_DIMENSION: Pillow cannot store a side longer than this.
MAX_DIMENSION = 65500

Source = Literal["numpy", "torch", "pil", "path", "bytes", "file", "image"]
# How the array's axes are to be read: numpy is (H, W, C), torch is (C, H, W).
Convention = Literal["hwc", "chw"]


@dataclass(frozen=True)
class Loaded:
    """The user's data, read: exactly one of `array` and `picture` is set."""

    source: Source
    array: np.ndarray | None = None
    picture: PIL.Image.Image | None = None
    convention: Convention = "hwc"
    input_dtype: str = ""  # dtype as the user had it, e.g. "torch.bfloat16"
    input_shape: tuple[int, ...] = ()
    upcast: bool = False  # a dtype numpy cannot hold (bfloat16) was widened to float32
    file_bytes: bytes | None = None  # a path's file as read (what `to_bytes` logs)
    converted: str | None = None  # what was done to a tensor numpy cannot view (tensors.py)


def is_torch_tensor(value: Any) -> bool:
    """True for torch tensors, without importing torch when the user never did."""
    return type(value).__module__.split(".")[0] == "torch" and hasattr(value, "detach")


def is_nbimage_image(value: Any) -> bool:
    """Duck-typed nbimage.Image: from this package and holding a PIL picture."""
    module = type(value).__module__
    return module.split(".")[0] == "nbimage" and isinstance(
        getattr(value, "image", None), PIL.Image.Image
    )


def load(data_or_path: Any) -> Loaded:
    """Validate `data_or_path` and read it into a `Loaded`."""
    if isinstance(data_or_path, (np.ndarray, np.generic)):
        return _from_numpy(np.asarray(data_or_path))
    if is_torch_tensor(data_or_path):
        return _from_torch(data_or_path)
    if isinstance(data_or_path, PIL.Image.Image):
        return _from_pil(data_or_path, "pil")
    if is_nbimage_image(data_or_path):
        return _from_pil(data_or_path.image, "image")
    if isinstance(data_or_path, (str, pathlib.Path)):
        return _from_path(data_or_path)
    if isinstance(data_or_path, (bytes, bytearray, memoryview)):
        return _from_bytes(bytes(data_or_path), "bytes", "bytes")
    if hasattr(data_or_path, "read"):
        return _from_bytes(_read_file_object(data_or_path), "file", "file-like object")
    raise bad_type(ARGUMENT, data_or_path, ACCEPTED)


def _read_file_object(handle: Any) -> bytes:
    """All bytes of a binary file-like object; a closed or failing one is a ValueError."""
    read = getattr(handle, "read", None)
    if not callable(read):
        raise bad_type(ARGUMENT, handle, f"{ACCEPTED} (its `read` is not a method)")
    if getattr(handle, "closed", False) is True:
        raise bad_value(ARGUMENT, f"the file-like object {describe(handle)} is closed")
    try:
        content = read()
    except (OSError, ValueError) as error:  # io raises ValueError for a closed file
        raise bad_value(ARGUMENT, f"reading {describe(handle)} failed: {error}") from None
    if isinstance(content, (bytearray, memoryview)):
        content = bytes(content)
    if not isinstance(content, bytes):
        raise bad_type(ARGUMENT, handle, "a file-like object opened in binary mode")
    return content


# --- arrays -----------------------------------------------------------------------------


def check_shape(shape: tuple[int, ...], received: Any) -> None:
    """Reject shapes that cannot be a picture (or a batch of pictures)."""
    if len(shape) < 2:
        raise bad_value(
            ARGUMENT,
            f"a {len(shape)}-D array ({describe(received)}) cannot be a picture",
            "pass (H, W), (H, W, C) or (C, H, W), or a batch (N, H, W, C) / (N, C, H, W)",
        )
    if len(shape) > 4:
        raise bad_value(
            ARGUMENT,
            f"a {len(shape)}-D array ({describe(received)}) has too many dimensions",
            "pass one picture (2-D or 3-D) or a batch (4-D); index or reshape the rest away",
        )
    if 0 in shape:
        raise bad_value(ARGUMENT, f"{describe(received)} is empty", "pass at least one pixel")
    if max(shape) > MAX_DIMENSION:
        raise bad_value(
            ARGUMENT,
            f"{describe(received)} has a side of {max(shape)} > MAX_DIMENSION ({MAX_DIMENSION})",
            "downsample or crop it first",
        )


def check_dtype_kind(kind: str, received: Any) -> None:
    """Only real numbers (and booleans) can become pixel values."""
    if kind not in "biuf":
        raise bad_type(
            ARGUMENT,
            received,
            "real-valued data (bool, integer or float dtype); "
            "complex, object, string and datetime arrays have no pixel values",
        )


def _from_numpy(array: np.ndarray) -> Loaded:
    check_dtype_kind(array.dtype.kind, array)
    check_shape(array.shape, array)
    return Loaded(
        "numpy",
        array=array,  # a reference, not a copy (module docstring)
        convention="hwc",
        input_dtype=str(array.dtype),
        input_shape=tuple(array.shape),
    )


def _from_torch(tensor: Any) -> Loaded:
    if tensor.is_complex():
        raise bad_type(ARGUMENT, tensor, "a real-valued tensor (bool, integer or float dtype)")
    shape = tuple(int(s) for s in tensor.shape)
    check_shape(shape, tensor)
    dtype = str(tensor.dtype)
    converted = tensor_to_numpy(tensor, ARGUMENT)
    return Loaded(
        "torch",
        array=converted.array,  # shares the tensor's memory; never written to (docstring)
        convention="chw",
        input_dtype=dtype,
        input_shape=shape,
        upcast=converted.upcast,
        converted=converted.how,
    )


# --- pictures and files -----------------------------------------------------------------


def _from_pil(picture: PIL.Image.Image, source: Source) -> Loaded:
    # Already decoded: no bomb to defuse, only the reference's size limit applies.
    where = f"the PIL image ({picture.mode} {picture.size[0]}×{picture.size[1]})"
    check_picture_size(picture.size, where, bomb_limit=False)
    try:
        # A lazily opened file is decoded here: it may be truncated, corrupt or closed.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's warnings about damaged files
            picture.load()
            copy = picture.copy()
    except (OSError, SyntaxError, ValueError, EOFError, AttributeError) as error:
        if "closed" in str(error):  # Pillow's "Operation on closed image"
            raise bad_value(ARGUMENT, f"{where} is closed", "pass it before closing it") from None
        raise bad_value(ARGUMENT, f"{where} could not be decoded: {error}") from None
    return Loaded(source, picture=copy, input_dtype=picture.mode)


def check_picture_size(size: tuple[int, int], where: str, *, bomb_limit: bool = True) -> None:
    """Pillow's decompression-bomb limit and the reference's MAX_DIMENSION, before decoding."""
    width, height = size
    if width == 0 or height == 0:
        raise bad_value(ARGUMENT, f"{where} is empty ({width}×{height})", "pass a real picture")
    if max(width, height) > MAX_DIMENSION:
        raise bad_value(
            ARGUMENT,
            f"{where} is {width}×{height}, a side over MAX_DIMENSION ({MAX_DIMENSION})",
            "downsample or crop it first",
        )
    limit = PIL.Image.MAX_IMAGE_PIXELS
    if bomb_limit and limit is not None and width * height > limit:
        raise bad_value(
            ARGUMENT,
            f"{where} is {width}×{height} = {width * height} pixels, over Pillow's "
            f"decompression-bomb limit ({limit})",
            "raise PIL.Image.MAX_IMAGE_PIXELS if you trust the file",
        )


def _open_checked(source: Any, where: str) -> PIL.Image.Image:
    """Open an image file, check its declared size, then decode it fully."""
    try:
        with warnings.catch_warnings():
            # Pillow warns between 1x and 2x its limit (check_picture_size raises instead),
            # and about damaged headers ("Corrupt EXIF data").
            warnings.simplefilter("ignore")
            picture = PIL.Image.open(source)
    except PIL.Image.DecompressionBombError as error:
        raise bad_value(
            ARGUMENT,
            f"{where} is over Pillow's decompression-bomb limit ({error})",
            "raise PIL.Image.MAX_IMAGE_PIXELS if you trust the file",
        ) from None
    except PIL.UnidentifiedImageError:
        raise bad_value(
            ARGUMENT,
            f"{where} is not an image file Pillow can read",
            "pass a png, jpg, bmp, gif, tiff or webp file",
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # damaged header
        raise bad_value(ARGUMENT, f"{where} could not be decoded: {error}") from None
    with picture, warnings.catch_warnings():
        # Pillow warns while decoding some damaged files (TIFF: "Truncated File Read").
        warnings.simplefilter("ignore")
        check_picture_size(picture.size, where)
        try:
            picture.load()
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise bad_value(ARGUMENT, f"{where} could not be decoded: {error}") from None
        return _detached(picture)


def _detached(picture: PIL.Image.Image) -> PIL.Image.Image:
    """A loaded picture that no longer needs its file, keeping the format name."""
    fmt = picture.format
    copy = picture.copy()
    copy.format = fmt
    copy.info = dict(picture.info)
    return copy


def _from_path(path: str | pathlib.Path) -> Loaded:
    # Read once, non-blocking, regular files only (a FIFO would block forever, issue 19).
    content = read_regular_file(path, ARGUMENT)
    where = f"path {short(os.fspath(path))}"
    if not content:
        raise bad_value(ARGUMENT, f"{where} is an empty file", "pass the path of an image file")
    picture = _open_checked(io.BytesIO(content), where)
    return Loaded("path", picture=picture, input_dtype=picture.mode, file_bytes=content)


def _from_bytes(content: bytes, source: Source, what: str) -> Loaded:
    if not content:
        raise bad_value(ARGUMENT, f"the {what} is empty", "pass the bytes of an image file")
    picture = _open_checked(io.BytesIO(content), f"the {what} ({len(content)} bytes)")
    return Loaded(source, picture=picture, input_dtype=picture.mode)
