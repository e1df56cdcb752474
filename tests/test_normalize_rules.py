"""Property tests: the three rules and normalize=False, over random dtypes, shapes and ranges.

The expected pixels are computed straight from DESIGN.md's formulas (in a wide dtype for
integers, where the reference's own expression would overflow), never through nbimage.
"""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nbimage import _pages, normalize
from nbimage.normalize import guess_mode, stats, to_pixels, to_uint8
from nbimage.prepare import prepare

FLOAT_DTYPES = [np.float16, np.float32, np.float64]
INT_DTYPES = [np.uint8, np.int8, np.uint16, np.int16, np.int32, np.int64, np.uint32]
SHAPES = hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=12) | st.tuples(
    st.integers(1, 10), st.integers(1, 10), st.sampled_from([3, 4])
)
# Ranges that pick each rule, and some that straddle the boundaries.
RANGES = [(0.0, 1.0), (-1.0, 1.0), (0.0, 255.0), (-300.0, 900.0), (0.25, 0.375), (-1.0, 0.0)]


def expected_pixels(data: np.ndarray) -> tuple[np.ndarray, str]:
    """DESIGN.md's rules, written out plainly."""
    lo, hi = data.min(), data.max()
    if data.dtype.kind in "biu":
        wide = data.astype(np.int64)
        if lo >= 0 and hi <= 1:
            return (wide * 255).astype(np.uint8), "rule-scale-01"
        if lo >= -1 and hi <= 1:
            return (255 * 0.5 * (wide + 1)).astype(np.uint8), "rule-rescale-pm1"
        return wide.clip(0, 255).astype(np.uint8), "rule-clip"
    if lo >= 0 and hi <= 1:
        return (data * 255).astype(np.uint8), "rule-scale-01"
    if lo >= -1 and hi <= 1:
        return (255 * 0.5 * (data + 1)).astype(np.uint8), "rule-rescale-pm1"
    return data.clip(0, 255).astype(np.uint8), "rule-clip"


@st.composite
def float_arrays(draw: st.DrawFn) -> np.ndarray:
    dtype = draw(st.sampled_from(FLOAT_DTYPES))
    low, high = draw(st.sampled_from(RANGES))
    shape = draw(SHAPES)
    elements = st.floats(low, high, width=np.finfo(dtype).bits, allow_nan=False)
    return draw(hnp.arrays(dtype, shape, elements=elements))


@st.composite
def int_arrays(draw: st.DrawFn) -> np.ndarray:
    dtype = draw(st.sampled_from(INT_DTYPES))
    info = np.iinfo(dtype)
    low, high = draw(st.sampled_from([(0, 1), (-1, 1), (0, 255), (-500, 70000)]))
    low, high = max(low, int(info.min)), min(high, int(info.max))
    shape = draw(SHAPES)
    return draw(hnp.arrays(dtype, shape, elements=st.integers(low, high)))


def pixels_of(data: np.ndarray, **kwargs: object) -> np.ndarray:
    prepared = prepare(data, **kwargs)  # type: ignore[arg-type]
    return np.asarray(prepared.image)


@settings(max_examples=300, deadline=None)
@given(float_arrays() | int_arrays())
def test_rules_follow_the_formulas(data: np.ndarray) -> None:
    expected, rule = expected_pixels(data)
    prepared = prepare(data)
    assert prepared.rule == rule
    np.testing.assert_array_equal(np.asarray(prepared.image), expected)


@settings(max_examples=200, deadline=None)
@given(float_arrays() | int_arrays())
def test_normalize_false_is_a_plain_cast(data: np.ndarray) -> None:
    prepared = prepare(data, normalize=False)
    assert prepared.rule is None
    with np.errstate(invalid="ignore", over="ignore"):
        expected = data.astype(np.uint8)
    np.testing.assert_array_equal(np.asarray(prepared.image), expected)


@settings(max_examples=200, deadline=None)
@given(float_arrays() | int_arrays(), st.booleans())
def test_pictures_in_small_pages_are_the_same_pixels(data: np.ndarray, normalized: bool) -> None:
    # Big pictures are written to memory mapped in small pages: every path of to_pixels,
    # with the size from which they are taken down to one byte.
    with mock.patch.object(_pages, "_HUGE_PAGE_BYTES", 1):
        found, _, _ = to_pixels(data, normalize=normalized)
    with np.errstate(invalid="ignore", over="ignore"):
        expected = expected_pixels(data)[0] if normalized else data.astype(np.uint8)
    np.testing.assert_array_equal(found, expected)


