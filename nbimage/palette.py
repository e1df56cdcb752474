"""The one class-colour palette: a class id keeps its colour in boxes, masks and legends.

`js/palette.ts` mirrors this module for the browser; the shared wire fixture pins them equal
(the list and the colours computed beyond it).

The first 20 colours step 7/20 of the way around the hue wheel per id (so neighbouring ids,
the common case, look very different) and alternate between a lighter and a deeper shade.
Ids 20..79 (COCO has 80 classes) were picked once, greedily, as the candidates farthest in
CIELAB from every colour before them, so no two of the first 80 look alike. Ids from 80 on
(ADE20K's 150, superpixels) get a deterministic spread: golden-angle hues over three
lightness/saturation levels, computed the same way on both sides.
"""

from __future__ import annotations

import math

PALETTE: tuple[str, ...] = (
    "#e23636",
    "#10c622",
    "#5936e2",
    "#c64710",
    "#36e27b",
    "#6b10c6",
    "#e29d36",
    "#10c690",
    "#c036e2",
    "#c6b410",
    "#36e2e2",
    "#c610b4",
    "#c0e236",
    "#1090c6",
    "#e2369d",
    "#6bc610",
    "#367be2",
    "#c61047",
    "#59e236",
    "#1022c6",
    "#e29caa",
    "#d1e29c",
    "#d78fef",
    "#638a28",
    "#5e288a",
    "#8a5928",
    "#8a2859",
    "#288a7c",
    "#efba8f",
    "#9ccde2",
    "#284f8a",
    "#e97e63",
    "#9ca0e2",
    "#8a2d28",
    "#9263e9",
    "#b3fc83",
    "#fc83bf",
    "#169c31",
    "#fcfc83",
    "#9ce2bf",
    "#288a4f",
    "#8a7c28",
    "#f9811f",
    "#1f1ff9",
    "#0437ae",
    "#1fcef9",
    "#1f6cf9",
    "#e9637e",
    "#f9ee1f",
    "#ae6204",
    "#9c1681",
    "#28778a",
    "#8fefa3",
    "#fcd783",
    "#a2f91f",
    "#e963d5",
    "#f91f81",
    "#8d75d7",
    "#1ff9d9",
    "#f91ff9",
    "#a21ff9",
    "#9fb234",
    "#1ff91f",
    "#51a6fb",
    "#28378a",
    "#e29cd4",
    "#9934b2",
    "#cb864d",
    "#e00606",
    "#ae0459",
    "#f9b81f",
    "#1ff96c",
    "#83c5fc",
    "#34a5b2",
    "#4c169c",
    "#6cb234",
    "#ae8c04",
    "#cb4d4d",
    "#9c3e16",
    "#fb9551",
)


# Beyond the list: hue steps of the golden angle, cycling through these (saturation, lightness).
_SPREAD_LEVELS = ((0.85, 0.55), (0.65, 0.38), (0.75, 0.72))
_GOLDEN_ANGLE = 137.50776405003785
# Ids are spread over this many colours, then wrap (negative ids wrap too).
SPREAD_PERIOD = 1024


def _round_half_up(value: float) -> int:
    # JavaScript's Math.round: the TS side must produce the same bytes.
    return math.floor(value + 0.5)


def _spread(class_id: int) -> str:
    n = class_id - len(PALETTE)
    hue = (n * _GOLDEN_ANGLE) % 360.0
    saturation, lightness = _SPREAD_LEVELS[n % len(_SPREAD_LEVELS)]
    chroma = (1 - abs(2 * lightness - 1)) * saturation
    x = chroma * (1 - abs((hue / 60.0) % 2 - 1))
    r, g, b = [
        (chroma, x, 0.0),
        (x, chroma, 0.0),
        (0.0, chroma, x),
        (0.0, x, chroma),
        (x, 0.0, chroma),
        (chroma, 0.0, x),
    ][int(hue // 60) % 6]
    m = lightness - chroma / 2
    return "#" + "".join(f"{_round_half_up((c + m) * 255):02x}" for c in (r, g, b))


def class_colour(class_id: int) -> str:
    """The `#rrggbb` colour of a class id: the list for 0..79, then a deterministic spread."""
    index = class_id % SPREAD_PERIOD
    return PALETTE[index] if index < len(PALETTE) else _spread(index)


def class_rgb(class_id: int) -> tuple[int, int, int]:
    """The colour of a class id as an (r, g, b) tuple of 0..255."""
    hex_colour = class_colour(class_id)
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))
