"""Overlays drawn over a picture: bounding boxes, segmentation masks and class names.

The helper types take the same data as wandb's `BoundingBoxes2D`, `ImageMask` and `Classes`,
but check it where it is built and say exactly where a problem is, e.g.
`boxes['pred'].box_data[3].position: minX (0.5) > maxX (0.1)`. The caller's dicts and arrays
are never modified (wandb writes default labels back into them); everything kept is a copy.
"""

from __future__ import annotations

import copy
import io
import math
import numbers
import os
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from nbimage import scores as _scores_module
from nbimage._errors import bad_type, bad_value, describe, short
from nbimage.diagnostics import Diagnostic
from nbimage.files import read_regular_file
from nbimage.mask_size import resized_diagnostic
from nbimage.tensors import tensor_to_numpy
from nbimage.text import clean, has_surrogates, replaced_diagnostic
from nbimage.wire import WireBox, WireBoxLayer, WireMaskLayer

_CORNER_KEYS = ("minX", "maxX", "minY", "maxY")
_CENTRE_KEYS = ("middle", "width", "height")
_DOMAINS = (None, "pixel")
# How many offending boxes a diagnostic names before it says "and N more".
_NAMED_IN_DIAGNOSTIC = 3
# Box corners (pixels) are held within this: no picture side is longer than 65500 px, so
# a box reaching further only ever shows its part inside the picture.
FAR_PIXELS = 1e7
# Class ids travel to the browser as JSON numbers: beyond 2**53 they would not be exact.
MAX_CLASS_ID = 2**53 - 1


# ---------------------------------------------------------------- small checks


def _is_torch(value: object) -> bool:
    return type(value).__module__.split(".")[0] == "torch"


def _scalar(value: Any) -> Any:
    """A 0-d numpy/torch value as a Python scalar; anything else unchanged."""
    if (_is_torch(value) or isinstance(value, np.ndarray)) and getattr(value, "ndim", 1) == 0:
        try:
            return value.item()
        except (RuntimeError, TypeError, ValueError, NotImplementedError):
            return value  # no value to read (a meta tensor): refused as not a number
    return value


def _number(value: Any, where: str) -> float:
    """A finite real number (numpy and 0-d torch scalars too, never a bool)."""
    if type(value) is not float and type(value) is not int:  # plain numbers: no type checks
        value = _scalar(value)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise bad_type(where, value, "a number")
    try:
        number = float(value)
    except OverflowError:  # a huge Python int
        raise bad_value(where, f"{short(value)} is too large for a float") from None
    if not math.isfinite(number):
        raise bad_value(where, f"not a finite number ({short(value)})")
    return number


