"""Layout: read an array's axes as a picture (H, W) / (H, W, C), or a batch of them.

numpy arrays are (H, W, C) and torch tensors (C, H, W), as in the reference. Where the
reference crashes or scrambles (2-D tensors, batches, channels-first numpy, channels-last
tensors), the sensible reading is taken and reported through `Arranged`'s flags.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nbimage._errors import bad_value, describe
from nbimage.inputs import ARGUMENT, MAX_DIMENSION, Convention

# Channel counts Pillow can hold in an 8-bit picture without a `mode=`: L, RGB, RGBA.
CHANNEL_COUNTS = (1, 3, 4)
# With an explicit `mode=` two channels are fine too (LA, La, PA).
CHANNEL_COUNTS_WITH_MODE = (1, 2, 3, 4)
# torchvision.utils.make_grid's defaults, which people know from their training loops.
GRID_PER_ROW = 8
GRID_PADDING = 2


@dataclass(frozen=True)
class Arranged:
    """Axes sorted out: `array` is (H, W), (H, W, C), or a batch (N, H, W, C)."""

    array: np.ndarray
    is_batch: bool = False
    transposed_from: str | None = None  # "(C, H, W)": channels-first numpy read as such
    channels_last_tensor: bool = False  # a torch tensor that was (H, W, C)


def arrange(array: np.ndarray, convention: Convention, *, mode_given: bool) -> Arranged:
    """Sort out the axes of `array` (already validated as 2-D to 4-D, non-empty)."""
    channels = CHANNEL_COUNTS_WITH_MODE if mode_given else CHANNEL_COUNTS
    if array.ndim == 4 and array.shape[0] == 1:
        array = array[0]  # a batch of one is one picture (the reference squeezes it too)
    if array.ndim == 2:
        return Arranged(array)
    if array.ndim == 3:
        return _single(array, convention, channels)
    return _batch(array, convention, channels)


def _single(array: np.ndarray, convention: Convention, channels: tuple[int, ...]) -> Arranged:
    first, last = array.shape[0], array.shape[-1]
    if convention == "chw":
        if first in channels:
            return Arranged(_drop_single_channel(np.transpose(array, (1, 2, 0))))
        if last in channels:
            return Arranged(_drop_single_channel(array), channels_last_tensor=True)
    else:
        if last in channels:
            return Arranged(_drop_single_channel(array))
        if first in channels:
            hwc = _drop_single_channel(np.transpose(array, (1, 2, 0)))
            # A leading axis of 1 is what the reference squeezes away anyway: no news.
            return Arranged(hwc, transposed_from=None if first == 1 else "(C, H, W)")
        squeezed = array.squeeze()
        if squeezed.ndim == 2:  # e.g. (H, 1, W): the reference squeezes it to (H, W)
            return Arranged(squeezed)
    raise _no_channel_axis(array, convention, channels)


def _batch(array: np.ndarray, convention: Convention, channels: tuple[int, ...]) -> Arranged:
    second, last = array.shape[1], array.shape[-1]
    if convention == "chw":
        if second in channels:
            return Arranged(np.transpose(array, (0, 2, 3, 1)), is_batch=True)
        if last in channels:
            return Arranged(array, is_batch=True, channels_last_tensor=True)
    else:
        if last in channels:
            return Arranged(array, is_batch=True)
        if second in channels:
            nhwc = np.transpose(array, (0, 2, 3, 1))
            return Arranged(
                nhwc, is_batch=True, transposed_from=None if second == 1 else "(N, C, H, W)"
            )
    raise _no_channel_axis(array, convention, channels)


def _drop_single_channel(hwc: np.ndarray) -> np.ndarray:
    return hwc[:, :, 0] if hwc.shape[2] == 1 else hwc


def _no_channel_axis(
    array: np.ndarray, convention: Convention, channels: tuple[int, ...]
) -> ValueError:
    expected = (
        "(C, H, W) or a batch (N, C, H, W)"
        if convention == "chw"
        else "(H, W, C) or a batch (N, H, W, C)"
    )
    counts = ", ".join(str(c) for c in channels)
    # Tensors arrive here as numpy views of their memory: name what the person passed.
    what = (
        f"torch.Tensor of shape {tuple(array.shape)}"
        if convention == "chw"
        else f"numpy.ndarray of shape {tuple(array.shape)}"
    )
    return bad_value(
        ARGUMENT,
        f"{what} (dtype {array.dtype}) has no channel axis of size {counts}",
        f"pass {expected} with C in {{{counts}}}, or (H, W) for grayscale; to look at "
        "every channel of any count, use `nbimage.channels(x)` (and "
        "`nbimage.channels(x, rgb=(3, 2, 1))` to pick three of them as RGB)",
    )


def grid_size(count: int, height: int, width: int) -> tuple[int, int]:
    """(rows, columns) of pictures in the grid of `count` pictures."""
    columns = min(GRID_PER_ROW, count)
    rows = -(-count // columns)
    return rows, columns


def grid_shape(count: int, height: int, width: int) -> tuple[int, int]:
    """(height, width) in pixels of the grid of `count` pictures of height × width."""
    rows, columns = grid_size(count, height, width)
    return rows * (height + GRID_PADDING) + GRID_PADDING, columns * (width + GRID_PADDING) + (
        GRID_PADDING
    )


def check_grid(batch: np.ndarray) -> None:
    """The grid of a batch (N, H, W, ...) must fit the reference's MAX_DIMENSION too."""
    height, width = grid_shape(*(int(s) for s in batch.shape[:3]))
    if max(height, width) > MAX_DIMENSION:
        raise bad_value(
            ARGUMENT,
            f"the batch {describe(batch)} makes a {width}×{height} grid, a side over "
            f"MAX_DIMENSION ({MAX_DIMENSION})",
            "pass fewer or smaller pictures",
        )


def make_grid(batch: np.ndarray, *, pad_value: int | float = 0) -> np.ndarray:
    """Lay a batch (N, H, W, C) out in rows of 8 with 2 px of `pad_value` around each picture.

    The same geometry as `torchvision.utils.make_grid`'s defaults. A single channel stays
    single (an (H, W) grid) instead of being tripled to RGB, so the grid keeps the data's mode.
    """
    count, height, width, depth = batch.shape
    rows, columns = grid_size(count, height, width)
    pad = GRID_PADDING
    grid = np.full(
        (rows * (height + pad) + pad, columns * (width + pad) + pad, depth),
        pad_value,
        dtype=batch.dtype,
    )
    for index in range(count):
        row, column = divmod(index, columns)
        top = row * (height + pad) + pad
        left = column * (width + pad) + pad
        grid[top : top + height, left : left + width] = batch[index]
    return _drop_single_channel(grid)
