/// <reference types="node" />
// The shared fixture: tests/test_wire.py writes it from the real Python builders; this test
// checks that every field wire.ts declares is there with the declared type, so a rename or a
// type change on either side fails here. Binary fields are {"$bytes": base64} in the file.

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bytesOf } from "./codec";
import { DEFAULT_STATE } from "./state";

// NBIMAGE_WIRE_FIXTURE points at another copy (to try a payload before committing it).
const FIXTURE = process.env.NBIMAGE_WIRE_FIXTURE ?? new URL("../tests/fixtures/wire_payload.json", import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Check = (value: unknown, path: string) => void;

function fail(path: string, expected: string, value: unknown): never {
  throw new Error(`${path}: expected ${expected}, got ${JSON.stringify(value)?.slice(0, 80)}`);
}

const num: Check = (v, p) => {
  if (typeof v !== "number") fail(p, "a number", v);
};
const int: Check = (v, p) => {
  if (!Number.isInteger(v)) fail(p, "an integer", v);
};
const str: Check = (v, p) => {
  if (typeof v !== "string") fail(p, "a string", v);
};
const bool: Check = (v, p) => {
  if (typeof v !== "boolean") fail(p, "a boolean", v);
};
const oneOf =
  (...values: string[]): Check =>
  (v, p) => {
    if (!values.includes(v as string)) fail(p, `one of ${values.join("|")}`, v);
  };
const nullable =
  (check: Check): Check =>
  (v, p) => {
    if (v !== null) check(v, p);
  };
const list =
  (check: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, "a list", v);
    v.forEach((x, i) => {
      check(x, `${p}[${i}]`);
    });
  };
const record =
  (check: Check): Check =>
  (v, p) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) fail(p, "an object", v);
    for (const [k, x] of Object.entries(v)) check(x, `${p}.${k}`);
  };
const intKeyed =
  (check: Check): Check =>
  (v, p) => {
    record(check)(v, p);
    for (const k of Object.keys(v as object)) if (!/^-?\d+$/.test(k)) fail(`${p}`, "class-id keys", k);
  };
/** Binary: a DataView once revived from {"$bytes": base64}. */
const bytes: Check = (v, p) => {
  if (!(v instanceof DataView)) fail(p, "binary bytes ($bytes)", v);
};
const shape =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) fail(p, "an object", v);
    const o = v as Record<string, unknown>;
    for (const [key, check] of Object.entries(fields)) {
      if (!(key in o)) fail(`${p}.${key}`, "the field to be present", undefined);
      check(o[key], `${p}.${key}`);
    }
    const extra = Object.keys(o).filter((k) => !(k in fields));
    if (extra.length > 0) fail(p, `only the fields wire.ts declares (extra: ${extra.join(", ")})`, Object.keys(o));
  };

const diagnostic = shape({ code: str, severity: oneOf("info", "warning", "error"), message: str });
const box = shape({ x0: num, y0: num, x1: num, y1: num, class_id: int, label: str, scores: record(num) });
const boxLayer = shape({ key: str, class_labels: intKeyed(str), boxes: list(box) });
const maskLayer = shape({
  key: str,
  class_labels: intKeyed(str),
  png: bytes,
  counts: intKeyed(int),
  confidence: nullable(bytes),
});
const heatmap = shape({
  key: str,
  png: bytes,
  width: int,
  height: int,
  lo: num,
  hi: num,
  colormap: str,
  colorbar: bytes,
});
const item = shape({
  id: str,
  label: str,
  src: bytes,
  mime: oneOf("image/png", "image/jpeg", "image/bmp", "image/webp"),
  width: int,
  height: int,
  caption: nullable(str),
  grouping: nullable(int),
  summary: str,
  boxes: list(boxLayer),
  masks: list(maskLayer),
  diagnostics: list(diagnostic),
  marks: nullable(bytes),
  mode: str,
  batch: nullable(shape({ count: int, rows: int, columns: int, height: int, width: int, padding: int })),
  heatmaps: list(heatmap),
});
const histogram = shape({
  lo: num,
  hi: num,
  channels: list(shape({ name: str, counts: list(int) })),
  mapping: list(list(num)),
  clip_below: nullable(num),
  clip_above: nullable(num),
});
const viewState = shape({
  view: oneOf("single", "grid", "compare", "channels"),
  items: list(item),
  columns: int,
  width: int,
  page: int,
  page_count: int,
  total_items: int,
  hidden_classes: record(list(int)),
  mask_opacity: num,
  score_thresholds: record(num),
  show_box_labels: bool,
  zoom: num,
  center: list(num),
  sync_zoom: bool,
  compare_mode: oneOf("side-by-side", "swipe"),
  swipe_pair: list(int),
  swipe_position: num,
  show_marks: bool,
  era: str,
  eras: list(shape({ id: str, label: str })),
  denormalize: str,
  custom_mean: list(num),
  custom_std: list(num),
  histogram: nullable(histogram),
  hidden_layers: list(str),
  layer_opacity: record(num),
  confidence_thresholds: record(num),
  heatmap_opacity: num,
  hidden_heatmaps: list(str),
  histogram_of: oneOf("raw", "denormalized"),
  window: nullable((v: unknown, path: string) =>
    typeof v === "string" ? oneOf("full", "p1-99")(v, path) : list(num)(v, path),
  ),
  colormap: nullable(str),
  channel_window: oneOf("shared", "per-channel"),
});
const inspectRequest = shape({ type: oneOf("inspect"), request_id: int, item: int, x: int, y: int });
const inspectReplyFields = {
  type: oneOf("inspect-result"),
  request_id: int,
  item: int,
  x: int,
  y: int,
  raw: nullable(
    list(
      nullable((v: unknown, path: string) =>
        typeof v === "string" ? oneOf("NaN", "+Inf", "-Inf")(v, path) : num(v, path),
      ),
    ),
  ),
  raw_dtype: str,
  shown: list(int),
  heatmaps: record(nullable(num)),
};
const inspectReply = shape(inspectReplyFields);
const historyInspectReply = shape({ ...inspectReplyFields, note: str });
const historyStep = shape({
  step: int,
  time: num,
  items: record(list(item)),
  numbers: record(str),
  dropped: list(int),
  logged: int,
  thinned: int,
});

