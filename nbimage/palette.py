"""The one class-colour palette: a class id keeps its colour in boxes, masks and legends.

`js/palette.ts` mirrors this list for the browser; the shared wire fixture pins them equal.
The colours step 7/20 of the way around the hue wheel per id (so neighbouring ids, the
common case, look very different) and alternate between a lighter and a deeper shade.
"""

from __future__ import annotations

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
)


def class_colour(class_id: int) -> str:
    """The `#rrggbb` colour of a class id; ids wrap around the palette (negative ids too)."""
    return PALETTE[class_id % len(PALETTE)]


def class_rgb(class_id: int) -> tuple[int, int, int]:
    """The colour of a class id as an (r, g, b) tuple of 0..255."""
    hex_colour = class_colour(class_id)
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))
