// What the single/grid/compare builders get from the view: the current state, a way to make
// panels (the view owns their events and painting) and a way to write traits.

import type { TraitName } from "../state";
import type { WireViewState } from "../wire";
import type { Panel, PanelOptions } from "./panel";

export interface ViewContext {
  readonly state: WireViewState;
  /** A panel for items[indices[0]] (and items[indices[1]] beyond the swipe divider). */
  panel(indices: readonly number[], options: PanelOptions): Panel;
  write<K extends TraitName>(key: K, value: WireViewState[K]): void;
  /** Run on every refresh, to reflect trait values in the controls. */
  onSync(sync: (state: WireViewState) => void): void;
}

/** CSS width for a picture whose long side should be between `min` and `max` CSS pixels. */
export function panelWidth(width: number, height: number, min: number, max: number): number {
  const long = Math.max(width, height, 1);
  const target = Math.min(max, Math.max(min, long));
  return Math.max(1, Math.round((width * target) / long));
}
