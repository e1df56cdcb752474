"""Compare lossless PNG encoders for the display path (how `display_encode` was chosen).

Run with the candidates importable, e.g.::

    pip install --target /tmp/enc zlib-ng isal imagecodecs fpng lazy_loader
    PYTHONPATH=/tmp/enc .venv/bin/python bench/encoders.py

Candidates that are not installed are skipped. Every result is decoded again and
compared with the input, so a fast but lossy or broken encoder cannot win.
"""

from __future__ import annotations

import io
import statistics
import struct
import sys
import time
import zlib
from collections.abc import Callable
from typing import Any

import numpy as np
from PIL import Image as PILImage

Encoder = Callable[[np.ndarray], bytes]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png(pixels: np.ndarray, compress: Callable[[bytes], bytes], sub: bool) -> bytes:
    """A minimal RGB PNG: one filter for every row, one IDAT."""
    height, width, channels = pixels.shape
    rows = np.empty((height, 1 + width * channels), np.uint8)
    flat = pixels.reshape(height, width * channels)
    if sub:
        rows[:, 0] = 1
        rows[:, 1 : 1 + channels] = flat[:, :channels]
        np.subtract(flat[:, channels:], flat[:, :-channels], out=rows[:, 1 + channels :])
    else:
        rows[:, 0] = 0
        rows[:, 1:] = flat
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", compress(rows.tobytes()))
        + _chunk(b"IEND", b"")
    )


def _pillow(level: int) -> Encoder:
    def encode(pixels: np.ndarray) -> bytes:
        out = io.BytesIO()
        PILImage.fromarray(pixels).save(out, format="PNG", compress_level=level)
        return out.getvalue()

    return encode


def candidates() -> dict[str, Encoder]:
    found: dict[str, Encoder] = {
        "pillow level 6 (wandb)": _pillow(6),
        "pillow level 1": _pillow(1),
        "pillow level 0": _pillow(0),
        "own PNG, sub + stdlib zlib 1": lambda p: _png(p, lambda b: zlib.compress(b, 1), True),
    }
    optional: dict[str, tuple[str, Callable[[Any], Encoder]]] = {
        "own PNG, sub + zlib-ng 1": (
            "zlib_ng.zlib_ng",
            lambda m: lambda p: _png(p, lambda b: m.compress(b, 1), True),
        ),
        "own PNG, none + zlib-ng 1": (
            "zlib_ng.zlib_ng",
            lambda m: lambda p: _png(p, lambda b: m.compress(b, 1), False),
        ),
        "own PNG, sub + isal 1": (
            "isal.isal_zlib",
            lambda m: lambda p: _png(p, lambda b: m.compress(b, 1), True),
        ),
        "own PNG, sub + isal 0": (
            "isal.isal_zlib",
            lambda m: lambda p: _png(p, lambda b: m.compress(b, 0), True),
        ),
        "imagecodecs libpng 1/rle/sub": (
            "imagecodecs",
            lambda m: lambda p: m.png_encode(p, level=1, strategy=3, filter=16),
        ),
        "imagecodecs spng 1": ("imagecodecs", lambda m: lambda p: m.spng_encode(p, level=1)),
        "fpng": ("fpng", lambda m: lambda p: m.from_ndarray(p)),
    }
    import importlib

    for name, (module, make) in optional.items():
        try:
            found[name] = make(importlib.import_module(module))
        except ImportError:
            print(f"skipped {name}: {module} is not installed", file=sys.stderr)
    return found


def pictures() -> dict[str, np.ndarray]:
    from skimage import data

    photo = PILImage.fromarray(data.astronaut())
    rng = np.random.default_rng(0)
    smooth = np.linspace(0, 1, 1024, dtype=np.float32)
    model_output = (np.add.outer(smooth, smooth)[..., None] / 2 * [1, 0.5, 0.25]) + rng.normal(
        0, 0.02, (1024, 1024, 3)
    )
    return {
        "photo 1024²": np.asarray(photo.resize((1024, 1024), PILImage.Resampling.BICUBIC)),
        "photo 2048²": np.asarray(photo.resize((2048, 2048), PILImage.Resampling.BICUBIC)),
        "noisy gradient 1024²": (model_output.clip(0, 1) * 255).astype(np.uint8),
    }


def main() -> None:
    encoders = candidates()
    for picture_name, pixels in pictures().items():
        print(f"\n{picture_name}, {pixels.nbytes / 1e6:.1f} MB raw")
        print(f"{'encoder':32} {'median ms':>10} {'size MB':>8} {'ratio':>6}")
        for name, encode in encoders.items():
            times = []
            for _ in range(5):
                start = time.perf_counter()
                blob = encode(pixels)
                times.append(time.perf_counter() - start)
            decoded = np.asarray(PILImage.open(io.BytesIO(blob)).convert("RGB"))
            exact = "" if np.array_equal(decoded, pixels) else "  NOT LOSSLESS"
            print(
                f"{name:32} {statistics.median(times) * 1e3:10.1f} {len(blob) / 1e6:8.2f}"
                f" {len(blob) / pixels.nbytes:6.2f}{exact}"
            )


if __name__ == "__main__":
    main()
