// Heatmaps over the picture: Python colours them (nbimage/heatmaps.py, one colormap
// implementation); the browser only decodes the RGBA PNG and blends it stretched over the
// picture (nearest, like a mask of another size) at the `heatmap_opacity` trait.

import { blobOf, type WireBytes } from "../codec";
import type { Size, Viewport } from "../geometry";
import { type Ctx2D, drawPictureSized } from "./layer";

export interface DecodedHeatmap {
  key: string;
  bitmap: ImageBitmap;
}

/** Decode a heatmap PNG exactly (no colour management, straight alpha). */
export function decodeHeatmap(data: WireBytes): Promise<ImageBitmap> {
  return createImageBitmap(blobOf(data, "image/png"), { colorSpaceConversion: "none", premultiplyAlpha: "none" });
}

/** Blend the shown heatmaps over what is drawn, stretched over the picture's area. */
export function drawHeatmaps(
  ctx: Ctx2D,
  heatmaps: readonly (DecodedHeatmap | null)[],
  hidden: readonly string[],
  opacity: number,
  view: Viewport,
  canvas: Size,
  picture: Size,
): void {
  if (!(opacity > 0)) return;
  const alpha = Math.min(1, opacity);
  for (const heatmap of heatmaps) {
    if (!heatmap || hidden.includes(heatmap.key)) continue;
    const { bitmap } = heatmap;
    // Magnified cells stay crisp (the value under the pointer is the cell's); a heatmap
    // shown smaller than its own size is filtered, not decimated.
    const source = { source: bitmap, width: bitmap.width, height: bitmap.height };
    drawPictureSized(ctx, source, view, canvas, picture, alpha, true);
  }
}

/** A heatmap value for the inspector: 4 significant digits, "NaN" for a non-finite one. */
export function formatHeatmapValue(value: number | null | undefined): string {
  if (value === null) return "NaN/Inf";
  if (value === undefined) return "…";
  if (Number.isInteger(value)) return String(value);
  const text = value.toPrecision(4);
  return text.includes("e") ? text : text.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}
