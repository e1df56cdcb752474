"""`nbimage.channels(t)`: every channel of an array or tensor, as a grid of one-channel panels.

wandb logs 1, 3 or 4 channels. A 5-band satellite tile, a 64-channel feature map or a
batch of activations needs each channel on its own: each panel is one channel through a
window (per channel, or one shared by all), labelled with its index, min and max; the
inspector gives all C values at a pixel; `rgb=(3, 2, 1)` composes three channels into an
RGB picture shown first. Every panel is a display choice (nbimage.windowing), never what
wandb logs.

Layout: torch tensors are (C, H, W) or (N, C, H, W); numpy arrays (H, W, C), (C, H, W) or
batches of either, told apart by which axis is not one of two equal picture sides, else by
the smaller end axis (pass `channel_axis=` to say it). A batch shows, per channel, the
grid of its N pictures (8 per row, as the batch grid of `Image`).

(The module is not called `channels`: importing it would shadow the function
`nbimage.channels` with the module.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import PIL.Image

from nbimage._errors import bad_type, bad_value, describe, short
from nbimage.colormaps import DIVERGING
from nbimage.diagnostics import number_text
from nbimage.inputs import load
from nbimage.layout import check_grid, make_grid
from nbimage.normalize import decide_rule
from nbimage.payload import PREVIEW_MAX_SIDE, finite_range, range_text, raw_at
from nbimage.widget import ImageView, InspectValues
from nbimage.windowing import SCOPES, Window, png_of, render_pixels, window_range
from nbimage.wire import WireItem

ACCEPTED_DATA = "a numpy array or torch tensor (C, H, W), (H, W, C) or a batch of them"


def _channel_axis(shape: tuple[int, ...], convention: str, channel_axis: int | None) -> int:
    """Which of the picture's three axes holds the channels: 0 (C, H, W) or 2 (H, W, C)."""
    if channel_axis is not None:
        return 0 if channel_axis in (0, -3) else 2
    if convention == "chw":
        return 0
    first, second, last = shape
    if second == last and first != second:
        return 0
    if first == second and last != first:
        return 2
    return 0 if first < last else 2


def _check_channel_axis(channel_axis: Any) -> int | None:
    if channel_axis is None:
        return None
    if isinstance(channel_axis, bool) or not isinstance(channel_axis, int):
        raise bad_type("channel_axis", channel_axis, "None, 0 (C, H, W) or -1 (H, W, C)")
    if channel_axis not in (0, -1, -3, 2):
        raise bad_value(
            "channel_axis",
            f"{short(channel_axis)} is not an end axis of the picture",
            "pass None, 0 (C, H, W) or -1 (H, W, C)",
        )
    return channel_axis


def _renamed(error: TypeError | ValueError) -> Exception:
    """The loader's error about `data_or_path`, said of `data` (this function's argument)."""
    message = str(error)
    if not message.startswith("data_or_path"):
        return error
    kind = TypeError if isinstance(error, TypeError) else ValueError
    return kind("data" + message[len("data_or_path") :])


def as_hwc(data: Any, channel_axis: int | None = None) -> tuple[np.ndarray, int, str]:
    """(values (H, W, C) — a batch laid out as its grid —, batch size (0: one picture),
    input dtype text) of an array or tensor of any channel count."""
    if isinstance(data, (str, bytes)) or not (
        isinstance(data, np.ndarray) or type(data).__module__.startswith("torch")
    ):
        raise bad_type("data", data, ACCEPTED_DATA)
    try:
        loaded = load(data)
    except (TypeError, ValueError) as error:
        raise _renamed(error) from None
    if loaded.array is None:
        raise bad_type("data", data, ACCEPTED_DATA)
    array = loaded.array
    if array.ndim == 2:
        return array[:, :, np.newaxis], 0, loaded.input_dtype
    axis = _channel_axis(tuple(array.shape[-3:]), loaded.convention, channel_axis)
    if array.ndim == 3:
        hwc = np.moveaxis(array, 0, -1) if axis == 0 else array
        return hwc, 0, loaded.input_dtype
    batch = np.moveaxis(array, 1, -1) if axis == 0 else array  # (N, H, W, C)
    check_grid(batch)
    grid = make_grid(batch)
    return (
        (grid if grid.ndim == 3 else grid[:, :, np.newaxis]),
        int(batch.shape[0]),
        (loaded.input_dtype),
    )


