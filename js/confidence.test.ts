import { describe, expect, it } from "vitest";
import { confidenceHistogram, confidenceLayerKeys, keptCounts, minLevel } from "./confidence";
import { classLut, colourIds, colourSampled } from "./draw/masks";
import { makeItem } from "./testing";

describe("confidence threshold", () => {
  it("shows a level when it reaches the threshold, as nbimage/scores.py", () => {
    expect(minLevel(0)).toBe(0);
    expect(minLevel(0.5)).toBe(128); // 127.5 -> level 128 and above
    expect(minLevel(128 / 255)).toBe(128); // exactly a level: that level is shown
    expect(minLevel(1)).toBe(255);
    expect(minLevel(Number.NaN)).toBe(0);
  });

  it("counts kept pixels per class from one histogram", () => {
    const ids = new Uint8Array([1, 1, 1, 2, 2, 0]);
    const levels = new Uint8Array([255, 100, 50, 200, 10, 128]);
    const hist = confidenceHistogram(ids, levels);
    expect([...keptCounts(hist, 0)]).toEqual([
      [0, 1],
      [1, 3],
      [2, 2],
    ]);
    expect([...keptCounts(hist, 101)]).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    expect([...keptCounts(hist, 256)]).toEqual([]);
  });

  it("leaves exactly the pixels below the threshold transparent", () => {
    const ids = new Uint8Array([1, 1, 2, 2]);
    const levels = new Uint8Array([255, 100, 200, 10]);
    const lut = classLut([], 1);
    const alpha = (rgba: Uint8ClampedArray) => [0, 1, 2, 3].map((i) => rgba[i * 4 + 3]);
    expect(alpha(colourIds(ids, lut))).toEqual([255, 255, 255, 255]);
    expect(alpha(colourIds(ids, lut, undefined, { levels, min: 150 }))).toEqual([255, 0, 255, 0]);
    const sampled = new Uint16Array([1, 1, 2, 256]);
    const sampledLevels = new Uint16Array([255, 100, 200, 256]);
    expect(alpha(colourSampled(sampled, lut, undefined, { levels: sampledLevels, min: 150 }))).toEqual([
      255, 0, 255, 0,
    ]);
  });

  it("finds the layers that carry a confidence map", () => {
    const png = new DataView(new ArrayBuffer(0));
    const items = [
      makeItem({ masks: [{ key: "gt", class_labels: {}, png, counts: {}, confidence: null }] }),
      makeItem({ masks: [{ key: "pred", class_labels: {}, png, counts: {}, confidence: png }] }),
    ];
    expect(confidenceLayerKeys(items)).toEqual(["pred"]);
  });
});
