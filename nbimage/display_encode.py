"""Fast lossless encoding of what the widget displays.

This is not what wandb writes (that is `nbimage.encode`, Pillow at zlib level 6); it is the
transient picture sent to the browser, so speed matters more than a few percent of size.
`bench/encoders.py` compared the candidates on this machine (2048² photo, medians):
Pillow level 6 1029 ms (3.2 MB), Pillow level 1 234 ms (3.8 MB), ISA-L level 1 with the
PNG "sub" filter 35 ms (4.5 MB), fpng 18 ms (4.1 MB). ISA-L (`isal`, PSF licence, wheels
for every platform, actively maintained) is used when installed; it releases the GIL, so
big pictures are compressed in stripes on several threads, each filtering, checksumming
and compressing a cache-sized chunk of rows at a time. Without it the stdlib zlib at
level 1 does the same job about four times slower.

Large pictures are sent as a preview whose long side is at most `max_side`; the view scales
it to the full-resolution coordinate space.
"""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Callable, Sequence
from types import ModuleType

import numpy as np
from PIL import Image as PILImage

from nbimage._errors import bad_type, bad_value
from nbimage._threads import WORKERS, map_leaves, map_tasks
from nbimage.picture import Picture
from nbimage.shrink import preview, preview_factor, preview_size, shrink_rows

isal_zlib: ModuleType | None
try:
    import isal.isal_zlib as _isal_zlib

    isal_zlib = _isal_zlib
except ImportError:  # optional speed-up: the stdlib zlib writes the same format, slower
    isal_zlib = None

base64_text: Callable[[bytes], str]
try:
    # SIMD base64 straight to a str (BSD licence, wheels for every platform): IPython needs
    # the fallback PNG as base64 text, and the stdlib's encode then `.decode("ascii")` took
    # ~3.5 ms for a 2.7 MB PNG, pybase64 0.07 ms (perf, issue 5).
    from pybase64 import b64encode_as_string as base64_text
