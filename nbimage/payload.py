"""Wire payload builders: turn `Image`s (and compare renderings) into `WireItem`s.

Everything here is a pure function of its arguments: no widget, no comm. Binary fields are
`bytes` so ipywidgets sends them as buffers.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import PIL.Image

from nbimage.diagnostics import Diagnostic, number_text
from nbimage.display_encode import encode_display, encode_picture
from nbimage.heatmaps import colorbar
from nbimage.layout import GRID_PADDING, grid_size
from nbimage.wire import (
    WireBatch,
    WireBoxLayer,
    WireDiagnostic,
    WireEra,
    WireHeatmap,
    WireItem,
    WireMaskLayer,
)

if TYPE_CHECKING:
    from nbimage.model import Image

# The view gets a preview no longer than this on its long side; `width`/`height` (and so
# boxes, masks and the inspector) stay in full-resolution pixels.
PREVIEW_MAX_SIDE = 2048


def gray_png(values: np.ndarray) -> bytes:
    """An 8-bit grayscale PNG of a uint8 (H, W) array (mask class ids, marks).

    Always full size: these are categories, which a shrunken preview would average. Through
    the fast display encoder (perf, issue 5: Pillow's encoder took longer than the picture's).
    """
    gray = PIL.Image.fromarray(np.ascontiguousarray(values, dtype=np.uint8), mode="L")
    return encode_display(gray, max_side=max(gray.size))[0]


def wire_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[WireDiagnostic]:
    return [{"code": d.code, "severity": d.severity, "message": d.message} for d in diagnostics]


def image_class_labels(image: Image) -> dict[int, str]:
    """Every class name the Image knows (its layers' labels and `classes=`)."""
    return image.classes.labels() if image.classes is not None else {}


def box_layers(image: Image) -> list[WireBoxLayer]:
    names = image_class_labels(image)
    return [layer.to_wire(image.width, image.height, names) for layer in image.boxes.values()]


def mask_layers(image: Image) -> list[WireMaskLayer]:
    # Class ids travel as an 8-bit PNG and are coloured in the browser (instant toggles).
    names = image_class_labels(image)
    return [
        mask.to_wire(
            gray_png(mask.class_ids()),
            names,
            None if mask.confidence is None else gray_png(mask.confidence),
        )
        for mask in image.masks.values()
    ]


def heatmap_layers(image: Image) -> list[WireHeatmap]:
    # Coloured here (one colormap implementation); the view only blends the PNG.
    layers: list[WireHeatmap] = []
    for heatmap in image.heatmaps.values():
        height, width = heatmap.shape
        rgba = PIL.Image.fromarray(heatmap.rgba(), mode="RGBA")
        bar = PIL.Image.fromarray(colorbar(heatmap.colormap), mode="RGB")
        low, high = heatmap.value_range
        layers.append(
            {
                "key": heatmap.key,
                "png": encode_display(rgba, max_side=max(rgba.size))[0],
                "width": width,
                "height": height,
                "lo": low,
                "hi": high,
                "colormap": heatmap.colormap,
                "colorbar": encode_display(bar, max_side=256)[0],
            }
        )
    return layers


def _number(value: float) -> str:
    return number_text(value)


def range_text(dtype: np.dtype, lo: float, hi: float) -> str:
    """'uint16 0–65535' for integer data (exact), 'float32 [0, 1.0000001]' for floats."""
    if dtype.kind in "biu":
        return f"{dtype} {int(lo)}–{int(hi)}"
    return f"{dtype} [{_number(lo)}, {_number(hi)}]"


def finite_range(raw: np.ndarray) -> tuple[float, float] | None:
    """(min, max) over the finite values, or None when there are none."""
    if raw.size == 0:
        return None
    if raw.dtype.kind != "f":
        return float(raw.min()), float(raw.max())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN: nanmin warns, returns NaN
        lo, hi = float(np.nanmin(raw)), float(np.nanmax(raw))
    if math.isfinite(lo) and math.isfinite(hi):
        return lo, hi
    # Rare path (Inf present, or all NaN): pay for a mask only here.
    finite = raw[np.isfinite(raw)]
    return (float(finite.min()), float(finite.max())) if finite.size else None


def summary(image: Image, mode: str | None = None, rule: str | None = None) -> str:
    """One line: size, mode, the input's dtype and finite range, the rule that ran.

    `mode` and `rule` describe another rendering (compare's "min–max") than the Image's.
    """
    parts = [f"{image.width}×{image.height} {mode or image._picture.mode}"]
    raw = image.raw
    if raw is not None:
        span = image.finite_range
        if span is None:
            parts.append(f"{raw.dtype} (no finite values)")
        else:
            parts.append(range_text(raw.dtype, span[0], span[1]))
    else:
        parts.append(str(image.source))
    rule = rule or image.rule
    if rule:
        parts.append(rule)
    return " · ".join(parts)


def image_item(
    image: Image,
    *,
    item_id: str,
    label: str = "",
    picture: PIL.Image.Image | None = None,
    diagnostics: Iterable[Diagnostic] | None = None,
    marks: np.ndarray | None = None,
    rule: str | None = None,
    max_side: int = PREVIEW_MAX_SIDE,
) -> WireItem:
    """The wire item for one Image; compare panels pass their own `picture` and `marks`."""
    if picture is None:
        src, mime = encode_picture(image._picture, max_side=max_side)
    else:
        src, mime = encode_display(picture, max_side=max_side)
    caption = image.caption
    return {
        "id": item_id,
        "label": label,
        "src": src,
        "mime": mime,
        "width": image.width,
        "height": image.height,
        "caption": None if caption is None else str(caption),
        "grouping": image.grouping,
        "summary": summary(image, None if picture is None else picture.mode, rule),
        "boxes": box_layers(image),
        "masks": mask_layers(image),
        "diagnostics": wire_diagnostics(image.diagnostics if diagnostics is None else diagnostics),
        "marks": None if marks is None else gray_png(marks),
        "heatmaps": heatmap_layers(image),
        "mode": image._picture.mode if picture is None else picture.mode,
        "batch": batch_layout(image._batch),
    }


def batch_layout(batch: tuple[int, int, int] | None) -> WireBatch | None:
    """The grid geometry of a batch picture (as `make_grid` laid it out)."""
    if batch is None:
        return None
    count, height, width = batch
    rows, columns = grid_size(count, height, width)
    return {
        "count": count,
        "rows": rows,
        "columns": columns,
        "height": height,
        "width": width,
        "padding": GRID_PADDING,
    }


def wire_eras(eras: Iterable[tuple[str, str]]) -> list[WireEra]:
    return [{"id": era_id, "label": label} for era_id, label in eras]


def raw_at(raw: np.ndarray | None, x: int, y: int) -> list[float | str] | None:
    """The input's value(s) at a pixel; NaN/±Inf become the text "NaN", "+Inf", "-Inf"
    (JSON has no NaN, and the inspector names which one it is)."""
    if raw is None:
        return None
    values = np.atleast_1d(raw[y, x]).astype(np.float64)
    return [float(v) if np.isfinite(v) else NONFINITE_TEXT[_kind(v)] for v in values]


NONFINITE_TEXT = {"nan": "NaN", "posinf": "+Inf", "neginf": "-Inf"}


def _kind(value: float) -> str:
    return "nan" if np.isnan(value) else "posinf" if value > 0 else "neginf"
