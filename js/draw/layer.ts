// Drawing a picture-sized source (picture, coloured mask, marks) under the current view.

import { type Rect, rectToCanvas, type Size, type Viewport } from "../geometry";

export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Anything drawImage accepts, with its own pixel size (a preview may be smaller than the picture). */
export interface SizedSource {
  source: CanvasImageSource;
  width: number;
  height: number;
}

/** The canvas rectangle the whole picture occupies under `view`. */
export function pictureRect(view: Viewport, canvas: Size, picture: Size): Rect {
  return rectToCanvas({ x0: 0, y0: 0, x1: picture.width, y1: picture.height }, view, canvas, picture);
}

/**
 * Draw `src` stretched over the picture's full-resolution area, so a smaller preview lines
 * up with full-resolution coordinates. Magnified pixels stay crisp (nearest neighbour); with
 * `smoothDownscale`, a source shown smaller than its own size is filtered instead, since
 * dropping pixels makes moiré out of fine detail.
 */
export function drawPictureSized(
  ctx: Ctx2D,
  src: SizedSource,
  view: Viewport,
  canvas: Size,
  picture: Size,
  alpha = 1,
  smoothDownscale = false,
): void {
  const r = pictureRect(view, canvas, picture);
  ctx.save();
  const shrunk = r.x1 - r.x0 < src.width && r.y1 - r.y0 < src.height;
  ctx.imageSmoothingEnabled = smoothDownscale && shrunk;
  if (ctx.imageSmoothingEnabled) ctx.imageSmoothingQuality = "high";
  ctx.globalAlpha = alpha;
  ctx.drawImage(src.source, 0, 0, src.width, src.height, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
  ctx.restore();
}
