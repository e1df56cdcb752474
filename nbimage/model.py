"""The public `Image`: wandb.Image's API over one picture, its overlays and its diagnostics.

`Image` is a plain model: building one reads and normalizes the data (through `prepare`)
and validates the overlays, but opens no widget. Displaying it (`_repr_mimebundle_`)
builds the view in `nbimage.views`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from PIL import Image as PILImage

from nbimage import figures, wandb_bridge
from nbimage import normalize as _normalize
from nbimage._errors import bad_type, bad_value, short
from nbimage.diagnostics import Diagnostic
from nbimage.encode import FILE_TYPES, MIME_TYPES, check_file_type, encode
from nbimage.heatmaps import Heatmap, check_heatmaps
from nbimage.overlays import BoundingBoxes2D, Classes, ImageMask, check_layers
from nbimage.picture import Picture
from nbimage.prepare import check_mode, prepare
from nbimage.text import clean, replaced_diagnostic

# File extensions `save` recognises as naming a picture format, by the format they name.
_EXTENSION_FORMATS = {
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".bmp": "bmp",
    ".gif": "gif",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".webp": "webp",
}
_CAPTION_SHOWN = 40  # characters of a caption kept in the repr
_MAX_GROUPING = 2**31 - 1  # a row length; travels as a JSON number


def _check_caption(caption: Any) -> str | None:
    if caption is None:
        return None
    if isinstance(caption, (bool, np.bool_)) or not isinstance(
        caption, (str, int, float, np.integer, np.floating)
    ):
        raise bad_type("caption", caption, "a str (or an int or float, shown as text)")
    if isinstance(caption, str):
        return caption
    try:
        return str(caption)
    except ValueError:  # Python will not print an int of over 4300 digits
        raise bad_value("caption", f"{short(caption)} is too long to show as text") from None


def _check_grouping(grouping: Any) -> int | None:
    if grouping is None:
        return None
    if isinstance(grouping, (bool, np.bool_)) or not isinstance(grouping, (int, np.integer)):
        raise bad_type("grouping", grouping, "an int (start a new row after this many images)")
    if grouping < 0:
        raise bad_value("grouping", f"negative ({short(grouping)})", "give a count >= 0")
    if grouping > _MAX_GROUPING:
        raise bad_value(
            "grouping", f"{short(grouping)} is too large", f"give at most {_MAX_GROUPING}"
        )
    return int(grouping)


def _as_classes(classes: Any) -> Classes | None:
    if classes is None or isinstance(classes, Classes):
        return classes
    return Classes(classes)


def _as_boxes(boxes: Any) -> dict[str, BoundingBoxes2D]:
    if boxes is None:
        return {}
    layers: dict[str, BoundingBoxes2D] = {}
    for key, layer in check_layers(boxes, "boxes").items():
        if isinstance(layer, BoundingBoxes2D):
            # The dict's key names the layer everywhere (legend, toggles, diagnostics).
            layers[key] = layer if layer.key == key else layer.renamed(key)
        elif isinstance(layer, Mapping):
            layers[key] = BoundingBoxes2D(layer, key)
        elif wandb_bridge.is_wandb(layer):
            layers[key] = BoundingBoxes2D(wandb_bridge.boxes_val(layer, f"boxes[{key!r}]"), key)
        else:
            raise bad_type(f"boxes[{key!r}]", layer, "a BoundingBoxes2D or a dict with box_data")
    return layers


def _as_masks(masks: Any) -> dict[str, ImageMask]:
    if masks is None:
        return {}
    layers: dict[str, ImageMask] = {}
    for key, layer in check_layers(masks, "masks").items():
        if isinstance(layer, ImageMask):
            layers[key] = layer if layer.key == key else layer.renamed(key)
        elif isinstance(layer, Mapping):
            layers[key] = ImageMask(layer, key)
        elif wandb_bridge.is_wandb(layer):
            layers[key] = ImageMask(wandb_bridge.mask_val(layer, f"masks[{key!r}]"), key)
        else:
            raise bad_type(f"masks[{key!r}]", layer, "an ImageMask or a dict with mask_data")
    return layers


def _merged_classes(
    boxes: Mapping[str, BoundingBoxes2D],
    masks: Mapping[str, ImageMask],
    classes: Classes | None,
) -> Classes | None:
    """wandb's `classes`: the layers' class labels, then `classes=`, later ones winning."""
    total: dict[Any, str] = {}
    for box_layer in boxes.values():
        total.update(box_layer.class_labels)
    for mask_layer in masks.values():
        if mask_layer.path is None:  # wandb keeps no labels for a mask file
            total.update(mask_layer.class_labels)
    if classes is not None:
        total.update({entry["id"]: entry["name"] for entry in classes.class_set})
    if not total:
        return None
    return Classes([{"id": class_id, "name": name} for class_id, name in total.items()])


def _is_torch(value: object) -> bool:
    return type(value).__module__.split(".")[0] == "torch"


class Image:
    """A picture exactly as `wandb.Image` (0.22.3) would log it, with boxes and masks.

    Same constructor as the reference. Arrays and tensors are normalized by the reference's
    rules (`normalize=True`); PIL images and files pass as they are. `diagnostics` says
    which rule ran and what it did to the data.
    """

    MAX_ITEMS: ClassVar[int] = 108
    MAX_DIMENSION: ClassVar[int] = 65500

    _picture: Picture  # `image`, held as pixels until a PIL picture is asked for
    _raw: np.ndarray | None
    _finite_range: tuple[float, float] | None
    _source: str
    _rule: str | None
    _picture_diagnostics: tuple[Diagnostic, ...]
    _batch: tuple[int, int, int] | None  # a batch grid's (count, height, width) of samples
    _diagnostics: tuple[Diagnostic, ...]
    _format: str
    _file: str | None  # the file whose bytes wandb would upload as they are (path inputs)
    _file_bytes: bytes | None  # ...as read when the Image was built (the file may change)
    _caption: str | None
    _grouping: int | None
    _boxes: dict[str, BoundingBoxes2D]
    _masks: dict[str, ImageMask]
    _classes: Classes | None
    _heatmaps: dict[str, Heatmap]

    def __init__(
        self,
        data_or_path: Any,
        mode: str | None = None,
        caption: str | None = None,
        grouping: int | None = None,
        classes: Classes | Sequence[Mapping[str, Any]] | None = None,
        boxes: Mapping[str, BoundingBoxes2D | Mapping[str, Any]] | None = None,
        masks: Mapping[str, ImageMask | Mapping[str, Any]] | None = None,
        file_type: str | None = None,
        normalize: bool = True,
        heatmaps: Mapping[str, Any] | None = None,
    ) -> None:
        # Every cheap argument first, so a typo never costs a normalization pass.
        chosen_type = None if file_type is None else check_file_type(file_type)
        caption_text = _check_caption(caption)
        group = _check_grouping(grouping)
        if not isinstance(normalize, (bool, np.bool_)):
            raise bad_type("normalize", normalize, "True or False")
        own_classes = _as_classes(classes)
        box_layers = _as_boxes(boxes)
        mask_layers = _as_masks(masks)
        self._heatmaps = check_heatmaps(heatmaps)  # nbimage's own: wandb has no heatmaps

        from_wandb = wandb_bridge.is_wandb(data_or_path)
        if from_wandb:
            # A wandb.Image as it is: its picture, caption, grouping, classes and layers;
            # the arguments given here win over what it holds.
            parts = wandb_bridge.image_parts(data_or_path)
            data_or_path = parts["data"]
            chosen_type = chosen_type or parts["file_type"]
            caption_text = caption_text if caption_text is not None else parts["caption"]
            group = group if group is not None else parts["grouping"]
            if own_classes is None and parts["classes"] is not None:
                own_classes = Classes(parts["classes"])
            box_layers = {**_as_boxes(parts["boxes"]), **box_layers}
            mask_layers = {**_as_masks(parts["masks"]), **mask_layers}

        if isinstance(data_or_path, Image):
            # `mode` and `normalize` do not apply to a finished picture (the reference
            # ignores them too), but a misspelt mode is still an error.
            check_mode(mode)
            self._copy_picture(data_or_path, chosen_type)
            other = data_or_path
            caption_text = caption_text if caption_text is not None else other._caption
            group = group if group is not None else other._grouping
            inherited_classes = other._classes
        else:
            self._prepare_picture(data_or_path, mode, bool(normalize), chosen_type)
            inherited_classes = None
        if from_wandb:
            self._source = "wandb"
        self._caption, caption_changed = (None, 0) if caption_text is None else clean(caption_text)
        self._grouping = group
        replaced = ["caption"] if caption_changed else []
        if own_classes is not None:
            replaced += own_classes.replaced
        self._attach_overlays(box_layers, mask_layers, own_classes, inherited_classes)
        if replaced:
            self._diagnostics += (replaced_diagnostic(replaced),)

    def _copy_picture(self, other: Image, chosen_type: str | None) -> None:
        """As the reference: the picture and what is known about it, not the overlays."""
        self._picture = other._picture.copy()
        self._raw = other._raw
        self._finite_range = other._finite_range
        self._source = other._source
        self._rule = other._rule
        self._picture_diagnostics = other._picture_diagnostics
        self._batch = other._batch
        self._format = chosen_type or other._format
        self._file = None if chosen_type else other._file
        self._file_bytes = None if chosen_type else other._file_bytes

    def _prepare_picture(
        self, data_or_path: Any, mode: str | None, normalize: bool, chosen_type: str | None
    ) -> None:
        drawn = None
        if figures.is_matplotlib(data_or_path):
            # As wandb: the figure's own savefig output; `mode`/`normalize` do not apply.
            check_mode(mode)
            drawn = figures.draw(data_or_path, chosen_type or "png")
            data_or_path = drawn.picture
        prepared = prepare(
            data_or_path, mode=mode, normalize=normalize, file_type=chosen_type or "png"
        )
        self._picture = prepared.picture
        self._raw = prepared.raw
        self._finite_range = prepared.finite_range
        self._source = prepared.source
        self._rule = prepared.rule
        self._picture_diagnostics = tuple(prepared.diagnostics)
        self._batch = prepared.batch
        if drawn is not None:
            self._source = "matplotlib"
            self._picture_diagnostics = (drawn.diagnostic, *self._picture_diagnostics)
        self._format = chosen_type or "png"
        self._file = None
        self._file_bytes = None
        if prepared.source == "path" and chosen_type is None:
            # wandb logs a file as it is, under its own extension.
            self._file = os.fspath(data_or_path)
            self._file_bytes = prepared.file_bytes
            suffix = Path(self._file).suffix.lower().lstrip(".")
            self._format = suffix or (self.image.format or "png").lower()

    def _attach_overlays(
        self,
        boxes: dict[str, BoundingBoxes2D],
        masks: dict[str, ImageMask],
        classes: Classes | None,
        inherited_classes: Classes | None,
    ) -> None:
        """Check the overlays against the picture and note what is worth knowing."""
        # A mask of another size is drawn stretched over the picture (`mask-resized`).
        width, height = self._picture.size
        self._boxes = boxes
        self._masks = masks
        self._classes = _merged_classes(boxes, masks, classes) or inherited_classes
        labels = self._classes.labels() if self._classes is not None else {}
        found: list[Diagnostic] = []
        for box_layer in boxes.values():
            found += box_layer.find_problems(width, height, labels)
        for mask_layer in masks.values():
            found += mask_layer.find_problems(width, height, labels)
        self._diagnostics = self._picture_diagnostics + tuple(found)

    # ------------------------------------------------------------ what it holds

    @property
    def image(self) -> PILImage.Image:
        """The PIL picture wandb 0.22.3 would save (mode and pixels)."""
        return self._picture.pil

    @property
    def width(self) -> int:
        return int(self._picture.size[0])

    @property
    def height(self) -> int:
        return int(self._picture.size[1])

    @property
    def format(self) -> str:
        """The file type it is logged as: `file_type` (png by default), a file's extension.

        A path is logged as the file it is (as the reference does) unless `file_type` is
        given, in which case the picture is re-encoded (the reference ignores `file_type`).
        """
        return self._format

    @property
    def file_type(self) -> str:
        """Same as `format`."""
        return self._format

    @property
    def mime(self) -> str:
        """The MIME type of `to_bytes()`."""
        named = _EXTENSION_FORMATS.get("." + self._format, self._format)
        return MIME_TYPES.get(self._format, f"image/{named}")

    @property
    def caption(self) -> str | None:
        return self._caption

    @property
    def grouping(self) -> int | None:
        return self._grouping

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """What happened to the data: the rule that ran, clipping, NaN, overlay problems."""
        return self._diagnostics

    @property
    def rule(self) -> str | None:
        """The normalization rule that ran (`rule-scale-01`, ...), None when none did."""
        return self._rule

    @property
    def raw(self) -> np.ndarray | None:
        """The input values aligned with the picture's pixels; None for files.

        A read-only view of the caller's array where the layout allows (no copy is made), so
        it shows later edits of that array; the picture does not (computed at construction).
        """
        if self._raw is None:
            return None
        view = self._raw.view()
        view.flags.writeable = False
        return view

    @property
    def finite_range(self) -> tuple[float, float] | None:
        """(min, max) of `raw`'s finite values when the Image was built; None when `raw` is
        None or holds no finite value."""
        return self._finite_range

    @property
    def source(self) -> str:
        """What kind of input it came from: numpy, torch, pil, path, bytes, file, image,
        matplotlib or wandb."""
        return self._source

    @property
    def boxes(self) -> dict[str, BoundingBoxes2D]:
        return dict(self._boxes)

    @property
    def masks(self) -> dict[str, ImageMask]:
        return dict(self._masks)

    @property
    def heatmaps(self) -> dict[str, Heatmap]:
        """The heatmaps drawn over the picture in the view (not logged by wandb)."""
        return dict(self._heatmaps)

    @property
    def classes(self) -> Classes | None:
        """All class names known to the image (layers' labels and `classes=`), as wandb."""
        return self._classes

    # ------------------------------------------------------------ output

    def to_bytes(self) -> bytes:
        """The file wandb would log: encoded as `file_type` says, or a path's file as it is."""
        if self._file_bytes is not None:
            return self._file_bytes
        return encode(self.image, self._format)

    def to_wandb(self) -> Any:
        """A `wandb.Image` of the same picture (pixel for pixel), caption, grouping, classes,
        boxes and masks, ready for `run.log`; needs wandb (imported here, not before)."""
        return wandb_bridge.to_wandb(self)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write `to_bytes()` to `path`."""
        if not isinstance(path, (str, os.PathLike)):
            raise bad_type("path", path, "a str or pathlib.Path")
        target = Path(path)
        named = _EXTENSION_FORMATS.get(target.suffix.lower())
        mine = _EXTENSION_FORMATS.get("." + self._format, self._format)
        if named is not None and named != mine:
            raise bad_value(
                "path",
                f"{str(target)!r} names a {named} file but this image is {self._format}",
                f"save to a .{self._format} path, or pass file_type={target.suffix[1:]!r} to Image",
            )
        target.write_bytes(self.to_bytes())

    # ------------------------------------------------------------ the reference's helpers

    def guess_mode(self, data: Any, file_type: str | None = None) -> str:
        """The PIL mode the reference guesses for an array (HWC) or a tensor (CHW)."""
        shape = tuple(int(s) for s in data.shape)
        if _is_torch(data) and len(shape) == 3:
            shape = (*shape[1:], shape[0])
        return _normalize.guess_mode(np.broadcast_to(np.uint8(0), shape), file_type)

    @classmethod
    def to_uint8(cls, data: np.ndarray) -> np.ndarray:
        """The reference page's `to_uint8`: [0, 1] floats times 255, then clip and cast."""
        return _normalize.to_uint8(data)

    @classmethod
    def all_boxes(
        cls,
        images: Sequence[Image],
        run: Any = None,
        run_key: Any = None,
        step: Any = None,
    ) -> list[dict[str, Any] | None] | bool:
        """Per image `{layer: box data}` (None without boxes); False when none has boxes.

        `run`, `run_key` and `step` are accepted for the reference's signature and ignored.
        """
        del run, run_key, step
        return _all_layers(_check_images(images), "_boxes")

    @classmethod
    def all_masks(
        cls,
        images: Sequence[Image],
        run: Any = None,
        run_key: Any = None,
        step: Any = None,
    ) -> list[dict[str, Any] | None] | bool:
        """Per image `{layer: mask info}` (None without masks); False when none has masks.

        `run`, `run_key` and `step` are accepted for the reference's signature and ignored.
        """
        del run, run_key, step
        return _all_layers(_check_images(images), "_masks")

    @classmethod
    def all_captions(cls, images: Sequence[Image]) -> list[str | None] | bool:
        """Every image's caption, or False when the first has none (as the reference)."""
        checked = _check_images(images)
        if not checked or checked[0]._caption is None:
            return False
        return [image._caption for image in checked]

    def to_data_array(self) -> list[list[Any]]:
        """The pixels as wandb returns them: one list per row of `image.getdata()` values
        (an int per pixel for one band, a tuple for several)."""
        return _data_array(self)

    # ------------------------------------------------------------ equality

    # Images are views of mutable data and define `==` by content, so they are unhashable
    # (as wandb.Image, whose `__eq__` leaves it without `__hash__` too).
    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        """wandb's meaning: same grouping, caption, width, height, pixels and classes.

        The cheap fields are compared first, so Images of different sizes never read pixels.
        """
        if not isinstance(other, Image):
            return False  # as wandb (and never numpy's elementwise comparison)
        return (
            self._grouping == other._grouping
            and self._caption == other._caption
            and self._picture.size == other._picture.size
            and self._classes == other._classes
            and _same_pixels(self, other)
        )

    # ------------------------------------------------------------ display

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None, **kwargs: Any
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        from nbimage.views import image_mimebundle

        return image_mimebundle(self, include=include, exclude=exclude)

    def __repr__(self) -> str:
        parts = [f"{self.width}×{self.height} {self._picture.mode}", self._format]
        if self._rule:
            parts.append(self._rule)
        if self._caption is not None:
            caption = self._caption
            if len(caption) > _CAPTION_SHOWN:
                caption = caption[: _CAPTION_SHOWN - 1] + "…"
            parts.append(f"caption={caption!r}")
        if self._grouping is not None:
            parts.append(f"grouping={self._grouping}")
        if self._boxes:
            parts.append(f"boxes={sorted(self._boxes)}")
        if self._masks:
            parts.append(f"masks={sorted(self._masks)}")
        if self._heatmaps:
            parts.append(f"heatmaps={sorted(self._heatmaps)}")
        return f"Image({', '.join(parts)})"


def _check_images(images: Any) -> list[Image]:
    if isinstance(images, (str, bytes)) or not isinstance(images, Sequence):
        raise bad_type("images", images, "a list of nbimage.Image")
    for index, image in enumerate(images):
        if not isinstance(image, Image):
            raise bad_type(f"images[{index}]", image, "an nbimage.Image")
    return list(images)


__all__ = ["FILE_TYPES", "Image"]


def _all_layers(images: Sequence[Image], attribute: str) -> list[dict[str, Any] | None] | bool:
    """`all_boxes`/`all_masks`: per image `{layer: json}` or None; False when no image has any."""
    groups: list[dict[str, Any] | None] = [
        {key: layer.to_json() for key, layer in getattr(image, attribute).items()} or None
        for image in images
    ]
    return groups if any(group is not None for group in groups) else False


def _data_values(image: Image) -> np.ndarray:
    """The logged picture's values as `getdata()` lists them, (H, W) or (H, W, bands).

    wandb compares and lists the picture it reads back from the file it wrote, so a JPEG
    is compared as decoded (lossy), everything else as the pixels themselves.
    """
    pixels = image._picture.pixels
    picture: PILImage.Image
    if image._format in ("jpg", "jpeg") and image._file is None:
        picture = PILImage.open(io.BytesIO(image.to_bytes()))
    elif pixels is not None:
        return pixels
    else:
        picture = image.image
    if picture.mode == "1":  # getdata gives 0/255, numpy booleans
        picture = picture.convert("L")
    return np.asarray(picture)


def _same_pixels(one: Image, other: Image) -> bool:
    """`list(a.getdata()) == list(b.getdata())`, without the lists (equal sizes assumed)."""
    mine, theirs = _data_values(one), _data_values(other)
    if mine is theirs:  # Image(img) shares its source's read-only pixels
        return True
    return mine.shape == theirs.shape and bool(np.array_equal(mine, theirs))


def _data_array(image: Image) -> list[list[Any]]:
    values = _data_values(image)
    if values.ndim == 2:
        return values.tolist()  # type: ignore[no-any-return]
    return [[tuple(pixel) for pixel in row] for row in values.tolist()]
