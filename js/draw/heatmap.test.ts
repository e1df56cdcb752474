import { describe, expect, it } from "vitest";
import { heatmapKeys } from "../heatmapControls";
import { makeItem } from "../testing";
import type { WireHeatmap } from "../wire";
import { formatHeatmapValue } from "./heatmap";

const bytes = new DataView(new ArrayBuffer(0));
function heatmap(key: string, lo: number, hi: number): WireHeatmap {
  return { key, png: bytes, width: 7, height: 7, lo, hi, colormap: "turbo", colorbar: bytes };
}

describe("heatmaps", () => {
  it("formats values for the inspector and the legend bar", () => {
    expect(formatHeatmapValue(15)).toBe("15");
    expect(formatHeatmapValue(0.73456)).toBe("0.7346");
    expect(formatHeatmapValue(0.5)).toBe("0.5");
    expect(formatHeatmapValue(1.283e-10)).toBe("1.283e-10");
    expect(formatHeatmapValue(null)).toBe("NaN/Inf");
    expect(formatHeatmapValue(undefined)).toBe("…");
  });

  it("lists each key once and says when a grid's ranges differ", () => {
    const items = [
      makeItem({ heatmaps: [heatmap("cam", 0, 1), heatmap("attn", 0, 1)] }),
      makeItem({ heatmaps: [heatmap("cam", 0, 2)] }),
      makeItem({ heatmaps: [heatmap("attn", 0, 1)] }),
    ];
    expect(heatmapKeys(items).map(({ heatmap: h, varies }) => [h.key, varies])).toEqual([
      ["cam", true],
      ["attn", false],
    ]);
  });
});
