// Colouring class-id masks in the browser, so hiding a class is instant (no kernel round trip).
//
// A 256-entry RGBA lookup table per (hidden set, opacity) turns the ids into pixels with one
// 32-bit copy each; the view caches the coloured result per (layer, hidden set).

import { classRgb, type Rgb } from "../palette";

/** RGBA for each of the 256 possible ids: the class colour, or transparent when hidden. */
export function classLut(
  hidden: Iterable<number>,
  opacity: number,
  colourOf: (id: number) => Rgb = classRgb,
): Uint8ClampedArray {
  const hiddenIds = new Set(hidden);
  const alpha = Math.round(Math.min(1, Math.max(0, Number.isFinite(opacity) ? opacity : 0)) * 255);
  const lut = new Uint8ClampedArray(256 * 4);
  for (let id = 0; id < 256; id += 1) {
    if (hiddenIds.has(id)) continue;
    const [r, g, b] = colourOf(id);
    lut.set([r, g, b, alpha], id * 4);
  }
  return lut;
}

/** Colour one id per pixel through `lut` into RGBA pixels (written into `out` when given). */
export function colourIds(ids: Uint8Array, lut: Uint8ClampedArray, out?: Uint8ClampedArray): Uint8ClampedArray {
  const rgba = out ?? new Uint8ClampedArray(ids.length * 4);
  // Whole-pixel copies: the byte order inside each word is preserved whatever the endianness.
  const lut32 = new Uint32Array(lut.buffer, lut.byteOffset, 256);
  const out32 = new Uint32Array(rgba.buffer, rgba.byteOffset, ids.length);
  for (let i = 0; i < ids.length; i += 1) out32[i] = lut32[ids[i] ?? 0] ?? 0;
  return rgba;
}

/** The coloured mask for a set of hidden classes and an opacity. */
export function colourMask(ids: Uint8Array, hidden: Iterable<number>, opacity: number): Uint8ClampedArray {
  return colourIds(ids, classLut(hidden, opacity));
}
