// Legend state: the classes of each overlay layer with their counts, and the pure updates
// of the `hidden_classes` trait that the legend buttons make. A grid merges all its items
// into one legend, so hiding "cat" hides it everywhere.

import { type HiddenClasses, passesThresholds, type Thresholds } from "./filter";
import type { WireItem } from "./wire";

export type LayerKind = "boxes" | "masks";

export interface LegendClass {
  id: number;
  name: string;
  /** Boxes: number of boxes. Masks: number of pixels. */
  count: number;
}

export interface LegendLayer {
  key: string;
  kind: LayerKind;
  classes: LegendClass[];
}

/** The name shown for a class id: its label, or "id N" when the layer has none. */
export function className(labels: Readonly<Record<string, string>>, id: number): string {
  return labels[String(id)] ?? `id ${id}`;
}

function addLayer(
  layers: Map<string, { key: string; kind: LayerKind; labels: Record<string, string>; counts: Map<number, number> }>,
  kind: LayerKind,
  key: string,
  labels: Readonly<Record<string, string>>,
  counts: Iterable<[number, number]>,
): void {
  const id = `${kind}\u0000${key}`;
  let layer = layers.get(id);
  if (!layer) {
    layer = { key, kind, labels: {}, counts: new Map() };
    layers.set(id, layer);
  }
  Object.assign(layer.labels, labels);
  for (const [classId, count] of counts) layer.counts.set(classId, (layer.counts.get(classId) ?? 0) + count);
}

/**
 * One legend per (kind, layer key): only the classes that occur in these items (a grid: the
 * page), most frequent first (ties by id), so a 150-class mask leads with what matters.
 */
export function legendLayers(items: readonly WireItem[]): LegendLayer[] {
  const layers = new Map<
    string,
    { key: string; kind: LayerKind; labels: Record<string, string>; counts: Map<number, number> }
  >();
  for (const item of items) {
    for (const layer of item.boxes) {
      addLayer(
        layers,
        "boxes",
        layer.key,
        layer.class_labels,
        layer.boxes.map((box) => [box.class_id, 1]),
      );
    }
    for (const layer of item.masks) {
      const counts: [number, number][] = Object.entries(layer.counts).map(([id, n]) => [Number(id), n]);
      addLayer(layers, "masks", layer.key, layer.class_labels, counts);
    }
  }
  return [...layers.values()].map((layer) => ({
    key: layer.key,
    kind: layer.kind,
    classes: [...layer.counts.entries()]
      .filter(([, count]) => count > 0)
      .sort(([a, countA], [b, countB]) => countB - countA || a - b)
      .map(([id, count]) => ({ id, name: className(layer.labels, id), count })),
  }));
}

/** More classes than this and the legend becomes a compact, filterable, scrolling list. */
export const INLINE_MAX = 16;
/** A compact list shows the most frequent ones until "show all N" is pressed. */
export const COMPACT_SHOWN = 24;

/** Case-insensitive match on the name or the id ("12", "id 12"); an empty query matches all. */
export function matchesQuery(cls: LegendClass, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  return cls.name.toLowerCase().includes(q) || String(cls.id) === q.replace(/^id\s*/, "");
}

/** The classes a legend lists: matches of the query, capped unless expanded (or filtering). */
export function visibleClasses(
  classes: readonly LegendClass[],
  query: string,
  expanded: boolean,
  cap = COMPACT_SHOWN,
): LegendClass[] {
  const matches = classes.filter((cls) => matchesQuery(cls, query));
  return expanded || query.trim() !== "" ? matches : matches.slice(0, cap);
}

/** Per class of a box layer: how many boxes pass the score thresholds (legend "kept/total"). */
export function keptBoxCounts(
  items: readonly WireItem[],
  layerKey: string,
  thresholds: Thresholds,
): Map<number, number> {
  const kept = new Map<number, number>();
  for (const item of items) {
    for (const layer of item.boxes) {
      if (layer.key !== layerKey) continue;
      for (const box of layer.boxes) {
        if (passesThresholds(box, thresholds)) kept.set(box.class_id, (kept.get(box.class_id) ?? 0) + 1);
      }
    }
  }
  return kept;
}

/** Show or hide a whole layer. Returns a new value for `hidden_layers`. */
export function toggleLayer(hiddenLayers: readonly string[], layerKey: string): string[] {
  return hiddenLayers.includes(layerKey) ? hiddenLayers.filter((k) => k !== layerKey) : [...hiddenLayers, layerKey];
}

function withLayer(hidden: HiddenClasses, layerKey: string, ids: Iterable<number>): Record<string, number[]> {
  const next: Record<string, number[]> = {};
  for (const [key, value] of Object.entries(hidden)) next[key] = [...value];
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length > 0) next[layerKey] = sorted;
  else delete next[layerKey];
  return next;
}

/** Hide a shown class or show a hidden one. Returns a new value for `hidden_classes`. */
export function toggleClass(hidden: HiddenClasses, layerKey: string, classId: number): Record<string, number[]> {
  const current = new Set(hidden[layerKey] ?? []);
  if (current.has(classId)) current.delete(classId);
  else current.add(classId);
  return withLayer(hidden, layerKey, current);
}

/** "All": every class of the layer shown. */
export function showAll(hidden: HiddenClasses, layerKey: string): Record<string, number[]> {
  return withLayer(hidden, layerKey, []);
}

/** "None": every listed class of the layer hidden (keeping ids hidden from elsewhere). */
export function hideAll(
  hidden: HiddenClasses,
  layerKey: string,
  classIds: readonly number[],
): Record<string, number[]> {
  return withLayer(hidden, layerKey, [...(hidden[layerKey] ?? []), ...classIds]);
}

/** A stable key for a hidden set (mask colour caches are keyed by it). */
export function hiddenKey(hidden: HiddenClasses, layerKey: string): string {
  return [...(hidden[layerKey] ?? [])].sort((a, b) => a - b).join(",");
}
