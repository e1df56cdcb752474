"""The static picture of a grid or comparison view: its pictures tiled into one sheet.

It is the `image/png` fallback of `ImageView` (GitHub, nbviewer, nbconvert show it instead
of the live widget). The pictures arrive already shrunk and composited with their overlays;
this module lays them out and writes the words the live view shows beside them (captions,
panel titles, the rule and warning badges) with `labelled`, in the bundled font.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from nbimage._errors import bad_type, bad_value
from nbimage.composite import composite, label_font
from nbimage.display_encode import displayable
from nbimage.shrink import preview

if TYPE_CHECKING:
    from nbimage.diagnostics import Diagnostic
    from nbimage.model import Image

GRID_THUMBNAIL_SIDE = 256  # long side of a grid item on the sheet
# Bigger grids get smaller thumbnails: the sheet stays about a megapixel (a notebook stores
# it as base64, and it is built on every display), e.g. 108 items of 256² shrink by 3 to
# 86 px: a 716×1256 sheet of ~1.4 MB instead of 2076×3636. Thumbnails shrink by whole
# factors, so the long side lands at or below this.
SMALL_GRID_THUMBNAIL_SIDE = 96
SMALL_THUMBNAILS_ABOVE = 48  # items: six full rows of eight
COMPARE_PANEL_SIDE = 512  # long side of a comparison panel on the sheet
GRID_TEXT_WIDTH = 96  # px of caption under a grid thumbnail, however narrow its picture
COMPARE_MIN_WIDTH = 288  # a panel's words get this much width however small its picture
MAX_AUTO_COLUMNS = 8  # columns=0 ("as many as fit") has no width to fit on a static sheet
GAP = 4
BACKGROUND = (255, 255, 255)

# Text under and over the pictures: dark on the sheet's white, warnings in the badges' orange
# (darkened to read on white), errors in red.
TEXT = (34, 34, 34)
WARNING_TEXT = (176, 64, 0)
ERROR_TEXT = (190, 30, 30)
TEXT_PADDING = 3
LINE_SPACING = 2
ELLIPSIS = "…"
KERNING_SLACK = 2  # px: measured widths leave kerning out (see `_length`)
# A line of text: plain (TEXT colour) or (text, RGB colour).
Line = str | tuple[str, tuple[int, int, int]]


@functools.cache
def _advance(font: ImageFont.FreeTypeFont, character: str) -> float:
    return float(font.getlength(character))


def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """Width of `text` in pixels from cached per-character advances (perf: FreeType's own
    measure re-renders every glyph; a 108-item grid measures ~600 strings). Kerning is
    left out, hence the `KERNING_SLACK` kept free at the end of every line."""
    return sum(_advance(font, character) for character in text)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """`text` broken into at most `max_lines` lines that fit `width` pixels: at spaces, inside
    a word only when the word alone is too long; what does not fit ends in "…". The text's
    own line breaks are kept."""
    width -= KERNING_SLACK
    if "\n" not in text and _length(font, text) <= width:
        return [text]  # the usual caption: one measurement
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if _length(font, candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while _length(font, current) > width and len(current) > 1:
                cut = _fitting(current, font, width)
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1] + ELLIPSIS
    while _length(font, last) > width and len(last) > 1:
        last = last[:-2] + ELLIPSIS
    kept[-1] = last
    return kept


def _fitting(text: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    """How many leading characters of `text` fit in `width` (at least one)."""
    count = 1
    while count < len(text) and _length(font, text[: count + 1]) <= width:
        count += 1
    return count


def labelled(
    picture: PILImage.Image,
    *,
    above: Iterable[Line] = (),
    below: Iterable[Line] = (),
    font_size: int = 12,
    max_lines: int = 2,
    min_width: int = 0,
    above_lines: int = 0,
) -> PILImage.Image:
    """`picture` with lines of text over it (`above`: a panel's title) and under it
    (`below`: a caption, the rule, the warning badges), on white, in the bundled font.

    Each line wraps to the picture's width (at least `min_width`, so a tiny picture still
    gets readable words) in up to `max_lines` lines. Picture and text share their left
    edge, as in the live view; the mode is kept when RGB or RGBA (the text band is
    opaque), other modes become RGB. `above_lines` reserves that many lines over the
    picture (panels side by side keep their pictures level: `labelled_row`). With no text,
    `picture` itself is returned. Reusable by every static form (grid, compare, history).
    """
    font = label_font(font_size)
    width = max(picture.width, min_width)
    text_width = max(1, width - 2 * TEXT_PADDING)

    def block(lines: Iterable[Line]) -> list[tuple[str, tuple[int, int, int]]]:
        out: list[tuple[str, tuple[int, int, int]]] = []
        for line in lines:
            text, colour = (line, TEXT) if isinstance(line, str) else line
            out += [(part, colour) for part in wrap(text, font, text_width, max_lines)]
        return out

    top, bottom = block(above), block(below)
    top += [("", TEXT)] * (above_lines - len(top))
    if not top and not bottom:
        return picture
    ascent, descent = font.getmetrics()
    line_h = ascent + descent + LINE_SPACING

    def height(lines: list[tuple[str, tuple[int, int, int]]]) -> int:
        return len(lines) * line_h + 2 * TEXT_PADDING if lines else 0

    mode = picture.mode if picture.mode in ("RGB", "RGBA") else "RGB"
    sheet = PILImage.new(
        mode, (width, height(top) + picture.height + height(bottom)), (*BACKGROUND, 255)
    )
    shown = picture if picture.mode == mode else picture.convert(mode)
    sheet.paste(shown, (0, height(top)))
    draw = ImageDraw.Draw(sheet)
    for lines, y in ((top, 0), (bottom, height(top) + picture.height)):
        for index, (text, colour) in enumerate(lines):
            position = (TEXT_PADDING, y + TEXT_PADDING + index * line_h)
            draw.text(position, text, font=font, fill=(*colour, 255))
    return sheet


def labelled_row(
    pictures: Sequence[PILImage.Image],
    titles: Sequence[str],
    belows: Sequence[Sequence[Line]],
    *,
    font_size: int = 13,
    min_width: int = 0,
    max_lines: int = 2,
) -> list[PILImage.Image]:
    """Panels meant to sit side by side (a comparison): each picture with its title over
    it and its lines under it, the title blocks of equal height so the pictures stay level
    (also what lets the sheet's PNG compress identical panels against each other)."""
    font = label_font(font_size)
    rows = max(
        len(wrap(title, font, max(p.width, min_width) - 2 * TEXT_PADDING, max_lines))
        for p, title in zip(pictures, titles, strict=True)
    )
    return [
        labelled(
            picture,
            above=[title],
            below=below,
            font_size=font_size,
            min_width=min_width,
            max_lines=max_lines,
            above_lines=rows,
        )
        for picture, title, below in zip(pictures, titles, belows, strict=True)
    ]


def badge_line(diagnostics: Iterable[Diagnostic]) -> list[Line]:
    """The view's badges as a line of text: "⚠ clipped, standardized" (warnings) and
    "✖ …" (errors); nothing for a clean picture (info lines are no badge)."""
    diagnostics = list(diagnostics)
    lines: list[Line] = []
    for severity, mark, colour in (("error", "✖", ERROR_TEXT), ("warning", "⚠", WARNING_TEXT)):
        codes = list(dict.fromkeys(d.code for d in diagnostics if d.severity == severity))
        if codes:
            lines.append((f"{mark} {', '.join(codes)}", colour))
    return lines


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
    """`pictures` tiled `columns` per row in cells of equal width, each centred at the top
    of its cell, GAP pixels apart, on a white RGB sheet (transparency shows the white).
    Each row is as tall as its tallest picture (one item with a long caption or an error
    does not stretch every row)."""
    if isinstance(columns, bool) or not isinstance(columns, int):
        raise bad_type("columns", columns, "a positive int")
    if columns < 1:
        raise bad_value("columns", f"must be at least 1, got {columns}")
    if not pictures:
        raise bad_value("pictures", "nothing to tile", "pass at least one picture")
    cell_w = max(p.width for p in pictures)
    rows = math.ceil(len(pictures) / columns)
    heights = [
        max(p.height for p in pictures[r * columns : (r + 1) * columns]) for r in range(rows)
    ]
    tops = [sum(heights[:r]) + r * GAP for r in range(rows)]
    sheet = PILImage.new(
        "RGB",
        (columns * cell_w + (columns - 1) * GAP, sum(heights) + (rows - 1) * GAP),
        BACKGROUND,
    )
    for index, picture in enumerate(pictures):
        row, column = divmod(index, columns)
        x = column * (cell_w + GAP) + (cell_w - picture.width) // 2
        y = tops[row]
        if picture.mode != "RGBA":
            sheet.paste(picture.convert("RGB"), (x, y))
        else:
            sheet.paste(picture, (x, y), picture)
    return sheet


def cell_origin(index: int, columns: int, cell: tuple[int, int]) -> tuple[int, int]:
    """Top-left corner of cell `index` on a sheet of `cell`-sized (w, h) cells."""
    row, column = divmod(index, columns)
    return column * (cell[0] + GAP), row * (cell[1] + GAP)


def static_lines(image: Image, extra: Iterable[Diagnostic] = ()) -> list[Line]:
    """The words a static picture of `image` carries under it: its caption and its badges
    (what the live view shows beside a grid item; `labelled(picture, below=...)`), with
    `extra` diagnostics the view adds to the Image's own (a dataset item's read error)."""
    caption = [image.caption] if image.caption else []
    return [*caption, *badge_line((*image.diagnostics, *extra))]


def grid_tile(image: Image, side: int, extra: Iterable[Diagnostic] = ()) -> PILImage.Image:
    """A grid item on the static sheet: its thumbnail (long side <= `side`, boxes without
    label text: 12 px labels would cover a thumbnail) over its caption and badges."""
    picture = thumbnail(image, side, box_labels=False)
    # Words get at least GRID_TEXT_WIDTH (a 25 px crop's caption still reads), never more
    # than the thumbnails' side: small pictures keep a compact sheet.
    words = min(side, max(picture.width, GRID_TEXT_WIDTH))
    return labelled(picture, below=static_lines(image, extra), font_size=11, min_width=words)