def _integer(value: Any, where: str) -> int:
    """An integer (numpy integers and 0-d torch integers too, never a bool)."""
    value = _scalar(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise bad_type(where, value, "an integer")
    number = int(value)
    if abs(number) > MAX_CLASS_ID:
        raise bad_value(
            where, f"{short(number)} is out of range", f"class ids are within ±{MAX_CLASS_ID}"
        )
    return number


def _mapping(value: Any, where: str, accepted: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise bad_type(where, value, accepted)
    return value


def parse_class_labels(value: Any, where: str, replaced: list[str] | None = None) -> dict[int, str]:
    """`{class id: name}` with int ids (numpy ints fine) and str names, as a new dict.

    Names with lone surrogates are cleaned (`nbimage.text`); where is appended to `replaced`.
    """
    labels = _mapping(value, where, "a dict of int class id -> str name")
    parsed: dict[int, str] = {}
    for class_id, name in labels.items():
        if isinstance(class_id, (bool, np.bool_)) or not isinstance(class_id, (int, np.integer)):
            raise bad_type(f"{where} key {short(class_id)}", class_id, "an int class id")
        number = _integer(class_id, f"{where} key")
        if not isinstance(name, str):
            raise bad_type(f"{where}[{number}]", name, "a str class name")
        parsed[number], changed = clean(name)
        if changed and replaced is not None:
            replaced.append(f"{where}[{number}]")
    return parsed


def check_name(value: Any, where: str, what: str) -> str:
    """A name code refers back to (layer, score): a str of valid text."""
    if not isinstance(value, str):
        raise bad_type(where, value, what)
    if has_surrogates(value):
        raise bad_value(
            where,
            f"{short(value)} holds lone surrogates (not valid Unicode text)",
            "decode it with the right encoding, or errors='replace'",
        )
    return value


def _int_keys(labels: Mapping[Any, str] | None) -> dict[int, str]:
    """Names keyed by int id; wire-style string ids ("3") are understood too."""
    return {int(class_id): str(name) for class_id, name in (labels or {}).items()}


def _default_labels(class_ids: Iterable[int]) -> dict[int, str]:
    """wandb's names for classes nobody named: `class_7`."""
    return {class_id: f"class_{class_id}" for class_id in sorted(set(class_ids))}


def _unlabeled(
    where: str, used: Iterable[int], labels: Mapping[int, str], extra: Mapping[int, str]
) -> list[Diagnostic]:
    missing = sorted(set(used) - set(labels) - set(extra))
    if not missing:
        return []
    shown = ", ".join(str(c) for c in missing[:10]) + (" …" if len(missing) > 10 else "")
    return [
        Diagnostic(
            "unlabeled-class",
            "info",
            f"{where}: class id(s) {shown} have no name in class_labels or classes; "
            f"they are shown as 'id {missing[0]}'. Add them to class_labels to name them.",
        )
    ]


# ---------------------------------------------------------------- boxes


@dataclass(frozen=True)
class Box:
    """One validated box, in its own domain (fractions of the picture, or pixels)."""

    x0: float
    y0: float
    x1: float
    y1: float
    pixel: bool
    class_id: int
    scores: dict[str, float] = field(default_factory=dict)
    caption: str | None = None
    position: dict[str, Any] = field(default_factory=dict)  # as given (numbers made plain)

    def in_pixels(self, width: int, height: int) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) in picture pixels, held within ±FAR_PIXELS.

        Only the part inside the picture is drawn, so a box reaching 1e308 px away looks the
        same held there, and the view's JSON (which has no Infinity, where a fraction times
        the width overflows) gets numbers it can use (issue 19).
        """
        if self.pixel:
            corners = (self.x0, self.y0, self.x1, self.y1)
        else:
            corners = (self.x0 * width, self.y0 * height, self.x1 * width, self.y1 * height)
        x0, y0, x1, y1 = (min(max(v, -FAR_PIXELS), FAR_PIXELS) for v in corners)
        return x0, y0, x1, y1

    def drawn_pixels(self, width: int, height: int) -> tuple[float, float, float, float]:
        """`in_pixels` held within one picture size of its edges: what drawing needs (the
        outline outside is clipped anyway, and ImageDraw's time grows with the coordinates:
        ~6 s for a box 1e8 px wide)."""
        x0, y0, x1, y1 = self.in_pixels(width, height)
        return _held(x0, width), _held(y0, height), _held(x1, width), _held(y1, height)


def _held(value: float, side: int) -> float:
    """`value` within [-side, 2 * side]."""
    return min(max(value, -float(side)), 2.0 * side)


def _position(value: Any, where: str) -> tuple[float, float, float, float, dict[str, Any]]:
    """(x0, y0, x1, y1) and a plain copy of a `{minX,maxX,minY,maxY}` or `{middle,width,height}`."""
    position = _mapping(
        value, where, "a dict with minX, maxX, minY, maxY or with middle, width, height"
    )
    if all(key in position for key in _CORNER_KEYS):
        x0, x1, y0, y1 = (_number(position[key], f"{where}.{key}") for key in _CORNER_KEYS)
        if x0 > x1:
            raise bad_value(where, f"minX ({x0:g}) > maxX ({x1:g})", "swap them")
        if y0 > y1:
            raise bad_value(where, f"minY ({y0:g}) > maxY ({y1:g})", "swap them")
        return x0, y0, x1, y1, {"minX": x0, "maxX": x1, "minY": y0, "maxY": y1}
    if all(key in position for key in _CENTRE_KEYS):
        middle = _scalar(position["middle"])
        if _is_torch(middle) or isinstance(middle, np.ndarray):
            middle = middle.tolist()
        if not isinstance(middle, (list, tuple)) or len(middle) != 2:
            raise bad_type(f"{where}.middle", middle, "a pair [x, y] of numbers")
        cx = _number(middle[0], f"{where}.middle[0]")
        cy = _number(middle[1], f"{where}.middle[1]")
        width = _number(position["width"], f"{where}.width")
        height = _number(position["height"], f"{where}.height")
        if width < 0:
            raise bad_value(f"{where}.width", f"negative ({width:g})", "a size must be >= 0")
        if height < 0:
            raise bad_value(f"{where}.height", f"negative ({height:g})", "a size must be >= 0")
        plain = {"middle": [cx, cy], "width": width, "height": height}
        return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2, plain
    keys = (k if isinstance(k, str) and not has_surrogates(k) else short(k) for k in position)
    found = ", ".join(sorted(keys)) or "nothing"
    raise bad_value(
        where,
        f"found {found}",
        "give minX, maxX, minY, maxY or middle [x, y], width, height",
    )


def _scores(value: Any, where: str) -> dict[str, float]:
    scores = _mapping(value, where, "a dict of str -> number")
    parsed: dict[str, float] = {}
    for name, score in scores.items():
        check_name(name, f"{where} key {short(name)}", "a str score name")
        parsed[name] = _number(score, f"{where}[{short(name)}]")
    return parsed


def _box(value: Any, where: str, replaced: list[str]) -> Box:
    box = _mapping(value, where, "a dict with position, class_id and optional scores")
    if "position" not in box:
        raise bad_value(where, "missing 'position'", "each box needs a position")
    x0, y0, x1, y1, plain = _position(box["position"], f"{where}.position")
    domain = box.get("domain")
    if domain not in _DOMAINS:
        raise bad_value(
            f"{where}.domain",
            f"unknown domain {short(domain)}",
            "leave it out for fractions of the picture (0..1) or give 'pixel'",
        )
    if "class_id" not in box:
        raise bad_value(where, "missing 'class_id'", "each box needs an integer class_id")
    class_id = _integer(box["class_id"], f"{where}.class_id")
    scores = _scores(box["scores"], f"{where}.scores") if box.get("scores") is not None else {}
    caption = box.get("box_caption")
    if caption is not None:
        if not isinstance(caption, str):
            raise bad_type(f"{where}.box_caption", caption, "a str")
        caption, changed = clean(caption)
        if changed:
            replaced.append(f"{where}.box_caption")
    return Box(x0, y0, x1, y1, domain == "pixel", class_id, scores, caption, plain)


class BoundingBoxes2D:
    """A named layer of boxes over one picture, as wandb's `BoundingBoxes2D(val, key)`.

    `val` is `{"box_data": [box, ...], "class_labels": {id: name}}` (labels optional), each box
    `{"position": {...}, "domain": "pixel" (optional), "class_id": int, "scores": {...},
    "box_caption": str}`. `from_array` builds one from a detector's `N×4` tensor.
    """

    # Set by `from_array`: what its numbers look like once the picture's size is known.
    _look_alikes: Callable[[str, int, int], list[Diagnostic]] | None = None

    def __init__(self, val: Mapping[str, Any], key: str) -> None:
        check_name(key, "key", "a str layer name such as 'predictions'")
        where = f"boxes[{key!r}]"
        layer = _mapping(val, where, "a dict with 'box_data' (a list of boxes)")
        if "box_data" not in layer:
            raise bad_value(where, "missing 'box_data'", "give a list of boxes")
        box_data = layer["box_data"]
        if not isinstance(box_data, (list, tuple)):
            raise bad_type(f"{where}.box_data", box_data, "a list of box dicts")
        self._key = key
        self._replaced: list[str] = []  # where text had lone surrogates replaced
        self._boxes = tuple(
            _box(b, f"{where}.box_data[{i}]", self._replaced) for i, b in enumerate(box_data)
        )
        labels = layer.get("class_labels")
        self._labels_given = labels is not None
        self._class_labels = (
            parse_class_labels(labels, f"{where}.class_labels", self._replaced)
            if labels is not None
            else _default_labels(box.class_id for box in self._boxes)
        )

    @classmethod
    def from_array(
        cls,
        boxes: Any,
        format: str = "xyxy",  # torchvision's name for it
        labels: Any = None,
        scores: Any = None,
        class_labels: Any = None,
        domain: str = "pixel",
        captions: Any = None,
        key: str = "predictions",
    ) -> BoundingBoxes2D:
        """A layer from an `N×4` numpy array or torch tensor (any device, any real dtype).

        `format` is torchvision's: "xyxy" (x1, y1, x2, y2), "xywh" (x, y, width, height) or
        "cxcywh" (centre x, centre y, width, height); `domain` "pixel" or "fraction" (0..1 of
        the picture). `labels`: N integer class ids; `scores`: N numbers (named "score") or a
        dict of named N arrays; `class_labels`: `{id: name}` or a list of names by id;
        `captions`: N str. The result holds wandb's own box dicts (`to_json()` is what a
        hand-written loop would give); numbers that look like another format or domain are
        noted in the Image's diagnostics (`box-format`, `box-domain`).
        """
        from nbimage.box_formats import from_array

        return from_array(
            boxes,
            format=format,
            labels=labels,
            scores=scores,
            class_labels=class_labels,
            domain=domain,
            captions=captions,
            key=key,
        )

    @property
    def key(self) -> str:
        return self._key

    def renamed(self, key: str) -> BoundingBoxes2D:
        """The same boxes under another layer name (the key of `Image(boxes={key: ...})`)."""
        twin = copy.copy(self)
        twin._key = key
        return twin

    @property
    def boxes(self) -> tuple[Box, ...]:
        return self._boxes

    @property
    def class_labels(self) -> dict[int, str]:
        """The layer's class names (wandb's `class_N` defaults when none were given)."""
        return dict(self._class_labels)

    def class_ids(self) -> set[int]:
        return {box.class_id for box in self._boxes}

    def names(self, class_labels: Mapping[int, str] | None = None) -> dict[int, str]:
        """Class names for drawing: the layer's own, merged with the image's `classes`.

        Names given for the layer win; wandb's invented `class_N` defaults lose to real names.
        """
        extra = _int_keys(class_labels)
        if self._labels_given:
            return {**extra, **self._class_labels}
        return {**self._class_labels, **extra}

    def label(self, box: Box, names: Mapping[int, str]) -> str:
        """The text drawn beside a box: its caption, else "<class name> <first score>".

        Compact ("face 0.42", no score name): crowded detections need short labels, and the
        inspector and the threshold slider name the score."""
        if box.caption is not None:
            return box.caption
        text = names.get(box.class_id, f"id {box.class_id}")
        if box.scores:
            score = next(iter(box.scores.values()))
            text += f" {score:.2f}"
        return text

    def to_wire(
        self, width: int, height: int, class_labels: Mapping[int, str] | None = None
    ) -> WireBoxLayer:
        """The layer for the view, positions converted to picture pixels."""
        names = self.names(class_labels)
        wire_boxes: list[WireBox] = []
        for box in self._boxes:
            x0, y0, x1, y1 = box.in_pixels(width, height)
            wire_boxes.append(
                WireBox(
                    x0=x0,
                    y0=y0,
                    x1=x1,
                    y1=y1,
                    class_id=box.class_id,
                    label=self.label(box, names),
                    scores=dict(box.scores),
                )
            )
        return WireBoxLayer(
            key=self._key,
            class_labels={str(class_id): name for class_id, name in names.items()},
            boxes=wire_boxes,
        )

    def to_json(self) -> dict[str, Any]:
        """wandb's box data as plain JSON-able values (what it writes to its `.boxes2D.json`)."""
        box_data: list[dict[str, Any]] = []
        for box in self._boxes:
            entry: dict[str, Any] = {"position": dict(box.position), "class_id": box.class_id}
            if box.pixel:
                entry["domain"] = "pixel"
            if box.scores:
                entry["scores"] = dict(box.scores)
            if box.caption is not None:
                entry["box_caption"] = box.caption
            box_data.append(entry)
        return {
            "_type": "boxes2D",
            "box_data": box_data,
            "class_labels": {str(k): v for k, v in self._class_labels.items()},
        }

    def find_problems(
        self, width: int, height: int, classes: Mapping[int, str] | None = None
    ) -> list[Diagnostic]:
        """Accepted but worth knowing: boxes reaching outside the picture, unnamed classes."""
        where = f"boxes[{self._key!r}]"
        outside = [
            index
            for index, box in enumerate(self._boxes)
            if _reaches_outside(box.in_pixels(width, height), width, height)
        ]
        problems: list[Diagnostic] = []
        if outside:
            named = ", ".join(f"box_data[{i}]" for i in outside[:_NAMED_IN_DIAGNOSTIC])
            more = len(outside) - _NAMED_IN_DIAGNOSTIC
            if more > 0:
                named += f" and {more} more"
            unit = "pixels" if all(self._boxes[i].pixel for i in outside) else "fractions 0..1"
            problems.append(
                Diagnostic(
                    "box-outside",
                    "warning",
                    f"{where}: {len(outside)} of {len(self._boxes)} boxes reach outside the "
                    f"{width}×{height} picture ({named}); they are drawn clipped. "
                    f"Check the coordinates' domain (these are read as {unit}).",
                )
            )
        problems += _unlabeled(where, self.class_ids(), self._class_labels, classes or {})
        if self._look_alikes is not None:
            problems += self._look_alikes(where, width, height)
        if self._replaced:
            problems.append(replaced_diagnostic(self._replaced))
        return problems

    def __repr__(self) -> str:
        return f"BoundingBoxes2D({self._key!r}, {len(self._boxes)} boxes)"


