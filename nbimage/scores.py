"""Segmentation from a model's per-class scores: the argmax mask and its confidence.

`ImageMask.from_scores` takes `C×H×W` (or `H×W×C`) logits or probabilities, or one `H×W`
probability map, and gives an ordinary class-id mask (what wandb logs) plus the winning
probability of every pixel, kept at 8 bits, for the view's confidence slider.

The work runs over bands of rows on the leaf threads, in float32 (float64 for float64 or
integer scores) with no `C×H×W` temporary: a 1024² 21-class output (a semantic-segmentation
model's size) costs a few of its own reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from nbimage._arrays import first_nonfinite, real_array
from nbimage._errors import bad_type, bad_value, short
from nbimage._threads import map_leaves

if TYPE_CHECKING:
    from nbimage.overlays import ImageMask

ACTIVATIONS = ("softmax", "sigmoid", None)
# Confidence levels: winning probability p is kept as round(p * 255); a pixel is shown at
# threshold t when level >= ceil(t * 255 - 1e-9) (its 8-bit value reaches t).
LEVELS = 255
_BAND_VALUES = 1 << 18  # values per band and class: a band of one class stays in cache
_ACCEPTED = "a C×H×W (or H×W×C with channel_axis=-1) array or tensor of scores, or an H×W map"


class _Default:
    def __repr__(self) -> str:
        return "the default"


DEFAULT: Any = _Default()


def min_level(threshold: float) -> int:
    """The lowest 8-bit confidence level shown at `threshold` (0..1)."""
    return max(0, min(LEVELS + 1, int(np.ceil(threshold * LEVELS - 1e-9))))


def _check_activation(activation: Any, binary: bool) -> str | None:
    if activation is DEFAULT:
        return None if binary else "softmax"
    if not (activation is None or isinstance(activation, str)) or activation not in ACTIVATIONS:
        raise bad_value(
            "activation",
            f"unknown activation {short(activation)}",
            "accepted: 'softmax' (logits of exclusive classes), 'sigmoid' (independent "
            "logits) or None (already probabilities)",
        )
    if binary and activation == "softmax":
        raise bad_value(
            "activation",
            "'softmax' needs at least two classes, but the scores are one H×W map",
            "give activation='sigmoid' for logits or None for probabilities",
        )
    return str(activation) if activation is not None else None


def _arrange(scores: Any, channel_axis: Any) -> tuple[np.ndarray, bool]:
    """(C×H×W scores, binary) from what the model gave; a leading batch of 1 is dropped."""
    if isinstance(channel_axis, bool) or not isinstance(channel_axis, (int, np.integer)):
        raise bad_type("channel_axis", channel_axis, "an int axis (0 for C×H×W, -1 for H×W×C)")
    array = real_array(scores, "scores", _ACCEPTED)
    shape = tuple(array.shape)
    if array.ndim == 4 and shape[0] == 1:
        array = array[0]  # torchvision's `model(x)["out"]` is 1×C×H×W
    if array.ndim == 2:
        if 0 in array.shape:
            raise bad_value("scores", f"empty map of shape {shape}")
        return array[np.newaxis], True
    if array.ndim != 3:
        hint = "a batch? pass one image's scores" if array.ndim == 4 else None
        if array.ndim < 2:
            hint = "a mask needs both H and W: give C×H×W scores or an H×W map"
        raise bad_value("scores", f"expected C×H×W, H×W×C or H×W scores, got shape {shape}", hint)
    axis = int(channel_axis)
    if not -3 <= axis <= 2:
        raise bad_value("channel_axis", f"{axis} is not an axis of shape {shape}", "give 0 or -1")
    array = np.moveaxis(array, axis, 0)
    if 0 in array.shape:
        raise bad_value("scores", f"empty scores of shape {shape}")
    if array.shape[0] > 256:
        raise bad_value(
            "scores",
            f"{array.shape[0]} classes along axis {axis} of shape {shape}; class ids are 0..255",
            "is channel_axis right? (0 for C×H×W, -1 for H×W×C)",
        )
    if array.shape[0] == 1:
        return array, True  # a one-channel logit map (binary segmentation)
    return array, False


def _check_probabilities(array: np.ndarray, activation: str | None, binary: bool) -> None:
    bad = first_nonfinite(array)
    if bad is not None:
        raise bad_value(
            f"scores[{', '.join(map(str, bad))}]",
            f"not a finite number ({array[bad]}); scores must be finite",
        )
    if activation is None:
        low, high = float(array.min()), float(array.max())
        if low < 0 or high > 1:
            raise bad_value(
                "scores",
                f"activation=None needs probabilities in [0, 1], got values in [{low:g}, {high:g}]",
                "these look like logits: give activation="
                + ("'sigmoid'" if binary else "'softmax' (or 'sigmoid')"),
            )


def _work_dtype(scores: np.ndarray) -> type[np.floating[Any]]:
    """float32 for float16/32 scores; float64 for the others, which float32 would round (the
    maximum must compare equal to the score it came from)."""
    return np.float32 if scores.dtype in (np.float16, np.float32) else np.float64


def _band(scores: np.ndarray, rows: slice, activation: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(argmax ids, winning probability) for a band of rows, in `_work_dtype`.

    Two passes over the band: the maximum, then per class its difference to the maximum,
    which gives both the argmax (where it is 0) and the softmax sum (its exp)."""
    part = scores[:, rows]
    work = _work_dtype(part)
    best = part[0].astype(work, copy=True)
    for c in range(1, part.shape[0]):
        np.maximum(best, part[c], out=best, casting="unsafe")
    # The lowest id holding the maximum, as np.argmax (which is slow along axis 0): per class,
    # 255 where it is not the maximum and its id where it is, and the minimum of those.
    ids = np.full(best.shape, 255, dtype=np.uint8)
    other = np.empty(best.shape, dtype=np.bool_)
    candidate = np.empty(best.shape, dtype=np.uint8)
    difference = np.empty(best.shape, dtype=work)
    total = np.zeros(best.shape, dtype=work) if activation == "softmax" else None
    for c in range(part.shape[0]):
        with np.errstate(over="ignore"):  # -1e308 - 1e308 is -Inf: exp gives 0, exactly
            np.subtract(part[c], best, out=difference, casting="unsafe")
        np.not_equal(difference, 0, out=other)
        np.multiply(other.view(np.uint8), np.uint8(255), out=candidate)
        np.maximum(candidate, np.uint8(c), out=candidate)
        np.minimum(ids, candidate, out=ids)
        if total is not None:
            # p(winner) = 1 / sum_c exp(l_c - l_max): never overflows.
            np.exp(difference, out=difference)
            total += difference
    if total is not None:
        probability = np.reciprocal(total, out=total)
    elif activation == "sigmoid":
        probability = np.negative(best, out=best)
        with np.errstate(over="ignore"):  # a logit below -88: exp is +Inf, p is 0, exactly
            np.exp(probability, out=probability)
        probability += 1
        np.reciprocal(probability, out=probability)
    else:
        probability = best
    return ids, probability


