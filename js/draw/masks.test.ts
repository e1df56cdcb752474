import { describe, expect, it } from "vitest";
import { classRgb } from "../palette";
import { MARK_CLIPPED_HIGH, MARK_NAN, MARK_NONE } from "../wire";
import { colourMarks, MARK_COLOURS } from "./marks";
import { classLut, colourIds, colourIdsOnCanvas, colourMask, maskIndex, OUTSIDE, sampleIds } from "./masks";

describe("mask colouring", () => {
  it("colours each class id with its palette colour at the opacity", () => {
    const ids = new Uint8Array([0, 1, 2, 1]);
    const rgba = colourMask(ids, [], 0.5);
    expect(rgba).toBeInstanceOf(Uint8ClampedArray);
    expect(rgba).toHaveLength(16);
    expect([...rgba.subarray(4, 8)]).toEqual([...classRgb(1), 128]);
    expect([...rgba.subarray(12, 16)]).toEqual([...classRgb(1), 128]);
    expect([...rgba.subarray(8, 12)]).toEqual([...classRgb(2), 128]);
  });

  it("makes hidden classes fully transparent", () => {
    const rgba = colourMask(new Uint8Array([0, 1, 2]), [1], 1);
    expect(rgba[7]).toBe(0);
    expect(rgba[3]).toBe(255);
    expect(rgba[11]).toBe(255);
  });

  it("clamps opacity and treats NaN as invisible", () => {
    expect(classLut([], 2)[3]).toBe(255);
    expect(classLut([], Number.NaN)[3]).toBe(0);
  });

  it("writes into a given buffer at its offset", () => {
    const backing = new Uint8ClampedArray(4 + 8);
    const out = new Uint8ClampedArray(backing.buffer, 4, 8);
    colourIds(new Uint8Array([3, 3]), classLut([], 1), out);
    expect([...backing.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...backing.subarray(4, 8)]).toEqual([...classRgb(3), 255]);
  });

  it("colours marks with distinct colours and leaves unmarked pixels clear", () => {
    const rgba = colourMarks(new Uint8Array([MARK_NONE, MARK_CLIPPED_HIGH, MARK_NAN]));
    expect(rgba[3]).toBe(0);
    expect([...rgba.subarray(4, 7)]).toEqual([...(MARK_COLOURS[MARK_CLIPPED_HIGH]?.rgb ?? [])]);
    expect([...rgba.subarray(8, 11)]).toEqual([...(MARK_COLOURS[MARK_NAN]?.rgb ?? [])]);
    const colours = Object.values(MARK_COLOURS).map((m) => m.rgb.join());
    expect(new Set(colours).size).toBe(4);
  });
});

describe("mask colouring at canvas resolution", () => {
  const grid = { width: 2, height: 2, ids: new Uint8Array([1, 2, 3, 4]) };
  const lut = classLut([], 1);
  const id = (rgba: Uint8ClampedArray, i: number) => [...rgba.subarray(i * 4, i * 4 + 4)];

  it("samples the nearest mask pixel for each canvas pixel at fit", () => {
    const rgba = colourIdsOnCanvas(
      grid,
      lut,
      { zoom: 1, cx: 0.5, cy: 0.5 },
      { width: 4, height: 4 },
      { width: 2, height: 2 },
    );
    expect(id(rgba, 0)).toEqual([...classRgb(1), 255]);
    expect(id(rgba, 3)).toEqual([...classRgb(2), 255]);
    expect(id(rgba, 12)).toEqual([...classRgb(3), 255]);
    expect(id(rgba, 15)).toEqual([...classRgb(4), 255]);
  });

  it("follows zoom and centre, and leaves pixels off the picture transparent", () => {
    // Zoom 2 on the top-left quarter: the whole canvas shows mask pixel (0, 0).
    const zoomed = colourIdsOnCanvas(
      grid,
      lut,
      { zoom: 2, cx: 0.25, cy: 0.25 },
      { width: 4, height: 4 },
      { width: 2, height: 2 },
    );
    for (let i = 0; i < 16; i += 1) expect(id(zoomed, i)).toEqual([...classRgb(1), 255]);
    const small = colourIdsOnCanvas(
      grid,
      lut,
      { zoom: 0.5, cx: 0.5, cy: 0.5 },
      { width: 4, height: 4 },
      { width: 2, height: 2 },
    );
    expect(id(small, 0)[3]).toBe(0);
    expect(id(small, 5)).toEqual([...classRgb(1), 255]);
  });

  it("scales a mask smaller than the picture's full resolution", () => {
    const rgba = colourIdsOnCanvas(
      grid,
      lut,
      { zoom: 1, cx: 0.5, cy: 0.5 },
      { width: 2, height: 2 },
      { width: 100, height: 100 },
    );
    expect([0, 1, 2, 3].map((i) => id(rgba, i)[0])).toEqual([1, 2, 3, 4].map((c) => classRgb(c)[0]));
  });
});

describe("a mask of another size than the picture, stretched (nearest-neighbour)", () => {
  // Python's fallback PNG reads mask pixel floor((x + 0.5) * w / W) for picture pixel x
  // (nbimage/mask_size.py); the view must read the same one for every picture pixel.
  const reference = (x: number, count: number, source: number) => Math.floor(((x + 0.5) * source) / count);

  it("maps each picture pixel to the mask pixel under its centre, exact edges included", () => {
    for (const [count, source] of [
      [451, 113],
      [300, 75],
      [15, 4],
      [227, 76],
      [7, 3],
      [2400, 600],
    ] as const) {
      for (let x = 0; x < count; x += 1) {
        const expected = reference(x, count, source);
        // Exact edges: (x + 0.5) * source / count an integer picks the mask pixel after it.
        expect(maskIndex(x, count, source)).toBe(expected);
      }
    }
    expect(maskIndex(7, 15, 4)).toBe(2); // (7.5 * 4) / 15 = 2 exactly: Pillow says 1, we say 2
  });

  it("covers the whole picture with a quarter-resolution mask at fit", () => {
    const mask = { width: 3, height: 2, ids: new Uint8Array([1, 2, 3, 4, 5, 6]) };
    const sampled = sampleIds(
      mask,
      { zoom: 1, cx: 0.5, cy: 0.5 },
      { width: 12, height: 8 },
      { width: 12, height: 8 },
      OUTSIDE,
    );
    for (let y = 0; y < 8; y += 1) {
      for (let x = 0; x < 12; x += 1) {
        expect(sampled[y * 12 + x]).toBe(mask.ids[Math.floor(y / 4) * 3 + Math.floor(x / 4)]);
      }
    }
  });

  it("shows, zoomed in, the mask pixel each picture pixel reads (odd sizes)", () => {
    // A 3-wide mask over a 7-wide picture: picture columns read 0,0,1,1,1,2,2.
    const mask = { width: 3, height: 1, ids: new Uint8Array([10, 20, 30]) };
    // Zoom 7 on a 7×1 canvas centred on picture column 3: one picture pixel fills the canvas.
    const zoomed = sampleIds(
      mask,
      { zoom: 7, cx: 3.5 / 7, cy: 0.5 },
      { width: 7, height: 1 },
      { width: 7, height: 1 },
      OUTSIDE,
    );
    expect([...zoomed]).toEqual([20, 20, 20, 20, 20, 20, 20]);
    const fit = sampleIds(
      mask,
      { zoom: 1, cx: 0.5, cy: 0.5 },
      { width: 7, height: 1 },
      { width: 7, height: 1 },
      OUTSIDE,
    );
    expect([...fit]).toEqual([10, 10, 20, 20, 20, 30, 30]);
  });
});