def _reaches_outside(corners: tuple[float, float, float, float], width: int, height: int) -> bool:
    x0, y0, x1, y1 = corners
    return x0 < 0 or y0 < 0 or x1 > width or y1 > height


# ---------------------------------------------------------------- masks


def _mask_array(value: Any, where: str) -> npt.NDArray[np.uint8]:
    """A 2-D array of class ids 0..255 as a new uint8 array."""
    if _is_torch(value):
        if value.is_complex():
            raise bad_type(where, value, "a 2-D array of integer class ids")
        value = tensor_to_numpy(value, where).array
    if not isinstance(value, (np.ndarray, list, tuple)):
        raise bad_type(where, value, "a 2-D integer array (numpy, torch or nested lists)")
    try:
        array = np.asarray(value)
    except (ValueError, TypeError, RecursionError, OverflowError, MemoryError):
        # numpy's "inhomogeneous shape" for ragged rows, or over 64 levels of nesting.
        raise bad_value(
            where,
            f"{describe(value)} is not a rectangular array (rows of different lengths, "
            "or nested too deep)",
            "give a 2-D array (H, W) of class ids",
        ) from None
    if array.dtype.kind not in "biuf":
        raise bad_type(where, value, "a 2-D array of integer class ids")
    given = array.shape
    if array.ndim > 2 and all(n == 1 for n in array.shape[:-2]):
        array = array.reshape(array.shape[-2:])  # (1, H, W), as a model returns one mask
    if array.ndim != 2:
        hint = "squeeze the channel axis" if array.ndim == 3 and 1 in array.shape else None
        raise bad_value(where, f"expected a 2-D array (H, W), got shape {array.shape}", hint)
    if array.size == 0:
        raise bad_value(where, f"empty mask of shape {given}", "give at least one pixel")
    if array.dtype.kind == "f":
        if not np.isfinite(array).all():
            raise bad_value(where, "contains NaN or Inf; class ids must be integers 0–255")
        if not np.equal(np.floor(array), array).all():
            raise bad_type(where, value, "integer-valued class ids (this has fractions)")
    low, high = array.min(), array.max()
    if low < 0 or high > 255:
        raise bad_value(
            where,
            f"values span [{low:g}, {high:g}]; class ids must be 0–255",
            "remap the classes to 0..255",
        )
    return array.astype(np.uint8, order="C", copy=True)  # C order: the histogram reads it flat


