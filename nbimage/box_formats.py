"""Boxes from a detector's output: an `N×4` array or tensor in torchvision's formats.

`BoundingBoxes2D.from_array` turns the tensor into wandb's own box dicts (so `to_json()` is
what a hand-written loop would give), and remembers how it was read, so the Image can say when
the numbers look like another format or domain (the usual bugs of that loop: xywh read as
xyxy, pixels given as fractions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from nbimage._arrays import first_nonfinite, real_array
from nbimage._errors import bad_type, bad_value, short
from nbimage.diagnostics import BOX_DOMAIN, BOX_FORMAT, Diagnostic

if TYPE_CHECKING:
    from nbimage.overlays import BoundingBoxes2D

FORMATS = ("xyxy", "xywh", "cxcywh")
DOMAINS = ("pixel", "fraction")
_ARRAY = "an N×4 numpy array or torch tensor"
# Coordinates above this given as fractions are taken for pixels (1.5: boxes a little past
# the edge are common, half a picture past it is not).
_FRACTION_LIMIT = 1.5
# A picture this small makes pixel boxes within [0, 1] plausible: no hint below it.
_TINY_PICTURE = 4


def _column(value: Any, where: str, count: int) -> np.ndarray:
    """A 1-D array of `count` real numbers (labels, one score name), NaN/Inf refused."""
    array = real_array(value, where, f"a 1-D array of {count} numbers (one per box)")
    if array.ndim != 1 or array.shape[0] != count:
        raise bad_value(
            where,
            f"shape {tuple(array.shape)} does not match the {count} boxes",
            f"give one value per box: shape ({count},)",
        )
    bad = first_nonfinite(array)
    if bad is not None:
        raise bad_value(f"{where}[{bad[0]}]", f"not a finite number ({array[bad]})")
    return array


def _labels(value: Any, count: int) -> list[int]:
    if value is None:
        return [0] * count
    array = _column(value, "labels", count)
    if array.dtype.kind == "f" and not np.equal(np.floor(array), array).all():
        raise bad_type("labels", value, "integer class ids (these have fractions)")
    return [int(v) for v in array.tolist()]


def _scores(value: Any, count: int) -> list[dict[str, float]]:
    if value is None:
        return [{} for _ in range(count)]
    named = value if isinstance(value, Mapping) else {"score": value}
    columns: dict[str, list[float]] = {}
    for name, column in named.items():
        if not isinstance(name, str):
            raise bad_type(f"scores key {name!r}", name, "a str score name")
        where = "scores" if named is not value else f"scores[{name!r}]"
        columns[name] = [float(v) for v in _column(column, where, count).tolist()]
    return [{name: values[i] for name, values in columns.items()} for i in range(count)]


def _captions(value: Any, count: int) -> list[str | None]:
    if value is None:
        return [None] * count
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise bad_type("captions", value, f"a list of {count} str (one per box)")
    if len(value) != count:
        raise bad_value("captions", f"{len(value)} captions for {count} boxes", "give one per box")
    for index, caption in enumerate(value):
        if caption is not None and not isinstance(caption, str):
            raise bad_type(f"captions[{index}]", caption, "a str")
    return list(value)


def _class_labels(value: Any) -> Any:
    """A dict as it is (checked by BoundingBoxes2D); a list of names (torchvision's
    `weights.meta["categories"]`) as {index: name}."""
    if isinstance(value, (list, tuple)):
        for index, name in enumerate(value):
            if not isinstance(name, str):
                raise bad_type(f"class_labels[{index}]", name, "a str class name")
        return dict(enumerate(value))
    return value


def _positions(coords: np.ndarray, box_format: str) -> list[dict[str, Any]]:
    """wandb positions: corners for xyxy and xywh (x2 = x + w, as torchvision converts),
    the centre form wandb has for cxcywh."""
    rows = coords.tolist()
    if box_format == "xyxy":
        return [{"minX": a, "maxX": c, "minY": b, "maxY": d} for a, b, c, d in rows]
    if box_format == "xywh":
        return [{"minX": a, "maxX": a + c, "minY": b, "maxY": b + d} for a, b, c, d in rows]
    return [{"middle": [a, b], "width": c, "height": d} for a, b, c, d in rows]


def _check_inverted(coords: np.ndarray, box_format: str) -> None:
    """Inverted xyxy boxes and negative sizes are errors, with what they look like."""
    if box_format == "xyxy":
        inverted = (coords[:, 2] < coords[:, 0]) | (coords[:, 3] < coords[:, 1])
        if inverted.any():
            first = int(np.argmax(inverted))
            x1, y1, x2, y2 = coords[first].tolist()
            hint = "check the order of the columns (x1, y1, x2, y2)"
            if inverted.sum() * 2 >= len(coords):
                hint = "they look like xywh (x, y, width, height): pass format='xywh'"
            raise bad_value(
                f"boxes[{first}]",
                f"x2 ({x2:g}) < x1 ({x1:g}) or y2 ({y2:g}) < y1 ({y1:g}) in format 'xyxy'; "
                f"{int(inverted.sum())} of {len(coords)} boxes are inverted",
                hint,
            )
        return
    negative = (coords[:, 2] < 0) | (coords[:, 3] < 0)
    if negative.any():
        first = int(np.argmax(negative))
        raise bad_value(
            f"boxes[{first}]",
            f"negative width or height ({coords[first, 2]:g}, {coords[first, 3]:g}) "
            f"in format {box_format!r}",
            "sizes must be >= 0; were these xyxy corners? pass format='xyxy'",
        )


def from_array(
    boxes: Any,
    *,
    format: str = "xyxy",  # torchvision's name for it
    labels: Any = None,
    scores: Any = None,
    class_labels: Any = None,
    domain: str = "pixel",
    captions: Any = None,
    key: str = "predictions",
) -> BoundingBoxes2D:
    """See `BoundingBoxes2D.from_array`."""
    from nbimage.overlays import BoundingBoxes2D

    # Cheap arguments first: a misspelt format never costs a tensor copy.
    if not isinstance(format, str) or format not in FORMATS:  # an array would compare
        raise bad_value(
            "format", f"unknown box format {short(format)}", f"accepted: {', '.join(FORMATS)}"
        )
    if not isinstance(domain, str) or domain not in DOMAINS:
        raise bad_value(
            "domain",
            f"unknown domain {short(domain)}",
            "accepted: 'pixel' (picture pixels) or 'fraction' (0..1 of the picture)",
        )
    if not isinstance(key, str):
        raise bad_type("key", key, "a str layer name such as 'predictions'")
    coords = real_array(boxes, "boxes", _ARRAY)
    if coords.ndim == 2 and coords.shape[0] == 0 and coords.shape[1] in (0, 4):
        coords = coords.reshape(0, 4)
    if coords.ndim != 2 or coords.shape[1] != 4:
        hint = f"give one row of 4 numbers per box in format {format!r}"
        if coords.ndim == 2 and coords.shape[1] in (5, 6):
            hint += " (a score or label column? pass it as scores= or labels=)"
        if coords.ndim == 1 and coords.shape[0] == 4:
            hint = "one box is still N×4: reshape it to (1, 4)"
        raise bad_value("boxes", f"expected shape (N, 4), got {tuple(coords.shape)}", hint)
    count = int(coords.shape[0])
    bad = first_nonfinite(coords)
    if bad is not None:
        raise bad_value(f"boxes[{bad[0]}][{bad[1]}]", f"not a finite number ({coords[bad]})")
    coords = coords.astype(np.float64)  # plain floats in the dicts, as `.tolist()` of a tensor
    box_labels = _labels(labels, count)
    box_scores = _scores(scores, count)
    box_captions = _captions(captions, count)
    names = _class_labels(class_labels)
    _check_inverted(coords, format)

    box_data: list[dict[str, Any]] = []
    for position, class_id, score, caption in zip(
        _positions(coords, format), box_labels, box_scores, box_captions, strict=True
    ):
        entry: dict[str, Any] = {"position": position, "class_id": class_id}
        if domain == "pixel":
            entry["domain"] = "pixel"
        if score:
            entry["scores"] = score
        if caption is not None:
            entry["box_caption"] = caption
        box_data.append(entry)
    value: dict[str, Any] = {"box_data": box_data}
    if names is not None:
        value["class_labels"] = names
    layer = BoundingBoxes2D(value, key)
    layer._look_alikes = _LookAlikes(coords, format, domain)
    return layer


class _LookAlikes:
    """What the numbers of a `from_array` layer look like, once the picture size is known."""

    def __init__(self, coords: np.ndarray, box_format: str, domain: str) -> None:
        self._coords = coords
        self._format = box_format
        self._domain = domain

    def __call__(self, where: str, width: int, height: int) -> list[Diagnostic]:
        coords = self._coords
        if len(coords) == 0:
            return []
        found: list[Diagnostic] = []
        top = float(np.abs(coords).max())
        if self._domain == "pixel" and top <= 1.0 and min(width, height) > _TINY_PICTURE:
            found.append(
                Diagnostic(
                    BOX_DOMAIN,
                    "warning",
                    f"{where}: every coordinate of the {len(coords)} boxes lies within [0, 1], "
                    f"so with domain='pixel' they cover at most one pixel of the {width}×{height} "
                    "picture; they look like fractions of the picture: pass domain='fraction'.",
                )
            )
        elif self._domain == "fraction" and top > _FRACTION_LIMIT:
            found.append(
                Diagnostic(
                    BOX_DOMAIN,
                    "warning",
                    f"{where}: coordinates reach {top:g} with domain='fraction' (0..1 of the "
                    f"picture), i.e. {top:g}× its size; they look like pixels: "
                    "pass domain='pixel'.",
                )
            )
        if self._format != "xyxy":
            found += self._looks_like_xyxy(where, width, height)
        return found

    def _looks_like_xyxy(self, where: str, width: int, height: int) -> list[Diagnostic]:
        """Corners read as sizes reach past the picture while read as corners they fit."""
        scale = np.array([width, height, width, height], dtype=np.float64)
        corners = self._coords if self._domain == "pixel" else self._coords * scale
        a, b, c, d = corners.T
        if self._format == "xywh":
            x0, y0, x1, y1 = a, b, a + c, b + d
        else:
            x0, y0, x1, y1 = a - c / 2, b - d / 2, a + c / 2, b + d / 2
        slack = 0.01 * max(width, height)
        outside = (x0 < -slack) | (y0 < -slack) | (x1 > width + slack) | (y1 > height + slack)
        as_corners_fit = bool(
            ((c >= a) & (d >= b)).all()
            and (corners >= -slack).all()
            and (c <= width + slack).all()
            and (d <= height + slack).all()
        )
        if not outside.any() or not as_corners_fit:
            return []
        return [
            Diagnostic(
                BOX_FORMAT,
                "warning",
                f"{where}: read as {self._format!r}, {int(outside.sum())} of {len(corners)} "
                f"boxes reach outside the {width}×{height} picture, but read as 'xyxy' "
                "(x1, y1, x2, y2) every box fits; they look like xyxy: pass format='xyxy'.",
            )
        ]