def check_rgb(rgb: Any, count: int) -> tuple[int, int, int] | None:
    """None, or three channel indices in 0..count-1."""
    if rgb is None:
        return None
    accepted = f"None or three channel indices in 0..{count - 1}, e.g. (3, 2, 1)"
    if not isinstance(rgb, (tuple, list)) or len(rgb) != 3:
        raise bad_type("rgb", rgb, accepted)
    for index, band in enumerate(rgb):
        if isinstance(band, bool) or not isinstance(band, (int, np.integer)):
            raise bad_type(f"rgb[{index}]", band, accepted)
        if not 0 <= int(band) < count:
            raise bad_value(
                f"rgb[{index}]",
                f"channel {short(band)} is out of range: the data has {count} channels",
                f"pass {accepted}",
            )
    return (int(rgb[0]), int(rgb[1]), int(rgb[2]))


class ChannelsSource:
    """The panels: the RGB composite (when asked), then one per channel."""

    def __init__(
        self,
        hwc: np.ndarray,
        batch: int,
        dtype: str,
        rgb: tuple[int, int, int] | None,
        window: Window,
        colormap: str | None,
        scope: str,
    ) -> None:
        self.hwc = hwc
        self.batch = batch
        self.dtype = dtype
        self.rgb = rgb
        # The view's display choices, kept in step by `channels` (pages are built with them).
        self.window, self.colormap, self.scope = window, colormap, scope
        self.ranges = [finite_range(hwc[:, :, c]) for c in range(hwc.shape[2])]
        known = [r for r in self.ranges if r is not None]
        self.shared = (min(r[0] for r in known), max(r[1] for r in known)) if known else None
        self._percentiles: tuple[float, float] | None = None

    @property
    def count(self) -> int:
        return int(self.hwc.shape[2])

    def total(self) -> int:
        return self.count + (1 if self.rgb else 0)

    def _bands(self, index: int) -> tuple[int, ...]:
        if self.rgb:
            return self.rgb if index == 0 else (index - 1,)
        return (index,)

    def pixels(
        self, index: int, window: Window, colormap: str | None, scope: str | None = None
    ) -> tuple[np.ndarray, tuple[float, float], str]:
        """Item `index` through the window (per channel or shared: `scope`, else the view's)
        and colormap."""
        bands = self._bands(index)
        per_channel = (scope or self.scope) == "per-channel"
        parts = []
        for band in bands:
            span = self.ranges[band] if per_channel else self.shared
            values = self.hwc[:, :, band]
            # The rule wandb would pick for this channel alone (or for all of them).
            rule = decide_rule(*span) if span is not None else None
            found_window = window
            if not per_channel and window == "p1-99":
                # The shared percentiles are those of every channel together.
                found_window = self._shared_percentiles(colormap)
            parts.append(
                render_pixels(
                    values,
                    found_window,
                    colormap if len(bands) == 1 else None,
                    rule=rule,
                    finite_range=span,
                    max_side=PREVIEW_MAX_SIDE,
                )
            )
        if len(parts) == 1:
            return parts[0]
        composed = np.stack([p[0] for p in parts], axis=-1)
        lows, highs = [p[1][0] for p in parts], [p[1][1] for p in parts]
        note = parts[0][2].split(" · ")[-1]
        windows = ", ".join(
            f"{number_text(lo)} to {number_text(hi)}" for lo, hi in zip(lows, highs, strict=True)
        )
        return composed, (min(lows), max(highs)), f"RGB = channels {bands}: {windows} · {note}"

    def _shared_percentiles(self, colormap: str | None) -> tuple[float, float]:
        if self._percentiles is None:
            self._percentiles = window_range(self.hwc, "p1-99")
        low, high = self._percentiles
        if colormap in DIVERGING:
            reach = max(abs(low), abs(high))
            return (-reach, reach)
        return (low, high)

    def render(
        self,
        index: int,
        window: Window,
        colormap: str | None,
        scope: str = "per-channel",
        _max_side: int = PREVIEW_MAX_SIDE,
    ) -> tuple[bytes, tuple[float, float], str]:
        pixels, used, note = self.pixels(index, window, colormap, scope)
        return png_of(pixels), used, note

    def _label(self, index: int) -> tuple[str, str]:
        """(caption, summary) of item `index`."""
        height, width = self.hwc.shape[:2]
        if self.rgb and index == 0:
            caption = f"RGB = channels {self.rgb[0]}, {self.rgb[1]}, {self.rgb[2]}"
            span = self.shared
        else:
            band = self._bands(index)[0]
            span = self.ranges[band]
            if span is None:
                caption = f"#{band} · no finite values"
            else:
                caption = f"#{band} · min {number_text(span[0])} · max {number_text(span[1])}"
        dtype = self.hwc.dtype
        shown = range_text(dtype, *span) if span is not None else f"{dtype} (no finite values)"
        batch = f" · grid of {self.batch}" if self.batch else ""
        return caption, f"{width}×{height} · {shown} · {self.count} channels{batch} · display only"

    def items(self, start: int, stop: int) -> list[WireItem]:
        out: list[WireItem] = []
        for index in range(start, stop):
            pixels, _used, _note = self.pixels(index, self.window, self.colormap)
            caption, summary = self._label(index)
            height, width = self.hwc.shape[:2]
            out.append(
                {
                    "id": f"channel-{index}",
                    "label": caption,
                    "src": png_of(pixels),
                    "mime": "image/png",
                    "width": int(width),
                    "height": int(height),
                    "caption": caption,
                    "grouping": None,
                    "summary": summary,
                    "boxes": [],
                    "masks": [],
                    "heatmaps": [],
                    "diagnostics": [],
                    "marks": None,
                    "mode": "L" if pixels.ndim == 2 else "RGB",
                    "batch": None,
                }
            )
        return out

    def static_pictures(self, start: int, stop: int) -> list[PIL.Image.Image]:
        from nbimage.contact_sheet import grid_thumbnail_side

        side = grid_thumbnail_side(stop - start)
        pictures = []
        for index in range(start, stop):
            picture = PIL.Image.fromarray(
                np.ascontiguousarray(self.pixels(index, self.window, self.colormap)[0])
            )
            picture.thumbnail((side, side), PIL.Image.Resampling.NEAREST)
            pictures.append(picture)
        return pictures

    def inspect(self, index: int, x: int, y: int) -> InspectValues:
        # Every channel's value at the pixel, whichever panel is hovered.
        return raw_at(self.hwc, x, y), str(self.hwc.dtype), []


