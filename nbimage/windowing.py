"""Window/level and colormaps: display-only renderings of the raw values, made in Python.

wandb logs one picture per array (the rule's). 16-bit depth maps, medical scans, raw sensor
data and feature maps need another look: a window `(low, high)` of raw values mapped
linearly onto 0–255 (truncated, as wandb's rules truncate), and for one-channel data a
colormap. The view asks for a rendering over the custom-message channel and gets PNG bytes
back; none of this is what wandb logs, and every rendering says so.

Windows: None (what wandb logs: the rule's own mapping), "full" (the finite min and max),
"p1-99" (the 1st and 99th percentiles of the finite values) or a `(low, high)` pair of raw
values. The "diverging" colormap centres its presets on 0: ±max(|low|, |high|).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import PIL.Image

from nbimage._errors import bad_type, bad_value, short
from nbimage.colormaps import DIVERGING, apply, check_colormap
from nbimage.diagnostics import number_text
from nbimage.display_encode import encode_display
from nbimage.normalize import CLIP, RESCALE_PM1, SCALE_01
from nbimage.shrink import preview_factor
from nbimage.wire import RenderReply

Window = None | str | tuple[float, float]
PRESETS = ("full", "p1-99")
ACCEPTED = "None (what wandb logs), 'full', 'p1-99' or a (low, high) pair of finite numbers"
# Percentiles read at most this many values (a strided sample): a 4096² picture's window
# is found in milliseconds, and 10⁶ samples pin the 1st percentile to well under a level.
PERCENTILE_SAMPLE = 1 << 20
# The rule's own mapping, as a window: what None means once a colormap is chosen.
RULE_WINDOWS: dict[str, tuple[float, float]] = {
    SCALE_01: (0.0, 1.0),
    RESCALE_PM1: (-1.0, 1.0),
    CLIP: (0.0, 255.0),
}
DISPLAY_ONLY = "display only, not what wandb logs"
PRESET_NAMES = {"full": "full range", "p1-99": "1–99 percentile"}


def check_window(argument: str, value: Any) -> Window:
    """`value` as a window, or an error naming `argument`, the value and what is accepted."""
    if value is None:
        return None
    if isinstance(value, str):
        if value not in PRESETS:
            raise bad_value(argument, f"unknown window preset {value!r}", f"pass {ACCEPTED}")
        return value
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise bad_type(argument, value, ACCEPTED)
    numbers: list[float] = []
    for part in value:
        if isinstance(part, bool) or not isinstance(part, (int, float, np.integer, np.floating)):
            raise bad_type(argument, value, ACCEPTED)
        try:
            numbers.append(float(part))
        except OverflowError:  # an int past float's range (10**400)
            raise bad_value(
                argument, f"{short(value)} is not finite", "pass two finite raw values"
            ) from None
    low, high = numbers
    if not (math.isfinite(low) and math.isfinite(high)):
        raise bad_value(argument, f"{short(value)} is not finite", "pass two finite raw values")
    if not low < high:
        raise bad_value(
            argument,
            f"{short(value)} is inverted or empty (low {low!r} is not below high {high!r})",
            "pass (low, high) with low < high",
        )
    return (low, high)


def check_colormap_option(argument: str, value: Any) -> str | None:
    """None or a colormap name nbimage knows."""
    return None if value is None else check_colormap(argument, value)


def _finite_sample(raw: np.ndarray) -> np.ndarray:
    flat = raw.reshape(-1)
    sample = flat[:: max(1, flat.size // PERCENTILE_SAMPLE)]
    return sample[np.isfinite(sample)] if sample.dtype.kind == "f" else sample


def window_range(
    raw: np.ndarray,
    window: Window,
    colormap: str | None = None,
    rule: str | None = None,
    finite_range: tuple[float, float] | None = None,
) -> tuple[float, float]:
    """The (low, high) raw values a window stands for over `raw` (low < high)."""
    if isinstance(window, tuple):
        return window
    if window is None:
        low, high = RULE_WINDOWS.get(rule or CLIP, RULE_WINDOWS[CLIP])
        if colormap not in DIVERGING:
            return low, high
    if window == "p1-99":
        sample = _finite_sample(raw)
        if sample.size:
            low, high = (float(v) for v in np.percentile(sample, (1, 99)))
        else:
            low, high = 0.0, 1.0
    elif window == "full" or window is None:
        if finite_range is None:
            sample = raw[np.isfinite(raw)] if raw.dtype.kind == "f" else raw
            finite_range = (float(sample.min()), float(sample.max())) if sample.size else None
        low, high = finite_range if finite_range is not None else (0.0, 1.0)
    if colormap in DIVERGING:
        reach = max(abs(low), abs(high))
        low, high = -reach, reach
    if not high > low:  # a constant picture: give the window some width around it
        # (relative above 1e6: 3e38 ± 0.5 is 3e38 again, a window of no width)
        span = max(0.5, abs(low) * 2**-20)
        if not math.isfinite(high + span):  # at float's top: widen downwards only
            low, high = low - 2 * span, high
        elif not math.isfinite(low - span):  # at its bottom: upwards only
            low, high = low, high + 2 * span
        else:
            low, high = low - span, high + span
    return float(low), float(high)


def levels(raw: np.ndarray, low: float, high: float, rule: bool = False) -> np.ndarray:
    """uint8 levels of `raw` through the window, clipped; NaN and -Inf -> 0, +Inf -> 255
    (as the picture shows them).

    A window cuts [low, high] into 256 equal bins: low is level 0, high level 255, and the
    middle (0 in a window centred on 0) level 128, the diverging map's neutral colour.
    The rule's own mapping (`rule=True`) is wandb's `(x - low) * 255 / (high - low)`,
    truncated, so a colormap over it colours exactly the logged levels.
    """
    top = 255.0 if rule else 256.0
    if max(abs(low), abs(high)) >= 1e30:
        # A window near ±1e308 (given by hand) is past float32: halves in float64, so no
        # difference overflows, then clipped to the levels.
        with np.errstate(all="ignore"):
            wide = (np.asarray(raw, np.float64) / 2 - low / 2) * (top / (high / 2 - low / 2))
        scaled = np.clip(np.nan_to_num(wide, nan=0.0, posinf=255.0, neginf=0.0), 0, 255)
        return scaled.astype(np.uint8)
    with np.errstate(over="ignore", invalid="ignore"):  # values near float32's top: to ±Inf
        scaled = np.subtract(raw, np.float32(low), dtype=np.float32)
        scaled *= np.float32(top / (high - low))
    if raw.dtype.kind == "f":  # integers hold no NaN or Inf: skip the pass
        np.nan_to_num(scaled, copy=False, nan=0.0, posinf=255.0, neginf=0.0)
    np.clip(scaled, 0, 255, out=scaled)
    out: np.ndarray = scaled.astype(np.uint8)
    return out


def sampled(raw: np.ndarray, max_side: int) -> np.ndarray:
    """`raw` (H, W[, C]) strided down so its long side is at most `max_side` (a view)."""
    height, width = raw.shape[:2]
    factor = preview_factor(width, height, max_side)
    return raw[::factor, ::factor] if factor > 1 else raw


def colour(values: np.ndarray, colormap: str | None) -> tuple[np.ndarray, str | None]:
    """Levels as the picture to show: a colormap applies to one channel only.

    Returns (pixels, the colormap actually used)."""
    if values.ndim == 3 and values.shape[2] == 1:
        values = values[:, :, 0]
    if colormap is None or values.ndim == 3:
        if values.ndim == 3 and values.shape[2] not in (3, 4):
            values = values[:, :, 0]  # no picture mode holds it: its first channel
        return values, None
    return apply(values, colormap), colormap


def describe_window(window: Window, low: float, high: float, colormap: str | None) -> str:
    """'window p1-99 = 120–64000 · viridis · display only, not what wandb logs'."""
    name = "the rule's mapping" if window is None else PRESET_NAMES.get(str(window), "window")
    parts = [f"{name} {number_text(low)} to {number_text(high)}"]
    if colormap is not None:
        parts.append(colormap)
    parts.append(DISPLAY_ONLY)
    return " · ".join(parts)


def render_pixels(
    raw: np.ndarray,
    window: Window,
    colormap: str | None,
    *,
    rule: str | None = None,
    finite_range: tuple[float, float] | None = None,
    max_side: int = 2048,
) -> tuple[np.ndarray, tuple[float, float], str]:
    """(uint8 pixels (h, w[, 3]), (low, high), note) of `raw` (H, W[, C]) through a window
    and colormap. The window is found over all of `raw`; the pixels are at most `max_side`
    on their long side (strided: the view scales them to the full-resolution coordinates).
    """
    if not isinstance(raw, np.ndarray) or raw.dtype.kind not in "biuf" or raw.ndim not in (2, 3):
        raise bad_type("raw", raw, "a real-valued numpy array of shape (H, W) or (H, W, C)")
    window = check_window("window", window)
    colormap = check_colormap_option("colormap", colormap)
    low, high = window_range(raw, window, colormap, rule, finite_range)
    exact = window is None and colormap not in DIVERGING
    pixels, used = colour(levels(sampled(raw, max_side), low, high, rule=exact), colormap)
    note = describe_window(window, low, high, used)
    if colormap is not None and used is None:
        note += f" · {colormap} applies to one-channel pictures only"
    return pixels, (low, high), note


def png_of(pixels: np.ndarray) -> bytes:
    """Lossless PNG of uint8 (h, w[, 3|4]) pixels, through the view's fast encoder."""
    picture = PIL.Image.fromarray(np.ascontiguousarray(pixels))
    return encode_display(picture, max_side=max(picture.size))[0]


