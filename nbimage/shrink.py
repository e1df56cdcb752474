"""Previews: a big picture shrunk by a whole factor so its long side fits the view.

Each preview pixel is the mean of the pixels it covers (a box filter), so fine patterns do
not alias. Palette indices and 1-bit pixels are categories, which averaging would turn
into colours that are not in the picture: those take the nearest pixel instead.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image as PILImage

from nbimage._threads import map_leaves

# Modes averaged when shrinking (the rest take the nearest pixel).
BOX_MODES = frozenset({"L", "LA", "RGB", "RGBA", "I", "F"})
# Rows of a band shrunk on one thread: about this many input bytes (cache-sized, and small
# enough that its scratch memory is reused rather than mapped afresh).
_BAND_BYTES = 1 << 20
# Below this many input bytes a picture is shrunk on the calling thread.
_PARALLEL_BYTES = 4 << 20


def preview_factor(width: int, height: int, max_side: int) -> int:
    """The smallest whole factor that brings the long side to <= max_side (1: it fits)."""
    return max(1, math.ceil(max(width, height) / max_side))


def preview_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """The size a width×height picture's preview has."""
    factor = preview_factor(width, height, max_side)
    return math.ceil(width / factor), math.ceil(height / factor)


def preview(pil_image: PILImage.Image, max_side: int) -> PILImage.Image:
    """A PIL picture's preview (the same object when it already fits)."""
    factor = preview_factor(pil_image.width, pil_image.height, max_side)
    return pil_image if factor <= 1 else shrink_pil(pil_image, factor)


def shrink_pil(pil_image: PILImage.Image, factor: int) -> PILImage.Image:
    """A PIL picture shrunk by a whole `factor` (box filter, or nearest for categories)."""
    if pil_image.mode in BOX_MODES:
        # reduce() is Pillow's whole-factor box filter: one pass, no resampling kernel.
        return pil_image.reduce(factor)
    size = (math.ceil(pil_image.width / factor), math.ceil(pil_image.height / factor))
    return pil_image.resize(size, PILImage.Resampling.NEAREST)


def shrink_pixels(pixels: np.ndarray, factor: int) -> np.ndarray:
    """uint8 pixels (H, W) or (H, W, C) with C in 2..4, box-filtered by `factor`.

    The same numbers as Pillow's `reduce(factor)` of the same picture, computed in bands of
    rows on the leaf threads (perf, issue 5: no full-size PIL copy of a 4096² picture, and
    both cores busy). Bands start on multiples of `factor` rows, so no preview pixel spans
    two bands.
    """
    height, width = pixels.shape[:2]
    out_height = math.ceil(height / factor)
    out = np.empty((out_height, math.ceil(width / factor), *pixels.shape[2:]), np.uint8)
    row_bytes = max(1, pixels.nbytes // height)
    band_rows = max(1, _BAND_BYTES // (row_bytes * factor))  # preview rows per band

    def shrink_band(first: int) -> None:
        last = min(out_height, first + band_rows)
        out[first:last] = shrink_rows(pixels, factor, first, last)

    starts = range(0, out_height, band_rows)
    if pixels.nbytes < _PARALLEL_BYTES:
        for first in starts:
            shrink_band(first)
    else:
        map_leaves(shrink_band, starts)
    return out


def shrink_rows(pixels: np.ndarray, factor: int, first: int, last: int) -> np.ndarray:
    """Rows first..last (exclusive) of `shrink_pixels(pixels, factor)`, from only the input
    rows they cover: a preview made a band at a time is never held whole."""
    band = PILImage.fromarray(np.ascontiguousarray(pixels[first * factor : last * factor]))
    return np.asarray(band.reduce(factor))
