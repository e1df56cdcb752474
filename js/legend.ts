// Legend state: the classes of each overlay layer with their counts, and the pure updates
// of the `hidden_classes` trait that the legend buttons make. A grid merges all its items
// into one legend, so hiding "cat" hides it everywhere.

import type { HiddenClasses } from "./filter";
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

/** One legend per (kind, layer key), classes ordered by id, only classes that occur. */
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
      .sort(([a], [b]) => a - b)
      .map(([id, count]) => ({ id, name: className(layer.labels, id), count })),
  }));
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
