// The picture itself: clear the canvas to the panel background, then draw the pixels.

import type { Size, Viewport } from "../geometry";
import { type Ctx2D, drawPictureSized, type SizedSource } from "./layer";

export function drawPicture(
  ctx: Ctx2D,
  picture: SizedSource,
  view: Viewport,
  canvas: Size,
  pictureSize: Size,
  background: string,
): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.restore();
  drawPictureSized(ctx, picture, view, canvas, pictureSize, 1, true);
}
