"""The wire format: what the kernel sends to the TypeScript view, typed once on this side.

`js/wire.ts` types the same shapes for the browser. `tests/test_wire.py` writes
`tests/fixtures/wire_payload.json` from real builders and `js/wire.test.ts` reads it,
so the two sides cannot drift apart silently.

Binary fields are `bytes`: ipywidgets lifts them out of the JSON into comm buffers
and they arrive in JavaScript as `DataView`s (never base64 inside JSON).

Coordinates are always in the *full-resolution* picture's pixels (`width` × `height`),
even when `src` holds a smaller preview: the view scales the preview up to that size.
"""

from __future__ import annotations

from typing import Literal, TypedDict

Severity = Literal["info", "warning", "error"]
ViewKind = Literal["single", "grid", "compare", "channels"]
CompareMode = Literal["side-by-side", "swipe"]

# Values of the 8-bit `marks` PNG sent with compare panels.
MARK_NONE = 0
MARK_CLIPPED_LOW = 1
MARK_CLIPPED_HIGH = 2
MARK_NAN = 3
MARK_INF = 4


class WireDiagnostic(TypedDict):
    code: str
    severity: Severity
    message: str


class WireBox(TypedDict):
    x0: float  # left edge, picture pixels (converted from the box's domain by Python)
    y0: float  # top edge
    x1: float  # right edge
    y1: float  # bottom edge
    class_id: int
    label: str  # text drawn beside the box: box_caption, else "<class name> <first score>"
    scores: dict[str, float]


class WireBoxLayer(TypedDict):
    key: str  # the key of the `boxes` dict, e.g. "predictions"
    class_labels: dict[str, str]  # class id (a JSON object key, so a string) -> name
    boxes: list[WireBox]


class WireMaskLayer(TypedDict):
    key: str  # the key of the `masks` dict
    class_labels: dict[str, str]
    png: bytes  # 8-bit grayscale PNG of class ids, picture-sized; coloured in the browser
    counts: dict[str, int]  # class id -> pixel count
    # ImageMask.from_scores: 8-bit PNG of the winning probability (round(p * 255)), mask-sized;
    # the view hides pixels below `confidence_thresholds[key]`. None for plain masks.
    confidence: bytes | None


class WireHeatmap(TypedDict):
    key: str  # the key of the `heatmaps` dict, e.g. "grad-cam"
    png: bytes  # RGBA PNG of the colormapped values, heatmap-sized (drawn stretched, nearest)
    width: int  # the heatmap's own size (not the picture's)
    height: int
    lo: float  # the value drawn as the colormap's first colour
    hi: float  # ... and as its last
    colormap: str
    colorbar: bytes  # 256×1 RGB PNG of the colormap (the legend bar), low values left


class WireBatch(TypedDict):
    """How a batch was laid out as one picture (`nbimage.layout.make_grid`)."""

    count: int  # samples
    rows: int
    columns: int
    height: int  # one sample's size, picture pixels
    width: int
    padding: int  # pixels around every sample


class WireItem(TypedDict):
    id: str  # stable within one view
    label: str  # panel title in compare ("logged (normalize=True)"); "" elsewhere
    src: bytes  # the encoded picture (PNG or JPEG), possibly a preview smaller than width×height
    mime: str  # "image/png" | "image/jpeg" | "image/bmp"
    width: int  # full-resolution size: the coordinate space of boxes, masks and inspection
    height: int
    caption: str | None  # drawn as text, never as HTML
    grouping: int | None  # grid: start a new row after this many items from here
    summary: str  # one line, e.g. "512×512 RGB · float32 [0, 1] · rule-scale-01"
    boxes: list[WireBoxLayer]
    masks: list[WireMaskLayer]
    diagnostics: list[WireDiagnostic]
    marks: bytes | None  # compare only: 8-bit PNG of MARK_* values, picture-sized
    mode: str  # the shown picture's PIL mode ("L", "RGB", "RGBA", ...): the inspector names it
    batch: WireBatch | None  # a batch shown as a grid: the inspector names the sample
    heatmaps: list[WireHeatmap]


class WireEra(TypedDict):
    id: str  # "0.19", "0.22", "0.31"
    label: str  # "wandb ≤ 0.19: torch min–max, numpy to_uint8"


class WireHistogramChannel(TypedDict):
    name: str  # "R", "G", "B", "A" or "L"
    counts: list[int]


class WireHistogram(TypedDict):
    lo: float  # left edge of the first bin (raw value)
    hi: float  # right edge of the last bin
    channels: list[WireHistogramChannel]
    mapping: list[list[float]]  # polyline of [raw value, 0..255 output] for the rule that ran
    clip_below: float | None  # raw values below this became 0 (None: nothing clipped low)
    clip_above: float | None  # raw values above this became 255


