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

/**
 * A confidence gate (ImageMask.from_scores): pixels whose 8-bit winning probability is below
 * `min` stay transparent. `levels` is aligned with the ids being coloured.
 */
export interface ConfidenceGate {
  levels: Uint8Array | Uint16Array;
  min: number;
}

/** Colour one id per pixel through `lut` into RGBA pixels (written into `out` when given). */
export function colourIds(
  ids: Uint8Array,
  lut: Uint8ClampedArray,
  out?: Uint8ClampedArray,
  gate?: ConfidenceGate,
): Uint8ClampedArray {
  const rgba = out ?? new Uint8ClampedArray(ids.length * 4);
  // Whole-pixel copies: the byte order inside each word is preserved whatever the endianness.
  const lut32 = new Uint32Array(lut.buffer, lut.byteOffset, 256);
  const out32 = new Uint32Array(rgba.buffer, rgba.byteOffset, ids.length);
  if (gate && gate.min > 0) {
    const { levels, min } = gate;
    for (let i = 0; i < ids.length; i += 1) out32[i] = (levels[i] as number) < min ? 0 : (lut32[ids[i] ?? 0] ?? 0);
    return rgba;
  }
  for (let i = 0; i < ids.length; i += 1) out32[i] = lut32[ids[i] ?? 0] ?? 0;
  return rgba;
}

/** The coloured mask for a set of hidden classes and an opacity. */
export function colourMask(ids: Uint8Array, hidden: Iterable<number>, opacity: number): Uint8ClampedArray {
  return colourIds(ids, classLut(hidden, opacity));
}

/**
 * The mask pixel a picture pixel reads when the mask has another size than the picture
 * (stretched over it, nearest-neighbour): the one under the picture pixel's centre,
 * `floor((x + 0.5) * source / count)`, in integers so it agrees with Python's fallback PNG
 * (`nbimage/mask_size.py`) on every pixel.
 */
export function maskIndex(x: number, count: number, source: number): number {
  if (source === count) return x;
  return Math.floor(((2 * x + 1) * source) / (2 * count));
}

export interface IdGrid {
  width: number;
  height: number;
  ids: Uint8Array;
}

/**
 * Sample a class-id map at canvas resolution for the current view: each canvas pixel takes
 * the id of the picture pixel under its centre (nearest neighbour, so zoomed masks stay
 * crisp; a mask of another size is read through `maskIndex`). Pixels off the picture get
 * `outside`. Work is proportional to the canvas, not the mask, and the result only changes
 * with the view, so a class toggle is one LUT pass.
 */
export function sampleIds(
  grid: IdGrid,
  view: { zoom: number; cx: number; cy: number },
  canvas: { width: number; height: number },
  picture: { width: number; height: number },
  outside: number,
  out?: Uint16Array,
): Uint16Array {
  const w = canvas.width;
  const h = canvas.height;
  const sampled = out ?? new Uint16Array(w * h);
  const sx = (view.zoom * w) / picture.width;
  const sy = (view.zoom * h) / picture.height;
  // Which mask column each canvas column samples (-1: off the picture).
  const columns = new Int32Array(w);
  for (let x = 0; x < w; x += 1) {
    const px = (x + 0.5 - w / 2) / sx + view.cx * picture.width;
    columns[x] = px < 0 || px >= picture.width ? -1 : maskIndex(Math.floor(px), picture.width, grid.width);
  }
  const ids = grid.ids;
  for (let y = 0; y < h; y += 1) {
    const py = (y + 0.5 - h / 2) / sy + view.cy * picture.height;
    const row = y * w;
    if (py < 0 || py >= picture.height) {
      sampled.fill(outside, row, row + w);
      continue;
    }
    const base = maskIndex(Math.floor(py), picture.height, grid.height) * grid.width;
    for (let x = 0; x < w; x += 1) {
      const col = columns[x] as number;
      sampled[row + x] = col < 0 ? outside : (ids[base + col] as number);
    }
  }
  return sampled;
}

/** Colour sampled ids (0..256, 256 = transparent) through a LUT into RGBA pixels. */
export function colourSampled(
  sampled: Uint16Array,
  lut: Uint8ClampedArray,
  out?: Uint8ClampedArray,
  gate?: ConfidenceGate,
): Uint8ClampedArray {
  const rgba = out ?? new Uint8ClampedArray(sampled.length * 4);
  const lut32 = new Uint32Array(257);
  lut32.set(new Uint32Array(lut.buffer, lut.byteOffset, 256));
  const out32 = new Uint32Array(rgba.buffer, rgba.byteOffset, sampled.length);
  if (gate && gate.min > 0) {
    const { levels, min } = gate;
    for (let i = 0; i < sampled.length; i += 1) {
      out32[i] = (levels[i] as number) < min ? 0 : (lut32[sampled[i] as number] as number);
    }
    return rgba;
  }
  for (let i = 0; i < sampled.length; i += 1) out32[i] = lut32[sampled[i] as number] as number;
  return rgba;
}

/** Sample and colour in one go (see sampleIds). */
export function colourIdsOnCanvas(
  grid: IdGrid,
  lut: Uint8ClampedArray,
  view: { zoom: number; cx: number; cy: number },
  canvas: { width: number; height: number },
  picture: { width: number; height: number },
  out?: Uint8ClampedArray,
): Uint8ClampedArray {
  return colourSampled(sampleIds(grid, view, canvas, picture, OUTSIDE), lut, out);
}

/** The sampled value for canvas pixels off the picture (transparent in every LUT). */
export const OUTSIDE = 256;
