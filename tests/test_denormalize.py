"""Denormalization presets and their argument checks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from nbimage.denormalize import denormalize


def test_imagenet_undoes_standardization(astronaut: np.ndarray) -> None:
    unit = astronaut.astype(np.float32) / 255
    mean, std = np.array([0.485, 0.456, 0.406]), np.array([0.229, 0.224, 0.225])
    standardized = (unit - mean) / std
    restored = denormalize(standardized, "imagenet")
    assert restored.dtype == np.float32
    np.testing.assert_allclose(restored, unit, atol=1e-5)


def test_pm1_maps_to_unit_range() -> None:
    np.testing.assert_allclose(denormalize(np.array([[-1.0, 0.0, 1.0]]), "pm1"), [[0, 0.5, 1]])


def test_custom_pair_and_alpha_untouched() -> None:
    data = np.ones((2, 2, 4), dtype=np.float32)
    out = denormalize(data, ((1, 2, 3), (10, 10, 10)))
    np.testing.assert_allclose(out[0, 0], [11, 12, 13, 1])


def test_returns_a_new_array() -> None:
    data = np.zeros((2, 2), dtype=np.float32)
    out = denormalize(data, (0.5, 0.5))
    assert out is not data and data.max() == 0 and out.max() == 0.5


@pytest.mark.parametrize(
    ("raw", "preset", "error", "words"),
    [
        (np.zeros((2, 2, 3)), "imagnet", ValueError, ["denormalize", "'imagnet'", "'imagenet'"]),
        (np.zeros((2, 2, 3)), 3, TypeError, ["denormalize", "(mean, std)"]),
        (np.zeros((2, 2, 3)), ((0, 0), (1, 1, 1)), ValueError, ["2 values", "3"]),
        (np.zeros((2, 2, 3)), ((0,), (0,)), ValueError, ["std", "holds 0"]),
        (np.zeros((2, 2, 3)), (("a",), (1,)), TypeError, ["mean", "numbers"]),
        (np.zeros((2, 2, 3)), ((float("nan"),), (1,)), ValueError, ["non-finite"]),
        (np.zeros((2, 2)), "imagenet", ValueError, ["3 mean/std values", "1 channel"]),
        ([[0.0]], "pm1", TypeError, ["raw", "numpy array"]),
        (np.zeros(3), "pm1", ValueError, ["raw", "(H, W)"]),
    ],
)
def test_bad_arguments(raw: Any, preset: Any, error: type[Exception], words: list[str]) -> None:
    with pytest.raises(error) as raised:
        denormalize(raw, preset)
    for word in words:
        assert word in str(raised.value)
