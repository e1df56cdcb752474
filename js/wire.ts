// The wire format as the browser reads it: the mirror of nbimage/wire.py.
// tests/test_wire.py writes tests/fixtures/wire_payload.json from the Python builders and
// js/wire.test.ts checks it against these types, so the two sides cannot drift apart.
//
// Binary fields arrive from the comm as DataView (ipywidgets lifts bytes into buffers).
// Coordinates are full-resolution picture pixels (width × height), even when `src` is a
// smaller preview.

export type Severity = "info" | "warning" | "error";
export type ViewKind = "single" | "grid" | "compare" | "channels";
export type CompareMode = "side-by-side" | "swipe";

export const MARK_NONE = 0;
export const MARK_CLIPPED_LOW = 1;
export const MARK_CLIPPED_HIGH = 2;
export const MARK_NAN = 3;
export const MARK_INF = 4;

export interface WireDiagnostic {
  code: string;
  severity: Severity;
  message: string;
}

export interface WireBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  class_id: number;
  label: string;
  scores: Record<string, number>;
}

export interface WireBoxLayer {
  key: string;
  class_labels: Record<string, string>;
  boxes: WireBox[];
}

export interface WireMaskLayer {
  key: string;
  class_labels: Record<string, string>;
  png: DataView;
  counts: Record<string, number>;
  /** from_scores masks: 8-bit PNG of the winning probability, round(p * 255); null otherwise. */
  confidence: DataView | null;
}

/** A heatmap coloured in Python, drawn stretched over the picture (nearest). */
export interface WireHeatmap {
  key: string;
  png: DataView;
  width: number;
  height: number;
  lo: number;
  hi: number;
  colormap: string;
  /** 256×1 RGB PNG of the colormap, low values on the left. */
  colorbar: DataView;
}

/** How a batch was laid out as one picture (nbimage/layout.py make_grid). */
export interface WireBatch {
  count: number;
  rows: number;
  columns: number;
  /** One sample's size, picture pixels. */
  height: number;
  width: number;
  /** Pixels around every sample. */
  padding: number;
}

export interface WireItem {
  id: string;
  label: string;
  src: DataView;
  mime: string;
  width: number;
  height: number;
  caption: string | null;
  grouping: number | null;
  summary: string;
  boxes: WireBoxLayer[];
  masks: WireMaskLayer[];
  diagnostics: WireDiagnostic[];
  marks: DataView | null;
  /** The shown picture's PIL mode ("L", "RGB", "RGBA", ...). */
  mode: string;
  /** A batch shown as a grid: the inspector names the sample under the pointer. */
  batch: WireBatch | null;
  heatmaps: WireHeatmap[];
}

export interface WireEra {
  id: string;
  label: string;
}

export interface WireHistogramChannel {
  name: string;
  counts: number[];
}

export interface WireHistogram {
  lo: number;
  hi: number;
  channels: WireHistogramChannel[];
  mapping: number[][];
  clip_below: number | null;
  clip_above: number | null;
}

/** Every synced trait of the view (Python: WireViewState). */
export interface WireViewState {
  view: ViewKind;
  items: WireItem[];
  columns: number;
  /** CSS px: a single picture's width, a grid's thumbnail width; 0 = from the output. */
  width: number;
  page: number;
  page_count: number;
  total_items: number;
  hidden_classes: Record<string, number[]>;
  mask_opacity: number;
  score_thresholds: Record<string, number>;
  show_box_labels: boolean;
  zoom: number;
  center: number[];
  sync_zoom: boolean;
  compare_mode: CompareMode;
  swipe_pair: number[];
  swipe_position: number;
  show_marks: boolean;
  era: string;
  eras: WireEra[];
  denormalize: string;
  custom_mean: number[];
  custom_std: number[];
  histogram: WireHistogram | null;
  /** Box/mask layer keys drawn not at all (shared by a grid). */
  hidden_layers: string[];
  /** Mask layer key -> 0..1; layers not listed use mask_opacity. */
  layer_opacity: Record<string, number>;
  /** Mask layer key -> minimum winning probability (0..1) of a coloured pixel. */
  confidence_thresholds: Record<string, number>;
  heatmap_opacity: number;
  hidden_heatmaps: string[];
  /** compare: whose values the histogram shows. */
  histogram_of: "raw" | "denormalized";
  /** Display only: null (what wandb logs), "full", "p1-99" or [low, high] raw values. */
  window: string | number[] | null;
  /** Display only, one-channel pictures: null or a colormap name. */
  colormap: string | null;
  /** channels(): one window for every channel, or one each. */
  channel_window: "shared" | "per-channel";
}

/** Ask for an item drawn through a window and colormap (display only). */
export interface RenderRequest {
  type: "render";
  request_id: number;
  item: number;
  window: string | number[] | null;
  colormap: string | null;
  channel_window: "shared" | "per-channel";
  /** The long side wanted: the canvas's backing store, zoom included (the kernel caps it). */
  max_side: number;
}

/** The answer; the PNG is the message's first binary buffer (none when `error` is set). */
export interface RenderReply {
  type: "render-result";
  request_id: number;
  item: number;
  /** The [low, high] raw values used. */
  window: number[] | null;
  colormap: string | null;
  note: string;
  error: string | null;
}

export interface InspectRequest {
  type: "inspect";
  request_id: number;
  item: number;
  x: number;
  y: number;
}

export interface InspectReply {
  type: "inspect-result";
  request_id: number;
  item: number;
  x: number;
  y: number;
  /** The input's value(s) at the pixel; null entries are NaN or ±Inf (JSON has neither). */
  /** Per channel; "NaN", "+Inf" or "-Inf" where the input held one (JSON has no NaN). */
  raw: (number | string | null)[] | null;
  raw_dtype: string;
  shown: number[];
  /** Heatmap key -> its value at the pixel (null: NaN or ±Inf). */
  heatmaps: Record<string, number | null>;
  /** History: why no raw values came back ("raw values not kept ..."). */
  note?: string;
}

/** History (issue 17): one logged step (the `history-step` message, the `latest` trait). */
export interface WireHistoryStep {
  step: number;
  time: number;
  items: Record<string, WireItem[]>;
  numbers: Record<string, string>;
  dropped: number[];
  logged: number;
  thinned: number;
}
