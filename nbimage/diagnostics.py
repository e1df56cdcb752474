"""Diagnostics: what happened to the data on its way to the picture, as stable codes.

`diagnose` looks at the facts `prepare` gathered (input, range, rule, layout, picture)
and names every pitfall with a code, the numbers, and the exact fix. The thresholds are
module constants below; each says why it sits where it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from nbimage.normalize import CLIP, RESCALE_PM1, SCALE_01, Rule, Stats, rule_extremes

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Diagnostic:
    """One finding about an image: a stable `code`, its `severity` and a human `message`."""

    code: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"[{self.severity}] {self.code}: {self.message}"


# code -> one-line meaning (the README's table is generated from this).
CODES: dict[str, str] = {
    "rule-scale-01": "values in [0, 1] were multiplied by 255 and truncated",
    "rule-rescale-pm1": "values in [-1, 1] were mapped to [0, 255] by 127.5 * (x + 1), truncated",
    "rule-clip": "values were clipped to [0, 255] and truncated",
    "clipped": "values outside [0, 255] were clipped (how many, how far)",
    "mask-stretched": "integer data holding only 0 and 1 was scaled to 0 and 255",
    "high-bit-depth": "integer data above 255 (uint16, int32…) was clipped to 255",
    "nan": "NaN values were present; they became 0",
    "inf": "±Inf values were present; +Inf became 255, -Inf became 0",
    "constant": "the saved picture is a single value",
    "dark": "the saved picture came out nearly black",
    "low-contrast": "the saved picture uses a sliver of 0–255 though the input varies",
    "channels-first": "channels-first data was transposed (or a tensor was channels-last)",
    "standardized": "the input looks mean/std standardized; the negative half was clipped",
    "wraparound": "normalize=False with values outside 0–255: they wrapped in the uint8 cast",
    "alpha-dropped": "a picture with alpha was saved as JPEG: the alpha channel was dropped",
    "low-precision": "float16 / bfloat16 input (upcast, or computed in float16 as wandb does)",
    "batch-grid": "a batch was laid out as a grid (8 per row, 2 px padding)",
    "outlier-flip": "a few values just outside [0, 1] or [-1, 1] picked another rule for all",
}

# Codes about model outputs (issue 16). Named here so other modules (the wandb bridge's
# `to_wandb`) emit the same strings.
BOX_DOMAIN = "box-domain"  # from_array boxes look like the other domain (pixels / fractions)
BOX_FORMAT = "box-format"  # from_array boxes look like another format (xywh read as xyxy...)
HEATMAP_NOT_LOGGED = "heatmap-not-logged"  # to_wandb(): heatmaps are an nbimage extension


def heatmaps_not_logged(keys: list[str]) -> Diagnostic:
    """What `to_wandb()` says when it leaves an Image's heatmaps out."""
    names = ", ".join(repr(key) for key in keys)
    return Diagnostic(
        HEATMAP_NOT_LOGGED,
        "info",
        f"heatmaps {names} are an nbimage extension: wandb.Image has no heatmap overlay, so "
        "they are not logged. To keep one, log its colours as their own "
        "wandb.Image: wandb.Image(img.heatmaps[name].picture()).",
    )


# A picture whose brightest pixel is at most this is "nearly black": 32/255 is about the
# darkest level still distinguishable from black on a typical screen.
DARK_MAX_LEVEL = 32
# A picture whose levels span at most this many of 256 is washed out: a clean photo spans
# well over 100, and 32 levels is where banding and flat grey become obvious.
LOW_CONTRAST_SPAN = 32
# "Looks standardized": negative values, mean within this of 0 and std within these
# bounds (per-channel ImageNet-normalized photos land near mean 0, std 1).
STANDARDIZED_MEAN_TOLERANCE = 0.5
STANDARDIZED_STD_RANGE = (0.5, 2.0)
# The mean/std heuristic reads at most this many values (a strided sample), so a
# 4096×4096 input costs no float64 copy.
STANDARDIZED_SAMPLE = 1 << 20
# Values this close outside [0, 1] or [-1, 1] are an overshoot (e.g. a model output):
# the fix is to clamp to the intended range, not to rescale.
OVERSHOOT = 0.5
# An outlier flip: at most this share of the values lies outside a rule's range, none of
# them further out than OUTLIER_MARGIN, and they decided another rule for the whole array.
# 10% covers the ringing of an antialiased bicubic resize (4.6% of skimage's astronaut
# resized to 128², on its edges) and float error (1 value in 10⁶); data truly outside the
# range (0–255 floats, a standardized tensor) has far more values out, and further.
OUTLIER_SHARE = 0.1
OUTLIER_MARGIN = 0.25


