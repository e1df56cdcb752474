"""A static picture with the overlays drawn in: the `image/png` fallback of the widget.

GitHub, nbviewer, nbconvert and anything else without a live kernel show this instead of
the interactive view, so it carries the same information: masks coloured by class at half
opacity, boxes outlined in their class colour with their labels.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from nbimage._errors import bad_type, bad_value
from nbimage.heatmaps import blend
from nbimage.mask_size import stretched
from nbimage.palette import class_rgb

if TYPE_CHECKING:
    from nbimage.model import Image

MASK_ALPHA = 128  # masks at half opacity: the picture stays readable under them
HEATMAP_ALPHA = 0.5  # the view's default heatmap opacity
BOX_LINE_WIDTH = 2
LABEL_FONT_SIZE = 12
LABEL_PADDING = 2
FONT_PATH = Path(__file__).parent / "fonts" / "DejaVuSans.ttf"  # licence beside it


@functools.cache
def _mask_colours() -> npt.NDArray[np.uint8]:
    """RGBA colour for every class id 0..255 (the palette's); built once, read-only
    (a grid's contact sheet composites many small pictures)."""
    colours = np.array([(*class_rgb(i), MASK_ALPHA) for i in range(256)], dtype=np.uint8)
    colours.flags.writeable = False
    return colours


@functools.cache
def label_font(size: int = LABEL_FONT_SIZE) -> ImageFont.FreeTypeFont:
    """The bundled DejaVu Sans at `size` px, loaded once per size (a grid labels a hundred
    pictures). Shipped with the package, with FreeType's basic layout, so the static
    pictures' text (box labels, captions, titles) looks the same on every machine."""
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)


def _text_colour(rgb: tuple[int, int, int]) -> tuple[int, int, int, int]:
    """Black or white, whichever reads better on the label background."""
    luminance = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255
    return (0, 0, 0, 255) if luminance > 0.6 else (255, 255, 255, 255)


def composite(
    img: Image,
    max_side: int = 1024,
    picture: PILImage.Image | None = None,
    box_labels: bool = True,
) -> PILImage.Image:
    """The picture (long side at most `max_side`) with masks and boxes drawn over it.

    `picture` replaces `img.image` as what the overlays are drawn on: a shrunk preview of
    it (thumbnails of a contact sheet) or another rendering of the same data (compare).
    `box_labels=False` outlines boxes without their labels (unreadable on thumbnails).
    Returns RGBA when the picture has transparency, RGB otherwise (`picture` itself when
    there is nothing to draw and it needs no change).
    """
    if isinstance(max_side, bool) or not isinstance(max_side, int):
        raise bad_type("max_side", max_side, "an int number of pixels")
    if max_side < 1:
        raise bad_value("max_side", f"{max_side} is not a size", "give at least 1")
    if picture is None:
        picture = img.image
    if picture.mode == "La":  # Pillow converts premultiplied La only to LA (issue 19)
        picture = picture.convert("LA")
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    width, height = picture.size
    scale = min(1.0, max_side / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    if size != (width, height):
        # Shrink before converting; reducing_gap=1 box-averages by the integer part of the
        # scale first and leaves LANCZOS only the small rest (perf, issue 5: a 4096²
        # picture took ~0.4 s here, now ~15 ms).
        if picture.mode not in ("L", "LA", "RGB", "RGBA"):
            picture = picture.convert("RGBA")
        picture = picture.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=1.0)
    shown_mode = "RGBA" if has_alpha else "RGB"
    if not img.masks and not img.boxes and not img.heatmaps:
        # Nothing to draw: one conversion, not two through RGBA (perf, issue 5).
        return picture if picture.mode == shown_mode else picture.convert(shown_mode)
    canvas = picture.convert("RGBA")

    colours = _mask_colours()
    for mask in img.masks.values():
        # Resample the class ids to the canvas before colouring them (nearest: ids never
        # blend): a thumbnail colours thumbnail-sized masks, and a mask of another size than
        # the picture is stretched over all of it (`mask_size`).
        ids = stretched(mask.class_ids(), size)
        canvas = PILImage.alpha_composite(canvas, PILImage.fromarray(colours[ids], mode="RGBA"))

    if img.heatmaps:
        canvas = blend(canvas, img.heatmaps, HEATMAP_ALPHA)

    if img.boxes:
        # Box coordinates are in the Image's pixels; `picture` may be a shrunk preview.
        canvas = _draw_boxes(img, canvas, scale * width / img.width, box_labels)
    return canvas if has_alpha else canvas.convert(shown_mode)


def _draw_boxes(
    img: Image, canvas: PILImage.Image, scale: float, box_labels: bool
) -> PILImage.Image:
    # Outlines alone are opaque, so they go straight onto `canvas` (our own copy); labels
    # are drawn on an overlay and composited, which keeps their anti-aliased edges exact.
    overlay = PILImage.new("RGBA", canvas.size, (0, 0, 0, 0)) if box_labels else canvas
    draw = ImageDraw.Draw(overlay)
    font = label_font()
    labels = img.classes.labels() if img.classes is not None else {}
    for layer in img.boxes.values():
        names = layer.names(labels)
        for box in layer.boxes:
            x0, y0, x1, y1 = (v * scale for v in box.drawn_pixels(img.width, img.height))
            rgb = class_rgb(box.class_id)
            draw.rectangle((x0, y0, x1, y1), outline=(*rgb, 255), width=BOX_LINE_WIDTH)
            text = layer.label(box, names) if box_labels else ""
            if not text:
                continue
            left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
            text_w = right - left + 2 * LABEL_PADDING
            text_h = bottom - top + 2 * LABEL_PADDING
            # Above the box when it fits, else just inside its top edge.
            label_x = max(0.0, x0)
            label_y = y0 - text_h if y0 - text_h >= 0 else max(0.0, y0)
            draw.rectangle((label_x, label_y, label_x + text_w, label_y + text_h), fill=(*rgb, 255))
            draw.text(
                (label_x + LABEL_PADDING - left, label_y + LABEL_PADDING - top),
                text,
                font=font,
                fill=_text_colour(rgb),
            )
    return PILImage.alpha_composite(canvas, overlay) if box_labels else canvas
