"""Histograms with the rule's mapping, and per-pixel marks."""

from __future__ import annotations

import numpy as np
import pytest

from nbimage.analysis import histogram, marks
from nbimage.prepare import prepare
from nbimage.wire import MARK_CLIPPED_HIGH, MARK_CLIPPED_LOW, MARK_INF, MARK_NAN, MARK_NONE


def test_histogram_counts_each_channel_over_finite_values() -> None:
    raw = np.zeros((2, 2, 3), dtype=np.float32)
    raw[..., 1] = 1.0
    raw[0, 0, 2] = np.nan
    found = histogram(raw, "rule-scale-01", bins=4)
    assert [c["name"] for c in found["channels"]] == ["R", "G", "B"]
    assert (found["lo"], found["hi"]) == (0.0, 1.0)
    assert found["channels"][0]["counts"] == [4, 0, 0, 0]
    assert found["channels"][1]["counts"] == [0, 0, 0, 4]
    assert sum(found["channels"][2]["counts"]) == 3  # the NaN is not counted
    assert found["mapping"] == [[0.0, 0.0], [1.0, 255.0]]
    assert found["clip_below"] is None and found["clip_above"] is None


def test_clip_rule_mapping_and_edges() -> None:
    raw = np.linspace(-50, 400, 16, dtype=np.float32).reshape(4, 4)
    found = histogram(raw, "rule-clip")
    assert found["channels"][0]["name"] == "L"
    assert found["mapping"] == [[-50.0, 0.0], [0.0, 0.0], [255.0, 255.0], [400.0, 255.0]]
    assert (found["clip_below"], found["clip_above"]) == (0.0, 255.0)


def test_pm1_mapping() -> None:
    found = histogram(np.array([[-1.0, 1.0]]), "rule-rescale-pm1")
    assert found["mapping"] == [[-1.0, 0.0], [1.0, 255.0]]


def test_wraparound_mapping_is_a_sawtooth() -> None:
    found = histogram(np.array([[0.0, 300.0]]), None)
    levels = [level for _, level in found["mapping"]]
    assert levels[0] == 0 and 255 in levels and levels[-1] == 44


def test_constant_data_has_a_visible_bin() -> None:
    found = histogram(np.full((3, 3), 7, dtype=np.uint8), "rule-clip", bins=8)
    assert found["lo"] < 7 < found["hi"] and sum(found["channels"][0]["counts"]) == 9


def test_marks() -> None:
    raw = np.full((2, 3, 3), 10.0, dtype=np.float32)
    raw[0, 0, 1] = -4
    raw[0, 1, 2] = 300
    raw[1, 0, 0] = np.nan
    raw[1, 1, 0] = np.inf
    expected = [[MARK_CLIPPED_LOW, MARK_CLIPPED_HIGH, MARK_NONE], [MARK_NAN, MARK_INF, MARK_NONE]]
    np.testing.assert_array_equal(marks(raw, "rule-clip"), expected)


def test_no_clip_marks_when_the_rule_scales() -> None:
    raw = prepare(np.linspace(0, 1, 12).reshape(3, 4)).raw
    assert raw is not None and marks(raw, "rule-scale-01").max() == MARK_NONE


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="rule"):
        histogram(np.zeros((2, 2)), "rule-x")
    with pytest.raises(ValueError, match="bins"):
        histogram(np.zeros((2, 2)), None, bins=0)
    with pytest.raises(TypeError, match="raw"):
        marks([[1.0]], None)  # type: ignore[arg-type]