@dataclass(frozen=True)
class Facts:
    """Everything `prepare` learned about one input, for `diagnose`."""

    source: str
    input_dtype: str
    input_shape: tuple[int, ...]
    normalize: bool = True
    data: np.ndarray | None = None  # the arranged input values (batch: N, H, W, C)
    stats: Stats | None = None
    rule: Rule | None = None
    picture: np.ndarray | None = None  # uint8 pixels the data became (before any grid)
    transposed_from: str | None = None
    channels_last_tensor: bool = False
    batch_count: int = 0
    grid: tuple[int, int] | None = None  # (rows, columns)
    alpha_dropped: str | None = None  # file type the alpha was dropped for
    low_precision: str | None = None  # "upcast" | "float16"


def diagnose(facts: Facts) -> tuple[Diagnostic, ...]:
    """All findings for one input, in a stable order: rule, data, layout, picture."""
    found: list[Diagnostic] = []
    data, found_stats = facts.data, facts.stats
    flip: Flip | None = None
    if data is not None and found_stats is not None:
        found += _rule(facts, found_stats)
        flip = outlier_flip(data, found_stats, facts.rule) if facts.normalize else None
        if flip is not None:
            found.append(_warn("outlier-flip", _flip_message(flip, facts.batch_count > 0)))
        found += _range(facts, data, found_stats, flip)
        found += _nonfinite(data, found_stats, facts.batch_count > 0, facts.rule)
    found += _layout(facts)
    if facts.picture is not None and found_stats is not None:
        picture_findings = _picture(facts, facts.picture, found_stats, flip)
        if any(d.code == "standardized" for d in found):
            # The standardized message already explains the dark picture and gives the fix.
            picture_findings = [d for d in picture_findings if d.code == "constant"]
        found += picture_findings
    if facts.alpha_dropped:
        found.append(
            _warn(
                "alpha-dropped",
                f"the picture has an alpha channel but file_type is {facts.alpha_dropped!r}; "
                "JPEG has no transparency, so alpha was dropped (wandb 0.22.3 would fail or "
                "read the four channels as RGB) -> pass file_type='png' to keep it",
            )
        )
    return tuple(found)


def _warn(code: str, message: str) -> Diagnostic:
    return Diagnostic(code, "warning", message)


def _info(code: str, message: str) -> Diagnostic:
    return Diagnostic(code, "info", message)


def _num(value: float) -> str:
    """Short numbers for messages: 0.5, 255, 65535, 1.2e+05, -2.1, and never "1" for
    1.0000001: where four digits would round a value onto a whole number it is not, it is
    printed in full (the shortest text that reads back as the same float32/float64)."""
    return number_text(value)


