"""The public entry points that build views: `show`, `compare` and the mimebundle of an Image.

Each view is an `ImageView` widget fed by an item source defined here: a list of Images
(single picture or grid, paged) or the comparison panels (re-rendered in Python when the
era or the denormalization changes, so the browser never re-implements a rule).
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import PIL.Image

from nbimage._errors import bad_type, bad_value, describe, short
from nbimage._threads import map_tasks, submit_task
from nbimage.composite import composite
from nbimage.contact_sheet import (
    COMPARE_MIN_WIDTH,
    COMPARE_PANEL_SIDE,
    Line,
    badge_line,
    grid_thumbnail_side,
    grid_tile,
    labelled,
    labelled_row,
    static_lines,
    thumbnail,
)
from nbimage.diagnostics import Diagnostic, number_text
from nbimage.display_encode import (
    base64_text,
    encode_display,
    encode_picture,
)
from nbimage.inputs import is_torch_tensor
from nbimage.model import Image
from nbimage.normalize import CLIP
from nbimage.payload import (
    PREVIEW_MAX_SIDE,
    finite_range,
    image_item,
    raw_at,
    wire_eras,
)
from nbimage.picture import Picture, pil_value_at
from nbimage.shrink import preview_factor
from nbimage.sources import DatasetSource, is_dataset, is_unsized_dataset, rows_start_fresh
from nbimage.widget import ImageView, InspectValues, ItemSource
from nbimage.windowing import Window, WindowCache, render_image
from nbimage.wire import MARK_NAN, MARK_NONE, WireHistogram, WireItem

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
FALLBACK_MAX_SIDE = 1024  # long side of a single Image's static `image/png`

# Options of `show(**view_state)`: the traits a person can change in the browser.
# `items`, `view`, `page_count`, `total_items`, `eras` and `histogram` are derived.
VIEW_OPTIONS = (
    "page",
    "width",
    "hidden_classes",
    "mask_opacity",
    "score_thresholds",
    "show_box_labels",
    "zoom",
    "center",
    "compare_mode",
    "swipe_pair",
    "swipe_position",
    "show_marks",
    "window",
    "colormap",
    "hidden_layers",
    "layer_opacity",
    "confidence_thresholds",
    "heatmap_opacity",
    "hidden_heatmaps",
)


def _check_view_options(
    function: str, options: dict[str, Any], accepted: Sequence[str] = VIEW_OPTIONS
) -> None:
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise TypeError(
            f"{function}() got unexpected option(s) {', '.join(map(repr, unknown))}; "
            f"view options are: {', '.join(accepted)}"
        )
    # Display choices are checked before any picture is made.
    from nbimage.windowing import check_colormap_option, check_window

    if "window" in options:
        check_window("window", options["window"])
    if "colormap" in options:
        check_colormap_option("colormap", options["colormap"])


def _as_image(value: Any, argument: str) -> Image:
    if isinstance(value, Image):
        return value
    try:
        return Image(value)
    except (TypeError, ValueError, FileNotFoundError) as exc:
        # Name the position in the sequence: "obj[3]: data_or_path: ...".
        raise type(exc)(f"{argument}: {exc}") from exc


def _is_sequence_of_items(obj: Any) -> bool:
    """A list/tuple of pictures makes a grid; arrays, tensors, paths and bytes are one picture."""
    return isinstance(obj, (list, tuple))


class ImagesSource:
    """Items for a single picture or a grid: one WireItem per Image, built per page."""

    def __init__(self, images: Sequence[Image], single: bool = False) -> None:
        self._images = list(images)
        self._single = single
        self._windows: WindowCache = {}

    def total(self) -> int:
        return len(self._images)

    def items(self, start: int, stop: int) -> list[WireItem]:
        # A grid's items on the encoding threads: their compressors release the GIL.
        items = map_tasks(lambda i: image_item(self._images[i], item_id=str(i)), range(start, stop))
        before = [image.grouping for image in self._images[:start] if image.grouping is not None]
        return rows_start_fresh(items, before[-1] if before else None)

    def static_pictures(self, start: int, stop: int) -> list[PIL.Image.Image]:
        # Thumbnails on the encoding threads: Pillow's reduce and compositing release the GIL.
        if self._single:
            # A single picture's fallback is the Image's own: labels drawn.
            return [fallback_picture(image) for image in self._images[start:stop]]
        # Each thumbnail keeps its caption and badges under it, as the live grid shows them.
        side = grid_thumbnail_side(stop - start)
        return map_tasks(lambda i: grid_tile(self._images[i], side), range(start, stop))

    def inspect(self, index: int, x: int, y: int) -> InspectValues:
        image = self._images[index]
        raw = image.raw
        shown = image._picture.value_at(x, y)
        return raw_at(raw, x, y), "" if raw is None else str(raw.dtype), shown

    def render(
        self,
        index: int,
        window: Window,
        colormap: str | None,
        _scope: str = "per-channel",
        max_side: int = PREVIEW_MAX_SIDE,
    ) -> tuple[bytes, tuple[float, float], str]:
        """Item `index` through a window and colormap (display only, nbimage.windowing)."""
        return render_image(self._images[index], index, window, colormap, max_side, self._windows)

    def heatmaps_at(self, index: int, x: int, y: int) -> dict[str, float | None]:
        return heatmap_values_at(self._images[index], x, y)


def heatmap_values_at(image: Image, x: int, y: int) -> dict[str, float | None]:
    """Each heatmap's value under picture pixel (x, y), for the inspector."""
    return {
        key: heatmap.value_at(x, y, image.width, image.height)
        for key, heatmap in image.heatmaps.items()
    }


