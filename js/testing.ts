// Test helpers shared by the vitest suites (not bundled: only *.test.ts import this).
import type { WireItem } from "./wire";

/** A minimal valid WireItem (10×10, no overlays) with the given fields replaced. */
export function makeItem(overrides: Partial<WireItem> = {}): WireItem {
  return {
    id: "a",
    label: "",
    src: new DataView(new ArrayBuffer(0)),
    mime: "image/png",
    width: 10,
    height: 10,
    caption: null,
    grouping: null,
    summary: "",
    boxes: [],
    masks: [],
    diagnostics: [],
    marks: null,
    mode: "RGB",
    batch: null,
    heatmaps: [],
    ...overrides,
  };
}