def render(
    raw: np.ndarray,
    window: Window,
    colormap: str | None,
    *,
    rule: str | None = None,
    finite_range: tuple[float, float] | None = None,
    max_side: int = 2048,
) -> tuple[bytes, tuple[float, float], str]:
    """`render_pixels` as (PNG bytes, (low, high), note): what a render request gets."""
    pixels, window_used, note = render_pixels(
        raw, window, colormap, rule=rule, finite_range=finite_range, max_side=max_side
    )
    return png_of(pixels), window_used, note


# render_item(index, window, colormap, channel_window, max_side) -> (png, (low, high), note);
# a view's source gives it. The request carries every choice: it may reach the kernel
# before the trait updates the browser wrote just before it.
RenderItem = Callable[[int, Window, "str | None", str, int], tuple[bytes, tuple[float, float], str]]
# The long side the view asks for (its canvas, zoom included), kept within these: a
# 4096² picture shown on a 1000 px canvas is rendered at 1024, four times fewer pixels
# to window, encode, send and decode than the 2048 preview (perf: the bench's ≤ 150 ms).
MIN_SIDE, MAX_SIDE = 64, 2048
SCOPES = ("per-channel", "shared")


# The largest int JavaScript holds exactly: ids and indices past it are no index at all.
_SAFE_INT = 2**53 - 1


