// The compare view's marking overlay: clipped-low, clipped-high, NaN and Inf pixels in
// distinct colours (values of the 8-bit `marks` PNG are the MARK_* codes of wire.ts).

import type { Rgb } from "../palette";
import { MARK_CLIPPED_HIGH, MARK_CLIPPED_LOW, MARK_INF, MARK_NAN } from "../wire";
import { colourIds } from "./masks";

export const MARK_COLOURS: Readonly<Record<number, { rgb: Rgb; name: string }>> = {
  [MARK_CLIPPED_LOW]: { rgb: [0, 102, 255], name: "clipped low" },
  [MARK_CLIPPED_HIGH]: { rgb: [255, 32, 32], name: "clipped high" },
  [MARK_NAN]: { rgb: [255, 0, 255], name: "NaN" },
  [MARK_INF]: { rgb: [255, 212, 0], name: "Inf" },
};

/** Lookup table for marks: MARK_NONE (and unknown values) transparent, the rest opaque. */
export function marksLut(): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (const [code, { rgb }] of Object.entries(MARK_COLOURS)) lut.set([rgb[0], rgb[1], rgb[2], 255], Number(code) * 4);
  return lut;
}

export function colourMarks(marks: Uint8Array): Uint8ClampedArray {
  return colourIds(marks, marksLut());
}
