import { describe, expect, it } from "vitest";
import type { WireHistogram } from "../wire";
import { formatTick, histogramScale } from "./histogram";

const hist: WireHistogram = {
  lo: -2,
  hi: 2,
  channels: [
    { name: "R", counts: [0, 100, 25, 4] },
    { name: "G", counts: [1, 1, 1, 1] },
  ],
  mapping: [
    [-2, 0],
    [-1, 0],
    [1, 255],
    [2, 255],
  ],
  clip_below: -1,
  clip_above: 1,
};

describe("histogram scaling", () => {
  it("maps raw values linearly across the width inside the padding", () => {
    const s = histogramScale(hist, 108, 58, 4);
    expect(s.x(-2)).toBe(4);
    expect(s.x(2)).toBe(104);
    expect(s.x(0)).toBe(54);
  });

  it("scales counts by their square root against the largest bin", () => {
    const s = histogramScale(hist, 108, 58, 4);
    expect(s.yCount(100)).toBe(4);
    expect(s.yCount(0)).toBe(54);
    expect(s.yCount(25)).toBeCloseTo(54 - 0.5 * 50);
  });

  it("maps output values 0..255 bottom to top, clamped", () => {
    const s = histogramScale(hist, 108, 58, 4);
    expect(s.yOutput(0)).toBe(54);
    expect(s.yOutput(255)).toBe(4);
    expect(s.yOutput(999)).toBe(4);
  });

  it("survives a constant input (zero span) and empty counts", () => {
    const s = histogramScale({ ...hist, lo: 3, hi: 3, channels: [] }, 100, 50, 0);
    expect(s.x(3)).toBe(50);
    expect(Number.isFinite(s.yCount(0))).toBe(true);
  });
});

describe("histogram axis labels", () => {
  it("shows short numbers", () => {
    expect(formatTick(-2.1234567)).toBe("-2.123");
    expect(formatTick(255)).toBe("255");
    expect(formatTick(0.5)).toBe("0.5");
  });
});
