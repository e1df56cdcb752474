// Boxes: stroked in their class colour (dashed per layer when a picture has several),
// clipped to the picture, with labels placed so they stay on the canvas and never overlap
// (see labels.ts). Labels are drawn with fillText: text on a canvas, never markup.

import { clipBox, type Rect, rectToCanvas, type Size, type Viewport } from "../geometry";
import { classColour, textColourOn } from "../palette";
import type { WireBox } from "../wire";
import { hoverPlacement, type LabelRequest, type PlacedLabel, type Placement, placeLabels } from "./labels";
import { type Ctx2D, pictureRect } from "./layer";

/** Label text size in CSS pixels (scaled by devicePixelRatio on the canvas). */
export const LABEL_FONT_PX = 12;
const LABEL_LINE_PX = 16;

export interface BoxStyle {
  /** Device pixels per CSS pixel: line widths and fonts scale with it. */
  scale: number;
  showLabels: boolean;
  font: string;
  /** A canvas point under the pointer: labels skipped there are drawn on top. */
  hover?: { x: number; y: number } | null;
}

export interface BoxLayerToDraw {
  key: string;
  boxes: readonly WireBox[];
  /** Dash pattern in CSS pixels; [] = solid. */
  dash: readonly number[];
}

/** Where a box's stroke goes on the canvas, or null when the box lies outside the picture. */
export function boxOnCanvas(box: WireBox, view: Viewport, canvas: Size, picture: Size) {
  const clipped = clipBox(box, picture);
  return clipped ? rectToCanvas(clipped, view, canvas, picture) : null;
}

/** The part of the picture visible on the canvas (labels must stay inside it). */
function visibleArea(view: Viewport, canvas: Size, picture: Size): Rect {
  const r = pictureRect(view, canvas, picture);
  return {
    x0: Math.max(0, r.x0),
    y0: Math.max(0, r.y0),
    x1: Math.min(canvas.width, r.x1),
    y1: Math.min(canvas.height, r.y1),
  };
}

/** Text widths per font: a grid repaints hundreds of labels on every class toggle. */
const widths = new Map<string, number>();
const WIDTHS_MAX = 20000;

function textWidth(ctx: Ctx2D, font: string, text: string): number {
  const key = `${font}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    if (widths.size >= WIDTHS_MAX) widths.clear();
    width = Math.ceil(ctx.measureText(text).width);
    widths.set(key, width);
  }
  return width;
}

function boxPriority(box: WireBox): number {
  const first = Object.values(box.scores)[0];
  return first !== undefined && Number.isFinite(first) ? first : Number.POSITIVE_INFINITY;
}

function drawLabel(ctx: Ctx2D, label: PlacedLabel, pad: number): void {
  ctx.fillStyle = label.colour;
  ctx.fillRect(label.x, label.y, label.w, label.h);
  ctx.fillStyle = textColourOn(label.colour);
  ctx.fillText(label.text, label.x + pad, label.y + label.h / 2, Math.max(1, label.w - 2 * pad));
}

/** Draw every layer's boxes, then their labels placed together: the labels drawn and those skipped. */
export function drawBoxLayers(
  ctx: Ctx2D,
  layers: readonly BoxLayerToDraw[],
  view: Viewport,
  canvas: Size,
  picture: Size,
  style: BoxStyle,
): Placement {
  if (layers.every((l) => l.boxes.length === 0)) return { placed: [], skipped: [] };
  const area = pictureRect(view, canvas, picture);
  ctx.save();
  // Boxes never spill over the picture's edge, whatever the zoom.
  ctx.beginPath();
  ctx.rect(area.x0, area.y0, area.x1 - area.x0, area.y1 - area.y0);
  ctx.clip();
  ctx.lineWidth = Math.max(1, 2 * style.scale);
  const font = `${Math.round(LABEL_FONT_PX * style.scale)}px ${style.font}`;
  ctx.font = font;
  ctx.textBaseline = "middle";
  const pad = Math.round(3 * style.scale);
  const lineHeight = Math.round(LABEL_LINE_PX * style.scale);
  const requests: LabelRequest[] = [];
  for (const layer of layers) {
    ctx.setLineDash?.(layer.dash.map((d) => d * style.scale));
    for (const box of layer.boxes) {
      const r = boxOnCanvas(box, view, canvas, picture);
      if (!r) continue;
      const colour = classColour(box.class_id);
      ctx.strokeStyle = colour;
      ctx.strokeRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
      if (!style.showLabels || box.label === "") continue;
      if (r.x1 < 0 || r.y1 < 0 || r.x0 > canvas.width || r.y0 > canvas.height) continue;
      requests.push({
        text: box.label,
        width: textWidth(ctx, font, box.label) + 2 * pad,
        box: r,
        priority: boxPriority(box),
        layer: layer.key,
        colour,
      });
    }
  }
  ctx.setLineDash?.([]);
  const visible = visibleArea(view, canvas, picture);
  const { placed, skipped } = placeLabels(requests, visible, lineHeight);
  for (const label of placed) drawLabel(ctx, label, pad);
  const hover = style.hover;
  if (hover) {
    for (const r of skipped) {
      const b = r.box;
      if (hover.x < b.x0 || hover.x > b.x1 || hover.y < b.y0 || hover.y > b.y1) continue;
      const label = hoverPlacement(r, visible, lineHeight);
      drawLabel(ctx, label, pad);
      placed.push(label);
    }
  }
  ctx.restore();
  return { placed, skipped };
}

/** One layer, solid (kept for callers drawing a single list of boxes). */
export function drawBoxes(
  ctx: Ctx2D,
  boxes: readonly WireBox[],
  view: Viewport,
  canvas: Size,
  picture: Size,
  style: BoxStyle,
): Placement {
  return drawBoxLayers(ctx, [{ key: "", boxes, dash: [] }], view, canvas, picture, style);
}
