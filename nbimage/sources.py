"""Grids over datasets: a sized sequence read one page at a time.

`nbimage.show(seq)` takes any object with `len()` and `seq[i]` that is not itself a
picture (a torch `Dataset`, a lazily indexed dataset, a `Sequence`...), and a list or tuple
of paths (opening every file up front would cost what the whole folder costs). `DatasetSource`
asks only for the current page's items, so a 100,000-item dataset opens as fast as its
first page, and keeps only that page's Images (memory stays one page).

An item is an `Image`, anything `Image` accepts, an `(image, target)` pair as torchvision
datasets return, or a dict row as Hugging Face `datasets` return (`image`/`img`/
`pixel_values` and `label`/`caption`/`text`): an int or str target becomes the caption
(through the dataset's class names when it has them: `classes` as in `ImageFolder` and
CIFAR, `features[...].names` of a `ClassLabel`); any other target (a dict of annotations,
a mask) is left out. An item that cannot be read or shown becomes an error
tile naming the index and the item's type, in place of that item, and the other items of
the page are shown; `DatasetSource.errors` keeps the exceptions.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import numpy as np
import PIL.Image

from nbimage._errors import bad_type, bad_value
from nbimage._threads import map_tasks
from nbimage.contact_sheet import grid_thumbnail_side, grid_tile
from nbimage.diagnostics import Diagnostic
from nbimage.inputs import is_torch_tensor
from nbimage.model import Image
from nbimage.payload import image_item, raw_at
from nbimage.widget import InspectValues
from nbimage.windowing import Window, WindowCache, render_image
from nbimage.wire import WireItem

ERROR_CODE = "item-error"
_TILE = (96, 128)  # height, width of an error tile: a neutral grey in place of the picture
_TILE_GREY = 150


def is_dataset(obj: Any) -> bool:
    """A sized, indexable collection of pictures (not a list/tuple, which `show` reads
    whole, and not something that is itself one picture: an array, tensor, path, bytes)."""
    return _indexable(obj) and hasattr(type(obj), "__len__")


def is_unsized_dataset(obj: Any) -> bool:
    """Indexable but without `len()` (a torch `Dataset` subclass that defines no
    `__len__`): a grid needs the count to page it, so `show` says so."""
    return _indexable(obj) and not hasattr(type(obj), "__len__")


def _indexable(obj: Any) -> bool:
    if isinstance(obj, (list, tuple, str, bytes, bytearray, memoryview, Mapping)):
        return False
    if isinstance(obj, (np.ndarray, np.generic, PIL.Image.Image, Image, os.PathLike)):
        return False
    if is_torch_tensor(obj) or hasattr(obj, "read"):
        return False
    if any(hasattr(obj, name) for name in ("__array__", "__array_interface__", "__dlpack__")):
        return False  # array-likes are pictures (or batches), never datasets
    return hasattr(type(obj), "__getitem__")


def dataset_length(obj: Any) -> int:
    """`len(obj)`, checked: a positive int, or a TypeError/ValueError naming `obj`."""
    try:
        count = len(obj)
    except Exception as exc:  # a dataset's own __len__ may raise anything
        raise TypeError(
            f"obj: len() of {type(obj).__name__} raised {type(exc).__name__}: {exc}"
        ) from exc
    if count == 0:
        raise bad_value("obj", f"the {type(obj).__name__} is empty (len() is 0)")
    return int(count)


def _target_caption(target: Any, classes: Any) -> str | None:
    """An int/str target as a caption: the class name when the dataset has `classes`."""
    if is_torch_tensor(target) and getattr(target, "ndim", 1) == 0:
        target = target.item()
    if isinstance(target, (np.generic, np.ndarray)) and np.ndim(target) == 0:
        target = target.item()
    if isinstance(target, bool):
        return str(target)
    if isinstance(target, int):
        if isinstance(classes, (list, tuple)) and 0 <= target < len(classes):
            return str(classes[target])
        return str(target)
    if isinstance(target, str):
        return target
    return None  # annotations, masks...: not a caption


# A dict item (Hugging Face `datasets` rows): its picture and its label, by the usual names.
IMAGE_KEYS = ("image", "img", "pixel_values", "picture")
TARGET_KEYS = ("label", "labels", "caption", "text", "target")


def _split_record(item: Mapping[Any, Any], classes: Any) -> tuple[Any, str | None, str]:
    """(picture, caption, where the picture was: "['image']")."""
    image_key = next((key for key in IMAGE_KEYS if key in item), None)
    if image_key is None:
        return item, None, ""  # not an image: `Image` says so, naming the dict
    target_key = next((key for key in TARGET_KEYS if key in item), None)
    if target_key is None:
        return item[image_key], None, f"[{image_key!r}]"
    names = classes.get(target_key) if isinstance(classes, Mapping) else classes
    return item[image_key], _target_caption(item[target_key], names), f"[{image_key!r}]"


def item_image(item: Any, where: str, classes: Any = None) -> Image:
    """One dataset item as an Image; errors say `where` it came from and its type.

    `classes`: a list of class names, or {target key: names} for dict items."""
    target_caption = None
    data = item
    if isinstance(item, (tuple, list)) and len(item) == 2:
        # `Image` takes no lists or tuples, so a pair is never a picture.
        data, target = item
        target_caption = _target_caption(target, classes)
    elif isinstance(item, Mapping):
        data, target_caption, key = _split_record(item, classes)
        where += key
    if isinstance(data, Image):
        return data  # its own caption and overlays, as the dataset made them
    try:
        return Image(data, caption=target_caption)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"{where} (a {type(data).__name__}): {exc}") from exc
    except Exception as exc:  # a file that is missing or not an image, a tensor on a meta device
        raise ValueError(f"{where} (a {type(data).__name__}): {type(exc).__name__}: {exc}") from exc


class DatasetSource:
    """The items of a grid over a sized sequence, built one page at a time."""

    def __init__(self, data: Any, argument: str = "obj") -> None:
        if not hasattr(type(data), "__getitem__"):
            raise bad_type(argument, data, "a sequence with len() and [index]")
        self._data = data
        self._argument = argument
        self._count = dataset_length(data)
        self._classes = _class_names(data)
        self._page: dict[int, Image] = {}  # the current page's Images (and error tiles)
        self.errors: dict[int, Exception] = {}  # index -> why that item could not be shown
        self.reads = 0  # how many items were asked of the dataset (tests, bench)
        # index -> `grouping` of the items read so far: a later page's rows start fresh
        # with the group size in force before it (pages not yet read are not read for it).
        self._groupings: dict[int, int] = {}
        self._windows: WindowCache = {}  # window/level presets found on this page

    def total(self) -> int:
        return self._count

    def _read(self, index: int) -> Image:
        where = f"{self._argument}[{index}]"
        self.reads += 1
        try:
            item = self._data[index]
        except IndexError as exc:
            raise ValueError(
                f"{where}: len({self._argument}) is {self._count} but {where} raised "
                f"IndexError: {exc} (len() counts more items than there are)"
            ) from exc
        except Exception as exc:  # the dataset's own code: anything can go wrong there
            raise ValueError(
                f"{where}: {type(self._data).__name__}.__getitem__({index}) raised "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        return item_image(item, where, self._classes)

    def _build(self, index: int) -> Image | Exception:
        try:
            return self._read(index)
        except (TypeError, ValueError) as exc:  # `_read` words every failure as one of these
            return exc

    def load(self, start: int, stop: int) -> None:
        """Read items `start`..`stop` (the new page), dropping the previous page's Images.

        Reads run one after another in the caller's thread: a dataset's `__getitem__` need
        not be thread-safe (file handles, random crops from one generator).
        """
        self._page = {}
        self._windows = {}  # the new page's pictures have their own preset windows
        for index in range(start, stop):
            built = self._build(index)
            if isinstance(built, Exception):
                self.errors[index] = built
                built = _error_tile(built)
            else:
                self.errors.pop(index, None)
                if built.grouping is not None:
                    self._groupings[index] = built.grouping
            self._page[index] = built

    def _image(self, index: int) -> Image:
        if index not in self._page:
            self.load(index, index + 1)
        return self._page[index]

    def items(self, start: int, stop: int) -> list[WireItem]:
        self.load(start, stop)
        # Encoding on the encoding threads, as for a list: the compressors release the GIL.
        items = map_tasks(self._wire_item, range(start, stop))
        earlier = [index for index in self._groupings if index < start]
        return rows_start_fresh(items, self._groupings[max(earlier)] if earlier else None)

    def _wire_item(self, index: int) -> WireItem:
        image = self._page[index]
        error = self.errors.get(index)
        if error is None:
            return image_item(image, item_id=str(index))
        message = f"{type(error).__name__}: {error}"
        return image_item(
            image, item_id=str(index), diagnostics=(Diagnostic(ERROR_CODE, "error", message),)
        )

    def static_pictures(self, start: int, stop: int) -> list[PIL.Image.Image]:
        side = grid_thumbnail_side(stop - start)

        def tile(index: int) -> PIL.Image.Image:
            # Caption and badges under each thumbnail; a failed item's error as its badge.
            image = self._image(index)
            error = self.errors.get(index)
            if error is None:
                return grid_tile(image, side)
            message = f"{type(error).__name__}: {error}"
            return grid_tile(image, side, (Diagnostic(ERROR_CODE, "error", message),))

        return map_tasks(tile, range(start, stop))

    def render(
        self,
        index: int,
        window: Window,
        colormap: str | None,
        _scope: str = "per-channel",
        max_side: int = 2048,
    ) -> tuple[bytes, tuple[float, float], str]:
        """Item `index` through a window and colormap (display only, nbimage.windowing)."""
        return render_image(self._image(index), index, window, colormap, max_side, self._windows)

    def inspect(self, index: int, x: int, y: int) -> InspectValues:
        image = self._image(index)
        raw = image.raw
        shown = image._picture.value_at(x, y)
        return raw_at(raw, x, y), "" if raw is None else str(raw.dtype), shown


def _class_names(data: Any) -> Any:
    """torchvision's `classes` list, or {column: names} of a Hugging Face dataset's
    `ClassLabel` features; None when the dataset names no classes."""
    classes = getattr(data, "classes", None)
    if isinstance(classes, (list, tuple)):
        return list(classes)
    features = getattr(data, "features", None)
    if isinstance(features, Mapping):
        named = {key: getattr(feature, "names", None) for key, feature in features.items()}
        return {key: names for key, names in named.items() if isinstance(names, list)}
    return None


def rows_start_fresh(items: list[WireItem], grouping: int | None) -> list[WireItem]:
    """A page's rows start at its first item: give it the group size in force before the
    page (wandb sets `grouping` on the first image only), so the view counts from there."""
    if items and items[0]["grouping"] is None and grouping:
        items[0] = {**items[0], "grouping": grouping}
    return items


def _error_tile(error: Exception) -> Image:
    """A grey tile whose caption says what went wrong (text, never HTML)."""
    tile = np.full((*_TILE, 3), _TILE_GREY, np.uint8)
    return Image(tile, caption=f"⚠ {type(error).__name__}: {error}")