def _mask_file(value: Any, where: str) -> tuple[str, npt.NDArray[np.uint8]]:
    """Read a mask image file: single-channel, one class id per pixel."""
    if not isinstance(value, (str, os.PathLike)):
        raise bad_type(where, value, "a path (str or pathlib.Path) to a mask image")
    path = Path(value)
    shown = short(str(path))
    content = read_regular_file(path, where)  # never blocks (a FIFO), never an OSError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's warnings about damaged files
            with PILImage.open(io.BytesIO(content)) as opened:
                opened.load()
                picture = opened.copy()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        PILImage.DecompressionBombError,
    ) as error:
        raise bad_value(where, f"cannot read {shown} as an image ({error})") from None
    if picture.mode not in ("1", "L", "P", "I", "I;16"):
        raise bad_value(
            where,
            f"{shown} has mode {picture.mode}; a mask image holds one class id per pixel",
            "save it as an 8-bit grayscale (mode L) or palette (mode P) PNG",
        )
    return str(path), _mask_array(np.asarray(picture), where)


class ImageMask:
    """A named segmentation layer over one picture, as wandb's `ImageMask(val, key)`.

    `val` is `{"mask_data": 2-D integer array, "class_labels": {id: name}}` or
    `{"path": mask image file, "class_labels": ...}` (labels optional). `from_scores` builds
    one from a segmenter's per-class scores, keeping each pixel's confidence for the view.
    """

    # Set by `from_scores`: the winning probability of every pixel as 8-bit levels
    # (round(p * 255)), for the view's confidence slider. wandb never sees it.
    _confidence: npt.NDArray[np.uint8] | None = None

    def __init__(self, val: Mapping[str, Any], key: str) -> None:
        check_name(key, "key", "a str layer name such as 'ground_truth'")
        where = f"masks[{key!r}]"
        layer = _mapping(val, where, "a dict with 'mask_data' or 'path'")
        has_data = layer.get("mask_data") is not None
        has_path = layer.get("path") is not None
        if has_data == has_path:
            problem = "has both 'mask_data' and 'path'" if has_data else "has no mask"
            raise bad_value(where, problem, "give 'mask_data' (a 2-D array of class ids) or 'path'")
        self._key = key
        self._path: str | None = None
        if has_data:
            self._ids = _mask_array(layer["mask_data"], f"{where}.mask_data")
        else:
            self._path, self._ids = _mask_file(layer["path"], f"{where}.path")
        self._ids.flags.writeable = False
        # The ids are read-only, so their histogram is taken once (validation, labels,
        # diagnostics and the wire all ask for it). Pillow counts 8-bit pixels 2-4x faster
        # than np.bincount, which widens every id to intp first (perf, issue 5).
        height, width = self._ids.shape
        ids = PILImage.frombuffer("L", (width, height), self._ids, "raw", "L", 0, 1)
        self._counts = {class_id: n for class_id, n in enumerate(ids.histogram()) if n}
        labels = layer.get("class_labels")
        self._replaced: list[str] = []  # where text had lone surrogates replaced
        self._class_labels = (
            parse_class_labels(labels, f"{where}.class_labels", self._replaced)
            if labels is not None
            else _default_labels(self.counts())
        )

    @classmethod
    def from_scores(
        cls,
        scores: Any,
        class_labels: Any = None,
        activation: Any = _scores_module.DEFAULT,
        channel_axis: int = 0,
        threshold: float | None = None,
        key: str = "predictions",
    ) -> ImageMask:
        """A mask from a segmenter's scores: the argmax class of every pixel.

        `scores` is a `C×H×W` numpy array or torch tensor of logits or probabilities
        (`channel_axis=-1` for `H×W×C`; a leading batch of 1 is dropped), or one `H×W`
        probability map, split at `threshold` (default 0.5) into classes 0 and 1.
        `activation`: "softmax" (default for C classes), "sigmoid", or None for
        probabilities (default for one map). The winning probability of each pixel is kept
        at 8 bits (`confidence`) so the view can hide pixels below a per-layer confidence
        threshold (`confidence_thresholds`); wandb logs the plain class-id mask.
        """
        return _scores_module.from_scores(
            scores,
            class_labels=class_labels,
            activation=activation,
            channel_axis=channel_axis,
            threshold=threshold,
            key=key,
        )

    @property
    def confidence(self) -> npt.NDArray[np.uint8] | None:
        """Winning probability per pixel as levels 0..255 (p ≈ level / 255), read-only;
        None for a mask given as class ids."""
        return self._confidence

    def kept_counts(self, threshold: float) -> dict[int, int]:
        """Pixels per class still coloured at a confidence `threshold` (what the legend says)."""
        if self._confidence is None or threshold <= 0:
            return self.counts()
        shown = self._confidence >= _scores_module.min_level(threshold)
        counts = np.bincount(self._ids[shown], minlength=256)
        return {class_id: int(counts[class_id]) for class_id in self._counts}

    @property
    def key(self) -> str:
        return self._key

    def renamed(self, key: str) -> ImageMask:
        """The same mask under another layer name (the key of `Image(masks={key: ...})`)."""
        twin = copy.copy(self)
        twin._key = key
        return twin

    @property
    def path(self) -> str | None:
        """The mask image file it was read from, or None for `mask_data`."""
        return self._path

    @property
    def shape(self) -> tuple[int, int]:
        """(H, W) of the mask."""
        height, width = self._ids.shape
        return int(height), int(width)

    @property
    def class_labels(self) -> dict[int, str]:
        """The layer's class names (wandb's `class_N` defaults when none were given)."""
        return dict(self._class_labels)

    def class_ids(self) -> npt.NDArray[np.uint8]:
        """The class id of every pixel, uint8 (H, W): a copy the caller may change."""
        return self._ids.copy()

    def counts(self) -> dict[int, int]:
        """Pixel count per class id present in the mask."""
        return dict(self._counts)

    def names(self, class_labels: Mapping[int, str] | None = None) -> dict[int, str]:
        """Class names for drawing: the image's `classes` overridden by the layer's own."""
        return {**_int_keys(class_labels), **self._class_labels}

    def to_wire(
        self,
        png: bytes,
        class_labels: Mapping[int, str] | None = None,
        confidence: bytes | None = None,
    ) -> WireMaskLayer:
        """The layer for the view; `png` is the encoded 8-bit image of `class_ids()`,
        `confidence` that of `confidence` (None without one)."""
        return WireMaskLayer(
            key=self._key,
            class_labels={str(k): v for k, v in self.names(class_labels).items()},
            png=png,
            counts={str(k): v for k, v in self.counts().items()},
            confidence=confidence,
        )

    def to_json(self) -> dict[str, Any]:
        """What wandb records about a mask besides its PNG file."""
        entry: dict[str, Any] = {
            "_type": "mask",
            "shape": list(self.shape),
            "class_labels": {str(k): v for k, v in self._class_labels.items()},
        }
        if self._path is not None:
            entry["path"] = self._path
        return entry

    def find_problems(
        self, width: int, height: int, classes: Mapping[int, str] | None = None
    ) -> list[Diagnostic]:
        """Accepted but worth knowing: a mask of another size, class ids without a name."""
        where = f"masks[{self._key!r}]"
        resized = resized_diagnostic(where, self.shape, (height, width))
        problems = [resized] if resized is not None else []
        problems += _unlabeled(where, self.counts(), self._class_labels, classes or {})
        if self._replaced:
            problems.append(replaced_diagnostic(self._replaced))
        return problems

    def __repr__(self) -> str:
        height, width = self.shape
        return f"ImageMask({self._key!r}, {width}×{height}, {len(self.counts())} classes)"


