import { describe, expect, it } from "vitest";
import { hoverPlacement, type LabelRequest, labelRows, labelX, overlaps, placeLabels } from "./labels";

const area = { x0: 0, y0: 0, x1: 400, y1: 300 };
const H = 16;
const req = (box: LabelRequest["box"], over: Partial<LabelRequest> = {}): LabelRequest => ({
  text: "face 0.42",
  width: 60,
  box,
  priority: 0.5,
  layer: "pred",
  colour: "#ff0000",
  ...over,
});

describe("label placement", () => {
  it("puts a label above its box when there is room", () => {
    const { placed } = placeLabels([req({ x0: 50, y0: 100, x1: 150, y1: 200 })], area, H);
    expect(placed).toMatchObject([{ x: 50, y: 84, w: 60, h: 16 }]);
  });

  it("puts it inside the box when the box touches the top edge (never above the canvas)", () => {
    const { placed } = placeLabels([req({ x0: 50, y0: 0, x1: 150, y1: 80 })], area, H);
    expect(placed[0]?.y).toBe(0);
    // Zoomed in: a box whose top lies above the visible area gets its label at the top edge.
    const zoomed = placeLabels([req({ x0: 50, y0: -500, x1: 150, y1: 80 })], area, H).placed[0];
    expect(zoomed?.y).toBe(0);
  });

  it("flips left at the right edge, so the text is never cut", () => {
    const { placed } = placeLabels([req({ x0: 380, y0: 100, x1: 398, y1: 200 })], area, H);
    const label = placed[0];
    expect(label && label.x + label.w).toBeLessThanOrEqual(area.x1);
    expect(label?.x).toBe(398 - 60);
    expect(labelX({ x0: -40, y0: 0, x1: 30, y1: 9 }, 60, area)).toBe(0);
  });

  it("never draws two labels over each other: stacks them inside the box, best score first", () => {
    // Four boxes sharing a top edge, 20 px apart: their labels (60 px wide) collide above.
    const requests = [0, 1, 2, 3].map((i) =>
      req({ x0: 100 + 20 * i, y0: 100, x1: 190 + 20 * i, y1: 220 }, { priority: 0.1 * (i + 1), text: `#${i}` }),
    );
    const { placed, skipped } = placeLabels(requests, area, H);
    expect(placed.length + skipped.length).toBe(4);
    for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        expect(overlaps(placed[i] as never, placed[j] as never), `${placed[i]?.text} vs ${placed[j]?.text}`).toBe(
          false,
        );
      }
    }
    // The best-scored one keeps the preferred spot, above its box.
    expect(placed[0]).toMatchObject({ text: "#3", y: 84 });
    expect(placed.map((p) => p.text)).toContain("#2");
  });

  it("skips a label that fits nowhere and draws it on hover above the others", () => {
    // A strip 20 px tall (a zoomed-in view): one label row only.
    const strip = { x0: 0, y0: 0, x1: 400, y1: 20 };
    const box = { x0: 10, y0: 0, x1: 60, y1: 20 };
    const { placed, skipped } = placeLabels([req(box, { priority: 1 }), req(box, { text: "b" })], strip, H);
    expect(placed).toHaveLength(1);
    expect(skipped.map((r) => r.text)).toEqual(["b"]);
    const shown = hoverPlacement(skipped[0] as LabelRequest, strip, H);
    expect(shown.y).toBeGreaterThanOrEqual(0);
    expect(shown.x + shown.w).toBeLessThanOrEqual(area.x1);
  });

  it("offers above, inside rows and below, inside the area", () => {
    expect(labelRows({ x0: 0, y0: 40, x1: 10, y1: 80 }, 16, area)).toEqual([24, 40, 56, 80]);
    expect(labelRows({ x0: 0, y0: 0, x1: 10, y1: 290 }, 16, area).every((y) => y >= 0 && y + 16 <= 300)).toBe(true);
  });

  it("places 30 crowded labels without a single overlap", () => {
    const requests = Array.from({ length: 30 }, (_, i) =>
      req(
        { x0: (i * 37) % 300, y0: (i * 53) % 250, x1: ((i * 37) % 300) + 90, y1: ((i * 53) % 250) + 60 },
        { priority: (i * 7) % 10, text: `c${i}`, width: 50 + (i % 3) * 20 },
      ),
    );
    const { placed } = placeLabels(requests, area, H);
    for (const p of placed) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + p.w).toBeLessThanOrEqual(400);
      expect(p.y + p.h).toBeLessThanOrEqual(300);
      for (const q of placed) if (p !== q) expect(overlaps(p, q)).toBe(false);
    }
    expect(placed.length).toBeGreaterThan(15);
  });
});
