"""Both ways between nbimage and wandb: `Image(wandb.Image)` and `Image.to_wandb()`.

People who already build `wandb.Image` objects display them as they are; a picture debugged
here is logged unchanged. wandb is imported only here, and only when one of these is used
(a wandb object can only reach `from_wandb_*` if wandb made it). wandb keeps what it was
given in private attributes (`_caption`, `_boxes`, `_val`...); this module is the one place
that reads them, pinned to wandb 0.22.3 by tests/test_wandb_bridge.py.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import PIL
from PIL import Image as PILImage

from nbimage._errors import bad_type, bad_value, short

if TYPE_CHECKING:
    from nbimage.model import Image
    from nbimage.overlays import BoundingBoxes2D, ImageMask

INSTALL = "pip install wandb (nbimage follows wandb 0.22.3: pip install wandb==0.22.3)"


def is_wandb(value: object) -> bool:
    """An object of a wandb class (checked by module name: wandb is not imported)."""
    return type(value).__module__.split(".")[0] == "wandb"


def _type_name(value: object) -> str:
    return f"{type(value).__module__}.{type(value).__name__}"


def _wandb() -> Any:
    try:
        import wandb
    except ImportError as error:
        raise ImportError(f"Image.to_wandb needs the wandb package: {INSTALL}") from error
    return wandb


# ---------------------------------------------------------------- wandb -> nbimage


def image_parts(value: Any, argument: str = "data_or_path") -> dict[str, Any]:
    """What `nbimage.Image(value)` takes from a wandb.Image: the picture (a PIL image or
    the file wandb logs as it is), its file type, caption, grouping, classes, boxes, masks."""
    from wandb import Image as WandbImage

    if not isinstance(value, WandbImage):
        raise wandb_type_error(value, argument)
    path = value._path
    if path is not None and not isinstance(path, str):
        raise bad_value(argument, f"this wandb.Image's file is {short(path)}, not a path")
    if path is not None and value.path_is_reference(path):
        raise bad_value(
            argument,
            f"this wandb.Image refers to {path!r}, a remote file with no pixels here",
            "download it and pass the file, or build the wandb.Image from the data",
        )
    # The file wandb wrote (or was given) is what it logs: the same file here, so a JPEG is
    # not encoded a second time. Without one, the picture it holds.
    data: Any = path
    if path is None:
        data = value.image
        if data is None:
            raise bad_value(argument, "this wandb.Image holds no picture")
    file_type = None if path is not None else value.format
    return {
        "data": data,
        "file_type": file_type,
        **_held(value, argument),
        "boxes": {
            key: boxes_val(layer, f"{argument}._boxes[{key!r}]")
            for key, layer in _layers(value._boxes, f"{argument}._boxes").items()
        },
        "masks": {
            key: mask_val(layer, f"{argument}._masks[{key!r}]")
            for key, layer in _layers(value._masks, f"{argument}._masks").items()
        },
    }


def _held(value: Any, argument: str) -> dict[str, Any]:
    """Caption, grouping and classes as wandb keeps them, checked (code may have set them)."""
    caption, grouping, classes = value._caption, value._grouping, value._classes
    if caption is not None and not isinstance(caption, str):
        raise bad_type(f"{argument}._caption", caption, "None or a str caption")
    if grouping is not None and (
        isinstance(grouping, bool) or not isinstance(grouping, int) or abs(grouping) > 2**53
    ):
        raise bad_type(f"{argument}._grouping", grouping, "None or an int")
    class_set = getattr(classes, "_class_set", None)
    if classes is not None and not isinstance(class_set, (list, tuple)):
        raise bad_type(f"{argument}._classes", classes, "None or a wandb.Classes")
    return {
        "caption": caption,
        "grouping": grouping,
        "classes": None if class_set is None else list(class_set),
    }


def _layers(value: Any, where: str) -> Mapping[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise bad_type(where, value, "None or a dict of layer name -> layer")
    return value


def boxes_val(value: Any, where: str) -> dict[str, Any]:
    """The `val` a wandb BoundingBoxes2D was built from (its boxes and class labels)."""
    from wandb.data_types import BoundingBoxes2D as WandbBoxes

    if not isinstance(value, WandbBoxes):
        raise TypeError(
            f"{where}: expected a BoundingBoxes2D (nbimage's or wandb's) or a dict with "
            f"box_data, got a {_type_name(value)}"
        )
    return {"box_data": value._val, "class_labels": value._class_labels}


def mask_val(value: Any, where: str) -> dict[str, Any]:
    """The `val` a wandb ImageMask was built from: its ids and labels, or its file."""
    from wandb.data_types import ImageMask as WandbMask

    if not isinstance(value, WandbMask):
        raise TypeError(
            f"{where}: expected an ImageMask (nbimage's or wandb's) or a dict with mask_data, "
            f"got a {_type_name(value)}"
        )
    val = getattr(value, "_val", None)
    if val is None:  # built from {"path": ...}: wandb keeps the file only
        return {"path": value._path}
    return {"mask_data": val["mask_data"], "class_labels": val["class_labels"]}


def wandb_type_error(value: Any, argument: str) -> TypeError:
    """A wandb object where a picture was expected: name its type and what is accepted."""
    return TypeError(
        f"{argument}: a {_type_name(value)} is not a picture; expected a wandb.Image, or the "
        "data itself (a numpy array, a torch tensor, a PIL image, a path, a matplotlib figure)"
    )


# ---------------------------------------------------------------- nbimage -> wandb


def _wandb_boxes(wandb: Any, layer: BoundingBoxes2D) -> Any:
    box_data = layer.to_json()["box_data"]
    return wandb.data_types.BoundingBoxes2D(
        {"box_data": box_data, "class_labels": layer.class_labels}, layer.key
    )


def _pillow_major() -> int:
    return int(PIL.__version__.split(".")[0])


def _wandb_mask(wandb: Any, layer: ImageMask) -> Any:
    if layer.path is not None:
        # As it was given: wandb keeps a mask file as it is (and no labels with it).
        return wandb.data_types.ImageMask({"path": layer.path}, layer.key)
    ids = layer.class_ids()
    val: dict[str, Any] = {"mask_data": ids, "class_labels": layer.class_labels}
    if _pillow_major() < 12:
        return wandb.data_types.ImageMask(val, layer.key)
    # wandb 0.22.3 writes the ids with `Image.fromarray(ids.astype(int8), mode="L")`, which
    # Pillow >= 12 refuses ("Invalid mode for data type"): write the same 8-bit PNG here and
    # give the mask what wandb's constructor would have kept (its ids, labels and key).
    from wandb.sdk.data_types._private import MEDIA_TMP
    from wandb.sdk.lib import runid

    extension = ".mask.png"
    path = os.path.join(MEDIA_TMP.name, runid.generate_id() + extension)
    PILImage.fromarray(ids).save(path, transparency=None)
    mask = wandb.data_types.ImageMask({"path": path}, layer.key)
    mask._set_file(path, is_tmp=True, extension=extension)
    mask._val = val
    mask._key = layer.key
    return mask


def to_wandb(image: Image) -> Any:
    """A wandb.Image with the same picture (pixel for pixel), caption, grouping, classes,
    boxes and masks; a file input is handed to wandb as the file, logged as it is."""
    wandb = _wandb()
    data: Any = image._file if image._file is not None else image.image
    classes = image.classes
    return wandb.Image(
        data,
        caption=image.caption,
        grouping=image.grouping,
        classes=None if classes is None else classes.class_set,
        boxes={key: _wandb_boxes(wandb, layer) for key, layer in image.boxes.items()} or None,
        masks={key: _wandb_mask(wandb, layer) for key, layer in image.masks.items()} or None,
        file_type=None if image._file is not None else image.format,
    )


__all__ = [
    "boxes_val",
    "image_parts",
    "is_wandb",
    "mask_val",
    "to_wandb",
    "wandb_type_error",
]
