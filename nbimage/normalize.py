"""Normalization: wandb 0.22.3's three rules, bit for bit, plus NaN/Inf handling.

The rule is chosen once for the whole array from its finite minimum and maximum:

1. ``0 <= min and max <= 1``  -> ``(data * 255).astype(uint8)``            (rule-scale-01)
2. ``-1 <= min and max <= 1`` -> ``(255 * 0.5 * (data + 1)).astype(uint8)`` (rule-rescale-pm1)
3. otherwise                 -> ``data.clip(0, 255).astype(uint8)``         (rule-clip)

Arithmetic runs in the data's own dtype, exactly as the reference writes it, so float16
and float32 results truncate the same way (and no float64 copy of a float32 array is
made). NaN becomes 0, +Inf 255 and -Inf 0 in the picture; the reference would let them
decide the rule (any NaN picks rule 3) and cast them to whatever the CPU returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import numpy as np

from nbimage._errors import bad_value, describe
from nbimage._pages import empty_pixels
from nbimage._threads import WORKERS, map_leaves

Rule = Literal["rule-scale-01", "rule-rescale-pm1", "rule-clip"]
SCALE_01: Rule = "rule-scale-01"
RESCALE_PM1: Rule = "rule-rescale-pm1"
CLIP: Rule = "rule-clip"

# Output values non-finite inputs get (documented in the nan/inf diagnostics).
NAN_VALUE = 0
POSINF_VALUE = 255
NEGINF_VALUE = 0


# Arrays of at least this many elements per thread are normalized on several threads.
_PARALLEL_ELEMENTS = 1 << 21
_Out = TypeVar("_Out")

# Elements per row block in `stats` and `apply_rule`: 1 MiB of float32 stays in L2, and
# blocks this big keep the per-block Python overhead small (measured: 1 << 16 was slower).
_CHUNK_ELEMENTS = 1 << 18


@dataclass(frozen=True)
class Stats:
    """What one look at the data tells: finite range and non-finite counts."""

    lo: float  # finite minimum (0.0 when nothing is finite)
    hi: float  # finite maximum
    size: int
    nan: int = 0
    posinf: int = 0
    neginf: int = 0

    @property
    def finite(self) -> int:
        return self.size - self.nan - self.posinf - self.neginf

    @property
    def nonfinite(self) -> int:
        return self.nan + self.posinf + self.neginf


def stats(data: np.ndarray) -> Stats:
    """Finite min/max and NaN/Inf counts.

    Clean data costs one pass: min and max of each row block while it is in cache. NaN
    propagates through min/max and ±Inf shows up in them, so finite extremes prove there is
    nothing else to count.
    """
    lo, hi = _min_max(data)
    if data.dtype.kind != "f" or (np.isfinite(lo) and np.isfinite(hi)):
        return Stats(float(lo), float(hi), int(data.size))
    finite = np.isfinite(data)
    nan = int(np.count_nonzero(np.isnan(data)))
    posinf = int(np.count_nonzero(data == np.inf))
    neginf = int(data.size - nan - posinf - np.count_nonzero(finite))
    if finite.any():
        values = data[finite]
        lo, hi = values.min(), values.max()
    else:
        lo = hi = 0.0
    return Stats(float(lo), float(hi), int(data.size), nan, posinf, neginf)


def _min_max(data: np.ndarray) -> tuple[Any, Any]:
    """(min, max) in one pass over memory: both reductions per cache-sized row block."""
    if data.ndim == 0 or data.size <= _CHUNK_ELEMENTS:
        return data.min(), data.max()

    # np.min/np.max, not Python's min/max, combine the blocks: those skip a NaN that is not
    # first (every comparison with NaN is False), and a NaN must reach `stats`.
    def part_min_max(part: np.ndarray, _first_row: int) -> tuple[Any, Any]:
        blocks = _row_blocks(part)
        return np.min([block.min() for block in blocks]), np.max([block.max() for block in blocks])

    extremes = _by_parts(data, part_min_max)
    return np.min([lo for lo, _ in extremes]), np.max([hi for _, hi in extremes])


def _by_parts(data: np.ndarray, function: Callable[[np.ndarray, int], _Out]) -> list[_Out]:
    """`function(part, first_row)` for consecutive row ranges of `data`, on threads when big.

    numpy's reductions and ufuncs release the GIL, so a 4096² picture normalizes on every
    core (perf, issue 5). Small arrays (a grid's items) stay on the calling thread.
    """
    parts = min(WORKERS, data.shape[0], max(1, data.size // _PARALLEL_ELEMENTS))
    if parts <= 1:
        return [function(data, 0)]
    bounds = [data.shape[0] * i // parts for i in range(parts + 1)]
    return map_leaves(lambda i: function(data[bounds[i] : bounds[i + 1]], bounds[i]), range(parts))


def _row_blocks(data: np.ndarray) -> list[np.ndarray]:
    """`data` cut along its first axis into blocks of about _CHUNK_ELEMENTS elements."""
    row_size = max(1, data.size // data.shape[0])
    rows = max(1, _CHUNK_ELEMENTS // row_size)
    return [data[start : start + rows] for start in range(0, data.shape[0], rows)]


def decide_rule(lo: float, hi: float) -> Rule:
    """The reference's decision, taken over the whole array's (finite) range."""
    if lo >= 0 and hi <= 1:
        return SCALE_01
    if lo >= -1 and hi <= 1:
        return RESCALE_PM1
    return CLIP


def apply_rule(data: np.ndarray, rule: Rule) -> np.ndarray:
    """`data` (finite values only) -> uint8, as the reference computes it."""
    if data.dtype.kind in "biu":
        return _apply_rule_integer(data, rule)
    picture = empty_pixels(data.shape)
    if data.ndim == 0:
        picture[...] = _float_rule(data, rule, np.empty((), data.dtype))
        return picture

    def apply_part(part: np.ndarray, first_row: int) -> None:
        # Perf (issue 5): row blocks through one reused float buffer in the data's dtype, so
        # the temporary stays in cache and is allocated once (no whole-array float copy). The
        # same element-wise operations in the same dtype as the reference's: same bytes.
        buffer = _block_buffer(data, part)
        start = first_row
        for block in _row_blocks(part):
            stop = start + block.shape[0]
            _write_block(block, rule, buffer, picture[start:stop])
            start = stop

    _by_parts(data, apply_part)
    return picture


def _block_buffer(data: np.ndarray, part: np.ndarray) -> np.ndarray:
    """Scratch for `_write_block` over the row blocks of `part` (a row range of `data`)."""
    row_size = data.size // data.shape[0]
    return np.empty(min(part.size, _CHUNK_ELEMENTS + row_size), data.dtype)


def _write_block(block: np.ndarray, rule: Rule, buffer: np.ndarray, out: np.ndarray) -> None:
    """The rule applied to one row block of float data, cast into `out` (its uint8 rows)."""
    scratch = buffer[: block.size].reshape(block.shape)
    np.copyto(out, _float_rule(block, rule, scratch), casting="unsafe")


_Written = tuple[Any, Any, list[tuple[int, int, Rule]]]


def _normalize_finite_floats(data: np.ndarray) -> tuple[np.ndarray, Rule, Stats] | None:
    """`to_pixels(data, normalize=True)` in one pass over memory for float data with no
    NaN or Inf; None as soon as one turns up (the caller then takes the general path).

    Perf (issue 5): each row block's min and max are taken while it is in cache and the
    rule that its part's range so far selects is applied to it at once, instead of one
    pass for the range and another for the rule. A wider range only moves the rule from
    scale-01 to rescale-pm1 to clip, and the whole array's range is known at the end: the
    blocks written under another rule than the final one are written again (none when the
    range shows in each part's first rows, as it does in pictures).
    """
    picture = empty_pixels(data.shape)

    def part_pass(part: np.ndarray, first_row: int) -> _Written | None:
        buffer = _block_buffer(data, part)
        lo = hi = None
        written: list[tuple[int, int, Rule]] = []
        start = first_row
        for block in _row_blocks(part):
            block_lo, block_hi = block.min(), block.max()
            if not (np.isfinite(block_lo) and np.isfinite(block_hi)):
                return None
            lo = block_lo if lo is None else min(lo, block_lo)
            hi = block_hi if hi is None else max(hi, block_hi)
            rule = decide_rule(lo, hi)
            stop = start + block.shape[0]
            _write_block(block, rule, buffer, picture[start:stop])
            written.append((start, stop, rule))
            start = stop
        return lo, hi, written

    parts = _by_parts(data, part_pass)
    finished = [part for part in parts if part is not None]
    if len(finished) < len(parts):
        return None
    lo = min(part[0] for part in finished)
    hi = max(part[1] for part in finished)
    rule = decide_rule(lo, hi)
    stale = [
        (start, stop) for *_, written in finished for start, stop, used in written if used != rule
    ]

    def rewrite(rows: tuple[int, int]) -> None:
        block = data[rows[0] : rows[1]]
        _write_block(block, rule, np.empty(block.size, data.dtype), picture[rows[0] : rows[1]])

    map_leaves(rewrite, stale)
    return picture, rule, Stats(float(lo), float(hi), int(data.size))


def _float_rule(data: np.ndarray, rule: Rule, out: np.ndarray) -> np.ndarray:
    """The rule's float arithmetic on `data`, written to `out` (same shape and dtype)."""
    with np.errstate(over="ignore", invalid="ignore"):
        if rule == SCALE_01:
            np.multiply(data, 255, out=out)
        elif rule == RESCALE_PM1:
            # The reference writes 255 * 0.5 * (data + 1): Python folds 255 * 0.5 first.
            np.add(data, 1, out=out)
            np.multiply(out, 127.5, out=out)
        else:
            np.clip(data, 0, 255, out=out)
    return out


def rule_extremes(rule: Rule, lo: float, hi: float, dtype: np.dtype[Any]) -> tuple[int, int]:
    """The darkest and brightest pixel `rule` makes of finite float data (of `dtype`) whose
    range is lo..hi: every rule is non-decreasing, so the extremes map to the extremes and
    the picture need not be scanned (perf, issue 5: ~3 ms for a 4096² picture)."""
    ends = np.array([lo, hi], dtype=dtype)
    pixels = np.empty(2, np.uint8)
    _write_block(ends, rule, np.empty_like(ends), pixels)  # as the picture's blocks were
    return int(pixels[0]), int(pixels[1])


def _apply_rule_integer(data: np.ndarray, rule: Rule) -> np.ndarray:
    """Integer and bool data: the same results, without the reference's int8 overflow."""
    if rule == SCALE_01:  # only 0 and 1 occur: 0 -> 0, 1 -> 255
        return data.astype(np.uint8) * np.uint8(255)
    if rule == RESCALE_PM1:  # only -1, 0, 1 occur: 127.5 * (v + 1) truncated
        table = np.array([0, 127, 255], dtype=np.uint8)
        return table[data.astype(np.intp) + 1]
    info = np.iinfo(data.dtype) if data.dtype.kind != "b" else None
    low = 0 if info is None else max(0, info.min)
    high = 255 if info is None else min(255, info.max)
    picture = empty_pixels(data.shape)
    in_range = data.dtype == np.uint8  # a copy, without clip's whole-array temporary
    np.copyto(picture, data if in_range else data.clip(low, high), casting="unsafe")
    return picture


def cast_plain(data: np.ndarray) -> np.ndarray:
    """`normalize=False`: the reference's bare `astype(uint8)` (values wrap around)."""
    picture = empty_pixels(data.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        np.copyto(picture, data, casting="unsafe")  # what astype(uint8) does
    return picture


def fill_nonfinite(data: np.ndarray, picture: np.ndarray) -> None:
    """Give NaN/±Inf pixels their documented values in `picture` (edited in place)."""
    picture[np.isnan(data)] = NAN_VALUE
    picture[data == np.inf] = POSINF_VALUE
    picture[data == -np.inf] = NEGINF_VALUE


def to_pixels(data: np.ndarray, *, normalize: bool) -> tuple[np.ndarray, Rule | None, Stats]:
    """The uint8 pixels for `data`, the rule that ran (None for normalize=False) and stats."""
    if normalize and data.dtype.kind == "f" and data.ndim and data.size:
        done = _normalize_finite_floats(data)
        if done is not None:
            return done
    found = stats(data)
    rule = decide_rule(found.lo, found.hi) if normalize else None
    if found.nonfinite:
        finite_only = np.where(np.isfinite(data), data, np.zeros((), dtype=data.dtype))
        picture = apply_rule(finite_only, rule) if rule else cast_plain(finite_only)
        fill_nonfinite(data, picture)
    else:
        picture = apply_rule(data, rule) if rule else cast_plain(data)
    return picture, rule, found


# --- the reference's class methods ------------------------------------------------------


def guess_mode(data: np.ndarray, file_type: str | None = None) -> str:
    """The PIL mode the reference guesses for an (H, W) or (H, W, C) array."""
    if data.ndim == 2 or data.shape[-1] == 1:
        return "L"
    if data.shape[-1] == 3:
        return "RGB"
    if data.shape[-1] == 4:
        return "RGB" if file_type in ("jpg", "jpeg") else "RGBA"
    raise bad_value(
        "data",
        f"{describe(data)} has {data.shape[-1]} channels",
        "pass (H, W) or (H, W, C) with C in {1, 3, 4}",
    )


def to_uint8(data: np.ndarray) -> np.ndarray:
    """The reference page's `to_uint8` (wandb <= 0.19's numpy path).

    Negative data is min–max stretched to [0, 1]; data whose maximum is at most 1 is
    multiplied by 255; everything is then clipped to [0, 255] and cast.
    """
    array = np.asarray(data)
    if array.dtype.kind == "b":
        array = array.astype(np.uint8)
    if array.dtype.kind in "iu" and array.dtype.itemsize < 8:
        # numpy 2 refuses `int8_array * 255` (255 does not fit int8); the reference ran on
        # numpy 1, where the product was computed in a wider type.
        array = array.astype(np.int64)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        low = array.min()
        if low < 0:
            array = (array - low) / np.ptp(array)
        if array.max() <= 1.0:
            array = (array * 255).astype(np.int32)
        return np.asarray(array.clip(0, 255)).astype(np.uint8)