@settings(max_examples=100, deadline=None)
@given(float_arrays())
def test_rule_is_decided_over_the_whole_array_not_per_channel(data: np.ndarray) -> None:
    if data.ndim != 3:
        data = np.stack([data, data, data], axis=-1)
    # Push one channel above 1 (+3): the whole picture must switch rule, not that channel.
    shifted = data.astype(np.float32)
    shifted[..., 0] += 3
    expected, rule = expected_pixels(shifted)
    prepared = prepare(shifted)
    assert prepared.rule == rule == "rule-clip"
    np.testing.assert_array_equal(np.asarray(prepared.image), expected)


@settings(max_examples=100, deadline=None)
@given(float_arrays(), st.data())
def test_nan_and_inf_never_decide_the_rule(data: np.ndarray, draw: st.DataObject) -> None:
    spoiled = data.copy()
    flat = spoiled.reshape(-1)
    where = draw.draw(st.integers(0, flat.size - 1))
    value = draw.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    flat[where] = value
    prepared = prepare(spoiled)
    picture = np.asarray(prepared.image).reshape(-1)  # same layout as `spoiled` here
    finite = np.isfinite(flat)
    if finite.any():
        expected, rule = expected_pixels(flat[finite])
        assert prepared.rule == rule
        np.testing.assert_array_equal(picture[finite], expected)
    assert picture[where] == (255 if value == np.inf else 0)


def test_truncation_not_rounding() -> None:
    data = np.array([[0.999, 0.5]], dtype=np.float32)  # 254.7 -> 254, 127.5 -> 127
    np.testing.assert_array_equal(pixels_of(data), [[254, 127]])


def test_integer_zero_one_is_stretched() -> None:
    np.testing.assert_array_equal(pixels_of(np.array([[0, 1]], dtype=np.uint8)), [[0, 255]])


def test_int8_zero_one_does_not_overflow() -> None:
    # wandb 0.22.3 raises OverflowError here (int8 * 255); the formula's answer is 0/255.
    np.testing.assert_array_equal(pixels_of(np.array([[0, 1]], dtype=np.int8)), [[0, 255]])


def test_stats_skip_nonfinite_values() -> None:
    found = stats(np.array([np.nan, -np.inf, 0.25, 0.75, np.inf], dtype=np.float32))
    assert (found.lo, found.hi) == (0.25, 0.75)
    assert (found.nan, found.posinf, found.neginf, found.finite) == (1, 1, 1, 2)


def test_all_nan_input_is_black() -> None:
    prepared = prepare(np.full((3, 4), np.nan, dtype=np.float32))
    assert np.asarray(prepared.image).max() == 0


@pytest.mark.parametrize(
    ("shape", "file_type", "mode"),
    [
        ((4, 4), None, "L"),
        ((4, 4, 1), None, "L"),
        ((4, 4, 3), None, "RGB"),
        ((4, 4, 4), None, "RGBA"),
        ((4, 4, 4), "jpg", "RGB"),
    ],
)
def test_guess_mode(shape: tuple[int, ...], file_type: str | None, mode: str) -> None:
    assert guess_mode(np.zeros(shape), file_type) == mode


def test_guess_mode_rejects_two_channels() -> None:
    with pytest.raises(ValueError, match="2 channels"):
        guess_mode(np.zeros((4, 4, 2)))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0.0, 0.5, 1.0], [0, 127, 255]),  # [0, 1] floats are scaled
        ([0, 128, 300], [0, 128, 255]),  # integers kept, clipped at 255
        ([-1.0, 0.0, 1.0], [0, 127, 255]),  # negative data is min–max stretched
    ],
)
def test_to_uint8_follows_the_reference_page(values: list[float], expected: list[int]) -> None:
    np.testing.assert_array_equal(to_uint8(np.array(values)), expected)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("span", [(0.0, 1.0), (-1.0, 1.0), (-300.0, 900.0)])
@pytest.mark.parametrize(
    "shape", [(613, 211, 3), (3, 300, 300, 3), (3, 613, 211)], ids=["rows", "batch", "chw"]
)
def test_big_arrays_follow_the_formulas(
    dtype: type, span: tuple[float, float], shape: tuple[int, ...]
) -> None:
    # Bigger than one of normalize's row blocks: a partial last block, a batch item bigger
    # than a block, a channels-first array read through a transposed view. Same pixels.
    rng = np.random.default_rng(7)
    data = rng.uniform(*span, size=shape).astype(dtype)
    if shape[0] == 3 and len(shape) == 3:
        data = data.transpose(1, 2, 0)  # a strided view, as layout makes of a CHW input
    pixels, rule = expected_pixels(data)
    found, found_rule, _ = to_pixels(data, normalize=True)
    assert found_rule == rule
    np.testing.assert_array_equal(found, pixels)


