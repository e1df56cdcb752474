import { describe, expect, it } from "vitest";
import { itemLine, pageStart, positionLines, sampleAt, sampleLine, shownLine } from "./hoverInfo";
import { makeItem } from "./testing";

// 10 samples of 12×9 in rows of 8 with 2 px padding (nbimage.layout.make_grid).
const batch = { count: 10, rows: 2, columns: 8, height: 12, width: 9, padding: 2 };

describe("inspector position", () => {
  it("names the batch sample and the coordinates inside it", () => {
    expect(sampleAt(batch, 2, 2)).toEqual({ index: 0, x: 0, y: 0 });
    expect(sampleAt(batch, 2 + 11 * 3 + 4, 2 + 5)).toEqual({ index: 3, x: 4, y: 5 });
    expect(sampleAt(batch, 2 + 11, 2 + 14 + 11)).toEqual({ index: 9, x: 0, y: 11 });
    expect(sampleLine(batch, 2 + 11 * 3 + 4, 7)).toBe("batch[3] of 10: x 4, y 5");
  });

  it("says when the pointer is on the padding or past the last sample", () => {
    expect(sampleAt(batch, 0, 5)).toBeNull();
    expect(sampleAt(batch, 11, 5)).toBeNull(); // between samples 0 and 1
    expect(sampleAt(batch, 2 + 11 * 5, 2 + 14)).toBeNull(); // row 2 holds only 2 samples
    expect(sampleLine(batch, 0, 5)).toMatch(/^padding between samples/);
  });

  it("names a grid item by caption, else by its number among all items", () => {
    expect(itemLine(makeItem({ caption: "cat 3" }), 4)).toBe("item 5: cat 3");
    expect(itemLine(makeItem(), 0)).toBe("item 1");
    expect(pageStart(1, 3, 250, 108)).toBe(108);
    expect(pageStart(2, 3, 250, 34)).toBe(216);
    expect(positionLines(makeItem({ batch }), 2, 2, 7)).toEqual(["item 8", "batch[0] of 10: x 0, y 0"]);
    expect(positionLines(makeItem(), 3, 4, null)).toEqual(["x 3, y 4"]);
  });

  it("names the picture's real mode", () => {
    expect(shownLine("L", [65, 65, 65])).toBe("shown L 65");
    expect(shownLine("LA", [65, 65, 65, 10])).toBe("shown LA 65 10");
    expect(shownLine("RGB", [1, 2, 3])).toBe("shown RGB 1 2 3");
    expect(shownLine("RGBA", [1, 2, 3])).toBe("shown RGBA 1 2 3 255");
    expect(shownLine("P", [1, 2, 3])).toBe("shown P (as RGB) 1 2 3");
  });
});
