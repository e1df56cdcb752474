"""Masks of another size than their picture: stretched over it, nearest-neighbour.

wandb 0.22.3 accepts a mask of any size and its media panel draws it over the whole
picture; models often predict at ½ or ¼ resolution. Every place that reads a mask pixel
for a picture pixel (the fallback PNG, the view, the inspector) samples it the same way:
picture pixel `x` reads mask column `floor((x + 0.5) * mask_width / picture_width)`, the
mask pixel under the picture pixel's centre, computed in integers so that Python and the
TypeScript view (`js/draw/masks.ts` `maskIndex`) agree on every pixel. (Pillow's NEAREST
resize accumulates a float step and lands on the other side of an exact edge now and then.)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from nbimage.diagnostics import Diagnostic


def nearest_index(count: int, source: int) -> npt.NDArray[np.intp]:
    """For each of `count` output pixels, the index of the `source` pixel under its centre."""
    return ((2 * np.arange(count, dtype=np.intp) + 1) * source) // (2 * count)


def stretched(ids: npt.NDArray[np.uint8], size: tuple[int, int]) -> npt.NDArray[np.uint8]:
    """Class ids (H, W) resampled to `size` = (width, height), nearest-neighbour."""
    width, height = size
    if ids.shape == (height, width):
        return ids
    # Rows first, then columns: two 1-D takes are 2-4x faster than one 2-D fancy index,
    # and faster than Pillow's NEAREST resize.
    rows = np.take(ids, nearest_index(height, ids.shape[0]), axis=0)
    return np.take(rows, nearest_index(width, ids.shape[1]), axis=1)


def aspect_agrees(mask: tuple[int, int], picture: tuple[int, int]) -> bool:
    """True when one scale factor turns the picture's (H, W) into the mask's, give or take
    one pixel of rounding in each axis (a ½-resolution mask of an odd size is 75×113 or
    76×114 of 151×227, both fine; a 100×100 mask of a 300×451 picture is not)."""
    (mask_h, mask_w), (picture_h, picture_w) = mask, picture
    low = max((mask_h - 1) / picture_h, (mask_w - 1) / picture_w)
    high = min((mask_h + 1) / picture_h, (mask_w + 1) / picture_w)
    return low <= high


def _factor(picture: int, mask: int) -> str:
    return f"{picture / mask:.3g}"


def resized_diagnostic(
    where: str, mask: tuple[int, int], picture: tuple[int, int]
) -> Diagnostic | None:
    """`mask-resized` when the mask's (H, W) is not the picture's; None when it is."""
    if mask == picture:
        return None
    (mask_h, mask_w), (picture_h, picture_w) = mask, picture
    across, down = _factor(picture_w, mask_w), _factor(picture_h, mask_h)
    factor = f"×{across}" if across == down else f"×{across} across, ×{down} down"
    message = (
        f"{where}: the {mask_w}×{mask_h} mask is drawn stretched over the {picture_w}×"
        f"{picture_h} picture ({factor}), each picture pixel taking the mask pixel under its "
        "centre (nearest-neighbour), as wandb's media panel stretches it"
    )
    if aspect_agrees(mask, picture):
        return Diagnostic("mask-resized", "info", message + ".")
    return Diagnostic(
        "mask-resized",
        "warning",
        f"{message}; but their shapes differ (mask {mask_w / mask_h:.3g}:1, picture "
        f"{picture_w / picture_h:.3g}:1, more than a pixel's rounding), which usually means "
        "the mask of another picture or a transposed (W, H) mask. Check which picture it "
        "belongs to.",
    )


__all__ = ["aspect_agrees", "nearest_index", "resized_diagnostic", "stretched"]
