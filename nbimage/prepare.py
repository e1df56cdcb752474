"""prepare(): any input -> the picture wandb 0.22.3 would save, the raw values, and why.

inputs (read and validate) -> layout (axes, batches) -> normalize (rule, NaN/Inf)
-> PIL picture (mode) -> diagnostics. This is the one entry point the model uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import PIL.Image

from nbimage._errors import bad_type, bad_value
from nbimage.diagnostics import Diagnostic, Facts, diagnose
from nbimage.inputs import Loaded, Source, load
from nbimage.layout import Arranged, arrange, check_grid, grid_size, make_grid
from nbimage.normalize import guess_mode, to_pixels
from nbimage.picture import Picture

# Every mode Pillow knows; anything else passed as `mode=` is a typo.
PIL_MODES = tuple(PIL.Image.MODES)
# The modes Pillow accepts for uint8 pixels, by channel count (0: an (H, W) array).
MODES_BY_CHANNELS: dict[int, tuple[str, ...]] = {
    0: ("L", "P"),
    2: ("LA", "La", "PA"),
    3: ("RGB", "YCbCr", "LAB", "HSV"),
    4: ("RGBA", "RGBa", "RGBX", "CMYK"),
}
JPEG_TYPES = ("jpg", "jpeg")
# Modes with an alpha band, and the mode the picture keeps once it is dropped.
WITHOUT_ALPHA = {"RGBA": "RGB", "RGBa": "RGB", "PA": "RGB", "LA": "L", "La": "L"}


@dataclass(frozen=True)
class Prepared:
    """The picture to save and everything known about how it came to be."""

    picture: Picture  # what wandb 0.22.3 saves (mode and pixels); jpg drops alpha
    raw: np.ndarray | None  # input values aligned with the pixels; None for PIL/file inputs
    source: Source
    rule: str | None  # "rule-scale-01" | "rule-rescale-pm1" | "rule-clip" | None
    diagnostics: tuple[Diagnostic, ...]
    # (min, max) of raw's finite values, known from normalization's statistics so that
    # displaying never scans raw again (perf, issue 5); None without raw or finite values.
    finite_range: tuple[float, float] | None = None
    file_bytes: bytes | None = None  # a path's file as read at construction
    # A batch laid out as a grid: (count, height, width) of its samples (the inspector
    # names the sample under the pointer); None for one picture.
    batch: tuple[int, int, int] | None = None

    @property
    def image(self) -> PIL.Image.Image:
        """The picture as PIL (made on first use)."""
        return self.picture.pil


def check_mode(mode: Any) -> None:
    """`mode=` is None or a Pillow mode name."""
    if mode is None:
        return
    if not isinstance(mode, str):
        raise bad_type("mode", mode, "None or a PIL mode name such as 'L', 'RGB' or 'RGBA'")
    if mode not in PIL_MODES:
        raise bad_value(
            "mode",
            f"{mode!r} is not a PIL mode",
            f"pass None (guessed from the channels) or one of {', '.join(PIL_MODES)}",
        )


def prepare(
    data_or_path: Any,
    *,
    mode: str | None = None,
    normalize: bool = True,
    file_type: str = "png",
) -> Prepared:
    """Turn any accepted input into a `Prepared` picture (see the module docstring)."""
    check_mode(mode)
    if not isinstance(normalize, (bool, np.bool_)):
        raise bad_type("normalize", normalize, "True or False")
    loaded = load(data_or_path)
    if loaded.picture is not None:
        return _from_picture(loaded, loaded.picture, file_type)
    assert loaded.array is not None
    return _from_array(loaded, loaded.array, mode, bool(normalize), file_type)


def _from_picture(loaded: Loaded, picture: PIL.Image.Image, file_type: str) -> Prepared:
    """PIL pictures and files pass as they are (the reference ignores `mode=` for them)."""
    dropped = file_type if file_type in JPEG_TYPES and picture.mode in WITHOUT_ALPHA else None
    if dropped:
        picture = drop_alpha(picture)
    found = diagnose(
        Facts(loaded.source, loaded.input_dtype, loaded.input_shape, alpha_dropped=dropped)
    )
    return Prepared(
        Picture(pil=picture), None, loaded.source, None, found, file_bytes=loaded.file_bytes
    )


def drop_alpha(picture: PIL.Image.Image) -> PIL.Image.Image:
    """The picture without its alpha band (not composited: colour values kept as they are)."""
    if picture.mode in ("La", "RGBa", "PA"):
        picture = picture.convert("LA" if picture.mode == "La" else "RGBA")
    return picture.convert(WITHOUT_ALPHA[picture.mode])


def _channels(arranged: Arranged) -> int:
    """Channel count of the arranged data; 0 for a plain (H, W) picture."""
    array = arranged.array
    picture_ndim = array.ndim - (1 if arranged.is_batch else 0)
    if picture_ndim == 2:
        return 0
    channels = int(array.shape[-1])
    return 0 if channels == 1 else channels


def _choose_mode(mode: str | None, channels: int) -> str:
    """The reference's guess, or the caller's `mode=` checked against the channel count."""
    if mode is None:
        return guess_mode(np.empty((1, 1, max(channels, 1)), np.uint8), None)
    accepted = MODES_BY_CHANNELS.get(channels, ())
    if mode not in accepted:
        what = "an (H, W) picture" if channels == 0 else f"{channels} channels"
        raise bad_value(
            "mode",
            f"{mode!r} cannot hold {what} of uint8 pixels",
            f"pass None or one of {', '.join(accepted)}",
        )
    return mode


def _from_array(
    loaded: Loaded, array: np.ndarray, mode: str | None, normalize: bool, file_type: str
) -> Prepared:
    arranged = arrange(array, loaded.convention, mode_given=mode is not None)
    channels = _channels(arranged)
    chosen = _choose_mode(mode, channels)
    data = arranged.array
    if arranged.is_batch:
        check_grid(data)
    if data.ndim == (4 if arranged.is_batch else 3) and data.shape[-1] == 1:
        data = data[..., 0]  # (N, H, W, 1) -> (N, H, W): the grid keeps one channel
    pixels, rule, found = to_pixels(data, normalize=normalize)
    picture_pixels, raw, grid = pixels, data, None
    if arranged.is_batch:
        grid = grid_size(data.shape[0], data.shape[1], data.shape[2])
        picture_pixels = make_grid(_with_channel_axis(pixels))
        raw = make_grid(_with_channel_axis(data))
    dropped = None
    if file_type in JPEG_TYPES and chosen in WITHOUT_ALPHA:
        logged = PIL.Image.fromarray(np.ascontiguousarray(picture_pixels), mode=chosen)
        image = Picture(pil=drop_alpha(logged))
        dropped = file_type
    else:
        image = Picture.of(picture_pixels, chosen)
    low_precision = "upcast" if loaded.upcast else None
    if data.dtype == np.float16:
        low_precision = "float16"
    facts = Facts(
        source=loaded.source,
        input_dtype=loaded.input_dtype,
        input_shape=loaded.input_shape,
        normalize=normalize,
        data=data,
        stats=found,
        rule=rule,
        picture=pixels,
        transposed_from=arranged.transposed_from,
        channels_last_tensor=arranged.channels_last_tensor,
        batch_count=int(data.shape[0]) if arranged.is_batch else 0,
        grid=grid,
        alpha_dropped=dropped,
        low_precision=low_precision,
    )
    span = (found.lo, found.hi) if found.finite else None
    if arranged.is_batch:  # raw is the grid: its padding adds the value 0
        span = (min(span[0], 0.0), max(span[1], 0.0)) if span else (0.0, 0.0)
    found_all = diagnose(facts)
    if loaded.converted:  # a sparse or quantized tensor: say what was done to read it
        found_all += (
            Diagnostic(
                "tensor-converted",
                "info",
                f"the {loaded.input_dtype} tensor was {loaded.converted} to read its values "
                "(wandb 0.22.3 fails on it) -> pass a dense, plain tensor to skip this",
            ),
        )
    batch = None
    if arranged.is_batch:
        batch = (int(data.shape[0]), int(data.shape[1]), int(data.shape[2]))
    return Prepared(image, raw, loaded.source, rule, found_all, span, batch=batch)


def _with_channel_axis(batch: np.ndarray) -> np.ndarray:
    return batch[..., np.newaxis] if batch.ndim == 3 else batch
