"""The static picture of a grid or comparison view: its pictures tiled into one sheet.

It is the `image/png` fallback of `ImageView` (GitHub, nbviewer, nbconvert show it instead
of the live widget). The pictures arrive already shrunk and composited with their overlays;
this module only lays them out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PIL import Image as PILImage

from nbimage._errors import bad_type, bad_value
from nbimage.composite import composite
from nbimage.display_encode import displayable
from nbimage.shrink import preview

if TYPE_CHECKING:
    from nbimage.model import Image

GRID_THUMBNAIL_SIDE = 256  # long side of a grid item on the sheet
# Bigger grids get smaller thumbnails: the sheet stays about a megapixel (a notebook stores
# it as base64, and it is built on every display), e.g. 108 items of 256² shrink by 3 to
# 86 px: a 716×1256 sheet of ~1.4 MB instead of 2076×3636. Thumbnails shrink by whole
# factors, so the long side lands at or below this.
SMALL_GRID_THUMBNAIL_SIDE = 96
SMALL_THUMBNAILS_ABOVE = 48  # items: six full rows of eight
COMPARE_PANEL_SIDE = 512  # long side of a comparison panel on the sheet
MAX_AUTO_COLUMNS = 8  # columns=0 ("as many as fit") has no width to fit on a static sheet
GAP = 4
BACKGROUND = (255, 255, 255)


def grid_thumbnail_side(count: int) -> int:
    """Long side of each thumbnail on the sheet of a grid page of `count` items."""
    return GRID_THUMBNAIL_SIDE if count <= SMALL_THUMBNAILS_ABOVE else SMALL_GRID_THUMBNAIL_SIDE


def thumbnail(
    image: Image,
    max_side: int,
    picture: PILImage.Image | None = None,
    box_labels: bool = True,
) -> PILImage.Image:
    """`picture` (default: the Image's own) shrunk by an integer factor (box filter) to a
    long side <= max_side, with the Image's masks and boxes drawn over it (`box_labels`:
    with their label text).

    Shrinking comes first, so the overlays are drawn at thumbnail size: a grid of large
    pictures costs one `reduce` per item, not full-resolution compositing.
    """
    shrunk = displayable(preview(image.image if picture is None else picture, max_side))
    return composite(image, max_side, picture=shrunk, box_labels=box_labels)


def sheet_columns(columns: int, count: int) -> int:
    """How many pictures per row: `columns`, or up to MAX_AUTO_COLUMNS when it is 0."""
    return min(count, columns if columns > 0 else MAX_AUTO_COLUMNS)


def contact_sheet(pictures: Sequence[PILImage.Image], columns: int) -> PILImage.Image:
    """`pictures` tiled `columns` per row in equal cells, each centred at the top of its
    cell, GAP pixels apart, on a white RGB sheet (transparency shows the white)."""
    if isinstance(columns, bool) or not isinstance(columns, int):
        raise bad_type("columns", columns, "a positive int")
    if columns < 1:
        raise bad_value("columns", f"must be at least 1, got {columns}")
    if not pictures:
        raise bad_value("pictures", "nothing to tile", "pass at least one picture")
    cell_w = max(p.width for p in pictures)
    cell_h = max(p.height for p in pictures)
    rows = math.ceil(len(pictures) / columns)
    sheet = PILImage.new(
        "RGB",
        (columns * cell_w + (columns - 1) * GAP, rows * cell_h + (rows - 1) * GAP),
        BACKGROUND,
    )
    for index, picture in enumerate(pictures):
        row, column = divmod(index, columns)
        x = column * (cell_w + GAP) + (cell_w - picture.width) // 2
        y = row * (cell_h + GAP)
        if picture.mode != "RGBA":
            sheet.paste(picture.convert("RGB"), (x, y))
        else:
            sheet.paste(picture, (x, y), picture)
    return sheet


def cell_origin(index: int, columns: int, cell: tuple[int, int]) -> tuple[int, int]:
    """Top-left corner of cell `index` on a sheet of `cell`-sized (w, h) cells."""
    row, column = divmod(index, columns)
    return column * (cell[0] + GAP), row * (cell[1] + GAP)
