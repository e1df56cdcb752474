"""Analysis for the compare view: per-channel histograms with the rule's mapping, and marks.

Pure functions over the raw values `prepare` returns (aligned with the picture's pixels).
"""

from __future__ import annotations

import numpy as np

from nbimage._errors import bad_type, bad_value, describe
from nbimage.normalize import CLIP, RESCALE_PM1, SCALE_01
from nbimage.wire import (
    MARK_CLIPPED_HIGH,
    MARK_CLIPPED_LOW,
    MARK_INF,
    MARK_NAN,
    MARK_NONE,
    WireHistogram,
    WireHistogramChannel,
)

CHANNEL_NAMES = {1: ["L"], 2: ["L", "A"], 3: ["R", "G", "B"], 4: ["R", "G", "B", "A"]}
RULES = (SCALE_01, RESCALE_PM1, CLIP, None)
# Raw values where each rule's mapping bends (it is flat beyond them).
KNEES: dict[str, tuple[float, float]] = {
    SCALE_01: (0.0, 1.0),
    RESCALE_PM1: (-1.0, 1.0),
    CLIP: (0.0, 255.0),
}
# normalize=False wraps every 256: beyond this many teeth the sawtooth is unreadable anyway.
MAX_WRAP_TEETH = 64


def _check(raw: np.ndarray, rule: str | None) -> np.ndarray:
    if not isinstance(raw, np.ndarray) or raw.dtype.kind not in "biuf":
        raise bad_type("raw", raw, "a real-valued numpy array of shape (H, W) or (H, W, C)")
    if raw.ndim not in (2, 3) or raw.size == 0:
        raise bad_value("raw", f"{describe(raw)} is not a non-empty (H, W) or (H, W, C) array")
    if rule not in RULES:
        raise bad_value("rule", f"unknown rule {rule!r}", f"pass one of {RULES}")
    return raw if raw.ndim == 3 else raw[:, :, np.newaxis]


def _output(x: float, rule: str | None) -> float:
    """The 0..255 level raw value `x` becomes under `rule` (before truncation)."""
    if rule == SCALE_01:
        y = x * 255
    elif rule == RESCALE_PM1:
        y = 127.5 * (x + 1)
    elif rule == CLIP:
        y = x
    else:
        return float(np.floor(x) % 256)
    return float(min(max(y, 0.0), 255.0))


def mapping(lo: float, hi: float, rule: str | None) -> list[list[float]]:
    """Polyline [[raw, level], ...] over [lo, hi] of the mapping `rule` applies."""
    if rule is None:
        points = [lo]
        first, last = int(np.floor(lo / 256)) + 1, int(np.floor(hi / 256))
        if last - first < MAX_WRAP_TEETH:
            for k in range(first, last + 1):
                edge = 256.0 * k
                points += [np.nextafter(edge, -np.inf), edge]
        points.append(hi)
    else:
        points = [lo, *(k for k in KNEES[rule] if lo < k < hi), hi]
    return [[float(x), _output(float(x), rule)] for x in points]


def histogram(
    raw: np.ndarray,
    rule: str | None,
    bins: int = 64,
    clamp: tuple[float, float] | None = None,
) -> WireHistogram:
    """Per-channel counts of the finite raw values, with the rule's mapping and clip edges.

    `clamp`: the values went through `clamp(low, high)` before the rule (compare's
    denormalized panel): its edges are where values were moved, and the mapping is flat
    beyond them.
    """
    if isinstance(bins, bool) or not isinstance(bins, int) or not 1 <= bins <= 4096:
        raise bad_value("bins", f"{bins!r} is not a whole number from 1 to 4096")
    hwc = _check(raw, rule)
    if hwc.dtype == np.bool_:  # np.histogram warns about bool input
        hwc = hwc.view(np.uint8)
    finite = np.isfinite(hwc) if hwc.dtype.kind == "f" else None
    values = hwc[finite] if finite is not None else hwc
    if values.size:
        lo, hi = float(values.min()), float(values.max())
    else:
        lo, hi = 0.0, 1.0
    if lo == hi:  # one value: give the bar some width
        pad = max(0.5, abs(lo) * 2.0**-20)  # 0.5 would be under float64 resolution at 1e14
        lo, hi = lo - pad, hi + pad
    names = CHANNEL_NAMES.get(hwc.shape[2], [f"C{i}" for i in range(hwc.shape[2])])
    channels: list[WireHistogramChannel] = []
    for index, name in enumerate(names):
        channel = hwc[:, :, index]
        if finite is not None:
            channel = channel[finite[:, :, index]]
        counts = _counts(channel, bins, lo, hi)
        channels.append({"name": name, "counts": [int(c) for c in counts]})
    low, high = clamp if clamp is not None else (0.0, 255.0)
    clipping = rule == CLIP or clamp is not None
    points = mapping(lo, hi, rule)
    if clamp is not None:  # flat beyond the clamp's edges: the values were moved onto them
        inside = [[x, y] for x, y in points[1:-1] if low < x < high]
        edges = [k for k in (low, high) if lo < k < hi]
        points = sorted(
            [[lo, _output(min(max(lo, low), high), rule)]]
            + [[k, _output(k, rule)] for k in edges]
            + inside
            + [[hi, _output(min(max(hi, low), high), rule)]]
        )
    return {
        "lo": lo,
        "hi": hi,
        "channels": channels,
        "mapping": points,
        "clip_below": float(low) if clipping and lo < low else None,
        "clip_above": float(high) if clipping and hi > high else None,
    }


def _counts(values: np.ndarray, bins: int, lo: float, hi: float) -> np.ndarray:
    """np.histogram's counts over [lo, hi]; a span that overflows the values' dtype (data
    near ±1e308, or float32 near ±3e38) is binned in float64 halves: halving is exact,
    so every value lands in the same bin (issue 19: numpy said "Too many bins")."""
    dtype = values.dtype if values.dtype.kind == "f" else np.dtype(np.float64)
    with np.errstate(over="ignore"):  # the spacing at float32's top is +Inf too
        span = np.asarray(hi, dtype) - np.asarray(lo, dtype)
        spacing = np.spacing(np.asarray(max(abs(lo), abs(hi)), dtype))
    if np.isfinite(span) and span > 4 * bins * spacing:  # every bin edge distinct
        return np.histogram(values, bins=bins, range=(lo, hi))[0]
    # float16 near 262144 cannot tell lo from hi (their ±0.5 rounds away): float64 can.
    wide = values.astype(np.float64)
    if np.isfinite(hi - lo):
        return np.histogram(wide, bins=bins, range=(lo, hi))[0]
    return np.histogram(wide * 0.5, bins=bins, range=(lo * 0.5, hi * 0.5))[0]


def marks(raw: np.ndarray, rule: str | None) -> np.ndarray:
    """uint8 (H, W) of MARK_* codes: NaN, Inf, and values clipped (or wrapped) low/high.

    A pixel is marked if any of its channels is; NaN wins over Inf, Inf over clipping.
    """
    hwc = _check(raw, rule)
    out = np.full(hwc.shape[:2], MARK_NONE, dtype=np.uint8)
    if rule in (CLIP, None):  # only these let values leave 0..255; None wraps them
        out[(hwc < 0).any(axis=2)] = MARK_CLIPPED_LOW
        out[(hwc > 255).any(axis=2)] = MARK_CLIPPED_HIGH
    if hwc.dtype.kind == "f":
        out[np.isinf(hwc).any(axis=2)] = MARK_INF
        out[np.isnan(hwc).any(axis=2)] = MARK_NAN
    return out