class WireViewState(TypedDict):
    """Every synced trait of the view, as both sides name it.

    Everything a person can change in the browser is here, so Python can drive it.
    """

    view: ViewKind
    items: list[WireItem]
    columns: int  # grid columns, 0 = as many as fit
    width: int  # CSS px: a single picture's width, a grid's thumbnail width; 0 = from the output
    page: int  # grid paging: zero-based page shown
    page_count: int
    total_items: int  # items across all pages
    hidden_classes: dict[str, list[int]]  # layer key -> hidden class ids (shared by a grid)
    mask_opacity: float  # 0..1
    score_thresholds: dict[str, float]  # score key -> minimum score kept
    show_box_labels: bool
    zoom: float  # 1 = fit the picture in its panel
    center: list[float]  # [cx, cy]: the picture point at the panel centre, as fractions 0..1
    sync_zoom: bool  # grid: one zoom and centre for every item
    compare_mode: CompareMode
    swipe_pair: list[int]  # indices into items shown in swipe mode
    swipe_position: float  # 0..1, where the divider sits
    show_marks: bool  # compare: overlay clipped/NaN/Inf pixels
    era: str  # compare: which wandb release's rendering the "logged" panel shows
    eras: list[WireEra]
    denormalize: str  # compare: "none" | "imagenet" | "pm1" | "custom"
    custom_mean: list[float]
    custom_std: list[float]
    histogram: WireHistogram | None
    histogram_of: Literal["raw", "denormalized"]  # compare: whose values the histogram shows
    # Display only: None (what wandb logs), "full", "p1-99" or [low, high] raw values.
    window: str | list[float] | None
    colormap: str | None  # display only, one-channel pictures: None or a colormap name
    channel_window: Literal["shared", "per-channel"]  # channels(): one window or one each
    hidden_layers: list[str]  # box/mask layer keys drawn not at all (shared by a grid)
    layer_opacity: dict[str, float]  # mask layer key -> 0..1; layers not listed: mask_opacity
    confidence_thresholds: dict[str, float]  # mask layer key -> minimum winning probability 0..1
    heatmap_opacity: float  # 0..1
    hidden_heatmaps: list[str]  # heatmap keys not drawn


# Custom messages. The view asks; the kernel answers with the same request_id.


class RenderRequest(TypedDict):
    """Ask for an item drawn through a window and colormap (display only)."""

    type: Literal["render"]
    request_id: int
    item: int  # index into items
    window: str | list[float] | None  # None | "full" | "p1-99" | [low, high] raw values
    colormap: str | None  # None | a name of nbimage.colormaps.COLORMAPS
    channel_window: Literal["shared", "per-channel"]  # channels(): one window or one each
    max_side: int  # the long side wanted (the canvas's, zoom included); the kernel caps it


class RenderReply(TypedDict):
    """The answer; the PNG travels as the message's first binary buffer (none on error)."""

    type: Literal["render-result"]
    request_id: int
    item: int
    window: list[float] | None  # the (low, high) raw values used
    colormap: str | None  # the colormap used (None: one applies to one channel only)
    note: str  # e.g. "1–99 percentile 120–64000 · viridis · display only, not what wandb logs"
    error: str | None  # why nothing was drawn (bad window, no raw values)


class InspectRequest(TypedDict):
    type: Literal["inspect"]
    request_id: int
    item: int  # index into items
    x: int  # picture pixel column
    y: int  # picture pixel row


class InspectReply(TypedDict):
    type: Literal["inspect-result"]
    request_id: int
    item: int
    x: int
    y: int
    # The input's value(s) at that pixel per channel; "NaN", "+Inf" or "-Inf" for those.
    raw: list[float | str] | None
    raw_dtype: str  # e.g. "float32"
    shown: list[int]  # the value(s) the displayed picture holds there (0..255)
    heatmaps: dict[str, float | None]  # heatmap key -> its value there (None: NaN/Inf)


# History (issue 17): one logged step, sent as a custom message with binary buffers when
# it is encoded (and as the `latest` trait, the newest step a saved notebook keeps).


class WireHistoryStep(TypedDict):
    step: int
    time: float  # wall time of the step's first log() call, seconds since the epoch
    items: dict[str, list[WireItem]]  # key -> its pictures at this step (several: a grid)
    numbers: dict[str, str]  # key -> the number logged, as text ("nan" stays readable)
    dropped: list[int]  # steps thinned out when this one was added
    logged: int  # distinct steps logged so far
    thinned: int  # of those, how many were dropped to stay within the budget


class HistoryInspectReply(InspectReply):
    """History's answer to an `InspectRequest` that also names `step` and `key`."""

    note: str  # why `raw` is None ("raw values not kept ..."), "" when it is not
