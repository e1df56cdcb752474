"""Foreign objects as `data_or_path`: matplotlib figures and artists (real and fake) and
wandb objects (real ones built from junk, and look-alikes), each built fresh per case."""

from __future__ import annotations

import os
import tempfile
import warnings
from typing import Any

import numpy as np

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("WANDB_SILENT", "true")


class _Raising:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise self.error


def _fake(module: str, **attributes: Any) -> Any:
    """An object whose class claims to be from `module` (what the type checks look at)."""
    kind = type("Fake", (), dict(attributes))
    kind.__module__ = module
    return kind()


def _figure(**kwargs: Any) -> Any:
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def _plotted() -> Any:
    figure = _figure(figsize=(1, 1), dpi=20)
    axes = figure.add_subplot()
    axes.plot([0, np.nan, np.inf, 1e308], [1, 2, np.nan, -np.inf])
    return figure


def _removed_axes() -> Any:
    figure = _figure(figsize=(1, 1), dpi=20)
    axes = figure.add_subplot()
    axes.remove()
    return axes


def _savefig_raises(error: BaseException) -> Any:
    figure = _figure(figsize=(1, 1), dpi=20)
    figure.savefig = _Raising(error)  # type: ignore[method-assign]
    return figure


def _savefig_writes_junk() -> Any:
    figure = _figure(figsize=(1, 1), dpi=20)
    figure.savefig = lambda buffer, **_: buffer.write(b"not a png")  # type: ignore[method-assign]
    return figure


def _no_canvas() -> Any:
    figure = _figure(figsize=(1, 1), dpi=20)
    figure.canvas = None
    return figure


def _subfigure() -> Any:
    figure = _figure(figsize=(1, 1), dpi=20)
    return figure.subfigures(1, 2)[0]


def _pyplot() -> Any:
    import matplotlib.pyplot as plt

    plt.close("all")
    return plt


def _wandb_image(*args: Any, **kwargs: Any) -> Any:
    import wandb

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return wandb.Image(*args, **kwargs)


def _wandb_with(attribute: str, value: Any) -> Any:
    image = _wandb_image(np.zeros((3, 4, 3), np.uint8))
    setattr(image, attribute, value)
    return image


def _wandb_file_gone() -> Any:
    import PIL.Image

    path = os.path.join(tempfile.mkdtemp(prefix="nbimage-fuzz-"), "gone.png")
    PIL.Image.new("RGB", (3, 2)).save(path)
    image = _wandb_image(path)
    for gone in {image._path, path}:
        os.remove(gone)
    return image


def _wandb_boxes() -> Any:
    box = {"position": {"minX": 0.1, "maxX": 0.5, "minY": 0.2, "maxY": 0.9}, "class_id": 1}
    return _wandb_image(
        np.zeros((4, 5, 3), np.uint8),
        boxes={"pred": {"box_data": [box], "class_labels": {1: "cat"}}},
        caption="c",
    )


def _wandb_other(kind: str) -> Any:
    import wandb

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kind == "histogram":
            return wandb.Histogram([1, 2, 3])
        if kind == "boxes":
            return wandb.data_types.BoundingBoxes2D({"box_data": []}, "b")
        return wandb.Table(columns=["a"])


BUILDERS = {
    "empty figure": lambda: _figure(),
    "tiny figure": lambda: _figure(figsize=(0.01, 0.01)),
    "plotted NaN": _plotted,
    "subfigure": _subfigure,
    "removed axes": _removed_axes,
    "savefig OSError": lambda: _savefig_raises(OSError("disk full")),
    "savefig RuntimeError": lambda: _savefig_raises(RuntimeError("no renderer")),
    "savefig ValueError": lambda: _savefig_raises(ValueError("bad")),
    "savefig junk": _savefig_writes_junk,
    "no canvas": _no_canvas,
    "pyplot": _pyplot,
    "matplotlib module": lambda: __import__("matplotlib"),
    "matplotlib.colors module": lambda: __import__("matplotlib.colors").colors,
    "fake figure": lambda: _fake("matplotlib.figure", savefig=_Raising(OSError("x"))),
    "fake artist": lambda: _fake("matplotlib.lines", figure=3),
    "fake artist in figure": lambda: _fake("matplotlib.lines", figure=_figure(figsize=(1, 1))),
    "fake with figure property raising": lambda: _fake(
        "matplotlib.axes", figure=property(_Raising(RuntimeError("gone")))
    ),
    "wandb image": lambda: _wandb_image(np.zeros((3, 4, 3), np.uint8)),
    "wandb image of floats": lambda: _wandb_image(np.full((2, 2), np.nan, np.float32)),
    "wandb boxes and masks": _wandb_boxes,
    "wandb file gone": _wandb_file_gone,
    "wandb _boxes junk": lambda: _wandb_with("_boxes", {"b": 3}),
    "wandb _boxes list": lambda: _wandb_with("_boxes", [1]),
    "wandb _masks junk": lambda: _wandb_with("_masks", {"m": object()}),
    "wandb _caption junk": lambda: _wandb_with("_caption", ["\ud800", 3]),
    "wandb _grouping junk": lambda: _wandb_with("_grouping", 10**400),
    "wandb _classes junk": lambda: _wandb_with("_classes", 5),
    "wandb _path junk": lambda: _wandb_with("_path", 3),
    "wandb _image None": lambda: _wandb_with("_image", None),
    "wandb histogram": lambda: _wandb_other("histogram"),
    "wandb boxes alone": lambda: _wandb_other("boxes"),
    "wandb table": lambda: _wandb_other("table"),
    "fake wandb": lambda: _fake("wandb.sdk.data_types.image", _path=None, image=None),
}
