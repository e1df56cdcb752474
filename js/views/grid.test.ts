import { describe, expect, it } from "vitest";
import { gridTemplate, groupSize, pageNote, rowBreaksAfter, thumbnailSide } from "./grid";

const g = (...groupings: (number | null)[]) => groupings.map((grouping) => ({ grouping }));

describe("grid rows", () => {
  it("breaks rows every `grouping` items, repeating the first item's group size", () => {
    expect([...rowBreaksAfter(g(3, null, null, null, null, null, null))]).toEqual([2, 5]);
  });

  it("lets a later item start a new group size", () => {
    expect([...rowBreaksAfter(g(2, null, 1, 3, null, null, null))]).toEqual([1, 2, 5]);
  });

  it("adds no breaks without grouping and none after the last item", () => {
    expect(rowBreaksAfter(g(null, null, null)).size).toBe(0);
    expect([...rowBreaksAfter(g(2, null))]).toEqual([]);
  });

  it("uses fixed columns or fills the width", () => {
    expect(gridTemplate(4)).toBe("repeat(4, minmax(0, 1fr))");
    expect(gridTemplate(0, 200)).toBe("repeat(auto-fit, minmax(min(128px, 100%), 1fr))");
  });

  it("gives one column per group member, so a group is never wrapped", () => {
    expect(groupSize(g(8, null, null, null, null, null, null, null, null, null))).toBe(8);
    expect(groupSize(g(2, null, 5, null, null, null, null))).toBe(5);
    expect(groupSize(g(null, null))).toBe(0);
    expect(gridTemplate(0, 16, 8)).toBe("repeat(8, minmax(0, 1fr))");
    expect(gridTemplate(3, 16, 8)).toBe("repeat(3, minmax(0, 1fr))");
  });

  it("chooses smaller thumbnails for more items, or the asked width", () => {
    expect(thumbnailSide(2)).toBeGreaterThan(thumbnailSide(16));
    expect(thumbnailSide(16)).toBeGreaterThan(thumbnailSide(200));
    expect(thumbnailSide(200)).toBeGreaterThan(thumbnailSide(1000));
    expect(gridTemplate(0, 200, 0, 150)).toBe("repeat(auto-fill, minmax(0, 150px))");
    expect(gridTemplate(0, 16, 4, 150)).toBe("repeat(4, minmax(0, 150px))");
  });
});

describe("pager note", () => {
  it("says which items the page shows, the last page holding the remainder", () => {
    expect(pageNote(0, 3, 250, 108)).toBe("items 1–108 of 250");
    expect(pageNote(1, 3, 250, 108)).toBe("items 109–216 of 250");
    expect(pageNote(2, 3, 250, 34)).toBe("items 217–250 of 250");
    expect(pageNote(0, 1, 5, 5)).toBe("items 1–5 of 5");
  });
});
