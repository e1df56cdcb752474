"""Heatmaps over a picture (saliency, Grad-CAM, attention): an nbimage extension.

`Image(..., heatmaps={"grad-cam": array})` takes any `H×W` real array or tensor, of any size
(a 7×7 CAM over a 224² picture is drawn stretched over it, nearest-neighbour, like a mask of
another size). The colours are made here, once, with `nbimage.colormaps` (one source of
truth); the view blends the coloured PNG over the picture with an opacity slider and reads
values under the pointer from the kernel. wandb has no heatmap overlay, so `to_wandb()`
leaves them out and says so (`heatmap-not-logged`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import PIL.Image

from nbimage._arrays import real_array
from nbimage._errors import bad_type, bad_value, short
from nbimage.colormaps import DIVERGING, apply, check_colormap, lut
from nbimage.overlays import check_name

DEFAULT_COLORMAP = "turbo"
_ACCEPTED = "an H×W numpy array or torch tensor of real numbers"


def _value_range(value: Any, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise bad_type(where, value, "None (auto) or a pair (low, high) of numbers")
    pair: list[float] = []
    for index, bound in enumerate(value):
        if isinstance(bound, (bool, np.bool_)) or not isinstance(
            bound, (int, float, np.integer, np.floating)
        ):
            raise bad_type(f"{where}[{index}]", bound, "a number")
        if not math.isfinite(float(bound)):
            raise bad_value(f"{where}[{index}]", f"not a finite number ({bound})")
        pair.append(float(bound))
    low, high = pair
    if not low < high:
        raise bad_value(where, f"low ({low:g}) must be below high ({high:g})")
    return low, high


def _widened(value: float) -> tuple[float, float]:
    """A range of some width from a constant map (value, value + 1; relative above 1e6, as
    3e38 + 1 is 3e38 again; downwards at float's top)."""
    span = max(1.0, abs(value) * 2**-20)
    return (value, value + span) if math.isfinite(value + span) else (value - span, value)


class Heatmap:
    """One heatmap layer: values over the picture, a colormap and the value range it spans.

    `data`: an `H×W` numpy array or torch tensor (any device, any real dtype; a leading
    axis of 1 is dropped); NaN pixels are left transparent. `value_range`: (low, high), the
    values drawn as the colormap's two ends, or None for the finite min..max (symmetric
    around 0 for the "diverging" map). `colormap`: a name from `nbimage.colormaps`.
    """

    def __init__(
        self,
        data: Any,
        colormap: str = DEFAULT_COLORMAP,
        value_range: Sequence[float] | None = None,
        key: str = "heatmap",
    ) -> None:
        check_name(key, "key", "a str heatmap name such as 'grad-cam'")
        where = f"heatmaps[{key!r}]"
        self._key = key
        self._colormap = check_colormap(f"{where}.colormap", colormap)
        given = _value_range(value_range, f"{where}.value_range")
        array = real_array(data, where, _ACCEPTED)
        shape = tuple(array.shape)
        while array.ndim > 2 and array.shape[0] == 1:
            array = array[0]
        if array.ndim == 3 and array.shape[-1] == 1:
            array = array[..., 0]
        if array.ndim != 2:
            raise bad_value(
                where,
                f"expected an H×W map, got shape {shape}",
                "one value per pixel: reduce the channels first (e.g. .mean(0))",
            )
        if 0 in array.shape:
            raise bad_value(where, f"empty map of shape {shape}")
        values = np.array(array, dtype=np.float32)  # our own copy: the caller's stays theirs
        values.flags.writeable = False
        self._values = values
        finite = np.isfinite(values)
        self._all_finite = bool(finite.all())
        if given is not None:
            self._range = given
        elif not finite.any():
            self._range = (0.0, 1.0)
        else:
            shown = values if self._all_finite else values[finite]
            low, high = float(shown.min()), float(shown.max())
            if self._colormap in DIVERGING:
                top = max(abs(low), abs(high))
                low, high = -top, top
            self._range = (low, high) if low < high else _widened(low)
        self._auto = given is None

    @property
    def key(self) -> str:
        return self._key

    def renamed(self, key: str) -> Heatmap:
        twin = object.__new__(Heatmap)
        twin.__dict__.update(self.__dict__)
        twin._key = key
        return twin

    @property
    def values(self) -> np.ndarray:
        """The heatmap's values, float32 (H, W), read-only."""
        return self._values

    @property
    def shape(self) -> tuple[int, int]:
        height, width = self._values.shape
        return int(height), int(width)

    @property
    def colormap(self) -> str:
        return self._colormap

    @property
    def value_range(self) -> tuple[float, float]:
        """(low, high): the values drawn as the colormap's first and last colour."""
        return self._range

    def levels(self) -> np.ndarray:
        """Colormap levels 0..255 of every pixel: round(255 * (v - low) / (high - low)),
        clipped (NaN pixels get 0 and are transparent in `rgba()`)."""
        low, high = self._range
        scaled: np.ndarray
        if max(abs(low), abs(high)) < 1e30:  # the usual: float32 is exact enough
            # Clipped first: a value near float32's top times 255 would overflow.
            scaled = np.clip(self._values, np.float32(low), np.float32(high))
            scaled -= np.float32(low)
            scaled *= np.float32(255 / (high - low))
        else:
            # A range near ±1e308: halves so that no difference overflows and the scale
            # is no float32 zero (which times ±Inf would be NaN).
            half = self._values.astype(np.float64) / 2
            scaled = (half - low / 2) * (255 / (high / 2 - low / 2))
        np.clip(scaled, 0, 255, out=scaled)  # ±Inf to the ends
        if not self._all_finite:
            scaled[np.isnan(scaled)] = 0
        np.rint(scaled, out=scaled)
        return scaled.astype(np.uint8)

    def rgba(self) -> np.ndarray:
        """The coloured heatmap (H, W, 4) uint8: the colormap of `levels()`, alpha 255,
        0 where the value is NaN."""
        height, width = self.shape
        out = np.empty((height, width, 4), dtype=np.uint8)
        out[..., :3] = apply(self.levels(), self._colormap)
        out[..., 3] = 255 if self._all_finite else np.where(np.isfinite(self._values), 255, 0)
        return out

    def picture(self) -> PIL.Image.Image:
        """`rgba()` as a PIL picture (to log it as its own wandb.Image)."""
        return PIL.Image.fromarray(self.rgba(), mode="RGBA")

    def value_at(self, x: int, y: int, width: int, height: int) -> float | None:
        """The value under picture pixel (x, y) of a `width`×`height` picture (nearest
        cell, as drawn); None for NaN/±Inf."""
        rows, columns = self.shape
        value = float(
            self._values[min(rows - 1, y * rows // height), min(columns - 1, x * columns // width)]
        )
        return value if math.isfinite(value) else None

    def __repr__(self) -> str:
        height, width = self.shape
        low, high = self._range
        return (
            f"Heatmap({self._key!r}, {width}×{height}, {self._colormap}, [{low:.4g}, {high:.4g}])"
        )


def check_heatmaps(value: Any) -> dict[str, Heatmap]:
    """`heatmaps=`: a dict of str name -> H×W array/tensor or `Heatmap`."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise bad_type("heatmaps", value, "a dict of name -> H×W array, tensor or nbimage.Heatmap")
    layers: dict[str, Heatmap] = {}
    for key, layer in value.items():
        check_name(key, f"heatmaps key {short(key)}", "a str heatmap name")
        if isinstance(layer, Heatmap):
            layers[key] = layer if layer.key == key else layer.renamed(key)
        else:
            layers[key] = Heatmap(layer, key=key)
    return layers


def colorbar(colormap: str) -> np.ndarray:
    """The legend bar's colours: (1, 256, 3), low values on the left."""
    return lut(colormap)[np.newaxis]


def blend(
    canvas: PIL.Image.Image, heatmaps: Mapping[str, Heatmap], alpha: float
) -> PIL.Image.Image:
    """`canvas` (RGBA) with each heatmap stretched over it (nearest) at `alpha` (the static
    fallback's rendering of what the view blends)."""
    for heatmap in heatmaps.values():
        layer = heatmap.rgba()
        layer[..., 3] = (layer[..., 3].astype(np.uint16) * round(alpha * 255) // 255).astype(
            np.uint8
        )
        picture = PIL.Image.fromarray(layer, mode="RGBA")
        if picture.size != canvas.size:
            picture = picture.resize(canvas.size, PIL.Image.Resampling.NEAREST)
        canvas = PIL.Image.alpha_composite(canvas, picture)
    return canvas
