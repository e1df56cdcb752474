import { describe, expect, it } from "vitest";
import { classRgb } from "../palette";
import { MARK_CLIPPED_HIGH, MARK_NAN, MARK_NONE } from "../wire";
import { colourMarks, MARK_COLOURS } from "./marks";
import { classLut, colourIds, colourMask } from "./masks";

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