def safe_int(value: Any) -> int:
    """A request's int field, or -1 when it is none (a bool, a float, past JavaScript's ints:
    a 5000-digit id could not even be written back as JSON)."""
    if isinstance(value, int) and not isinstance(value, bool) and -_SAFE_INT <= value <= _SAFE_INT:
        return value
    return -1


def render_reply(
    render_item: RenderItem | None, item_count: int, offset: int, request: Any
) -> tuple[RenderReply, list[bytes]]:
    """Answer a `RenderRequest`: (reply, buffers). A bad request gets an error, never a raise."""

    def whole(key: str) -> int:
        value = request.get(key)
        return safe_int(value)

    item = whole("item")
    reply: RenderReply = {
        "type": "render-result",
        "request_id": whole("request_id"),
        "item": item,
        "window": None,
        "colormap": None,
        "note": "",
        "error": None,
    }
    try:
        window = check_window("window", request.get("window"))
        colormap = check_colormap_option("colormap", request.get("colormap"))
        scope = request.get("channel_window", "per-channel")
        if not isinstance(scope, str) or scope not in SCOPES:
            raise bad_value("channel_window", f"got {short(scope)}", f"pass one of {SCOPES}")
    except (TypeError, ValueError) as exc:
        reply["error"] = str(exc)
        return reply, []
    if render_item is None or not 0 <= item < item_count:
        reply["error"] = f"item: no item {item} in this view"
        return reply, []
    try:
        side = request.get("max_side")
        if isinstance(side, bool) or not isinstance(side, (int, float)) or not side > 0:
            side = MAX_SIDE
        side = int(min(MAX_SIDE, max(MIN_SIDE, side)))
        png, (low, high), note = render_item(offset + item, window, colormap, scope, side)
    except NoRawValues as exc:
        reply["error"] = str(exc)
        return reply, []
    reply["window"], reply["colormap"], reply["note"] = [low, high], colormap, note
    return reply, [png]


# (item index, preset, colormap) -> the (low, high) the preset stood for.
WindowCache = dict[tuple[int, str, "str | None"], tuple[float, float]]


def render_image(
    image: Any,
    index: int,
    window: Window,
    colormap: str | None,
    max_side: int,
    cache: WindowCache,
) -> tuple[bytes, tuple[float, float], str]:
    """An `Image`'s raw values through a window and colormap (a view source's `render`).

    The window a preset stands for is found once per picture (percentiles cost)."""
    raw = image.raw
    if raw is None:
        raise NoRawValues(
            f"window: item {index} is a {image.source} picture with no raw values to "
            "window; pass the array or tensor itself"
        )
    found: tuple[float, float] | None = None
    if isinstance(window, str):
        key = (index, window, colormap)
        found = cache.get(key)
        if found is None:
            found = window_range(raw, window, colormap, image.rule, image.finite_range)
            cache[key] = found
    png, used, note = render(
        raw,
        found if found is not None else window,
        colormap,
        rule=image.rule,
        finite_range=image.finite_range,
        max_side=max_side,
    )
    if isinstance(window, str):  # name the preset the numbers came from
        note = note.replace("window", PRESET_NAMES[window], 1)
    return png, used, note


class NoRawValues(ValueError):
    """The item is a picture (PIL, a file): there are no raw values to window."""
