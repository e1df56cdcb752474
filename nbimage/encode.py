"""Encode a picture into the bytes of the file wandb would write (png, jpg/jpeg or bmp).

wandb saves with `PIL.Image.save(path, transparency=None)` and Pillow's default settings
(JPEG quality 75). We do the same, except that where Pillow cannot write the picture's mode
in that format (wandb would crash) we convert to the nearest mode it can write.
"""

from __future__ import annotations

import io

from PIL import Image as PILImage

from nbimage._errors import bad_type, bad_value

FILE_TYPES: tuple[str, ...] = ("png", "jpg", "jpeg", "bmp")

MIME_TYPES: dict[str, str] = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "bmp": "image/bmp",
}

_PIL_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "bmp": "BMP"}

# Modes Pillow 10+ writes for each format without conversion.
_WRITABLE_MODES = {
    "PNG": frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "I;16", "I;16B"}),
    "JPEG": frozenset({"1", "L", "RGB", "CMYK", "YCbCr"}),
    "BMP": frozenset({"1", "L", "P", "RGB", "RGBA"}),
}
_GRAY_MODES = frozenset({"1", "L", "LA", "La", "I", "I;16", "I;16B", "I;16L", "I;16N", "F"})
_ALPHA_MODES = frozenset({"LA", "La", "PA", "RGBA", "RGBa"})


def check_file_type(file_type: object, argument: str = "file_type") -> str:
    """Validate a file type argument and return it (one of FILE_TYPES)."""
    if not isinstance(file_type, str):
        raise bad_type(argument, file_type, "one of " + ", ".join(repr(t) for t in FILE_TYPES))
    if file_type not in FILE_TYPES:
        hint = f"did you mean {file_type.lower()!r}?" if file_type.lower() in FILE_TYPES else None
        raise bad_value(
            argument,
            f"unknown file type {file_type!r}; accepted: {', '.join(FILE_TYPES)}",
            hint,
        )
    return file_type


def writable(image: PILImage.Image, file_type: str) -> PILImage.Image:
    """The picture in a mode the format can store (the same object when no change is needed).

    JPEG has no alpha: RGBA loses its alpha channel (it is dropped, not blended).
    """
    pil_format = _PIL_FORMATS[check_file_type(file_type)]
    if image.mode in _WRITABLE_MODES[pil_format]:
        return image
    keeps_alpha = pil_format != "JPEG" and (
        image.mode in _ALPHA_MODES or (image.mode == "P" and "transparency" in image.info)
    )
    if keeps_alpha:
        target = "LA" if image.mode in {"LA", "La"} and pil_format == "PNG" else "RGBA"
    elif image.mode in _GRAY_MODES:
        target = "L"
    else:
        target = "RGB"
    if image.mode == "La":
        # Pillow converts premultiplied La only to LA.
        image = image.convert("LA")
    return image.convert(target)


def encode(image: PILImage.Image, file_type: str = "png") -> bytes:
    """The encoded file for `image` as `file_type` (png, jpg, jpeg or bmp) says."""
    if not isinstance(image, PILImage.Image):
        raise bad_type("image", image, "a PIL.Image.Image")
    pil_format = _PIL_FORMATS[check_file_type(file_type)]
    buffer = io.BytesIO()
    writable(image, file_type).save(buffer, format=pil_format, transparency=None)
    return buffer.getvalue()
