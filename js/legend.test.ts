import { describe, expect, it } from "vitest";
import {
  COMPACT_SHOWN,
  className,
  hiddenKey,
  hideAll,
  INLINE_MAX,
  keptBoxCounts,
  legendLayers,
  matchesQuery,
  showAll,
  toggleClass,
  toggleLayer,
  visibleClasses,
} from "./legend";
import { countText } from "./legendView";
import { makeItem } from "./testing";

const item = makeItem;

const b = (class_id: number) => ({ x0: 0, y0: 0, x1: 1, y1: 1, class_id, label: "", scores: {} });

describe("legend layers", () => {
  it("merges a grid's items into one legend per layer with counts", () => {
    const items = [
      item({ boxes: [{ key: "pred", class_labels: { "1": "cat" }, boxes: [b(1), b(1), b(7)] }] }),
      item({
        boxes: [{ key: "pred", class_labels: { "1": "cat", "2": "dog" }, boxes: [b(2), b(1)] }],
        masks: [
          {
            key: "seg",
            class_labels: { "0": "bg" },
            png: new DataView(new ArrayBuffer(0)),
            counts: { "0": 90, "3": 10, "4": 0 },
            confidence: null,
          },
        ],
      }),
    ];
    expect(legendLayers(items)).toEqual([
      {
        key: "pred",
        kind: "boxes",
        classes: [
          { id: 1, name: "cat", count: 3 },
          { id: 2, name: "dog", count: 1 },
          { id: 7, name: "id 7", count: 1 },
        ],
      },
      {
        key: "seg",
        kind: "masks",
        classes: [
          { id: 0, name: "bg", count: 90 },
          { id: 3, name: "id 3", count: 10 },
        ],
      },
    ]);
  });

  it("names unlabelled classes by id", () => {
    expect(className({ "5": "tree" }, 5)).toBe("tree");
    expect(className({}, 9)).toBe("id 9");
  });
});

describe("legend toggles", () => {
  it("toggles a class without touching the input or other layers", () => {
    const hidden = { pred: [3], seg: [1] };
    const once = toggleClass(hidden, "pred", 1);
    expect(once).toEqual({ pred: [1, 3], seg: [1] });
    expect(hidden).toEqual({ pred: [3], seg: [1] });
    expect(toggleClass(once, "pred", 1)).toEqual({ pred: [3], seg: [1] });
  });

  it("all shows every class; none hides every listed one", () => {
    expect(showAll({ pred: [1, 2], seg: [1] }, "pred")).toEqual({ seg: [1] });
    expect(hideAll({ pred: [9] }, "pred", [1, 2, 1])).toEqual({ pred: [1, 2, 9] });
    expect(toggleClass({}, "pred", 4)).toEqual({ pred: [4] });
    expect(toggleClass({ pred: [4] }, "pred", 4)).toEqual({});
  });

  it("keys hidden sets independent of order", () => {
    expect(hiddenKey({ pred: [3, 1] }, "pred")).toBe(hiddenKey({ pred: [1, 3] }, "pred"));
    expect(hiddenKey({}, "pred")).toBe("");
  });
});

describe("legend at scale", () => {
  const many = Array.from({ length: 252 }, (_, id) => ({
    id,
    name: id === 7 ? "zebra" : `class_${id}`,
    count: 1000 - id,
  }));

  it("sorts the classes present by count, most frequent first", () => {
    const layers = legendLayers([
      item({
        masks: [
          {
            key: "seg",
            class_labels: { "2": "sky" },
            png: new DataView(new ArrayBuffer(0)),
            counts: { "1": 5, "2": 500, "3": 0, "9": 50 },
            confidence: null,
          },
        ],
      }),
    ]);
    expect(layers[0]?.classes.map((c) => c.id)).toEqual([2, 9, 1]); // 3 is absent: not listed
  });

  it("lists the top classes of a compact legend until 'show all', and filters all of them", () => {
    expect(many.length).toBeGreaterThan(INLINE_MAX);
    expect(visibleClasses(many, "", false)).toHaveLength(COMPACT_SHOWN);
    expect(visibleClasses(many, "", true)).toHaveLength(252);
    expect(visibleClasses(many, "zeb", false).map((c) => c.id)).toEqual([7]);
    expect(visibleClasses(many, "ZEBRA", false).map((c) => c.id)).toEqual([7]);
    expect(visibleClasses(many, "id 200", false).map((c) => c.id)).toEqual([200]);
    expect(visibleClasses(many, "class_25", false).map((c) => c.id)).toEqual([25, 250, 251]);
    expect(matchesQuery({ id: 3, name: "cat", count: 1 }, "  ")).toBe(true);
  });

  it("counts the boxes kept by a score threshold per class (kept/total)", () => {
    const scored = (class_id: number, confidence: number) => ({ ...b(class_id), scores: { confidence } });
    const items = [
      item({ boxes: [{ key: "pred", class_labels: {}, boxes: [scored(1, 0.9), scored(1, 0.2), scored(2, 0.1)] }] }),
      item({ boxes: [{ key: "gt", class_labels: {}, boxes: [b(1)] }] }),
    ];
    const kept = keptBoxCounts(items, "pred", { confidence: 0.5 });
    expect(kept.get(1)).toBe(1);
    expect(kept.get(2)).toBeUndefined();
    expect(keptBoxCounts(items, "gt", { confidence: 0.5 }).get(1)).toBe(1); // no score: kept
    expect(countText({ id: 1, name: "person", count: 3 }, 2)).toBe("2/3");
    expect(countText({ id: 1, name: "person", count: 3 }, 3)).toBe("3");
    expect(countText({ id: 1, name: "sky", count: 123456 }, undefined)).toBe("123k");
  });

  it("hides and shows a whole layer without touching the input", () => {
    const hidden = ["masks"];
    expect(toggleLayer(hidden, "gt")).toEqual(["masks", "gt"]);
    expect(toggleLayer(["masks", "gt"], "masks")).toEqual(["gt"]);
    expect(hidden).toEqual(["masks"]);
  });
});
