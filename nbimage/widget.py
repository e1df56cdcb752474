"""The anywidget view: one widget class whose synced traits are exactly `WireViewState`.

The widget is thin. What it shows comes from `nbimage.payload` (items built from `Image`s)
and `nbimage.views` (`show`, `compare`), which give it an `ItemSource`: the widget only asks
the source for the current page's items and for raw values under the pointer.

Trait values are validated here, next to the state they guard, so a wrong value from Python
(or from the browser) fails with an error that names the trait.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any, Protocol

import anywidget
import PIL.Image
import traitlets
from traitlets import TraitError

from nbimage._errors import describe, short
from nbimage.contact_sheet import contact_sheet, sheet_columns
from nbimage.display_encode import base64_text, encode_display
from nbimage.text import has_surrogates
from nbimage.wire import InspectReply, RenderReply, WireItem

PNG_MIME = "image/png"

_STATIC = Path(__file__).parent / "static"
_BUNDLE = _STATIC / "widget.js"
_STYLES = _STATIC / "widget.css"

# Shown instead of the view when the package was installed without its bundle (a source
# checkout before `npm run build`): a clear message beats an empty output area.
_MISSING_BUNDLE_ESM = """
export default {
  render({ el }) {
    el.textContent = "nbimage: the widget bundle nbimage/static/widget.js is missing; " +
      "run `npm run build` (or `make build`) in the nbimage checkout.";
  },
};
"""

DENORMALIZE_CHOICES = ("none", "imagenet", "pm1", "custom")
# compare: whose values the histogram shows (the raw input, or the denormalized panel's).
HISTOGRAM_OF = ("raw", "denormalized")
MAX_WIDTH = 16384  # CSS px: `width` beyond any screen is a mistake (a picture size?)


def _asset(path: Path) -> str | Path:
    """A bundle file as anywidget's `_esm`/`_css`: its text, or the path itself when
    anywidget's live reload is on (ANYWIDGET_HMR=1, while developing the view).

    anywidget connects every widget whose asset is a file to that file's change signal,
    for live reload, so such a widget is never freed, even once closed, and keeps its
    pictures in the kernel (manzt/anywidget#929): ~55 MB per 4096² picture displayed.
    """
    if os.environ.get("ANYWIDGET_HMR", "").lower() in ("1", "true"):
        return path
    return path.read_text(encoding="utf-8")


class ViewStateTypeError(TraitError, TypeError):
    """A view-state trait received a value of the wrong type."""


class ViewStateValueError(TraitError, ValueError):
    """A view-state trait received a value of the right type that it cannot use."""


class _NamesTheTrait:
    """Re-raise traitlets' type errors as `ViewStateTypeError` (a `TypeError` too).

    traitlets' own message already names the trait, the class and the value received; where
    it cannot be formatted (an int of 5000 digits) a short one of ours names them instead.
    """

    def error(self, obj: Any, value: Any, error: Any = None, info: Any = None) -> Any:
        name = getattr(self, "name", None) or "an element"
        if isinstance(error, ViewStateValueError):  # an element's own check: keep its words
            raise ViewStateValueError(f"{name}: {error}") from None
        element = getattr(self, "_trait", None)
        if error is not None and element is not None:  # an element of the wrong type
            raise ViewStateTypeError(
                f"{name}: elements must be {element.info()}, got {describe(value)}"
            ) from None
        accepted = self.info() if hasattr(self, "info") else "another value"
        ours = f"{name}: expected {accepted}, got {describe(value)}"
        try:
            return super().error(obj, value, error, info)  # type: ignore[misc]
        except ViewStateTypeError:
            raise
        except TraitError as exc:
            try:
                text = str(exc)
            except Exception:  # traitlets' message could not print the value
                text = ours
            if len(text) > 500:  # traitlets prints the whole value (a deep list)
                text = ours
            raise ViewStateTypeError(text) from None
        except Exception:  # traitlets could not print the value
            raise ViewStateTypeError(ours) from None


class _NamesTheTraitInValues(_NamesTheTrait):
    """As `_NamesTheTrait`, for the keys and values of a Dict trait (`element_error`)."""

    def element_error(self, obj: Any, element: Any, validator: Any, side: str = "Values") -> None:
        name = getattr(self, "name", None)
        try:  # traitlets does not pass the element's own error on: ask again for its words
            validator._validate(obj, element)
        except ViewStateValueError as inner:
            raise ViewStateValueError(f"{name}: {side.lower()}: {inner}") from None
        except ViewStateTypeError as inner:
            if str(inner).startswith("an element"):  # a list inside: its words say more
                raise ViewStateTypeError(f"{name}: {side.lower()}: {inner}") from None
        except Exception:
            pass
        raise ViewStateTypeError(
            f"{name}: {side.lower()} must be {validator.info()}, got {describe(element)}"
        )


def _element_problem(trait: Any, problem: str) -> ViewStateValueError:
    """A value error from a trait that may be a List/Dict element (which has no name)."""
    return ViewStateValueError(f"{trait.name}: {problem}" if trait.name else problem)


# Ints travel as JSON numbers, which the browser reads exactly only up to 2**53.
_MAX_SAFE_INT = 2**53 - 1


class _Int(_NamesTheTrait, traitlets.Int[int, int]):
    def validate(self, obj: Any, value: Any) -> Any:
        value = super().validate(obj, value)
        if abs(value) > _MAX_SAFE_INT:
            raise _element_problem(self, f"{short(value)} is out of range (±{_MAX_SAFE_INT})")
        return value


class _Float(_NamesTheTrait, traitlets.Float[float, float]):
    def validate(self, obj: Any, value: Any) -> Any:
        try:
            return super().validate(obj, value)
        except OverflowError:  # an int too large for a float (10**400)
            raise _element_problem(self, f"{short(value)} is too large") from None


class _Bool(_NamesTheTrait, traitlets.Bool[bool, bool]):
    pass


class _Unicode(_NamesTheTrait, traitlets.Unicode[str, str]):
    def validate(self, obj: Any, value: Any) -> Any:
        if isinstance(value, bytes):  # traitlets would decode it, or fail in its own words
            raise ViewStateTypeError(f"{self.name or 'an element'}: expected a str, got bytes")
        value = super().validate(obj, value)
        if has_surrogates(value):  # could not be sent as UTF-8
            raise _element_problem(self, f"{short(value)} holds lone surrogates")
        return value


class _Enum(_NamesTheTrait, traitlets.Enum[str]):
    def error(self, obj: Any, value: Any, error: Any = None, info: Any = None) -> Any:
        # A value of the right type outside the choices is a ValueError, not a TypeError.
        if isinstance(value, str):
            raise ViewStateValueError(
                f"{self.name}: expected one of {', '.join(map(repr, self.values or ()))}, "
                f"got {value!r}"
            )
        return super().error(obj, value, error, info)


class _List(_NamesTheTrait, traitlets.List[Any]):
    pass


class _Dict(_NamesTheTraitInValues, traitlets.Dict):
    pass


# What the inspector reports at a pixel: (raw values, raw dtype, shown values 0..255).
# A raw value is "NaN", "+Inf" or "-Inf" where the input held one (JSON has no NaN).
InspectValues = tuple[list[float | str] | None, str, list[int]]


def _problem(trait: str, problem: str) -> ViewStateValueError:
    return ViewStateValueError(f"{trait}: {problem}")


class ItemSource(Protocol):
    """Where a view's pictures come from (built by `nbimage.views`)."""

    def total(self) -> int:
        """Number of items across all pages."""

    def items(self, start: int, stop: int) -> list[WireItem]:
        """Wire items for positions `start` (inclusive) to `stop` (exclusive)."""

    def inspect(self, index: int, x: int, y: int) -> InspectValues:
        """(raw values, raw dtype, shown values) at picture pixel (x, y) of item `index`."""

    def static_pictures(self, start: int, stop: int) -> list[PIL.Image.Image]:
        """Items `start`..`stop` as small pictures with their overlays drawn in (the
        contact sheet of the view's `image/png` fallback)."""


class ImageView(anywidget.AnyWidget):
    """An nbimage view: one picture, a grid of them, or a comparison of renderings.

    Build it with `nbimage.show(...)` or `nbimage.compare(...)`; every trait below can be read
    and set from Python and is what the browser changes when a person clicks.
    """

    _esm = _asset(_BUNDLE) if _BUNDLE.is_file() else _MISSING_BUNDLE_ESM
    if _STYLES.is_file():
        _css = _asset(_STYLES)

    view = _Enum(("single", "grid", "compare", "channels"), default_value="single").tag(sync=True)
    items = _List(_Dict()).tag(sync=True)
    columns = _Int(0).tag(sync=True)
    width = _Int(0).tag(sync=True)
    page = _Int(0).tag(sync=True)
    page_count = _Int(1).tag(sync=True)
    total_items = _Int(0).tag(sync=True)
    hidden_classes = _Dict(value_trait=_List(_Int()), key_trait=_Unicode()).tag(sync=True)
    mask_opacity = _Float(0.5).tag(sync=True)
    score_thresholds = _Dict(value_trait=_Float(), key_trait=_Unicode()).tag(sync=True)
    show_box_labels = _Bool(True).tag(sync=True)
    zoom = _Float(1.0).tag(sync=True)
    center = _List(_Float(), default_value=[0.5, 0.5]).tag(sync=True)
    sync_zoom = _Bool(False).tag(sync=True)
    compare_mode = _Enum(("side-by-side", "swipe"), default_value="side-by-side").tag(sync=True)
    swipe_pair = _List(_Int(), default_value=[0, 1]).tag(sync=True)
    swipe_position = _Float(0.5).tag(sync=True)
    show_marks = _Bool(False).tag(sync=True)
    era = _Unicode("0.22").tag(sync=True)
    eras = _List(_Dict()).tag(sync=True)
    denormalize = _Enum(DENORMALIZE_CHOICES, default_value="none").tag(sync=True)
    custom_mean = _List(_Float()).tag(sync=True)
    custom_std = _List(_Float()).tag(sync=True)
    histogram = _Dict(allow_none=True, default_value=None).tag(sync=True)
    histogram_of = _Enum(HISTOGRAM_OF, default_value="raw").tag(sync=True)
    # Display only (nbimage.windowing): rendered in Python when the view asks.
    window = traitlets.Any(None, allow_none=True).tag(sync=True)
    colormap = traitlets.Any(None, allow_none=True).tag(sync=True)
    channel_window = _Enum(("shared", "per-channel"), default_value="per-channel").tag(sync=True)
    hidden_layers = _List().tag(sync=True)
    layer_opacity = _Dict(value_trait=_Float(), key_trait=_Unicode()).tag(sync=True)
    confidence_thresholds = _Dict(value_trait=_Float(), key_trait=_Unicode()).tag(sync=True)
    heatmap_opacity = _Float(0.5).tag(sync=True)
    hidden_heatmaps = _List(_Unicode()).tag(sync=True)

    def __init__(
        self, source: ItemSource | None = None, *, page_size: int = 108, **state: Any
    ) -> None:
        if isinstance(page_size, bool) or not isinstance(page_size, int):
            raise TypeError(f"page_size: expected a positive int, got {page_size!r}")
        if page_size < 1:
            raise ValueError(f"page_size: must be at least 1, got {page_size}")
        self._source = source
        self._page_size = page_size
        # `page` is checked against `page_count`, known only once the source is loaded.
        page = state.pop("page", 0)
        super().__init__(**state)
        if source is not None and page:
            # Only the page asked for is built (a dataset reads no other page).
            self.page_count = max(1, math.ceil(source.total() / page_size))
            self.page = page  # checked against page_count; `_on_page` loads it
        elif source is not None:
            self._load_page()
        elif page:
            self.page = page
        self.on_msg(self._on_custom_message)

    def __repr__(self) -> str:
        # Deterministic (no address): it is the text/plain that nbval compares.
        text = f"ImageView({self.view}, {self.total_items} item"
        text += "" if self.total_items == 1 else "s"
        if self.page_count > 1:
            text += f", page {self.page + 1} of {self.page_count}"
        return text + ")"

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The widget view and text repr (anywidget's), plus a static `image/png` of a grid
        or comparison for renderers without a kernel (GitHub, nbviewer, nbconvert).

        Built here, on demand, never on trait changes.
        """
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle
        include, exclude = kwargs.get("include"), kwargs.get("exclude")
        wanted = (include is None or PNG_MIME in include) and (
            exclude is None or PNG_MIME not in exclude
        )
        if wanted and self._source is not None and self.items:
            data[PNG_MIME] = base64_text(self.static_png())
        return data, metadata

    def static_png(self) -> bytes:
        """The current page as one PNG: a grid's items tiled `columns` wide (0: up to 8),
        a comparison's panels side by side, each with its overlays drawn in (a single
        picture: the same PNG as its Image's fallback).

        Every class is drawn: a static picture has no legend to hide classes with, so
        `hidden_classes` and `score_thresholds` apply to the live view only.
        """
        assert self._source is not None
        start = self.page * self._page_size
        pictures = self._source.static_pictures(start, start + len(self.items))
        if self.view == "single":
            return encode_display(pictures[0])[0]
        columns = len(pictures) if self.view == "compare" else self.columns
        sheet = contact_sheet(pictures, sheet_columns(columns, len(pictures)))
        return encode_display(sheet, max(sheet.size))[0]

    @property
    def page_size(self) -> int:
        """How many items one page holds (the grid shows one page at a time)."""
        return self._page_size

    # -- validation ------------------------------------------------------------------------

    @traitlets.validate("columns")
    def _check_columns(self, proposal: Any) -> int:
        if proposal.value < 0:
            raise _problem("columns", f"must be >= 0 (0 = as many as fit), got {proposal.value}")
        return int(proposal.value)

    @traitlets.validate("width")
    def _check_width(self, proposal: Any) -> int:
        value = int(proposal.value)
        if not 0 <= value <= MAX_WIDTH:
            raise _problem(
                "width", f"must be 0 (fit the output) or 1..{MAX_WIDTH} CSS pixels, got {value}"
            )
        return value

    @traitlets.validate("page")
    def _check_page(self, proposal: Any) -> int:
        value = int(proposal.value)
        if value < 0 or value >= max(self.page_count, 1):
            raise _problem("page", f"must be in 0..{max(self.page_count, 1) - 1}, got {value}")
        return value

    @traitlets.validate("confidence_thresholds")
    def _check_confidence(self, proposal: Any) -> dict[str, float]:
        for key, value in proposal.value.items():
            if not 0.0 <= value <= 1.0:
                raise _problem(
                    "confidence_thresholds", f"[{key!r}] must be between 0 and 1, got {value}"
                )
        return dict(proposal.value)

    @traitlets.validate("mask_opacity", "swipe_position", "heatmap_opacity")
    def _check_fraction(self, proposal: Any) -> float:
        value = float(proposal.value)
        if not 0.0 <= value <= 1.0:
            raise _problem(proposal.trait.name, f"must be between 0 and 1, got {value}")
        return value

    @traitlets.validate("zoom")
    def _check_zoom(self, proposal: Any) -> float:
        value = float(proposal.value)
        if not (math.isfinite(value) and value > 0):
            raise _problem("zoom", f"must be a finite number > 0 (1 = fit), got {value}")
        return value

    @traitlets.validate("center")
    def _check_center(self, proposal: Any) -> list[float]:
        value = [float(v) for v in proposal.value]
        if len(value) != 2 or not all(math.isfinite(v) for v in value):
            raise _problem("center", f"must be two finite numbers [cx, cy], got {value}")
        return value

    @traitlets.validate("swipe_pair")
    def _check_swipe_pair(self, proposal: Any) -> list[int]:
        value = [int(v) for v in proposal.value]
        if len(value) != 2 or min(value) < 0:
            raise _problem("swipe_pair", f"must be two item indices [a, b] >= 0, got {value}")
        count = len(self.items)
        if count and max(value) >= count:
            raise _problem(
                "swipe_pair", f"indices must be < {count} (the items shown), got {value}"
            )
        return value

    @traitlets.validate("era")
    def _check_era(self, proposal: Any) -> str:
        known = [era["id"] for era in self.eras]
        if known and proposal.value not in known:
            raise _problem("era", f"expected one of {known}, got {proposal.value!r}")
        return str(proposal.value)

    @traitlets.validate("score_thresholds")
    def _check_thresholds(self, proposal: Any) -> dict[str, float]:
        for key, value in proposal.value.items():
            if not math.isfinite(value):
                raise _problem("score_thresholds", f"[{key!r}] must be finite, got {value}")
        return dict(proposal.value)

    @traitlets.validate("window")
    def _check_window(self, proposal: Any) -> Any:
        from nbimage.windowing import check_window

        try:
            window = check_window("window", proposal.value)
        except TypeError as exc:
            raise ViewStateTypeError(str(exc)) from None
        except ValueError as exc:
            raise ViewStateValueError(str(exc)) from None
        return list(window) if isinstance(window, tuple) else window

    @traitlets.validate("colormap")
    def _check_colormap(self, proposal: Any) -> str | None:
        from nbimage.windowing import check_colormap_option

        if proposal.value is not None and not isinstance(proposal.value, str):
            raise ViewStateTypeError(
                f"colormap: expected None or a colormap name, got {describe(proposal.value)}"
            )
        try:
            return check_colormap_option("colormap", proposal.value)
        except ValueError as exc:
            raise ViewStateValueError(str(exc)) from None

    @traitlets.validate("layer_opacity")
    def _check_layer_opacity(self, proposal: Any) -> dict[str, float]:
        for key, value in proposal.value.items():
            if not (math.isfinite(value) and 0.0 <= value <= 1.0):
                raise _problem("layer_opacity", f"[{key!r}] must be between 0 and 1, got {value}")
        return dict(proposal.value)

    @traitlets.validate("hidden_layers")
    def _check_hidden_layers(self, proposal: Any) -> list[str]:
        for index, key in enumerate(proposal.value):
            if not isinstance(key, str):
                raise ViewStateTypeError(
                    f"hidden_layers[{index}]: expected a layer key (str), got {describe(key)}"
                )
            if has_surrogates(key):  # could not be sent as UTF-8
                raise _problem(f"hidden_layers[{index}]", f"{short(key)} holds lone surrogates")
        return list(dict.fromkeys(proposal.value))  # a layer hidden twice is hidden once

    @traitlets.validate("custom_mean", "custom_std")
    def _check_mean_std(self, proposal: Any) -> list[float]:
        name = proposal.trait.name
        value = [float(v) for v in proposal.value]
        if len(value) not in (0, 1, 3, 4):
            raise _problem(name, f"needs 1, 3 or 4 numbers (one per channel), got {len(value)}")
        if not all(math.isfinite(v) for v in value):
            raise _problem(name, f"must be finite numbers, got {value}")
        if name == "custom_std" and any(v <= 0 for v in value):
            raise _problem(name, f"must be > 0 (it divides), got {value}")
        return value

    # -- paging ----------------------------------------------------------------------------

    @traitlets.observe("page")
    def _on_page(self, change: Any) -> None:
        if self._source is not None:
            self._load_page()

    def _load_page(self) -> None:
        """Swap in the current page's items; only those travel to the browser."""
        assert self._source is not None
        total = self._source.total()
        count = max(1, math.ceil(total / self._page_size))
        start = min(self.page, count - 1) * self._page_size
        items = self._source.items(start, min(start + self._page_size, total))
        with self.hold_sync():
            self.total_items = total
            self.page_count = count
            self.items = items

    def set_source(self, source: ItemSource) -> None:
        """Replace where the items come from (compare re-renders its panels this way)."""
        self._source = source
        self._load_page()

    # -- custom messages -------------------------------------------------------------------

    def _on_custom_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "inspect":
            self.send(self.inspect_reply(content))
        elif isinstance(content, dict) and content.get("type") == "render":
            reply, buffers = self.render_reply(content)
            self.send(reply, buffers)

    def render_reply(self, request: Any) -> tuple[RenderReply, list[bytes]]:
        """Answer a `RenderRequest` (window/level, colormap): the reply and its PNG buffer."""
        from nbimage.windowing import render_reply

        render_item = getattr(self._source, "render", None)
        offset = self.page * self._page_size
        return render_reply(render_item, len(self.items), offset, request)

    def inspect_reply(self, request: Any) -> InspectReply:
        """Answer an `InspectRequest`; bad coordinates get an empty answer, never an error."""

        from nbimage.windowing import safe_int

        def whole(key: str) -> int:
            return safe_int(request.get(key))

        item, x, y = whole("item"), whole("x"), whole("y")
        raw: list[float | str] | None = None
        raw_dtype = ""
        shown: list[int] = []
        heatmaps: dict[str, float | None] = {}
        if self._source is not None and 0 <= item < len(self.items):
            width, height = self.items[item]["width"], self.items[item]["height"]
            if 0 <= x < width and 0 <= y < height:
                index = self.page * self._page_size + item
                raw, raw_dtype, shown = self._source.inspect(index, x, y)
                heatmaps_at = getattr(self._source, "heatmaps_at", None)  # optional in a source
                if heatmaps_at is not None:
                    heatmaps = heatmaps_at(index, x, y)
        return {
            "type": "inspect-result",
            "request_id": whole("request_id"),
            "item": item,
            "x": x,
            "y": y,
            "raw": raw,  # "NaN" / "+Inf" / "-Inf" inside for those (JSON has no NaN)
            "raw_dtype": raw_dtype,
            "shown": shown,
            "heatmaps": heatmaps,  # None inside: NaN/Inf
        }