def number_text(value: float) -> str:
    """See `_num`; shared with the view's summary line."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    short = f"{value:.4g}"
    if float(short).is_integer() and float(short) != value:
        single = np.float32(value)
        if float(single) == value:  # a float32 value: its own shortest digits
            return np.format_float_positional(single, unique=True, trim="-")
        return repr(value)
    return short


def _share(count: int, total: int) -> str:
    return f"{count} of {total} ({100 * count / max(total, 1):.3g}%)"


def _span(found: Stats) -> str:
    return f"[{_num(found.lo)}, {_num(found.hi)}]"


_FORMULA = {
    SCALE_01: "(x * 255).astype(uint8)",
    RESCALE_PM1: "(127.5 * (x + 1)).astype(uint8)",
    CLIP: "x.clip(0, 255).astype(uint8)",
}


def _rule(facts: Facts, found: Stats) -> list[Diagnostic]:
    if facts.rule is None:
        return []
    shape = "×".join(str(s) for s in facts.input_shape)
    finite = " finite" if found.nonfinite else ""
    return [
        _info(
            facts.rule,
            f"{facts.input_dtype} {shape}, min {_num(found.lo)}, max {_num(found.hi)}"
            f"{finite}: {_FORMULA[facts.rule]}",
        )
    ]


def _is_integer(data: np.ndarray) -> bool:
    return data.dtype.kind in "iu"


def _range(
    facts: Facts, data: np.ndarray, found: Stats, flip: Flip | None = None
) -> list[Diagnostic]:
    if not facts.normalize:
        return _wraparound(data, found)
    if facts.rule == SCALE_01 and _is_integer(data) and found.hi == 1:
        ones = int(np.count_nonzero(data))
        return [
            _warn(
                "mask-stretched",
                f"{data.dtype} data holding only 0 and 1 was scaled to 0 and 255 "
                f"({_share(ones, data.size)} values became 255) -> if these are class ids, "
                "pass them as masks={'labels': {'mask_data': m}}; to keep them 0/1 pass "
                "normalize=False",
            )
        ]
    if facts.rule != CLIP:
        return []
    below = int(np.count_nonzero(data < 0)) if found.lo < 0 else 0
    above = int(np.count_nonzero(data > 255)) if found.hi > 255 else 0
    result: list[Diagnostic] = []
    if above and _is_integer(data):
        result.append(
            _warn(
                "high-bit-depth",
                f"{data.dtype} values reach {_num(found.hi)}: {_share(above, found.size)} "
                "above 255 were clipped to 255 -> scale to 8 bits first, e.g. "
                "`(x / x.max() * 255).astype('uint8')` (or `x >> 8` for full-range 16-bit)",
            )
        )
        above = 0
    standardized = _standardized(data, found) if below and flip is None else None
    if standardized is not None:
        mean, std = standardized
        result.append(
            _warn(
                "standardized",
                f"values span {_span(found)}: looks standardized (mean {mean:.2f}, "
                f"std {std:.2f}); {100 * below / found.size:.3g}% were clipped to 0 -> pass "
                "`t * std + mean`, or `nbimage.compare(t, denormalize='imagenet')`",
            )
        )
        below = 0
    if (below or above) and flip is None:  # outlier-flip already says what was clipped
        result.append(_warn("clipped", _clipped_message(found, below, above)))
    return result


@dataclass(frozen=True)
class Flip:
    """A few values just outside `intended` that made wandb pick `rule` over `instead`."""

    count: int
    size: int
    intended: tuple[int, int]  # (0, 1) or (-1, 1)
    extreme: float  # the value furthest outside `intended`
    index: tuple[int, ...]  # where it sits in the arranged data
    rule: Rule
    instead: Rule


def outlier_flip(data: np.ndarray, found: Stats, rule: Rule | None) -> Flip | None:
    """The outlier flip in float data, or None (see OUTLIER_SHARE and OUTLIER_MARGIN).

    The range checks come first and cost nothing; only a candidate is counted."""
    if rule is None or rule == SCALE_01 or data.dtype.kind != "f" or found.finite == 0:
        return None
    candidates: list[tuple[tuple[int, int], Rule]] = [((0, 1), SCALE_01)]
    if rule == CLIP and found.lo <= -OVERSHOOT:
        # [-1, 1] data reaches well into its negative half; [-0.2, 1.1] overshoots [0, 1].
        candidates.append(((-1, 1), RESCALE_PM1))
    for (low, high), instead in candidates:
        if found.lo < low - OUTLIER_MARGIN or found.hi > high + OUTLIER_MARGIN:
            continue
        outside = (data < low) | (data > high)  # NaN and ±Inf compare False / are outside
        outside &= np.isfinite(data)
        count = int(np.count_nonzero(outside))
        if count == 0 or count > OUTLIER_SHARE * found.finite:
            continue
        distance = np.where(outside, np.maximum(low - data, data - high), -np.inf)
        flat = int(np.argmax(distance))
        index = tuple(int(i) for i in np.unravel_index(flat, data.shape))
        extreme = float(data.reshape(-1)[flat])
        return Flip(count, found.finite, (low, high), extreme, index, rule, instead)
    return None


def _place(index: tuple[int, ...], is_batch: bool) -> str:
    """'row 3, column 7, channel 0' (picture 2, ... in a batch)."""
    names = ["picture"] if is_batch else []
    names += ["row", "column", "channel"]
    return ", ".join(f"{name} {i}" for name, i in zip(names, index, strict=False))


def _flip_message(flip: Flip, is_batch: bool) -> str:
    low, high = flip.intended
    verb = "lies" if flip.count == 1 else "lie"
    share = f"{flip.count} of {flip.size} values ({100 * flip.count / max(flip.size, 1):.3g}%)"
    fix = f"`x.clamp({low}, {high})` / `np.clip(x, {low}, {high})`"
    effect = (
        "the picture comes out nearly black"
        if flip.rule == CLIP
        else "the picture is washed out to half contrast"
    )
    whole = "the whole batch" if is_batch else "the whole picture"
    return (
        f"{share} {verb} just outside [{low}, {high}], the most extreme "
        f"{_num(flip.extreme)} at {_place(flip.index, is_batch)}; they made wandb pick "
        f"{flip.rule} ({_FORMULA[flip.rule]}) for {whole} instead of {flip.instead} "
        f"({_FORMULA[flip.instead]}), which the other values would have taken, so "
        f"{effect} -> clamp first: {fix}"
    )


def _clipped_message(found: Stats, below: int, above: int) -> str:
    parts = []
    if below:
        parts.append(f"{_share(below, found.size)} below 0 (down to {_num(found.lo)}) became 0")
    if above:
        parts.append(f"{_share(above, found.size)} above 255 (up to {_num(found.hi)}) became 255")
    if found.lo >= -1 - OVERSHOOT and found.hi <= 1 + OVERSHOOT:
        intended = "[0, 1]" if found.lo >= -OVERSHOOT else "[-1, 1]"
        low = 0 if intended == "[0, 1]" else -1
        fix = f"values overshoot {intended}: clamp first, `x.clip({low}, 1)`"
    else:
        fix = "rescale to [0, 1] first, e.g. `(x - x.min()) / (x.max() - x.min())`"
    return f"values span {_span(found)}: " + "; ".join(parts) + f" -> {fix}"


def _standardized(data: np.ndarray, found: Stats) -> tuple[float, float] | None:
    """(mean, std) when the data looks mean/std standardized, else None."""
    flat = data.reshape(-1)
    step = max(1, flat.size // STANDARDIZED_SAMPLE)
    sample = flat[::step].astype(np.float64)
    sample = sample[np.isfinite(sample)]
    if sample.size == 0:
        return None
    with np.errstate(over="ignore", invalid="ignore"):  # near ±1e308: inf, not standardized
        mean, std = float(sample.mean()), float(sample.std())
    low, high = STANDARDIZED_STD_RANGE
    if abs(mean) <= STANDARDIZED_MEAN_TOLERANCE and low <= std <= high:
        return mean, std
    return None


def _wraparound(data: np.ndarray, found: Stats) -> list[Diagnostic]:
    if found.lo >= 0 and found.hi <= 255:
        return []
    outside = int(np.count_nonzero((data < 0) | (data > 255)))
    return [
        _warn(
            "wraparound",
            f"normalize=False with values spanning {_span(found)}: {_share(outside, found.size)} "
            "outside [0, 255] wrapped around in astype(uint8) (256 -> 0, -1 -> 255) -> pass "
            "normalize=True, or clip first: `x.clip(0, 255)`",
        )
    ]


def _first_place(mask: np.ndarray, is_batch: bool) -> str:
    """Where the first marked value sits, in picture terms: 'row 3, column 7'."""
    flat = int(np.flatnonzero(mask)[0])
    index = [int(i) for i in np.unravel_index(flat, mask.shape)]
    if is_batch:
        return f"picture {index[0]}, row {index[1]}, column {index[2]}"
    return f"row {index[0]}, column {index[1]}"


def _nonfinite(
    data: np.ndarray, found: Stats, is_batch: bool, rule: Rule | None
) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    # wandb 0.22.3 lets one NaN pick rule-clip for the whole picture; nbimage does not.
    decided = " (the rule was chosen from the finite values)" if rule else ""
    if found.nan:
        where = _first_place(np.isnan(data), is_batch)
        result.append(
            _warn(
                "nan",
                f"{_share(found.nan, found.size)} values are NaN (first at {where}); "
                f"they became 0 (black){decided} -> find where they come from, or "
                "`np.nan_to_num(x)` / `torch.nan_to_num(t)`",
            )
        )
    if found.posinf or found.neginf:
        where = _first_place(np.isinf(data), is_batch)
        result.append(
            _warn(
                "inf",
                f"{found.posinf} values are +Inf and {found.neginf} are -Inf (first at "
                f"{where}); +Inf became 255, -Inf became 0{decided} -> clamp first, "
                "e.g. `np.clip(x, lo, hi)`",
            )
        )
    return result


def _layout(facts: Facts) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    shape = tuple(facts.input_shape)
    if facts.transposed_from:
        result.append(
            _warn(
                "channels-first",
                f"numpy array of shape {shape} read as {facts.transposed_from} and transposed "
                "to channels-last (wandb 0.22.3 expects numpy as (H, W, C) and would fail or "
                "scramble it) -> pass `np.moveaxis(x, 0, -1)` to be explicit",
            )
        )
    if facts.channels_last_tensor:
        result.append(
            _warn(
                "channels-first",
                f"torch tensor of shape {shape} read as channels-last (H, W, C) because its "
                "first axis is not a channel count (wandb 0.22.3 expects (C, H, W) and would "
                "fail) -> pass `t.permute(2, 0, 1)`",
            )
        )
    if facts.low_precision == "upcast":
        result.append(
            _info(
                "low-precision",
                f"{facts.input_dtype} was upcast to float32 (exact) before normalization; "
                "wandb 0.22.3 cannot convert it and fails",
            )
        )
    elif facts.low_precision == "float16":
        result.append(
            _info(
                "low-precision",
                f"{facts.input_dtype} data: the rule is computed in float16 as wandb 0.22.3 "
                "does, so x * 255 rounds before truncation (up to 1 level off float32)",
            )
        )
    if facts.batch_count and facts.grid:
        rows, columns = facts.grid
        result.append(
            _info(
                "batch-grid",
                f"a batch of {facts.batch_count} pictures {shape} was laid out as a grid of "
                f"{rows}×{columns} (8 per row, 2 px black padding) with one rule for the whole "
                "batch -> index one picture (`x[0]`) to see it alone",
            )
        )
    return result


def _picture(
    facts: Facts, picture: np.ndarray, found: Stats, flip: Flip | None = None
) -> list[Diagnostic]:
    data = facts.data
    if (
        facts.rule is not None
        and data is not None
        and data.dtype.kind == "f"
        and not found.nonfinite
    ):
        low, high = rule_extremes(facts.rule, found.lo, found.hi, data.dtype)
    else:
        low, high = int(picture.min()), int(picture.max())
    varies = found.hi > found.lo or (found.nonfinite > 0 and found.finite > 0)
    if low == high:
        if not varies:
            why = f"the input is constant ({_num(found.lo)}) -> nothing to fix if that is expected"
        else:
            why = f"the input varies but every value mapped to {low}; " + _dark_fix(
                facts, found, flip
            )
        return [_warn("constant", f"every pixel of the saved picture is {low}: {why}")]
    if high <= DARK_MAX_LEVEL:
        return [
            _warn("dark", f"the brightest pixel is {high} of 255: " + _dark_fix(facts, found, flip))
        ]
    if varies and high - low <= LOW_CONTRAST_SPAN:
        return [
            _warn(
                "low-contrast",
                f"the picture uses levels {low}–{high} of 0–255 (input spans {_span(found)}) "
                "-> stretch it first: `(x - x.min()) / (x.max() - x.min())`",
            )
        ]
    return []


def _dark_fix(facts: Facts, found: Stats, flip: Flip | None = None) -> str:
    if flip is not None:
        low, high = flip.intended
        return (
            f"values span {_span(found)}, but {_share(flip.count, flip.size)} outside "
            f"[{low}, {high}] decided the rule (see outlier-flip) -> clamp first: "
            f"`x.clamp({low}, {high})`"
        )
    if not facts.normalize and found.hi <= 1:
        return (
            f"values span {_span(found)} and normalize=False casts them as they are -> "
            "pass normalize=True (or multiply by 255)"
        )
    if facts.rule == CLIP and found.lo >= 0 and found.hi > 255:
        return (
            f"values span {_span(found)} and everything above 255 became 255 -> scale them "
            "first, e.g. `x / x.max()`"
        )
    if facts.rule == CLIP and found.lo >= 0:
        return (
            f"values span {_span(found)} and were kept as levels 0–255 (class ids?) -> "
            f"multiply by {_num(255 / max(found.hi, 1e-12))} to use the full range, or pass "
            "them as masks"
        )
    return (
        f"values span {_span(found)} -> stretch them first: `(x - x.min()) / (x.max() - x.min())`"
    )
