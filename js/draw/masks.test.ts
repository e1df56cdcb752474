import { describe, expect, it } from "vitest";
import { classRgb } from "../palette";
import { MARK_CLIPPED_HIGH, MARK_NAN, MARK_NONE } from "../wire";
import { colourMarks, MARK_COLOURS } from "./marks";
import { classLut, colourIds, colourIdsOnCanvas, colourMask } from "./masks";

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