def show(
    obj: Any,
    *,
    columns: int = 0,
    page_size: int = Image.MAX_ITEMS,
    sync_zoom: bool = False,
    **view_state: Any,
) -> ImageView:
    """A view of an Image, raw data (wrapped in `Image`) or a list/tuple of them (a grid).

    Any other sized sequence with `[index]` (a torch `Dataset`, a lazily indexed dataset)
    is a grid read one page at a time; its items may be Images, anything `Image` accepts,
    or `(image, target)` pairs (an int/str target is the caption). A list or tuple is
    checked whole here, unless it holds only paths (read page by page too); a dataset's
    failing item is an error tile (see `nbimage.sources`).
    A grid shows `page_size` items per page; `total_items` and `page_count` say how many there
    are and changing `page` (here or with the pager) swaps them in. Nothing is dropped.
    `width` (CSS px, 0 = from the output area) is a single picture's width or a grid's
    thumbnail width.
    `view_state` sets any browser-side option up front, e.g. `mask_opacity=0.3`.
    """
    _check_view_options("show", view_state)
    if isinstance(columns, bool) or not isinstance(columns, int):
        raise bad_type("columns", columns, "an int >= 0 (0 = as many as fit)")
    if columns < 0:
        raise bad_value("columns", f"must be >= 0, got {columns}", "0 means as many as fit")
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        raise bad_type("page_size", page_size, "a positive int")
    if page_size < 1:
        raise bad_value("page_size", f"must be at least 1, got {page_size}")
    if not isinstance(sync_zoom, bool):
        raise bad_type("sync_zoom", sync_zoom, "True or False")

    source: ItemSource
    if _is_sequence_of_items(obj):
        if not obj:
            raise bad_value("obj", "the sequence is empty", "pass at least one picture")
        if all(isinstance(value, (str, os.PathLike)) for value in obj):
            # Files: read page by page (a folder of 100,000 photos opens at once).
            source, kind = DatasetSource(obj), "grid"
        else:
            images = [_as_image(value, f"obj[{i}]") for i, value in enumerate(obj)]
            source, kind = ImagesSource(images), "grid"
    elif is_dataset(obj):
        # Read one page at a time; an item that fails becomes an error tile (see sources.py).
        source, kind = DatasetSource(obj), "grid"
    elif is_unsized_dataset(obj):
        raise bad_type("obj", obj, "a dataset with len() (a grid pages by count), or a picture")
    else:
        source, kind = ImagesSource([_as_image(obj, "obj")], single=True), "single"
    return ImageView(
        source,
        page_size=page_size,
        view=kind,
        columns=columns,
        sync_zoom=sync_zoom,
        **view_state,
    )


