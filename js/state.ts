// Reading the synced traits with safe defaults, so a half-initialised model (or a saved
// notebook from an older version) still renders.

import type { WireViewState } from "./wire";

export const DEFAULT_STATE: WireViewState = {
  view: "single",
  items: [],
  columns: 0,
  width: 0,
  page: 0,
  page_count: 1,
  total_items: 0,
  hidden_classes: {},
  mask_opacity: 0.5,
  score_thresholds: {},
  show_box_labels: true,
  zoom: 1,
  center: [0.5, 0.5],
  sync_zoom: false,
  compare_mode: "side-by-side",
  swipe_pair: [0, 1],
  swipe_position: 0.5,
  show_marks: false,
  era: "0.22",
  eras: [],
  denormalize: "none",
  custom_mean: [],
  custom_std: [],
  histogram: null,
  hidden_layers: [],
  layer_opacity: {},
  confidence_thresholds: {},
  heatmap_opacity: 0.5,
  hidden_heatmaps: [],
  histogram_of: "raw",
  window: null,
  colormap: null,
  channel_window: "per-channel",
};

export type TraitName = keyof WireViewState;
export const TRAITS = Object.keys(DEFAULT_STATE) as TraitName[];

/** The model API the view uses: anywidget's AnyModel, or the fake of a test harness. */
export interface ViewModel {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  save_changes(): void;
  on(event: string, callback: (...args: unknown[]) => void): void;
  off(event: string, callback: (...args: unknown[]) => void): void;
  send(content: unknown): void;
}

export function readState(model: ViewModel): WireViewState {
  const state = { ...DEFAULT_STATE } as Record<TraitName, unknown>;
  for (const key of TRAITS) {
    const value = model.get(key);
    if (value !== undefined && value !== null) state[key] = value;
    else if (key === "histogram" || key === "window" || key === "colormap") state[key] = null;
  }
  return state as unknown as WireViewState;
}

/** Write a trait the way every control does: locally, then to the kernel. */
export function writeTrait<K extends TraitName>(model: ViewModel, key: K, value: WireViewState[K]): void {
  model.set(key, value);
  model.save_changes();
}
