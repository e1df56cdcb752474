"""The display encoder: lossless for pictures that fit, a box-filtered preview for big ones."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image as PILImage

from nbimage import display_encode
from nbimage.display_encode import encode_display, encode_display_many
from nbimage.shrink import preview_size

RNG = np.random.default_rng(7)


def decode(data: bytes) -> PILImage.Image:
    picture = PILImage.open(io.BytesIO(data))
    picture.load()
    return picture


def random_picture(mode: str, width: int = 37, height: int = 23) -> PILImage.Image:
    if mode == "I;16":
        values = RNG.integers(0, 65536, (height, width), dtype=np.uint16)
        return PILImage.frombytes("I;16", (width, height), values.tobytes())
    if mode == "P":
        picture = PILImage.fromarray(RNG.integers(0, 256, (height, width), np.uint8), "L")
        return picture.convert("RGB").quantize(colors=17)
    if mode == "1":
        return PILImage.fromarray(RNG.integers(0, 2, (height, width), np.uint8) * 255).convert("1")
    channels = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}[mode]
    shape = (height, width) if channels == 1 else (height, width, channels)
    return PILImage.fromarray(RNG.integers(0, 256, shape, dtype=np.uint8), mode)


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA", "I;16", "P", "1"])
def test_small_pictures_decode_to_exactly_the_input_pixels(mode: str) -> None:
    picture = random_picture(mode)
    data, mime = encode_display(picture)
    assert mime == "image/png"
    decoded = decode(data)
    assert decoded.size == picture.size
    if mode == "P":
        # Compare colours, not indices: a palette may legally be written reordered.
        assert np.array_equal(
            np.asarray(decoded.convert("RGB")), np.asarray(picture.convert("RGB"))
        )
    elif mode == "I;16":
        assert np.array_equal(np.asarray(decoded).astype(np.uint16), np.asarray(picture))
    else:
        assert decoded.mode == mode
        assert np.array_equal(np.asarray(decoded), np.asarray(picture))


def test_a_real_photo_round_trips_and_is_smaller_than_raw(astronaut: np.ndarray) -> None:
    picture = PILImage.fromarray(astronaut)
    data, _ = encode_display(picture)
    assert np.array_equal(np.asarray(decode(data)), astronaut)
    assert len(data) < 0.75 * astronaut.nbytes


def test_big_pictures_are_shrunk_so_the_long_side_fits() -> None:
    picture = PILImage.new("RGB", (5000, 1200), (10, 200, 30))
    decoded = decode(encode_display(picture, max_side=2048)[0])
    # factor ceil(5000 / 2048) = 3
    assert decoded.size == (1667, 400) == preview_size(5000, 1200, 2048)
    assert max(decoded.size) <= 2048
    assert decoded.getpixel((800, 200)) == (10, 200, 30)


def test_a_picture_exactly_max_side_long_is_sent_whole() -> None:
    picture = random_picture("RGB", 64, 40)
    decoded = decode(encode_display(picture, max_side=64)[0])
    assert np.array_equal(np.asarray(decoded), np.asarray(picture))


def test_the_preview_averages_fine_patterns_instead_of_aliasing() -> None:
    # A one-pixel checkerboard: nearest-neighbour would show solid black or white.
    board = (np.indices((64, 64)).sum(axis=0) % 2 * 255).astype(np.uint8)
    decoded = np.asarray(decode(encode_display(PILImage.fromarray(board), max_side=32)[0]))
    assert decoded.shape == (32, 32)
    assert np.all(np.abs(decoded.astype(int) - 128) <= 1)


def test_palette_previews_keep_only_colours_of_the_palette() -> None:
    picture = random_picture("P", 300, 200)
    decoded = decode(encode_display(picture, max_side=100)[0]).convert("RGB")
    assert decoded.size == (100, 67)
    palette = set(map(tuple, np.asarray(picture.convert("RGB")).reshape(-1, 3).tolist()))
    assert set(map(tuple, np.asarray(decoded).reshape(-1, 3).tolist())) <= palette


@pytest.mark.parametrize(
    ("mode", "shown"), [("F", "L"), ("I", "L"), ("CMYK", "RGB"), ("RGBX", "RGB")]
)
def test_modes_a_browser_cannot_draw_are_converted(mode: str, shown: str) -> None:
    picture = PILImage.new(mode, (5, 4))
    assert decode(encode_display(picture)[0]).mode == shown


def idat_stream(png: bytes) -> bytes:
    """The concatenated IDAT data of a PNG (a zlib stream)."""
    position, stream = 8, b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        if png[position + 4 : position + 8] == b"IDAT":
            stream += png[position + 8 : position + 8 + length]
        position += 12 + length
    return stream


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA"])
def test_big_pictures_compressed_in_stripes_and_chunks_decode_exactly(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tiny stripes and chunks: 4 stripes on threads, each filtered and compressed a few
    # rows at a time, with checksums combined across stripes.
    monkeypatch.setattr(display_encode, "_STRIPE_BYTES", 1000)
    monkeypatch.setattr(display_encode, "_CHUNK_BYTES", 3000)
    monkeypatch.setattr(display_encode, "WORKERS", 4)
    picture = random_picture(mode, 300, 200)
    png = encode_display(picture)[0]
    assert np.array_equal(np.asarray(decode(png)), np.asarray(picture))
    # zlib checks the stream's adler32 (Pillow would not complain about a wrong one).
    rows = zlib.decompress(idat_stream(png))
    assert len(rows) == 200 * (1 + len(picture.getbands()) * 300)


def test_combined_checksums_equal_the_checksum_of_the_whole() -> None:
    data = RNG.integers(0, 256, 200_000, dtype=np.uint8).tobytes()
    for cut in (0, 1, 65520, 65521, 131_073, 200_000):
        first, second = data[:cut], data[cut:]
        combined = display_encode.adler32_combine(
            zlib.adler32(first), zlib.adler32(second), len(second)
        )
        assert combined == zlib.adler32(data)


def test_without_isal_the_stdlib_zlib_writes_the_same_pixels(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(display_encode, "isal_zlib", None)
    monkeypatch.setattr(display_encode, "_STRIPE_BYTES", 1000)
    picture = random_picture("RGBA", 120, 90)
    assert np.array_equal(np.asarray(decode(encode_display(picture)[0])), np.asarray(picture))


def test_many_pictures_come_back_in_order() -> None:
    pictures = [PILImage.new("L", (3 + i, 2), i * 20) for i in range(10)]
    results = encode_display_many(pictures)
    assert [decode(data).size for data, _ in results] == [p.size for p in pictures]
    assert [decode(data).getpixel((0, 0)) for data, _ in results] == [i * 20 for i in range(10)]


def test_the_input_picture_is_not_modified() -> None:
    picture = random_picture("RGB", 3000, 10)
    before = picture.tobytes()
    encode_display(picture, max_side=100)
    assert picture.tobytes() == before and picture.size == (3000, 10)


def test_wrong_arguments_are_named() -> None:
    with pytest.raises(TypeError, match=r"pil_image: expected a PIL.Image.Image, got numpy"):
        encode_display(np.zeros((2, 2), np.uint8))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"max_side: got 0; pass a positive number"):
        encode_display(PILImage.new("L", (2, 2)), max_side=0)
    with pytest.raises(TypeError, match=r"max_side: expected a positive int, got 2.5"):
        encode_display(PILImage.new("L", (2, 2)), max_side=2.5)  # type: ignore[arg-type]