# ---------------------------------------------------------------- classes


class Classes:
    """The class set of an image, as wandb's `Classes([{"id": 0, "name": "cat"}, ...])`."""

    def __init__(self, class_set: Sequence[Mapping[str, Any]]) -> None:
        if isinstance(class_set, (str, bytes, Mapping)) or not isinstance(class_set, Sequence):
            raise bad_type("classes", class_set, "a list of {'id': int, 'name': str} dicts")
        entries: list[dict[str, Any]] = []
        self.replaced: list[str] = []  # where names had lone surrogates replaced
        for index, entry in enumerate(class_set):
            where = f"classes[{index}]"
            item = _mapping(entry, where, "a dict {'id': int, 'name': str}")
            for required in ("id", "name"):
                if required not in item:
                    raise bad_value(where, f"missing {required!r}", "give {'id': int, 'name': str}")
            class_id = item["id"]
            if not isinstance(class_id, str):
                class_id = _integer(class_id, f"{where}.id")
            if not isinstance(item["name"], str):
                raise bad_type(f"{where}.name", item["name"], "a str")
            name, changed = clean(item["name"])
            if changed:
                self.replaced.append(f"{where}.name")
            entries.append(
                {
                    "id": class_id if not isinstance(class_id, str) else clean(class_id)[0],
                    "name": name,
                }
            )
        self._class_set = entries

    @property
    def class_set(self) -> list[dict[str, Any]]:
        """The classes as a list of new `{"id", "name"}` dicts."""
        return [dict(entry) for entry in self._class_set]

    def labels(self) -> dict[int, str]:
        """`{id: name}` for the classes with integer ids (the ids boxes and masks use)."""
        return {e["id"]: e["name"] for e in self._class_set if isinstance(e["id"], int)}

    def __len__(self) -> int:
        return len(self._class_set)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Classes) and self._class_set == other._class_set

    def __hash__(self) -> int:
        return hash(tuple((e["id"], e["name"]) for e in self._class_set))

    def __repr__(self) -> str:
        return f"Classes({len(self._class_set)} classes)"


def check_layers(value: Any, argument: Literal["boxes", "masks"]) -> dict[str, Any]:
    """`boxes=`/`masks=` must be a dict of str layer name -> helper object or dict."""
    kind = "BoundingBoxes2D" if argument == "boxes" else "ImageMask"
    layers = _mapping(value, argument, f"a dict of layer name -> {kind} or dict")
    for name in layers:
        check_name(name, f"{argument} key {short(name)}", "a str layer name")
    return dict(layers)


__all__ = [
    "BoundingBoxes2D",
    "Box",
    "Classes",
    "ImageMask",
    "check_layers",
    "parse_class_labels",
]
