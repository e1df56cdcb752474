"""Colormaps for display-only renderings (one-channel windows, heatmaps).

The tables come from the `cmap` package, which ships the published tables (matplotlib's
viridis/magma, Google's turbo, ColorBrewer's RdBu…), so none is re-derived by hand. Each map is
sampled once into a 256-entry RGB lookup table; rendering is a table look-up on 8-bit levels.
These are never what wandb logs: wandb saves the gray or RGB picture itself.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from nbimage._errors import describe

# The names the view offers, with the cmap catalogue entry each one reads. "diverging" is
# centred: level 128 (value 0 when the window is symmetric around 0) is its neutral white.
COLORMAPS: dict[str, str] = {
    "gray": "matlab:gray",
    "viridis": "bids:viridis",
    "magma": "bids:magma",
    "inferno": "bids:inferno",
    "turbo": "google:turbo",
    "diverging": "colorbrewer:RdBu_r",
}

# Maps whose middle is a neutral colour meant to stand for zero in signed data.
DIVERGING = frozenset({"diverging"})


def check_colormap(argument: str, name: object) -> str:
    """`name` if it is a colormap nbimage knows; otherwise a ValueError naming `argument`."""
    if not isinstance(name, str) or name not in COLORMAPS:
        accepted = ", ".join(repr(known) for known in COLORMAPS)
        raise ValueError(f"{argument}: unknown colormap {describe(name)}; accepted: {accepted}")
    return name


@cache
def lut(name: str) -> np.ndarray:
    """The (256, 3) uint8 RGB table of a colormap: entry i is the colour of level i."""
    import cmap  # imported on first use: building Images never pays for it

    table = cmap.Colormap(COLORMAPS[check_colormap("colormap", name)]).lut(256)[:, :3]
    out = np.rint(np.asarray(table, dtype=np.float64) * 255).astype(np.uint8)
    out.setflags(write=False)
    return out


def apply(levels: np.ndarray, name: str) -> np.ndarray:
    """Colour 8-bit `levels` (any shape) with a colormap: RGB, of shape `levels.shape + (3,)`."""
    if levels.dtype != np.uint8:
        raise TypeError(f"levels: expected uint8 levels 0..255, got dtype {levels.dtype}")
    coloured: np.ndarray = lut(name)[levels]
    return coloured
