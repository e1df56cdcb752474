"""Axes read as a person means them: HWC numpy, CHW torch, batches as a grid."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nbimage.layout import make_grid
from nbimage.prepare import prepare


def numbered(shape: tuple[int, ...]) -> np.ndarray:
    return np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape) % 251


@pytest.mark.parametrize(
    ("shape", "size", "mode"),
    [
        ((5, 7), (7, 5), "L"),
        ((5, 7, 1), (7, 5), "L"),
        ((5, 7, 3), (7, 5), "RGB"),
        ((5, 7, 4), (7, 5), "RGBA"),
        ((1, 5, 7, 3), (7, 5), "RGB"),  # a batch of one is one picture
        ((3, 5, 7), (7, 5), "RGB"),  # channels-first numpy
        ((1, 5, 7), (7, 5), "L"),
        ((5, 1, 7), (7, 5), "L"),  # squeezed like the reference
        ((1, 1), (1, 1), "L"),
        ((1, 1, 3), (1, 1), "RGB"),  # 1×1: the reference squeezes it to 1-D and fails
    ],
)
def test_numpy_layouts(shape: tuple[int, ...], size: tuple[int, int], mode: str) -> None:
    picture = prepare(numbered(shape)).image
    assert (picture.size, picture.mode) == (size, mode)


def test_channels_first_numpy_keeps_each_channel() -> None:
    data = np.zeros((3, 4, 6), dtype=np.uint8)
    data[0], data[1], data[2] = 10, 20, 30
    assert tuple(np.asarray(prepare(data).image)[2, 5]) == (10, 20, 30)


@pytest.mark.parametrize(
    ("shape", "size", "mode"),
    [
        ((5, 7), (7, 5), "L"),  # 2-D: grayscale
        ((1, 5, 7), (7, 5), "L"),
        ((3, 5, 7), (7, 5), "RGB"),
        ((4, 5, 7), (7, 5), "RGBA"),
        ((5, 7, 3), (7, 5), "RGB"),  # channels-last tensor, read as such
        ((1, 3, 5, 7), (7, 5), "RGB"),
        ((1, 1, 3), (3, 1), "L"),  # (C=1, H=1, W=3)
    ],
)
def test_torch_layouts(shape: tuple[int, ...], size: tuple[int, int], mode: str) -> None:
    picture = prepare(torch.from_numpy(numbered(shape))).image
    assert (picture.size, picture.mode) == (size, mode)


def test_grid_geometry_matches_make_grid_defaults() -> None:
    batch = np.ones((10, 4, 5, 3), dtype=np.uint8)
    grid = make_grid(batch)
    # 8 per row, 2 rows; each cell is 2 px of padding plus the picture, plus a closing pad.
    assert grid.shape == (2 * (4 + 2) + 2, 8 * (5 + 2) + 2, 3)
    assert grid[:2].max() == 0 and grid[:, :2].max() == 0  # padding is 0
    assert grid[2:6, 2:7].min() == 1  # first picture
    assert grid[8:12, 2 + 7 : 7 + 7].min() == 1  # tenth picture: row 1, column 1
    assert grid[8:12, 2 + 14 :].max() == 0  # nothing after it


def test_fewer_than_eight_pictures_make_one_row() -> None:
    assert make_grid(np.ones((3, 4, 5, 1))).shape == (8, 23)


@pytest.mark.parametrize("convention", ["torch", "numpy"])
def test_batch_is_a_grid_with_one_rule(convention: str) -> None:
    batch = np.stack([np.full((4, 5, 3), 0.5, np.float32), np.full((4, 5, 3), 3.0, np.float32)])
    data = torch.from_numpy(batch).permute(0, 3, 1, 2) if convention == "torch" else batch
    prepared = prepare(data)
    picture = np.asarray(prepared.image)
    assert picture.shape == (8, 16, 3)
    assert prepared.rule == "rule-clip"  # decided over the whole batch: 3.0 > 1
    assert picture[2, 2, 0] == 0 and picture[2, 9, 0] == 3  # 0.5 clipped-truncated, 3 kept
    assert prepared.raw is not None and prepared.raw.shape == (8, 16, 3)
    assert prepared.raw[2, 9, 0] == 3.0


def test_numpy_nchw_batch_is_transposed() -> None:
    prepared = prepare(np.zeros((2, 3, 4, 5), dtype=np.uint8))
    assert prepared.image.size == (2 * 7 + 2, 6 + 2)
    assert "channels-first" in [d.code for d in prepared.diagnostics]


def test_single_channel_batch_stays_grayscale() -> None:
    assert prepare(torch.rand(9, 1, 4, 5)).image.mode == "L"


def test_grid_over_max_dimension_is_rejected() -> None:
    batch = np.broadcast_to(np.float32(0), (16, 4, 9000, 3))  # 8 × 9002 px wide
    with pytest.raises(ValueError, match=r"data_or_path: the batch .* grid.*MAX_DIMENSION"):
        prepare(batch)
