"""Denormalization presets: undo a mean/std standardization before looking at the data.

`denormalize(raw, "imagenet")` computes `raw * std + mean` per channel, so a tensor fed to
a network as `(x - mean) / std` shows the picture it came from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from nbimage._errors import bad_type, bad_value, describe, short

# name -> (mean, std) per channel, applied as x * std + mean.
PRESETS: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    # torchvision's ImageNet statistics, the most common standardization in vision models.
    "imagenet": ((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
    # [-1, 1] (GAN / diffusion outputs) back to [0, 1]: x * 0.5 + 0.5.
    "pm1": ((0.5,), (0.5,)),
}
ACCEPTED = f"one of {', '.join(repr(name) for name in PRESETS)} or a (mean, std) pair"


def _floats(argument: str, value: Any) -> tuple[float, ...]:
    """A number or a sequence of numbers, as finite floats."""
    items = (
        [value]
        if isinstance(value, (int, float, np.number)) and not isinstance(value, bool)
        else value
    )
    if not isinstance(items, (Sequence, np.ndarray)) or isinstance(items, str) or not len(items):
        raise bad_type(argument, value, "a number or a non-empty sequence of numbers")
    numbers: list[float] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (int, float, np.number)):
            raise bad_type(argument, value, "a number or a non-empty sequence of numbers")
        try:
            number = float(item)
        except OverflowError:  # a huge Python int
            number = math.inf
        if not math.isfinite(number):
            raise bad_value(
                argument, f"{short(value)} holds a non-finite value", "pass finite numbers"
            )
        numbers.append(number)
    return tuple(numbers)


def resolve(preset_or_tuple: Any) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The (mean, std) a preset name or a custom pair stands for, validated."""
    if isinstance(preset_or_tuple, str):
        if preset_or_tuple not in PRESETS:
            raise bad_value(
                "denormalize", f"unknown preset {short(preset_or_tuple)}", f"pass {ACCEPTED}"
            )
        return PRESETS[preset_or_tuple]
    if not isinstance(preset_or_tuple, (tuple, list)) or len(preset_or_tuple) != 2:
        raise bad_type("denormalize", preset_or_tuple, ACCEPTED)
    mean = _floats("denormalize mean", preset_or_tuple[0])
    std = _floats("denormalize std", preset_or_tuple[1])
    if len(mean) != len(std) and 1 not in (len(mean), len(std)):
        raise bad_value(
            "denormalize",
            f"mean has {len(mean)} values but std has {len(std)}",
            "pass as many of each (or a single number for all channels)",
        )
    if any(s == 0 for s in std):
        raise bad_value("denormalize std", f"{std!r} holds 0", "a standard deviation is > 0")
    return mean, std


def denormalize(raw_hwc: np.ndarray, preset_or_tuple: Any) -> np.ndarray:
    """`raw_hwc * std + mean` per channel, as a new float32 array.

    `raw_hwc` is (H, W) or (H, W, C). One value applies to every channel; three values
    apply to R, G, B (an alpha channel is left as it is).
    """
    if not isinstance(raw_hwc, np.ndarray) or raw_hwc.dtype.kind not in "biuf":
        raise bad_type("raw", raw_hwc, "a real-valued numpy array of shape (H, W) or (H, W, C)")
    if raw_hwc.ndim not in (2, 3):
        raise bad_value("raw", f"{describe(raw_hwc)} is not (H, W) or (H, W, C)")
    mean, std = resolve(preset_or_tuple)
    count = max(len(mean), len(std))
    channels = 1 if raw_hwc.ndim == 2 else raw_hwc.shape[2]
    colour = 3 if channels == 4 and count == 3 else channels  # RGBA: alpha untouched
    if count not in (1, colour):
        raise bad_value(
            "denormalize",
            f"{count} mean/std values for {describe(raw_hwc)} with {channels} channel(s)",
            "pass one value, or one per channel",
        )
    # Values beyond float32 (float64 data near ±1e308) become ±Inf, as the Image then says.
    with np.errstate(over="ignore", invalid="ignore"):
        out = raw_hwc.astype(np.float32)  # always a new array: the caller's data stays as is
        means = np.array(mean * (count // len(mean)), dtype=np.float32)
        stds = np.array(std * (count // len(std)), dtype=np.float32)
        if raw_hwc.ndim == 2:
            out *= stds[0]
            out += means[0]
        else:
            out[..., :colour] *= stds
            out[..., :colour] += means
    return out


# Denormalized data meant as [0, 1] pictures reaches at most this (an overshoot); beyond
# it the mean/std were on the 0–255 scale (e.g. detectron's 123.675, 58.395).
UNIT_SCALE_MAX = 2.0


def clamp_range(values: np.ndarray) -> tuple[float, float]:
    """The range the denormalized values are meant to have: (0, 1), or (0, 255)."""
    finite = values[np.isfinite(values)] if values.dtype.kind == "f" else values
    high = float(finite.max()) if finite.size else 0.0
    return (0.0, 1.0) if high <= UNIT_SCALE_MAX else (0.0, 255.0)


def clamped(values: np.ndarray) -> tuple[np.ndarray, int, tuple[float, float]]:
    """(`values.clamp(low, high)` as a new array, how many values it moved, (low, high)).

    What a person logs once the standardization is undone: `wandb.Image(x.clamp(0, 1))`.
    Without the clamp one value at 1.0000001 (float error of `x * std + mean`) makes wandb
    clip the whole picture to black. NaN stays NaN (the picture shows it as 0).
    """
    low, high = clamp_range(values)
    moved = int(np.count_nonzero((values < low) | (values > high)))
    return np.clip(values, low, high), moved, (low, high)