def _binary(
    scores: np.ndarray, activation: str | None, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    work = _work_dtype(scores)
    probability = scores[0].astype(work)
    if activation == "sigmoid":
        with np.errstate(over="ignore"):  # as in _band: p is 0 for very negative logits
            probability = (1 / (1 + np.exp(-probability))).astype(work)
    ids = (probability >= threshold).astype(np.uint8)
    winning = np.where(ids == 1, probability, 1 - probability)
    return ids, winning


def _quantize(probability: np.ndarray) -> np.ndarray:
    levels: np.ndarray = np.multiply(probability, np.float32(LEVELS), dtype=np.float32)
    np.rint(levels, out=levels)
    np.clip(levels, 0, LEVELS, out=levels)
    return levels.astype(np.uint8)


def argmax_and_confidence(
    scores: np.ndarray, activation: str | None, binary: bool, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """(H×W uint8 class ids, H×W uint8 confidence levels) for C×H×W scores."""
    if binary:
        ids, probability = _binary(scores, activation, threshold)
        return ids, _quantize(probability)
    _, height, width = scores.shape
    band_rows = max(1, _BAND_VALUES // max(1, width))
    bands = [slice(start, min(height, start + band_rows)) for start in range(0, height, band_rows)]
    ids = np.empty((height, width), dtype=np.uint8)
    levels = np.empty((height, width), dtype=np.uint8)

    def work(rows: slice) -> None:
        band_ids, probability = _band(scores, rows, activation)
        ids[rows] = band_ids
        levels[rows] = _quantize(probability)

    map_leaves(work, bands)
    return ids, levels


def from_scores(
    scores: Any,
    *,
    class_labels: Any = None,
    activation: Any = DEFAULT,
    channel_axis: Any = 0,
    threshold: Any = None,
    key: str = "predictions",
) -> ImageMask:
    """See `ImageMask.from_scores`."""
    from nbimage.overlays import ImageMask

    if not isinstance(key, str):
        raise bad_type("key", key, "a str layer name such as 'predictions'")
    if threshold is not None:
        if isinstance(threshold, (bool, np.bool_)) or not isinstance(
            threshold, (int, float, np.integer, np.floating)
        ):
            raise bad_type("threshold", threshold, "a number between 0 and 1")
        if not 0 <= threshold <= 1:  # compared as it is: float(10**400) would overflow
            raise bad_value(
                "threshold", f"{short(threshold)} is outside [0, 1]", "give a probability"
            )
    if isinstance(class_labels, (list, tuple)):
        class_labels = dict(enumerate(class_labels))
    array, binary = _arrange(scores, channel_axis)
    chosen = _check_activation(activation, binary)
    if threshold is not None and not binary:
        raise bad_value(
            "threshold",
            f"applies to one H×W probability map; these scores have {array.shape[0]} classes",
            "leave threshold out (the mask is the argmax; the view's confidence slider "
            "hides uncertain pixels)",
        )
    _check_probabilities(array, chosen, binary)
    ids, levels = argmax_and_confidence(
        array, chosen, binary, 0.5 if threshold is None else float(threshold)
    )
    value: dict[str, Any] = {"mask_data": ids}
    if class_labels is not None:
        value["class_labels"] = class_labels
    mask = ImageMask(value, key)
    levels.flags.writeable = False
    mask._confidence = levels
    return mask