except ImportError:  # optional speed-up: the stdlib gives the same text, slower

    def base64_text(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")


# ISA-L's checksums are the same numbers as zlib's, several times faster (perf, issue 5:
# zlib's adler32 took ~4 ms over a 2048² preview's 12 MB).
_checksums: ModuleType = isal_zlib if isal_zlib is not None else zlib

# rows(first, last): uint8 sample rows first..last (exclusive) of a picture to encode.
RowSource = Callable[[int, int], np.ndarray]

PNG_MIME = "image/png"
DEFAULT_MAX_SIDE = 2048

# PNG colour type and bytes per sample for the modes written here directly.
_COLOUR_TYPES: dict[str, tuple[int, int, int]] = {
    # mode: (colour type, channels, bytes per sample)
    "L": (0, 1, 1),
    "LA": (4, 2, 1),
    "RGB": (2, 3, 1),
    "RGBA": (6, 4, 1),
    "I;16": (0, 1, 2),
    "I;16B": (0, 1, 2),
}
# Modes a PNG holds but that are left to Pillow (palettes, 1-bit); rare and small.
_PILLOW_MODES = frozenset({"1", "P"})

# Compress in parallel stripes above this many filtered bytes (below, threads cost more).
_STRIPE_BYTES = 1 << 20
# Filtered bytes per step of a stripe: filter, checksum and compress while it is in L2.
_CHUNK_BYTES = 1 << 18
_ADLER_BASE = 65521

__all__ = ["encode_display", "encode_display_many", "encode_picture"]


def encode_display(
    pil_image: PILImage.Image, max_side: int = DEFAULT_MAX_SIDE
) -> tuple[bytes, str]:
    """Encode `pil_image` for the view: (lossless PNG bytes, mime type).

    Pictures whose long side exceeds `max_side` are shrunk first by an integer factor
    (box filter: each preview pixel is the mean of the pixels it covers, so fine patterns
    do not alias), which keeps the long side <= max_side. Smaller pictures decode to
    exactly the input's pixels.
    """
    _check(pil_image, max_side)
    picture = displayable(preview(pil_image, max_side))
    if picture.mode in _PILLOW_MODES:
        return _pillow_png(picture), PNG_MIME
    return _png(_samples(picture), picture.mode), PNG_MIME


def encode_picture(picture: Picture, max_side: int = DEFAULT_MAX_SIDE) -> tuple[bytes, str]:
    """`encode_display` of an Image's picture, from its pixels when it holds them: no PIL
    copy is made, and a preview is shrunk a band of rows at a time by the threads that
    compress it, while the band is in cache (perf, issue 5), and never held whole. A
    smaller picture ordered from the preview (`Picture.order_shrunk`) is made on the way."""
    pixels = picture.pixels
    if pixels is None:
        return encode_display(picture.pil, max_side)
    width, height = picture.size
    factor = preview_factor(width, height, max_side)
    if factor == 1:
        return _png(pixels.reshape(height, -1), picture.mode), PNG_MIME
    shown_width, shown_height = preview_size(width, height, max_side)
    further = picture.ordered(factor) or 0
    if further:
        # Bands start on multiples of `further` rows, so none of its rows spans two bands.
        ordered = np.empty(
            (-(-shown_height // further), -(-shown_width // further), *pixels.shape[2:]),
            np.uint8,
        )

    def preview_rows(first: int, last: int) -> np.ndarray:
        rows = shrink_rows(pixels, factor, first, last)
        if further:
            start = first // further
            ordered[start : start + -(-(last - first) // further)] = (
                rows if further == 1 else shrink_rows(rows, further, 0, len(rows))
            )
        return rows

    png = _png_of_rows(preview_rows, shown_width, shown_height, picture.mode, align=max(1, further))
    if further:
        made = Picture(pixels=ordered, mode=picture.mode)
        picture.deliver(factor * further, factor, made)
    return png, PNG_MIME


def encode_display_many(
    pil_images: Sequence[PILImage.Image], max_side: int = DEFAULT_MAX_SIDE
) -> list[tuple[bytes, str]]:
    """`encode_display` for every picture of a grid, on several threads, in order."""
    for picture in pil_images:
        _check(picture, max_side)
    if len(pil_images) < 2:
        return [encode_display(p, max_side) for p in pil_images]
    return map_tasks(lambda p: encode_display(p, max_side), pil_images)


def _check(pil_image: object, max_side: object) -> None:
    if not isinstance(pil_image, PILImage.Image):
        raise bad_type("pil_image", pil_image, "a PIL.Image.Image")
    if isinstance(max_side, bool) or not isinstance(max_side, int):
        raise bad_type("max_side", max_side, "a positive int")
    if max_side < 1:
        raise bad_value("max_side", f"got {max_side}", "pass a positive number of pixels")


def displayable(pil_image: PILImage.Image) -> PILImage.Image:
    """The picture in a mode a PNG can hold and a browser can draw."""
    mode = pil_image.mode
    if mode in _COLOUR_TYPES or mode in _PILLOW_MODES:
        return pil_image
    if mode == "La":
        return pil_image.convert("LA")
    if mode in {"I", "F", "I;16L", "I;16N"}:
        # No browser draws 32-bit samples: show them as 8-bit gray, clipped to 0..255.
        return pil_image.convert("L")
    has_alpha = "A" in pil_image.getbands() or (mode == "PA")
    return pil_image.convert("RGBA" if has_alpha else "RGB")


def _pillow_png(pil_image: PILImage.Image) -> bytes:
    import io

    buffer = io.BytesIO()
    pil_image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _png(samples: np.ndarray, mode: str) -> bytes:
    """A PNG of uint8 sample rows (H, W × bytes per pixel) of an L/LA/RGB/RGBA/I;16 picture
    (I;16 big-endian)."""
    pixel_bytes = _COLOUR_TYPES[mode][1] * _COLOUR_TYPES[mode][2]
    height, row_bytes = samples.shape

    def rows(first: int, last: int) -> np.ndarray:
        return samples[first:last]

    return _png_of_rows(rows, row_bytes // pixel_bytes, height, mode)


def _png_of_rows(rows: RowSource, width: int, height: int, mode: str, align: int = 1) -> bytes:
    """A PNG of a width×height picture whose sample rows `rows(first, last)` gives (any
    shape whose rows flatten to width × bytes per pixel): every row with the "sub" filter,
    one IDAT. Rows are asked for in ranges that start on multiples of `align`."""
    colour_type, channels, sample_bytes = _COLOUR_TYPES[mode]
    pixel_bytes = channels * sample_bytes
    header = struct.pack(">IIBBBBB", width, height, 8 * sample_bytes, colour_type, 0, 0, 0)
    idat = _zlib_stream(rows, height, width * pixel_bytes, pixel_bytes, align)
    crc = _crc(b"IDAT", idat)
    # One join of all the pieces: the compressed data is copied once, not per wrapper.
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            struct.pack(">I", sum(map(len, idat))),
            b"IDAT",
            *idat,
            struct.pack(">I", crc),
            _chunk(b"IEND", b""),
        )
    )


def _samples(pil_image: PILImage.Image) -> np.ndarray:
    """A PIL picture's sample rows as PNG stores them (I;16 big-endian)."""
    # Pillow stores I;16 little-endian; PNG wants big-endian samples.
    data = pil_image.tobytes("raw", "I;16B") if pil_image.mode == "I;16" else pil_image.tobytes()
    return np.frombuffer(data, np.uint8).reshape(pil_image.height, -1)


def _crc(kind: bytes, parts: Sequence[bytes]) -> int:
    crc: int = _checksums.crc32(kind)
    for part in parts:
        crc = _checksums.crc32(part, crc)
    return crc


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", _crc(kind, [body]))


def _sub_filter(samples: np.ndarray, pixel_bytes: int, out: np.ndarray) -> None:
    """PNG rows with the "sub" filter: a filter-type byte (1), then each byte minus the same
    byte of the pixel to its left (mod 256), written to `out` (rows, 1 + row bytes).

    Photos and model outputs are locally smooth, so this halves the compressed size at the
    cost of one vectorised subtraction.
    """
    out[:, 0] = 1
    out[:, 1 : 1 + pixel_bytes] = samples[:, :pixel_bytes]
    np.subtract(samples[:, pixel_bytes:], samples[:, :-pixel_bytes], out=out[:, 1 + pixel_bytes :])


def _deflate_rows(
    rows: RowSource,
    first: int,
    last: int,
    row_bytes: int,
    pixel_bytes: int,
    final: bool,
    align: int = 1,
) -> tuple[list[bytes], int]:
    """Raw deflate at level 1 of rows first..last, sub-filtered, as the compressor's pieces,
    and the adler32 of the filtered bytes. A stripe that is not the final one ends
    byte-aligned (sync flush), so the stripes concatenate into one valid stream.

    Rows are fetched (a preview's are shrunk then), filtered, checksummed and compressed a
    cache-sized chunk at a time through one small scratch buffer (perf, issue 5: no
    picture-sized filtered copy, whose fresh pages cost more than the subtraction). The
    pieces are joined once, by `_png_of_rows`: a join per stripe copied the data twice.
    """
    rows_per_chunk = max(align, _CHUNK_BYTES // (1 + row_bytes) // align * align)
    scratch = np.empty((min(last - first, rows_per_chunk), 1 + row_bytes), np.uint8)
    if isal_zlib is not None:
        compressor = isal_zlib.compressobj(1, isal_zlib.DEFLATED, -15)
        flush = isal_zlib.Z_FINISH if final else isal_zlib.Z_SYNC_FLUSH
    else:
        compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
        flush = zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH
    pieces: list[bytes] = []
    checksum = 1  # adler32 of nothing
    for start in range(first, last, rows_per_chunk):
        stop = min(last, start + rows_per_chunk)
        filtered = scratch[: stop - start]
        _sub_filter(rows(start, stop).reshape(stop - start, row_bytes), pixel_bytes, filtered)
        checksum = _checksums.adler32(filtered, checksum)
        # The compressor consumes all of its input before returning: the scratch is free.
        pieces.append(compressor.compress(filtered))
    pieces.append(compressor.flush(flush))
    return pieces, checksum


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The adler32 of A + B from adler32(A), adler32(B) and len(B) (zlib's adler32_combine,
    which Python does not expose): stripes are checksummed on their own threads."""
    a1, b1 = first & 0xFFFF, first >> 16
    a2, b2 = second & 0xFFFF, second >> 16
    # A is 1 + the sum of the bytes, B the sum of A after each byte.
    a = (a1 + a2 - 1) % _ADLER_BASE
    b = (b1 + b2 + second_length * (a1 - 1)) % _ADLER_BASE
    return (b << 16) | a


def _zlib_stream(
    rows: RowSource, height: int, row_bytes: int, pixel_bytes: int, align: int = 1
) -> list[bytes]:
    """The pieces of a zlib stream (what IDAT holds) of the sub-filtered rows, at level 1.

    Big pictures are cut into stripes of rows compressed on several threads (the
    compressors release the GIL); each stripe starts a fresh dictionary, which costs a few
    hundred bytes per stripe.
    """
    stripes = max(1, min(WORKERS, height, height * (1 + row_bytes) // _STRIPE_BYTES))
    bounds = [height * i // stripes // align * align for i in range(stripes)] + [height]

    def stripe(i: int) -> tuple[list[bytes], int]:
        last = i == stripes - 1
        return _deflate_rows(rows, bounds[i], bounds[i + 1], row_bytes, pixel_bytes, last, align)

    done = map_leaves(stripe, range(stripes))
    checksum = done[0][1]
    for i in range(1, stripes):
        stripe_bytes = (bounds[i + 1] - bounds[i]) * (1 + row_bytes)
        checksum = adler32_combine(checksum, done[i][1], stripe_bytes)
    # 0x78 0x01: deflate with a 32 KiB window, "fastest" level hint; header checksum valid.
    pieces = [piece for stripe_pieces, _ in done for piece in stripe_pieces]
    return [b"\x78\x01", *pieces, struct.pack(">I", checksum)]
