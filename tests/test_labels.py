"""`labelled` and `wrap`: the words of the static forms fit their pictures and lose nothing
they do not say they lost ("…")."""

from __future__ import annotations

import numpy as np
import PIL.Image
import pytest

from nbimage.composite import label_font
from nbimage.contact_sheet import ELLIPSIS, TEXT_PADDING, labelled, wrap

# Kerning pairs (AV, To, Wa, Ty…) make FreeType's real width differ from summed advances.
KERNED = "AVATAR Tomato WAVE Typography LAVA Yoyo AWAY Vault ToTo VAVAVA WAWA"


@pytest.mark.parametrize("size", [11, 13])
@pytest.mark.parametrize("width", [60, 97, 180])
def test_every_wrapped_line_fits_with_the_real_font_measure(size: int, width: int) -> None:
    font = label_font(size)
    lines = wrap(KERNED, font, width, max_lines=50)
    assert all(font.getlength(line) <= width for line in lines), lines
    # Nothing lost: the words come back in order (breaks at spaces, or inside a long word).
    assert "".join(lines).replace(" ", "") == KERNED.replace(" ", "")


def test_what_does_not_fit_ends_in_an_ellipsis() -> None:
    font = label_font(12)
    lines = wrap(KERNED, font, 120, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith(ELLIPSIS)
    assert all(font.getlength(line) <= 120 for line in lines)


def test_a_short_caption_is_one_line_and_its_own_line_breaks_are_kept() -> None:
    font = label_font(12)
    assert wrap("cat", font, 200, max_lines=3) == ["cat"]
    assert wrap("first\nsecond", font, 200, max_lines=3) == ["first", "second"]


def test_labelled_puts_the_words_under_the_picture_and_keeps_it_untouched() -> None:
    picture = PIL.Image.fromarray(np.full((40, 30, 3), 90, np.uint8))
    assert labelled(picture) is picture  # no words: the picture itself
    out = labelled(picture, above=["title"], below=["a caption"], min_width=120)
    pixels = np.asarray(out)
    assert out.mode == "RGB" and out.width == 120
    top = next(y for y in range(out.height) if (pixels[y, :30] == 90).all())
    assert np.array_equal(pixels[top : top + 40, :30], np.asarray(picture))
    assert pixels[:top].min() < 100 and pixels[top + 40 :].min() < 100  # dark text both sides
    assert (pixels[top : top + 40, 30 + TEXT_PADDING :] == 255).all()  # white beside it


def test_a_tall_item_makes_only_its_own_row_taller() -> None:
    from nbimage.contact_sheet import GAP, contact_sheet

    small = PIL.Image.fromarray(np.full((20, 30, 3), 10, np.uint8))
    tall = PIL.Image.fromarray(np.full((70, 30, 3), 200, np.uint8))
    sheet = contact_sheet([small, tall, small, small], 2)
    assert sheet.size == (2 * 30 + GAP, 70 + GAP + 20)
    pixels = np.asarray(sheet)
    assert (pixels[70 + GAP : 70 + GAP + 20, :30] == 10).all()  # row 2 right under row 1
