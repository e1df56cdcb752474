"""The logged picture, held as uint8 pixels with a PIL mode and turned into a PIL image
only when something asks for one.

`Image.image` must be the PIL picture wandb 0.22.3 would save, and it is computed when the
Image is built (later edits of the caller's array do not change it). Holding the pixels
instead of a PIL copy keeps that promise and spares the display path a full-size copy
(perf, issue 5: Pillow's copy of a 4096² picture was ~40 ms, most of it fresh pages):
the view shows a preview built from the pixels, and the PIL picture is made once, on
first use (`img.image`, saving, drawing overlays on a small picture).
"""

from __future__ import annotations

import threading

import numpy as np
from PIL import Image as PILImage

from nbimage.shrink import shrink_pil, shrink_pixels

# Modes whose PIL picture holds the pixels' bytes as they are (what a PNG stores), by the
# number of channels of the pixel array (0: an (H, W) array).
PIXEL_MODES = {"L": 0, "LA": 2, "RGB": 3, "RGBA": 4}
# Modes whose samples the view shows as 8-bit gray (clipped), as `displayable` does.
_WIDE_MODES = ("I", "F", "I;16L", "I;16N")


class Picture:
    """A picture as pixels + mode, or as a PIL image (files, PIL inputs, rare modes)."""

    def __init__(
        self, pil: PILImage.Image | None = None, pixels: np.ndarray | None = None, mode: str = ""
    ) -> None:
        if (pil is None) == (pixels is None):
            raise ValueError("Picture: give either `pil` or `pixels` (with `mode`)")
        self._pil = pil
        self._pixels = pixels
        if pixels is not None:
            channels = pixels.shape[2] if pixels.ndim == 3 else 0
            if pixels.dtype != np.uint8 or PIXEL_MODES.get(mode) != channels:
                raise ValueError(f"Picture: {mode!r} cannot hold {pixels.dtype} {pixels.shape}")
            self._mode = mode
            self._size = (int(pixels.shape[1]), int(pixels.shape[0]))
        else:
            assert pil is not None
            self._mode = pil.mode
            self._size = pil.size
        self._lock = threading.Lock()  # one PIL picture, however many threads ask
        # Shrunk pictures ordered from the encoder, by (factor, via): None until delivered.
        self._orders: dict[tuple[int, int], Picture | None] = {}

    @classmethod
    def of(cls, pixels: np.ndarray, mode: str) -> Picture:
        """uint8 pixels in `mode`: kept as they are where the mode allows, else a PIL picture."""
        if PIXEL_MODES.get(mode) == (pixels.shape[2] if pixels.ndim == 3 else 0):
            owned = np.ascontiguousarray(pixels)
            owned.flags.writeable = False  # shared by copies of the Image
            return cls(pixels=owned, mode=mode)
        return cls(pil=PILImage.fromarray(np.ascontiguousarray(pixels), mode=mode))

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def size(self) -> tuple[int, int]:
        """(width, height), as PIL gives it."""
        return self._size

    @property
    def pixels(self) -> np.ndarray | None:
        """The read-only uint8 pixels, or None for a picture held as PIL only."""
        return self._pixels

    @property
    def pil(self) -> PILImage.Image:
        """The PIL picture (made on first use, then kept)."""
        with self._lock:
            if self._pil is None:
                assert self._pixels is not None
                self._pil = PILImage.fromarray(self._pixels, mode=self._mode)
            return self._pil

    def copy(self) -> Picture:
        """A Picture of the same pixels whose PIL image is its own (the pixels are
        read-only, so they are shared)."""
        if self._pixels is not None:
            return Picture(pixels=self._pixels, mode=self._mode)
        return Picture(pil=self.pil.copy())

    def shrunk(self, factor: int, via: int = 1) -> Picture:
        """This picture shrunk by a whole `factor` (box filter, nearest for categories):
        by `via` first, then by `factor // via`, when `via` divides `factor`.

        Not kept: the view encodes its preview a band at a time (`encode_picture`) and the
        static fallback is made once, so a displayed picture holds no shrunk copies (perf,
        issue 5: the kept previews of a 4096² picture were 16 MB of fresh memory). One
        ordered through `order_shrunk` is handed over (once) by the encoder that made it.
        """
        with self._lock:
            made = self._orders.pop((factor, via), None)
        if made is not None:
            return made
        if factor % via:
            raise ValueError(f"shrunk: via={via} does not divide factor={factor}")
        picture = self
        for step in (via, factor // via):
            if step > 1:
                picture = picture._shrunk_once(step)
        return picture

    def _shrunk_once(self, factor: int) -> Picture:
        if self._pixels is None:
            return Picture(pil=shrink_pil(self.pil, factor))
        return Picture(pixels=shrink_pixels(self._pixels, factor), mode=self._mode)

    def order_shrunk(self, factor: int, via: int) -> None:
        """Ask for `shrunk(factor, via)` to be made by the next encoder that streams this
        picture's preview at factor `via`, from the rows it shrinks anyway (perf, issue 5:
        the static fallback of a 4096² picture then costs no second pass over its pixels).
        The numbers are the same either way."""
        with self._lock:
            self._orders.setdefault((factor, via), None)

    def ordered(self, via: int) -> int | None:
        """The further factor an order asks of a preview streamed at factor `via`."""
        with self._lock:
            for (factor, order_via), made in self._orders.items():
                if order_via == via and made is None:
                    return factor // via
        return None

    def deliver(self, factor: int, via: int, made: Picture) -> None:
        """Hand over an ordered `shrunk(factor, via)` (dropped if nobody waits for it)."""
        with self._lock:
            if (factor, via) in self._orders:
                self._orders[(factor, via)] = made

    def value_at(self, x: int, y: int) -> list[int]:
        """The shown value(s) at pixel (x, y), 0..255 (palette pictures resolved)."""
        if self._pixels is not None:
            return [int(v) for v in np.atleast_1d(self._pixels[y, x])]
        return pil_value_at(self.pil, x, y)


def pil_value_at(picture: PILImage.Image, x: int, y: int) -> list[int]:
    """A PIL picture's value(s) at pixel (x, y), 0..255 (palette pictures resolved)."""
    if picture.mode in _WIDE_MODES:
        # 32-bit samples (NaN and ±Inf too) are shown as 8-bit gray: report the
        # shown level, as converted for display (`display_encode.displayable`), issue 19.
        picture = picture.crop((x, y, x + 1, y + 1)).convert("L")
        x = y = 0
    value = picture.getpixel((x, y))
    if picture.mode == "P":
        # A palette picture holds indices: report the colour the index stands for.
        index = int(value)  # type: ignore[arg-type]
        colour = list((picture.getpalette() or [])[3 * index : 3 * index + 3])
        # No palette (or a short one): Pillow saves a gray ramp, index i drawn as (i, i, i).
        return colour if len(colour) == 3 else [index] * 3
    values = value if isinstance(value, tuple) else (value,)
    return [int(v) for v in values]  # type: ignore[arg-type]