const renderRequest = shape({
  type: oneOf("render"),
  request_id: int,
  item: int,
  window: nullable((v: unknown, path: string) => (typeof v === "string" ? str(v, path) : list(num)(v, path))),
  colormap: nullable(str),
  channel_window: oneOf("shared", "per-channel"),
  max_side: int,
});
const renderReply = shape({
  type: oneOf("render-result"),
  request_id: int,
  item: int,
  window: nullable(list(num)),
  colormap: nullable(str),
  note: str,
  error: nullable(str),
});

function revive(value: Json): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === "object") {
    const b64 = value.$bytes;
    if (typeof b64 === "string" && Object.keys(value).length === 1) {
      const raw = Buffer.from(b64, "base64");
      // Put it at an offset of a larger buffer, as the comm does.
      const backing = new Uint8Array(raw.length + 8);
      backing.set(raw, 5);
      return new DataView(backing.buffer, 5, raw.length);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

/** Every object in the fixture (depth first), to find the states and messages in it. */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value !== null && typeof value === "object" && !(value instanceof DataView)) {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

function load(): unknown {
  expect(existsSync(FIXTURE), "tests/fixtures/wire_payload.json is written by tests/test_wire.py").toBe(true);
  return revive(JSON.parse(readFileSync(FIXTURE, "utf8")) as Json);
}

describe("wire fixture", () => {
  it("holds view states whose every field has the type wire.ts declares", () => {
    const states = [...objects(load())].filter((o) => "items" in o && "view" in o);
    expect(states.length).toBeGreaterThan(0);
    states.forEach((s, i) => {
      viewState(s, `state${i}`);
    });
    // The view's defaults name exactly the traits Python syncs.
    expect(Object.keys(states[0] ?? {}).sort()).toEqual(Object.keys(DEFAULT_STATE).sort());
  });

  it("covers boxes, masks, diagnostics and decodable binary fields", () => {
    const all = [...objects(load())];
    const items = all.filter((o) => "src" in o && "mime" in o) as {
      src: DataView;
      masks: unknown[];
      boxes: unknown[];
    }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((it) => it.boxes.length > 0)).toBe(true);
    expect(items.some((it) => it.masks.length > 0)).toBe(true);
    // A from_scores mask with its confidence and a heatmap (issue 16).
    expect(all.some((o) => "counts" in o && o.confidence instanceof DataView)).toBe(true);
    expect(all.some((o) => "colorbar" in o && "colormap" in o)).toBe(true);
    expect(all.some((o) => "severity" in o && "code" in o)).toBe(true);
    // A batch grid carries its geometry, and the modes are real PIL modes.
    expect(items.some((it) => (it as { batch?: { count?: number } | null }).batch?.count === 10)).toBe(true);
    expect(new Set(items.map((it) => (it as { mode?: string }).mode))).toContain("L");
    // A compare state carries its histogram (type-checked above).
    for (const state of all.filter((o) => o.view === "compare" && "items" in o)) expect(state.histogram).not.toBeNull();
    // PNG signature through the DataView window (byteOffset honoured).
    const first = items[0];
    if (first) expect([...bytesOf(first.src).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("has well-typed inspect messages when it carries them", () => {
    for (const o of objects(load())) {
      if (o.type === "inspect") inspectRequest(o, "request");
      if (o.type === "inspect-result") ("note" in o ? historyInspectReply : inspectReply)(o, "reply");
      if (o.type === "render") renderRequest(o, "render request");
      if (o.type === "render-result") renderReply(o, "render reply");
    }
  });

  it("has a History step with a grid, numbers and binary pictures", () => {
    const steps = [...objects(load())].filter((o) => "dropped" in o && "logged" in o);
    expect(steps.length).toBe(1);
    steps.forEach((s) => {
      historyStep(s, "history_step");
    });
    const items = (steps[0]?.items ?? {}) as Record<string, { src: DataView }[]>;
    expect(items.grid?.length).toBe(2);
    const src = items.pred?.[0]?.src;
    if (src) expect([...bytesOf(src).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});
