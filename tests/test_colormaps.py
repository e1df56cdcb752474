"""The colormap tables are the published ones, sampled once, and names are checked."""

from __future__ import annotations

import numpy as np
import pytest

from nbimage import colormaps


def test_viridis_ends_are_matplotlibs_published_colours() -> None:
    table = colormaps.lut("viridis")
    assert table.shape == (256, 3) and table.dtype == np.uint8
    # matplotlib's _viridis_data first and last entries, scaled to 8 bits.
    assert table[0].tolist() == [68, 1, 84]
    assert table[255].tolist() == [253, 231, 37]


def test_gray_is_the_identity_and_diverging_is_white_in_the_middle() -> None:
    assert np.array_equal(colormaps.lut("gray")[:, 0], np.arange(256))
    middle = colormaps.lut("diverging")[128].astype(int)
    assert middle.min() >= 240, "the centre of the diverging map stands for 0: near white"
    low, high = colormaps.lut("diverging")[0], colormaps.lut("diverging")[255]
    assert low[2] > low[0] and high[0] > high[2], "negative is blue, positive is red"


def test_apply_colours_levels_by_look_up() -> None:
    levels = np.array([[0, 255], [128, 7]], dtype=np.uint8)
    rgb = colormaps.apply(levels, "magma")
    assert rgb.shape == (2, 2, 3)
    assert rgb[1, 1].tolist() == colormaps.lut("magma")[7].tolist()


def test_tables_are_read_only() -> None:
    with pytest.raises(ValueError):
        colormaps.lut("turbo")[0, 0] = 1


@pytest.mark.parametrize("name", ["jet", "", None, 3, "Viridis"])
def test_unknown_names_are_refused_with_the_accepted_list(name: object) -> None:
    accepted = r"colormap: unknown colormap .*accepted: 'gray', 'viridis'"
    with pytest.raises(ValueError, match=accepted):
        colormaps.check_colormap("colormap", name)
