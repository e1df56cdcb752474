import { describe, expect, it } from "vitest";
import { FIT } from "../geometry";
import { classColour } from "../palette";
import type { WireBox } from "../wire";
import { boxOnCanvas, drawBoxes, drawBoxLayers, LABEL_FONT_PX } from "./boxes";
import type { Ctx2D } from "./layer";

/** Records the calls drawBoxes makes, with the stroke/fill style current at each. */
function recorder() {
  const calls: { op: string; args: unknown[]; style?: string }[] = [];
  const ctx = {
    strokeStyle: "",
    fillStyle: "",
    lineWidth: 1,
    font: "",
    textBaseline: "",
    save: () => calls.push({ op: "save", args: [] }),
    restore: () => calls.push({ op: "restore", args: [] }),
    beginPath: () => {},
    rect: (...args: number[]) => calls.push({ op: "rect", args }),
    clip: () => calls.push({ op: "clip", args: [] }),
    strokeRect(...args: number[]) {
      calls.push({ op: "strokeRect", args, style: this.strokeStyle });
    },
    fillRect(...args: number[]) {
      calls.push({ op: "fillRect", args, style: this.fillStyle });
    },
    fillText(...args: unknown[]) {
      calls.push({ op: "fillText", args, style: this.fillStyle });
    },
    measureText: (text: string) => ({ width: text.length * 6 }),
    setLineDash(dash: number[]) {
      calls.push({ op: "setLineDash", args: dash });
    },
  };
  return { ctx: ctx as unknown as Ctx2D, calls };
}

const picture = { width: 100, height: 50 };
const canvas = { width: 200, height: 100 };
const box = (over: Partial<WireBox>): WireBox => ({
  x0: 10,
  y0: 10,
  x1: 30,
  y1: 40,
  class_id: 1,
  label: "cat 0.9",
  scores: {},
  ...over,
});

describe("drawing boxes", () => {
  it("strokes each box in its class colour where it belongs on the canvas", () => {
    const { ctx, calls } = recorder();
    drawBoxes(ctx, [box({}), box({ class_id: 2, x0: 50, x1: 60 })], FIT, canvas, picture, {
      scale: 1,
      showLabels: false,
      font: "sans-serif",
    });
    const strokes = calls.filter((c) => c.op === "strokeRect");
    expect(strokes).toEqual([
      { op: "strokeRect", args: [20, 20, 40, 60], style: classColour(1) },
      { op: "strokeRect", args: [100, 20, 20, 60], style: classColour(2) },
    ]);
    expect(calls.some((c) => c.op === "fillText")).toBe(false);
    // Everything is clipped to the picture's area.
    expect(calls.find((c) => c.op === "rect")?.args).toEqual([0, 0, 200, 100]);
  });

  it("clips boxes partly outside and skips boxes fully outside", () => {
    const { ctx, calls } = recorder();
    drawBoxes(ctx, [box({ x0: -10, x1: 20 }), box({ x0: 120, x1: 150 })], FIT, canvas, picture, {
      scale: 1,
      showLabels: false,
      font: "sans-serif",
    });
    expect(calls.filter((c) => c.op === "strokeRect").map((c) => c.args)).toEqual([[0, 20, 40, 60]]);
    expect(boxOnCanvas(box({ x0: 120, x1: 150 }), FIT, canvas, picture)).toBeNull();
  });

  it("draws the label as canvas text above the box when asked", () => {
    const { ctx, calls } = recorder();
    drawBoxes(ctx, [box({})], FIT, canvas, picture, { scale: 1, showLabels: true, font: "sans-serif" });
    const text = calls.find((c) => c.op === "fillText");
    expect(text?.args[0]).toBe("cat 0.9");
    const background = calls.find((c) => c.op === "fillRect");
    expect(background?.style).toBe(classColour(1));
    expect(background?.args[1]).toBeLessThan(20);
  });

  it("draws nothing for an empty list", () => {
    const { ctx, calls } = recorder();
    drawBoxes(ctx, [], FIT, canvas, picture, { scale: 1, showLabels: true, font: "sans-serif" });
    expect(calls).toEqual([]);
  });

  it("sizes label text with the device pixel ratio", () => {
    const { ctx } = recorder();
    drawBoxes(ctx, [box({})], FIT, canvas, picture, { scale: 2, showLabels: true, font: "sans-serif" });
    expect(ctx.font).toBe(`${LABEL_FONT_PX * 2}px sans-serif`);
  });

  it("dashes a layer's strokes as asked (scaled), and returns the labels it placed", () => {
    const { ctx, calls } = recorder();
    const drawn = drawBoxLayers(
      ctx,
      [
        { key: "gt", boxes: [box({})], dash: [] },
        { key: "pred", boxes: [box({ x0: 50, x1: 90, label: "dog 0.5" })], dash: [7, 4] },
      ],
      FIT,
      canvas,
      picture,
      { scale: 2, showLabels: true, font: "sans-serif" },
    );
    expect(calls.filter((c) => c.op === "setLineDash").map((c) => c.args)).toEqual([[], [14, 8], []]);
    expect(drawn.placed.map((l) => [l.layer, l.text])).toEqual([
      ["gt", "cat 0.9"],
      ["pred", "dog 0.5"],
    ]);
  });

  it("draws a skipped label only while the pointer is over its box", () => {
    // Two boxes with the same corner on a canvas one label tall: one label fits.
    const strip = { width: 200, height: 16 };
    const flat = { width: 100, height: 8 };
    const boxes = [box({ y0: 0, y1: 8, label: "a" }), box({ y0: 0, y1: 8, label: "b" })];
    const style = { scale: 1, showLabels: true, font: "sans-serif" };
    const quiet = drawBoxLayers(recorder().ctx, [{ key: "p", boxes, dash: [] }], FIT, strip, flat, style);
    expect(quiet.placed.map((l) => l.text)).toEqual(["a"]);
    expect(quiet.skipped.map((l) => l.text)).toEqual(["b"]);
    const { ctx, calls } = recorder();
    const hovered = drawBoxLayers(ctx, [{ key: "p", boxes, dash: [] }], FIT, strip, flat, {
      ...style,
      hover: { x: 30, y: 8 },
    });
    expect(hovered.placed.map((l) => l.text)).toEqual(["a", "b"]);
    expect(calls.filter((c) => c.op === "fillText").map((c) => c.args[0])).toEqual(["a", "b"]);
  });
});