def channels(
    data: Any,
    *,
    rgb: Any = None,
    window: Any = "full",
    colormap: Any = None,
    channel_window: str = "per-channel",
    channel_axis: Any = None,
    columns: int = 0,
    page_size: int = 108,
) -> ImageView:
    """Every channel of `data` as a grid of one-channel panels (a display choice).

    `window`: "full" (each panel's min–max, the default), "p1-99", a (low, high) pair of
    raw values, or None (the rule wandb would apply to that channel alone).
    `channel_window`: "per-channel" (each channel its own window) or "shared" (one for all).
    `colormap`: None (gray) or a name of `nbimage.colormaps.COLORMAPS`.
    `rgb`: three channel indices composed into an RGB panel shown first, e.g. (3, 2, 1).
    """
    from nbimage.windowing import check_colormap_option, check_window

    window = check_window("window", window)
    colormap = check_colormap_option("colormap", colormap)
    if not isinstance(channel_window, str) or channel_window not in SCOPES:
        raise bad_value(
            "channel_window", f"got {describe(channel_window)}", "pass 'per-channel' or 'shared'"
        )
    axis = _check_channel_axis(channel_axis)
    hwc, batch, dtype = as_hwc(data, axis)
    chosen_rgb = check_rgb(rgb, int(hwc.shape[2]))
    source = ChannelsSource(hwc, batch, dtype, chosen_rgb, window, colormap, channel_window)
    view = ImageView(
        source,
        page_size=page_size,
        view="channels",
        columns=columns,
        window=list(window) if isinstance(window, tuple) else window,
        colormap=colormap,
        channel_window=channel_window,
    )

    def on_choice(_change: Any) -> None:
        stored = view.window
        source.window = tuple(stored) if isinstance(stored, list) else stored
        source.colormap = view.colormap
        source.scope = view.channel_window

    view.observe(on_choice, names=["window", "colormap", "channel_window"])
    return view
