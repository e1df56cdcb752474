// The per-layer confidence slider of masks made by ImageMask.from_scores.
//
// Python sends each pixel's winning probability as an 8-bit level (round(p * 255)); a pixel
// is coloured when its level reaches the layer's threshold. Everything here runs in the
// browser from decoded data (no kernel round trip): the legend's pixel counts follow the
// slider through a per-layer (class, level) histogram taken once at decode.

import { element, range, syncValue } from "./controls";
import type { ViewContext } from "./views/context";
import type { WireItem } from "./wire";

export const LEVELS = 255;

/** The lowest level shown at `threshold` (0..1); the same rule as nbimage/scores.py. */
export function minLevel(threshold: number): number {
  if (!Number.isFinite(threshold)) return 0;
  return Math.max(0, Math.min(LEVELS + 1, Math.ceil(threshold * LEVELS - 1e-9)));
}

/** counts[id * 256 + level]: how many pixels of each class have each confidence level. */
export function confidenceHistogram(ids: Uint8Array, levels: Uint8Array): Uint32Array {
  const hist = new Uint32Array(256 * 256);
  const n = Math.min(ids.length, levels.length);
  for (let i = 0; i < n; i += 1) {
    const bin = ((ids[i] as number) << 8) | (levels[i] as number);
    hist[bin] = (hist[bin] as number) + 1;
  }
  return hist;
}

/** Per class id, the pixels still coloured at `min` (level >= min). */
export function keptCounts(hist: Uint32Array, min: number): Map<number, number> {
  const kept = new Map<number, number>();
  for (let id = 0; id < 256; id += 1) {
    let total = 0;
    for (let level = Math.max(0, min); level < 256; level += 1) total += hist[(id << 8) | level] as number;
    if (total > 0) kept.set(id, total);
  }
  return kept;
}

/** Keys of the mask layers that carry a confidence map, in order of first appearance. */
export function confidenceLayerKeys(items: readonly WireItem[]): string[] {
  const keys: string[] = [];
  for (const item of items) {
    for (const layer of item.masks) if (layer.confidence && !keys.includes(layer.key)) keys.push(layer.key);
  }
  return keys;
}

function pixels(count: number): string {
  return count >= 10000 ? `${(count / 1000).toFixed(0)}k` : String(count);
}

/** Where the toolbar's confidence controls read their counts: the decoded histograms. */
export interface ConfidenceCounts {
  /** Per class, kept and total pixels of the layer across the items (null until decoded). */
  counts(layerKey: string, min: number): { kept: Map<number, number>; total: Map<number, number> } | null;
  /** Resolves when every item's data is decoded. */
  ready: Promise<unknown>;
}

/**
 * One slider per confidence layer (`input.nbimage-confidence[data-layer]`, 0..1) writing
 * `confidence_thresholds`, with `span.nbimage-confidence-count` ("hidden N px") and the
 * layer's legend counts (`.nbimage-legend[data-kind=masks][data-layer] .nbimage-legend-count`)
 * following it.
 */
export function confidenceControls(ctx: ViewContext, counts: ConfidenceCounts, root: HTMLElement): HTMLElement[] {
  const groups: HTMLElement[] = [];
  for (const key of confidenceLayerKeys(ctx.state.items)) {
    const slider = range({
      className: "nbimage-confidence",
      label: `${key} confidence ≥`,
      min: 0,
      max: 1,
      step: 0.01,
      value: ctx.state.confidence_thresholds[key] ?? 0,
      format: (v) => v.toFixed(2), // range() shows the number beside the slider
      onInput: (value) => {
        ctx.write("confidence_thresholds", { ...latest.confidence_thresholds, [key]: value });
      },
    });
    slider.input.dataset.layer = key;
    slider.input.setAttribute("aria-label", `minimum confidence of mask ${key}`);
    const note = element("span", "nbimage-confidence-count");
    note.setAttribute("aria-live", "polite");
    let latest = ctx.state;
    const sync = (state = latest) => {
      latest = state;
      const threshold = state.confidence_thresholds[key] ?? 0;
      syncValue(slider.input, String(threshold));
      const found = counts.counts(key, minLevel(threshold));
      if (!found) return;
      let kept = 0;
      let total = 0;
      for (const n of found.kept.values()) kept += n;
      for (const n of found.total.values()) total += n;
      note.textContent = `hidden ${pixels(total - kept)} px`;
      const legend = root.querySelector(`.nbimage-legend[data-kind="masks"][data-layer="${CSS.escape(key)}"]`);
      for (const b of legend?.querySelectorAll<HTMLElement>("button.nbimage-legend-class[data-class-id]") ?? []) {
        const id = Number(b.dataset.classId);
        const n = found.kept.get(id) ?? 0;
        const count = b.querySelector(".nbimage-legend-count");
        const text = threshold > 0 ? `${pixels(n)}/${pixels(found.total.get(id) ?? 0)}` : pixels(n);
        if (count && count.textContent !== text) count.textContent = text;
      }
    };
    ctx.onSync(sync);
    counts.ready.then(() => sync());
    const group = element("span", "nbimage-group nbimage-confidence-group");
    group.dataset.layer = key;
    group.append(slider.label, note);
    groups.push(group);
  }
  return groups;
}