@pytest.fixture
def small_blocks_on_three_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shrink the thread, block and page sizes, so a small array takes the big arrays'
    path: row ranges on three threads, each cut into row blocks, uneven and partial, written
    to memory in small pages."""
    monkeypatch.setattr(_pages, "_HUGE_PAGE_BYTES", 1)
    monkeypatch.setattr(normalize, "_PARALLEL_ELEMENTS", 1000)
    monkeypatch.setattr(normalize, "_CHUNK_ELEMENTS", 700)
    monkeypatch.setattr(normalize, "WORKERS", 3)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("span", [(0.0, 1.0), (-1.0, 1.0), (-300.0, 900.0)])
@pytest.mark.usefixtures("small_blocks_on_three_threads")
def test_arrays_normalized_on_several_threads_follow_the_formulas(
    dtype: type, span: tuple[float, float]
) -> None:
    # Big arrays are cut into row ranges for threads, each in row blocks: shrink both sizes
    # so this small array takes that path with uneven ranges and partial blocks.
    rng = np.random.default_rng(11)
    data = rng.uniform(*span, size=(101, 37, 3)).astype(dtype)
    data[50, 5, 1] = span[0]  # the extremes sit in the middle range
    data[51, 6, 2] = span[1]
    pixels, rule = expected_pixels(data)
    found, found_rule, found_stats = to_pixels(data, normalize=True)
    assert found_rule == rule
    assert (found_stats.lo, found_stats.hi) == (float(data.min()), float(data.max()))
    np.testing.assert_array_equal(found, pixels)


@pytest.mark.parametrize(
    ("late_value", "rule"),
    [(-0.5, "rule-rescale-pm1"), (3.0, "rule-clip"), (-3.0, "rule-clip")],
)
@pytest.mark.parametrize("late_row", [0, 60, 100])
@pytest.mark.usefixtures("small_blocks_on_three_threads")
def test_a_range_that_widens_late_rewrites_the_rows_already_done(
    late_value: float, rule: str, late_row: int
) -> None:
    # Blocks are written under the rule their part's range so far selects; a value that
    # widens the range in a later block must change every earlier block too.
    data = np.random.default_rng(5).uniform(0, 1, size=(101, 37, 3)).astype(np.float32)
    data[late_row, 30, 2] = late_value
    found, found_rule, found_stats = to_pixels(data, normalize=True)
    assert found_rule == rule
    assert (found_stats.lo, found_stats.hi) == (float(data.min()), float(data.max()))
    np.testing.assert_array_equal(found, expected_pixels(data)[0])


@pytest.mark.parametrize("nan_row", [0, 60, 100])
@pytest.mark.usefixtures("small_blocks_on_three_threads")
def test_a_nan_in_any_row_block_is_counted_and_comes_out_black(nan_row: int) -> None:
    # Big arrays are reduced per row block and per thread; a NaN outside the first block
    # must still be found (Python's min() skips a NaN that is not first).
    data = np.random.default_rng(5).uniform(0, 1, size=(101, 37, 3)).astype(np.float32)
    data[nan_row, 30, 2] = np.nan
    found, rule, found_stats = to_pixels(data, normalize=True)
    assert (rule, found_stats.nan) == ("rule-scale-01", 1)
    expected, _ = expected_pixels(np.where(np.isnan(data), np.float32(0), data))
    np.testing.assert_array_equal(found, expected)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize(
    "span", [(0.0, 1.0), (0.2, 0.21), (-1.0, 1.0), (-0.999, 0.3), (-300.0, 900.0), (3.0, 3.0)]
)
def test_the_pixel_extremes_follow_from_the_range_without_a_scan(
    dtype: type, span: tuple[float, float]
) -> None:
    # The diagnostics' dark / low-contrast / constant findings read the darkest and
    # brightest pixel from the range and the rule: they must be the picture's own.
    data = np.random.default_rng(3).uniform(*span, size=(40, 30, 3)).astype(dtype)
    data[0, 0, 0], data[-1, -1, -1] = span
    pixels, rule, found = to_pixels(data, normalize=True)
    assert rule is not None
    expected = (int(pixels.min()), int(pixels.max()))
    assert normalize.rule_extremes(rule, found.lo, found.hi, data.dtype) == expected


@settings(max_examples=300, deadline=None)
@given(float_arrays())
def test_the_pixel_extremes_follow_from_the_range_for_any_finite_floats(
    data: np.ndarray,
) -> None:
    pixels, rule, found = to_pixels(data, normalize=True)
    assert rule is not None
    expected = (int(pixels.min()), int(pixels.max()))
    assert normalize.rule_extremes(rule, found.lo, found.hi, data.dtype) == expected
