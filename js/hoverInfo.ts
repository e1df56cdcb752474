// The inspector's first lines: which item (grid) or sample (batch) is under the pointer,
// the coordinates inside it, and the shown value(s) named by the picture's real mode.
// Pure functions over wire data (unit-tested); the view adds raw values, masks and boxes.

import { formatValues } from "./inspector";
import type { WireBatch, WireItem } from "./wire";

export interface SampleAt {
  /** Zero-based sample index in the batch. */
  index: number;
  /** Coordinates inside the sample. */
  x: number;
  y: number;
}

/** The sample of a batch grid under picture pixel (x, y); null on the padding or past the last. */
export function sampleAt(batch: WireBatch, x: number, y: number): SampleAt | null {
  const pad = batch.padding;
  const column = Math.floor((x - pad) / (batch.width + pad));
  const row = Math.floor((y - pad) / (batch.height + pad));
  if (column < 0 || row < 0 || column >= batch.columns || row >= batch.rows) return null;
  const sx = x - pad - column * (batch.width + pad);
  const sy = y - pad - row * (batch.height + pad);
  if (sx < 0 || sy < 0 || sx >= batch.width || sy >= batch.height) return null;
  const index = row * batch.columns + column;
  return index < batch.count ? { index, x: sx, y: sy } : null;
}

/** "batch[3] of 16: x 12, y 40" for a batch grid (the index as Python writes it). */
export function sampleLine(batch: WireBatch, x: number, y: number): string {
  const at = sampleAt(batch, x, y);
  if (!at) return `padding between samples (grid x ${x}, y ${y})`;
  return `batch[${at.index}] of ${batch.count}: x ${at.x}, y ${at.y}`;
}

/** Which grid item: its caption, else its number among all items (1-based). */
export function itemLine(item: WireItem, position: number): string {
  const caption = item.caption?.trim();
  return caption ? `item ${position + 1}: ${caption}` : `item ${position + 1}`;
}

/**
 * The shown value(s) in the picture's own mode: one value for L, two for LA, RGB or RGBA
 * for colour (the browser decodes every picture to RGBA, so L is read from red).
 */
export function shownLine(mode: string, rgba: readonly number[], prefix = "shown "): string {
  const [r = 0, g = 0, b = 0, a = 255] = rgba;
  if (mode === "L" || mode === "1" || mode === "I" || mode === "I;16" || mode === "F") {
    return `${prefix}${mode} ${formatValues([r])}`;
  }
  if (mode === "LA" || mode === "La") return `${prefix}${mode} ${formatValues([r, a])}`;
  if (mode === "RGBA" || mode === "RGBa" || mode === "PA") return `${prefix}${mode} ${formatValues([r, g, b, a])}`;
  if (mode === "RGB") return `${prefix}RGB ${formatValues([r, g, b])}`;
  // Palette, CMYK, YCbCr, …: name the mode, show the colour the browser drew.
  return `${prefix}${mode} (as RGB${rgba.length === 4 && a !== 255 ? "A" : ""}) ${formatValues(rgba.length === 4 && a !== 255 ? [r, g, b, a] : [r, g, b])}`;
}

/** Index of the first item on the page among all items (the last page holds the remainder). */
export function pageStart(page: number, pageCount: number, total: number, shown: number): number {
  if (page >= pageCount - 1) return Math.max(0, total - shown);
  return page * shown;
}

/** Position lines: the grid item (if any), then the batch sample or plain x, y. */
export function positionLines(item: WireItem, x: number, y: number, gridPosition: number | null): string[] {
  const lines: string[] = [];
  if (gridPosition !== null) lines.push(itemLine(item, gridPosition));
  if (item.batch) lines.push(sampleLine(item.batch, x, y));
  else lines.push(`x ${x}, y ${y}`);
  return lines;
}
