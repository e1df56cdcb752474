"""The held picture and its previews: the same pixels PIL would give, made only when asked."""

from __future__ import annotations

import base64
import gc
import io
import tracemalloc

import numpy as np
import PIL.Image
import pytest

from nbimage import display_encode, shrink
from nbimage.display_encode import base64_text, encode_display, encode_picture
from nbimage.model import Image
from nbimage.picture import Picture, pil_value_at
from nbimage.shrink import shrink_pixels
from nbimage.views import FALLBACK_MAX_SIDE, WIDGET_MIME, fallback_picture

RNG = np.random.default_rng(11)
CHANNELS = {"L": (), "LA": (2,), "RGB": (3,), "RGBA": (4,)}


def random_pixels(mode: str, height: int, width: int) -> np.ndarray:
    return RNG.integers(0, 256, (height, width, *CHANNELS[mode]), dtype=np.uint8)


def decoded(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA"])
def test_the_lazy_pil_picture_equals_pillows_own(mode: str) -> None:
    pixels = random_pixels(mode, 13, 17)
    picture = Picture.of(pixels, mode)
    assert picture.size == (17, 13) and picture.mode == mode
    eager = PIL.Image.fromarray(pixels, mode=mode)
    assert picture.pil.mode == mode
    assert picture.pil.tobytes() == eager.tobytes()
    assert picture.pil is picture.pil  # made once


def test_held_pixels_are_a_private_read_only_copy() -> None:
    pixels = random_pixels("RGB", 8, 8)[:, ::2]  # not contiguous: must be copied
    picture = Picture.of(pixels, "RGB")
    assert picture.pixels is not None
    with pytest.raises(ValueError, match="read-only"):
        picture.pixels[0, 0, 0] = 1
    before = picture.pil.tobytes()
    pixels[...] = 0
    assert picture.pil.tobytes() == before


def test_a_copy_shares_pixels_but_not_its_pil_picture() -> None:
    picture = Picture.of(random_pixels("L", 6, 5), "L")
    twin = picture.copy()
    assert twin.pil is not picture.pil
    before = picture.value_at(0, 0)[0]
    twin.pil.putpixel((0, 0), (before + 1) % 256)
    assert picture.pil.getpixel((0, 0)) == before
    assert twin.pixels is picture.pixels


def test_modes_pixels_cannot_hold_become_pil_pictures() -> None:
    picture = Picture.of(random_pixels("RGB", 4, 4), "YCbCr")
    assert picture.pixels is None and picture.mode == "YCbCr"
    with pytest.raises(ValueError, match="cannot hold"):
        Picture(pixels=random_pixels("RGB", 4, 4), mode="L")


def test_value_at_reads_pixels_and_palette_colours() -> None:
    pixels = random_pixels("RGB", 5, 7)
    assert Picture.of(pixels, "RGB").value_at(6, 4) == pixels[4, 6].tolist()
    palette = PIL.Image.fromarray(pixels).quantize(colors=4)
    colour = palette.convert("RGB").getpixel((3, 2))
    assert pil_value_at(palette, 3, 2) == list(colour)  # type: ignore[arg-type]
    assert Picture(pil=palette).value_at(3, 2) == list(colour)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA"])
@pytest.mark.parametrize("factor", [2, 3, 4, 5])
def test_banded_shrinking_equals_pillows_reduce(
    mode: str, factor: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny bands and threshold: this odd-sized picture is shrunk in many bands on threads,
    # the last one partial, and must give exactly Pillow's whole-picture numbers.
    monkeypatch.setattr(shrink, "_BAND_BYTES", 300)
    monkeypatch.setattr(shrink, "_PARALLEL_BYTES", 0)
    pixels = random_pixels(mode, 101, 67)
    expected = np.asarray(PIL.Image.fromarray(pixels, mode=mode).reduce(factor))
    assert np.array_equal(shrink_pixels(pixels, factor), expected)


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA"])
def test_a_preview_encoded_a_band_at_a_time_is_pillows_reduce(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny stripes and chunks: the preview is shrunk and compressed in many bands on two
    # threads, the last ones partial, and must decode to Pillow's whole-picture numbers.
    monkeypatch.setattr(display_encode, "_STRIPE_BYTES", 500)
    monkeypatch.setattr(display_encode, "_CHUNK_BYTES", 300)
    pixels = random_pixels(mode, 203, 131)
    png = encode_picture(Picture.of(pixels, mode), max_side=64)[0]
    expected = np.asarray(PIL.Image.fromarray(pixels, mode=mode).reduce(4))
    assert decoded(png).shape[:2] == (51, 33)
    assert np.array_equal(decoded(png), expected)


def test_a_displayed_picture_keeps_no_shrunk_copy() -> None:
    # The kernel holds every displayed widget, and through it the Image: a kept 2048²
    # preview of this 4096² picture would be 12 MB more per display.
    ramp = np.linspace(0, 255, 4096, dtype=np.float32).astype(np.uint8)
    pixels = np.broadcast_to(ramp[None, :, None], (4096, 4096, 3)).copy()
    image = Image(pixels)
    tracemalloc.start()
    try:
        bundle = image._repr_mimebundle_()
        del bundle
        gc.collect()
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 4_000_000, f"{held} bytes still held after displaying"


def test_encoding_a_picture_gives_the_same_png_pixels_as_encoding_its_pil() -> None:
    pixels = random_pixels("RGBA", 90, 130)
    picture = Picture.of(pixels, "RGBA")
    assert np.array_equal(decoded(encode_picture(picture)[0]), pixels)
    big = encode_picture(picture, max_side=64)[0]
    assert np.array_equal(decoded(big), decoded(encode_display(picture.pil, max_side=64)[0]))


def test_base64_text_is_the_standard_alphabet() -> None:
    data = RNG.integers(0, 256, 100_003, dtype=np.uint8).tobytes()
    assert base64_text(data) == base64.b64encode(data).decode("ascii")


def test_the_fallback_of_a_4096_picture_is_1024_with_boxes_where_they_belong() -> None:
    pixels = np.zeros((4096, 4096, 3), np.uint8)
    pixels[:, 2048:] = 200
    image = Image(
        pixels,
        boxes={
            "pred": {
                "box_data": [
                    {
                        "position": {"minX": 0.25, "maxX": 0.75, "minY": 0.25, "maxY": 0.75},
                        "class_id": 1,
                    }
                ]
            }
        },
    )
    fallback = np.asarray(fallback_picture(image))
    assert fallback.shape[:2] == (FALLBACK_MAX_SIDE, FALLBACK_MAX_SIDE)
    assert fallback[100, 100].tolist()[:3] == [0, 0, 0]
    assert fallback[100, 900].tolist()[:3] == [200, 200, 200]
    # The box outline crosses the middle row at a quarter of the width, not elsewhere.
    row = fallback[512, :, :3].astype(int)
    drawn = np.flatnonzero(np.abs(row - fallback[512, 300, :3]).sum(axis=1) > 60)
    assert drawn.size and 250 <= drawn.min() <= 262


def test_an_image_keeps_its_picture_when_the_callers_array_changes() -> None:
    pixels = random_pixels("RGB", 16, 16)
    image = Image(pixels)
    before = np.asarray(image.image).copy()
    pixels[...] = 0
    assert np.array_equal(np.asarray(image.image), before)
    assert np.array_equal(
        decoded(base64.b64decode(image._repr_mimebundle_()[0]["image/png"])), before
    )


@pytest.mark.parametrize("boxes", [False, True])
@pytest.mark.parametrize("height", [300, 301])
@pytest.mark.parametrize("width", [4096, 3000, 5000])
def test_the_fallback_is_the_same_png_whether_the_views_encoder_made_its_picture(
    width: int, height: int, boxes: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 4096 wide: the fallback's picture is the view's 2048 preview halved, made by the
    # view's encoder on the way (in two stripes of small chunks, the last ones partial);
    # 3000: the preview itself; 5000: shrunk straight (the preview's factor 3 does not
    # divide 4). Without the widget, the fallback is made on its own: the PNGs must be the
    # same bytes.
    monkeypatch.setattr(display_encode, "_STRIPE_BYTES", 500)
    monkeypatch.setattr(display_encode, "_CHUNK_BYTES", 300)
    box = {"position": {"minX": 0.2, "maxX": 0.6, "minY": 0.3, "maxY": 0.7}, "class_id": 1}
    layers = {"pred": {"box_data": [box]}} if boxes else None
    image = Image(random_pixels("RGB", height, width), boxes=layers)
    with_view = image._repr_mimebundle_()[0]["image/png"]
    alone = Image(image.image, boxes=layers)._repr_mimebundle_(exclude=[WIDGET_MIME])[0][
        "image/png"
    ]
    assert with_view == alone
    fallback = decoded(base64.b64decode(with_view))
    assert max(fallback.shape[:2]) == FALLBACK_MAX_SIDE
