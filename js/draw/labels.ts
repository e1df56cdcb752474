// Where box labels go: inside the visible canvas, never over each other.
//
// Pure geometry (no canvas), so the rules are unit-tested. Labels are placed best score
// first; each tries, in order: above the box, inside its top edge, stacked further down
// inside the box, below it. A label flips left (right-aligned with its box) at the canvas's
// right edge. One that fits nowhere is skipped (the view draws it while the pointer is over
// its box, and the inspector lists it).

import type { Rect } from "../geometry";

export interface LabelRequest {
  text: string;
  /** Text width plus padding, canvas pixels. */
  width: number;
  /** The box on the canvas (may extend past the visible area when zoomed). */
  box: Rect;
  /** Higher first (a detection's score); ties keep their order. */
  priority: number;
  layer: string;
  colour: string;
}

export interface PlacedLabel {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  layer: string;
  colour: string;
}

export interface Placement {
  placed: PlacedLabel[];
  skipped: LabelRequest[];
}

export function overlaps(a: { x: number; y: number; w: number; h: number }, b: typeof a): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The label's left edge: at the box's left, flipped to end at its right edge when it would leave the area. */
export function labelX(box: Rect, width: number, area: Rect): number {
  let x = Math.max(box.x0, area.x0);
  if (x + width > area.x1) x = Math.min(box.x1, area.x1) - width;
  return Math.max(area.x0, x);
}

/** The rows a label may take for a box, in order of preference. */
export function labelRows(box: Rect, height: number, area: Rect): number[] {
  const rows: number[] = [];
  if (box.y0 - height >= area.y0) rows.push(box.y0 - height);
  const top = Math.max(box.y0, area.y0);
  const bottom = Math.min(box.y1, area.y1);
  for (let y = top; y + height <= bottom; y += height) rows.push(y);
  if (box.y1 + height <= area.y1 && box.y1 >= area.y0) rows.push(box.y1);
  // A box thinner than a label with no room above or below: at least inside the area.
  if (rows.length === 0 && top + height <= area.y1) rows.push(top);
  return rows;
}

export function placeLabels(requests: readonly LabelRequest[], area: Rect, height: number): Placement {
  const order = requests.map((r, i) => ({ r, i })).sort((a, b) => b.r.priority - a.r.priority || a.i - b.i);
  const placed: PlacedLabel[] = [];
  const skipped: LabelRequest[] = [];
  for (const { r } of order) {
    const w = Math.min(r.width, area.x1 - area.x0);
    const x = labelX(r.box, w, area);
    let spot: PlacedLabel | null = null;
    for (const y of labelRows(r.box, height, area)) {
      const candidate = { x, y, w, h: height, text: r.text, layer: r.layer, colour: r.colour };
      if (!placed.some((p) => overlaps(p, candidate))) {
        spot = candidate;
        break;
      }
    }
    if (spot) placed.push(spot);
    else skipped.push(r);
  }
  return { placed, skipped };
}

/** Where a skipped label is drawn while the pointer is over its box (on top of the others). */
export function hoverPlacement(r: LabelRequest, area: Rect, height: number): PlacedLabel {
  const w = Math.min(r.width, area.x1 - area.x0);
  const y = labelRows(r.box, height, area)[0] ?? area.y0;
  return { x: labelX(r.box, w, area), y, w, h: height, text: r.text, layer: r.layer, colour: r.colour };
}