def _with_words(image: Image, picture: PIL.Image.Image) -> PIL.Image.Image:
    """A single Image's fallback picture with its caption and badges under it."""
    lines = static_lines(image)
    return labelled(picture, below=lines, font_size=13, max_lines=3, min_width=200)


def fallback_picture(image: Image) -> PIL.Image.Image:
    """The static picture of a single Image: its overlays drawn over it, long side <= 1024,
    its caption and badges under it."""
    return _with_words(
        image, composite(image, FALLBACK_MAX_SIDE, picture=_fallback_base(image).pil)
    )


def _fallback_base(image: Image) -> Picture:
    """What a single Image's fallback is drawn over (see `fallback_factors`)."""
    factor, via = fallback_factors(image)
    return image._picture.shrunk(factor, via) if factor > 1 else image._picture


def fallback_factors(image: Image) -> tuple[int, int]:
    """(factor, via) of the picture a single Image's fallback is drawn over: shrunk by the
    largest whole factor that keeps its long side >= 1024, so `composite` resizes only the
    small rest (4096 -> 1024 needs no resize). Through the view's preview (`via` its
    factor) when that factor divides it, so the view's encoder can make it on the way
    (perf, issue 5: a 4096² picture is read once to be displayed, never copied into PIL).
    """
    width, height = image._picture.size
    factor = max(1, max(width, height) // FALLBACK_MAX_SIDE)
    via = preview_factor(width, height, PREVIEW_MAX_SIDE)
    return (factor, via) if via > 1 and factor % via == 0 else (factor, 1)


def fallback_png(image: Image) -> bytes:
    """`fallback_picture` as PNG bytes. With nothing to draw over an RGB(A) base that
    already fits, the base's own pixels are encoded: the same PNG, without the PIL copies
    (perf, issue 5: ~7 MB of fresh memory for a 4096² picture)."""
    base = _fallback_base(image)
    plain = not (image.boxes or image.masks or image.heatmaps or static_lines(image))
    plain = plain and base.mode in ("RGB", "RGBA")
    if plain and base.pixels is not None and max(base.size) <= FALLBACK_MAX_SIDE:
        return encode_picture(base, FALLBACK_MAX_SIDE)[0]
    picture = composite(image, FALLBACK_MAX_SIDE, picture=base.pil)
    return encode_display(_with_words(image, picture))[0]


def image_mimebundle(
    image: Image,
    include: Any = None,
    exclude: Any = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What `Image._repr_mimebundle_` returns: (data, metadata), as anywidget does.

    The data holds the widget, a PNG fallback and a plain repr. The PNG (the picture with
    its overlays composited) is what GitHub, nbviewer, nbconvert and nbval show; the repr
    is deterministic so nbval can compare it. The metadata is anywidget's own: in Colab it
    names the custom widget manager, without which the view renders nothing there.
    """

    def wanted(mime: str) -> bool:
        return (include is None or mime in include) and (exclude is None or mime not in exclude)

    bundle: dict[str, Any] = {}
    metadata: dict[str, Any] = {}
    shown: bytes | None = None
    # Perf (issue 5): with nothing to draw over a picture that composite would not shrink,
    # the widget's PNG already is the fallback. For a picture the view shows as a preview,
    # the view's encoder makes the fallback's picture from the preview's rows, and it is
    # encoded once the view's item is done. Otherwise the fallback is built on an encoding
    # thread while the widget's item is (their single-threaded parts overlap).
    overlays = image.boxes or image.masks or image.heatmaps or static_lines(image)
    plain = not overlays and max(image.width, image.height) <= FALLBACK_MAX_SIDE
    reuse = plain and wanted(WIDGET_MIME)
    factor, via = fallback_factors(image)
    ordered = via > 1 and image._picture.pixels is not None  # a preview, never `reuse`
    ordered = ordered and wanted(WIDGET_MIME) and wanted("image/png")
    if ordered:
        image._picture.order_shrunk(factor, via)
    fallback_job = None
    if wanted("image/png") and not reuse and not ordered:
        fallback_job = submit_task(lambda: fallback_png(image))
    if wanted(WIDGET_MIME):
        view = show(image)
        # The view's own PNG would be the same picture; this one may be built on a thread.
        widget_bundle = view._repr_mimebundle_(exclude=["image/png"])
        assert widget_bundle is not None  # anywidget returns (data, metadata) for a view
        bundle[WIDGET_MIME] = widget_bundle[0][WIDGET_MIME]
        metadata = widget_bundle[1]
        shown = view.items[0]["src"] if view.items[0]["mime"] == "image/png" else None
    if wanted("image/png"):
        if fallback_job is not None:
            fallback = fallback_job.result()
        elif reuse and shown is not None:
            fallback = shown
        else:
            fallback = fallback_png(image)
        bundle["image/png"] = base64_text(fallback)
    if wanted("text/plain"):
        bundle["text/plain"] = repr(image)
    return bundle, metadata


# -- compare ---------------------------------------------------------------------------------

_PRESETS = ("imagenet", "pm1")


def _denormalize_state(denormalize: Any) -> tuple[str, list[float], list[float]]:
    """The compare argument as the view's traits: (choice, custom_mean, custom_std)."""
    if denormalize is None:
        return "none", [], []
    if isinstance(denormalize, str):
        if denormalize not in _PRESETS:
            raise bad_value(
                "denormalize",
                f"unknown preset {short(denormalize)}",
                "use 'imagenet', 'pm1', a (mean, std) pair, or None",
            )
        return denormalize, [], []
    if isinstance(denormalize, (tuple, list)) and len(denormalize) == 2:
        from nbimage.denormalize import resolve

        mean, std = resolve(denormalize)  # names the argument on any bad number
        for name, values in (("mean", mean), ("std", std)):
            if len(values) not in (1, 3, 4):
                raise bad_value(
                    f"denormalize {name}",
                    f"{len(values)} values",
                    "give 1, 3 or 4 numbers (one per channel)",
                )
        if any(v < 0 for v in std):
            raise bad_value("denormalize std", f"{std} holds a negative value", "std is > 0")
        return "custom", list(mean), list(std)
    raise bad_type("denormalize", denormalize, "'imagenet', 'pm1', a (mean, std) pair, or None")


def minmax_picture(raw: np.ndarray) -> PIL.Image.Image:
    """The data's own finite range stretched to 0..255 (NaN and -Inf 0, +Inf 255)."""
    span = finite_range(raw)
    if span is None or span[1] == span[0]:
        scaled = np.zeros(raw.shape, dtype=np.float32)
    elif max(abs(span[0]), abs(span[1])) > 1e37:
        # Beyond float32 (or a span overflowing float64): halves, in float64 (issue 19).
        lo, hi = span[0] * 0.5, span[1] * 0.5
        scaled = ((raw * 0.5 - lo) * (255.0 / (hi - lo))).astype(np.float32)
    else:
        lo, hi = span
        # One float32 temporary, changed in place (big pictures: no float64 copies).
        scaled = np.subtract(raw, np.float32(lo), dtype=np.float32)
        scaled *= np.float32(255.0 / (hi - lo))
    np.nan_to_num(scaled, copy=False, nan=0.0, posinf=255.0, neginf=0.0)
    pixels: np.ndarray = np.clip(scaled, 0, 255, out=scaled).astype(np.uint8)
    channels = int(pixels.shape[-1]) if pixels.ndim == 3 else 0
    if channels and channels not in (3, 4):
        # One channel, or a channel count no picture mode has: show the first channel(s).
        pixels = pixels[..., :3] if channels > 4 else pixels[..., 0]
    return PIL.Image.fromarray(np.ascontiguousarray(pixels))  # L, RGB or RGBA by shape


def _only_nan_and_inf(marks: np.ndarray) -> np.ndarray:
    """Min–max clips nothing: keep only the NaN and Inf marks."""
    return np.where(marks >= MARK_NAN, marks, MARK_NONE).astype(np.uint8)


class _Panel:
    def __init__(
        self,
        label: str,
        image: Image,
        picture: PIL.Image.Image | None = None,
        diagnostics: tuple[Diagnostic, ...] | None = None,
        marks: np.ndarray | None = None,
        rule: str | None = None,
    ) -> None:
        self.label = label
        self.rule = rule
        self.image = image
        self.picture = picture if picture is not None else image.image
        self.diagnostics = diagnostics
        self.marks = marks
        self._item: WireItem | None = None

    def item(self, index: int) -> WireItem:
        if self._item is None:
            self._item = image_item(
                self.image,
                item_id=f"panel-{index}-{self.label}",
                label=self.label,
                picture=self.picture,
                diagnostics=self.diagnostics,
                marks=self.marks,
                rule=self.rule,
            )
        return self._item


class CompareSource:
    """The comparison panels: logged, raw, min–max and (when asked) denormalized."""

    def __init__(self, data: Any, image_kwargs: dict[str, Any]) -> None:
        from nbimage.analysis import marks

        self._data = data
        self._kwargs = image_kwargs
        self.logged = Image(data, normalize=True, **image_kwargs)
        raw = self.logged.raw
        # PIL and file inputs have no raw array: their pixels are the data.
        self.raw = raw if raw is not None else np.asarray(self.logged.image)
        self._marks = marks
        raw_image = Image(data, normalize=False, **image_kwargs)
        span = finite_range(self.raw)
        span_text = (
            "no finite values"
            if span is None
            else f"[{number_text(span[0])}, {number_text(span[1])}]"
        )
        self.fixed = [
            _Panel("raw (normalize=False)", raw_image, marks=marks(self.raw, raw_image.rule)),
            _Panel(
                f"min–max {span_text}",
                self.logged,
                picture=minmax_picture(self.raw),
                diagnostics=(
                    Diagnostic(
                        "minmax",
                        "info",
                        f"the data's own finite range {span_text} stretched to 0–255; "
                        "NaN and -Inf shown as 0, +Inf as 255",
                    ),
                ),
                marks=_only_nan_and_inf(marks(self.raw, None)),
                rule="min–max",
            ),
        ]
        self.logged_panel = self.render_logged("0.22")
        self.denormalized: _Panel | None = None
        # The denormalized values before the clamp, the clamp's range and the clamped
        # Image's rule: what the histogram shows when the denormalized panel is chosen.
        self.denormalized_values: np.ndarray | None = None
        self.clamp: tuple[float, float] = (0.0, 1.0)

    def render_logged(self, era: str) -> _Panel:
        if era == "0.22":
            picture = self.logged.image
        else:
            from nbimage.eras import render_era

            picture = render_era(self._data, era, mode=self._kwargs.get("mode"))
        return _Panel(
            f"logged (normalize=True) · wandb {era}",
            self.logged,
            picture=picture,
            marks=self._marks(self.raw, self.logged.rule),
        )

    def render_denormalized(self, choice: str, mean: list[float], std: list[float]) -> None:
        if choice == "none" or (choice == "custom" and not (mean and std)):
            self.denormalized = None
            self.denormalized_values = None
            return
        from nbimage.denormalize import clamped, denormalize

        preset: Any = choice if choice != "custom" else (tuple(mean), tuple(std))
        values = denormalize(self.raw, preset)
        # What `wandb.Image(x.clamp(0, 1))` logs: one value at 1.0000001 (float error of
        # `x * std + mean`) would otherwise make wandb clip the whole picture to black.
        kept, moved, (low, high) = clamped(values)
        kwargs = {k: v for k, v in self._kwargs.items() if k != "mode"}
        image = Image(kept, normalize=True, **kwargs)
        label = choice if choice != "custom" else f"mean {mean}, std {std}"
        clamp = f"clamp({number_text(low)}, {number_text(high)})"
        span = finite_range(values)
        spans = "" if span is None else f" spans [{number_text(span[0])}, {number_text(span[1])}];"
        note = Diagnostic(
            "denormalized",
            "info",
            f"x * std + mean ({label}){spans} {clamp} moved {moved} of {values.size} values "
            f"({100 * moved / max(values.size, 1):.3g}%): this panel is what "
            f"`wandb.Image(x.{clamp})` logs",
        )
        self.denormalized_values, self.clamp = values, (low, high)
        self.denormalized = _Panel(
            f"denormalized ({label}) · {clamp} moved {moved}",
            image,
            diagnostics=(note, *image.diagnostics),
            marks=self._marks(values, CLIP) if moved else self._marks(kept, image.rule),
        )

    def histogram(self, of: str) -> WireHistogram:
        """The histogram of the raw values, or of the denormalized ones ("denormalized")."""
        from nbimage.analysis import histogram

        if of == "denormalized" and self.denormalized is not None:
            assert self.denormalized_values is not None
            rule = self.denormalized.image.rule
            return histogram(self.denormalized_values, rule, clamp=self.clamp)
        return histogram(self.raw, self.logged.rule)

    def panels(self) -> list[_Panel]:
        extra = [self.denormalized] if self.denormalized is not None else []
        return [self.logged_panel, *self.fixed, *extra]

    def total(self) -> int:
        return len(self.panels())

    def items(self, start: int, stop: int) -> list[WireItem]:
        panels = self.panels()
        return [panels[i].item(i) for i in range(start, stop)]

    def static_pictures(self, start: int, stop: int) -> list[PIL.Image.Image]:
        panels = self.panels()[start:stop]
        pictures = map_tasks(
            lambda panel: thumbnail(panel.image, COMPARE_PANEL_SIDE, panel.picture), panels
        )

        # Each panel with its title over it and its summary (rule) and badges under it.
        def below(index: int, panel: _Panel) -> list[Line]:
            shown = panel.image.diagnostics if panel.diagnostics is None else panel.diagnostics
            return [panel.item(index)["summary"], *badge_line(shown)]

        belows = [below(start + i, panel) for i, panel in enumerate(panels)]
        titles = [panel.label for panel in panels]
        return labelled_row(pictures, titles, belows, min_width=COMPARE_MIN_WIDTH)

    def inspect(self, index: int, x: int, y: int) -> InspectValues:
        panel = self.panels()[index]
        raw = self.raw
        own = panel.image.raw
        if own is not None and own.shape[:2] != raw.shape[:2]:
            # The denormalized panel of a one-pixel-high picture is laid out as an array of
            # its own (trivial sides squeezed): answer from its values, never out of bounds.
            raw = own
        return raw_at(raw, x, y), str(raw.dtype), pil_value_at(panel.picture, x, y)

    def heatmaps_at(self, index: int, x: int, y: int) -> dict[str, float | None]:
        return heatmap_values_at(self.panels()[index].image, x, y)


def _own_copy(data: Any) -> Any:
    """A private copy of an array or tensor (other inputs are read once, not kept)."""
    if isinstance(data, np.ndarray):
        return data.copy()
    if is_torch_tensor(data):
        return data.detach().clone()
    return data


# Keyword arguments of `compare` that go to `Image` (data and normalize are compare's own).
COMPARE_IMAGE_ARGUMENTS = tuple(
    name
    for name in inspect.signature(Image.__init__).parameters
    if name not in ("self", "data_or_path", "normalize")
)
# ...and those that set the view up front, as `show(**view_state)` does.
COMPARE_VIEW_OPTIONS = (*VIEW_OPTIONS, "sync_zoom", "histogram_of")


def _split_compare_kwargs(kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(Image arguments, view options); any other name is a TypeError listing both kinds."""
    if "normalize" in kwargs:
        raise TypeError(
            "compare() renders both normalize=True and normalize=False; drop the normalize= "
            f"argument (got normalize={kwargs['normalize']!r})"
        )
    unknown = sorted(set(kwargs) - set(COMPARE_IMAGE_ARGUMENTS) - set(COMPARE_VIEW_OPTIONS))
    if unknown:
        raise TypeError(
            f"compare() got unexpected keyword argument(s) {', '.join(map(repr, unknown))}; "
            f"it accepts denormalize, era, Image arguments ({', '.join(COMPARE_IMAGE_ARGUMENTS)}) "
            f"and view options ({', '.join(COMPARE_VIEW_OPTIONS)})"
        )
    image_kwargs = {k: v for k, v in kwargs.items() if k in COMPARE_IMAGE_ARGUMENTS}
    view_state = {k: v for k, v in kwargs.items() if k in COMPARE_VIEW_OPTIONS}
    return image_kwargs, view_state


def compare(
    data_or_image: Any,
    *,
    denormalize: Any = None,
    era: str = "0.22",
    **kwargs: Any,
) -> ImageView:
    """The same data rendered side by side: as logged, raw, min–max (and denormalized).

    `denormalize`: None, "imagenet", "pm1" or a (mean, std) pair adds a panel of
    `data * std + mean` as wandb would log it. `era` picks which wandb release's rendering
    the logged panel shows ("0.19", "0.22", "0.31"). Other keyword arguments are either
    `Image` arguments (caption, boxes, masks, mode...) or view options set up front
    (`compare_mode="swipe"`, `swipe_pair=[0, 2]`, `show_marks=True`, `sync_zoom=True`,
    `zoom`, `center`, `mask_opacity`...; see COMPARE_VIEW_OPTIONS). The view's `era`,
    `denormalize`, `custom_mean` and `custom_std` traits re-render the panels in Python
    when changed.

    Given an `Image`, its aligned raw values (HWC numpy) are the data: pass the original
    tensor instead to see the torch-specific 0.19 rendering (min–max via make_grid).
    """
    from nbimage.eras import ERAS

    image_kwargs, view_state = _split_compare_kwargs(kwargs)
    era_ids = [era_id for era_id, _label in ERAS]
    if not isinstance(era, str) or era not in era_ids:
        raise bad_value("era", f"unknown wandb era {describe(era)}", f"use one of {era_ids}")
    choice, mean, std = _denormalize_state(denormalize)
    if isinstance(data_or_image, Image):
        image = data_or_image
        data: Any = image.raw if image.raw is not None else image.image
        image_kwargs = {
            "caption": image.caption,
            "boxes": image.boxes or None,
            "masks": image.masks or None,
            "classes": image.classes,
            **image_kwargs,
        }
    else:
        data = data_or_image

    # Images keep a reference to the caller's array; compare re-renders from it later (era,
    # denormalize), so it takes its own copy once and later edits cannot reach the panels.
    source = CompareSource(_own_copy(data), image_kwargs)
    source.render_denormalized(choice, mean, std)
    if era != "0.22":
        source.logged_panel = source.render_logged(era)

    histogram_of = view_state.pop("histogram_of", "raw")
    view = ImageView(
        source,
        view="compare",
        eras=wire_eras(ERAS),
        era=era,
        denormalize=choice,
        custom_mean=mean,
        custom_std=std,
        histogram_of=histogram_of,
        histogram=source.histogram(histogram_of),
    )

    def on_era(change: Any) -> None:
        source.logged_panel = source.render_logged(change["new"])
        view.set_source(source)

    def on_denormalize(_change: Any) -> None:
        source.render_denormalized(view.denormalize, view.custom_mean, view.custom_std)
        view.set_source(source)
        on_histogram_of(None)

    def on_histogram_of(_change: Any) -> None:
        # The histogram and its value -> 0–255 mapping follow the chosen panel.
        view.histogram = dict(source.histogram(view.histogram_of))

    # Set after the panels are loaded, so `swipe_pair` is checked against them.
    with view.hold_sync():
        for name, value in view_state.items():
            setattr(view, name, value)
    view.observe(on_era, names="era")
    view.observe(on_denormalize, names=["denormalize", "custom_mean", "custom_std"])
    view.observe(on_histogram_of, names="histogram_of")
    return view
