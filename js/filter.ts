// Which boxes and mask classes are shown: hidden classes per layer and score thresholds.
// Pure functions over wire data, so the legend, the counts and the drawing agree.

import type { WireBox, WireBoxLayer, WireItem } from "./wire";

export type HiddenClasses = Readonly<Record<string, readonly number[]>>;
export type Thresholds = Readonly<Record<string, number>>;

export function isClassHidden(hidden: HiddenClasses, layerKey: string, classId: number): boolean {
  return hidden[layerKey]?.includes(classId) ?? false;
}

/** A box passes a threshold when its score for that key reaches it; boxes without the key pass. */
export function passesThresholds(box: WireBox, thresholds: Thresholds): boolean {
  for (const [key, minimum] of Object.entries(thresholds)) {
    const score = box.scores[key];
    if (score === undefined || !Number.isFinite(minimum)) continue;
    if (!(score >= minimum)) return false;
  }
  return true;
}

export function isBoxShown(box: WireBox, layerKey: string, hidden: HiddenClasses, thresholds: Thresholds): boolean {
  return !isClassHidden(hidden, layerKey, box.class_id) && passesThresholds(box, thresholds);
}

export function shownBoxes(layer: WireBoxLayer, hidden: HiddenClasses, thresholds: Thresholds): WireBox[] {
  return layer.boxes.filter((box) => isBoxShown(box, layer.key, hidden, thresholds));
}

function* allBoxes(items: readonly WireItem[]): Generator<WireBox> {
  for (const item of items) for (const layer of item.boxes) yield* layer.boxes;
}

/** Every score key found in the boxes, sorted, for one slider each. */
export function scoreKeys(items: readonly WireItem[]): string[] {
  const keys = new Set<string>();
  for (const box of allBoxes(items)) for (const key of Object.keys(box.scores)) keys.add(key);
  return [...keys].sort();
}

/** Slider range for a score key: 0..1 unless the scores go beyond it. */
export function scoreRange(items: readonly WireItem[], key: string): { min: number; max: number } {
  let min = 0;
  let max = 1;
  for (const box of allBoxes(items)) {
    const score = box.scores[key];
    if (score === undefined || !Number.isFinite(score)) continue;
    min = Math.min(min, score);
    max = Math.max(max, score);
  }
  return { min, max };
}

export interface ThresholdCount {
  kept: number;
  hidden: number;
}

/** "kept N / hidden M" for one score key: the boxes carrying that key, judged by its threshold. */
export function thresholdCount(items: readonly WireItem[], key: string, thresholds: Thresholds): ThresholdCount {
  const minimum = thresholds[key];
  let kept = 0;
  let hidden = 0;
  for (const box of allBoxes(items)) {
    const score = box.scores[key];
    if (score === undefined) continue;
    if (minimum === undefined || !Number.isFinite(minimum) || score >= minimum) kept += 1;
    else hidden += 1;
  }
  return { kept, hidden };
}

export function formatCount(count: ThresholdCount): string {
  return `kept ${count.kept} / hidden ${count.hidden}`;
}
