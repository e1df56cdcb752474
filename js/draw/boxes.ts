// Boxes: stroked in their class colour, clipped to the picture, with an optional label.
// Labels are drawn with fillText: text on a canvas, never markup.

import { clipBox, rectToCanvas, type Size, type Viewport } from "../geometry";
import { classColour, textColourOn } from "../palette";
import type { WireBox } from "../wire";
import { type Ctx2D, pictureRect } from "./layer";

export interface BoxStyle {
  /** Device pixels per CSS pixel: line widths and fonts scale with it. */
  scale: number;
  showLabels: boolean;
  font: string;
}

/** Where a box's stroke goes on the canvas, or null when the box lies outside the picture. */
export function boxOnCanvas(box: WireBox, view: Viewport, canvas: Size, picture: Size) {
  const clipped = clipBox(box, picture);
  return clipped ? rectToCanvas(clipped, view, canvas, picture) : null;
}

export function drawBoxes(
  ctx: Ctx2D,
  boxes: readonly WireBox[],
  view: Viewport,
  canvas: Size,
  picture: Size,
  style: BoxStyle,
): void {
  if (boxes.length === 0) return;
  const area = pictureRect(view, canvas, picture);
  ctx.save();
  // Boxes never spill over the picture's edge, whatever the zoom.
  ctx.beginPath();
  ctx.rect(area.x0, area.y0, area.x1 - area.x0, area.y1 - area.y0);
  ctx.clip();
  ctx.lineWidth = Math.max(1, 2 * style.scale);
  ctx.font = `${Math.round(11 * style.scale)}px ${style.font}`;
  ctx.textBaseline = "top";
  const pad = Math.round(2 * style.scale);
  const lineHeight = Math.round(14 * style.scale);
  for (const box of boxes) {
    const r = boxOnCanvas(box, view, canvas, picture);
    if (!r) continue;
    const colour = classColour(box.class_id);
    ctx.strokeStyle = colour;
    ctx.strokeRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
    if (!style.showLabels || box.label === "") continue;
    const width = ctx.measureText(box.label).width + 2 * pad;
    // Above the box when there is room, else just inside its top edge.
    const top = r.y0 - lineHeight >= area.y0 ? r.y0 - lineHeight : r.y0;
    ctx.fillStyle = colour;
    ctx.fillRect(r.x0, top, width, lineHeight);
    ctx.fillStyle = textColourOn(colour);
    ctx.fillText(box.label, r.x0 + pad, top + pad / 2);
  }
  ctx.restore();
}
