import { describe, expect, it } from "vitest";
import { className, hiddenKey, hideAll, legendLayers, showAll, toggleClass } from "./legend";
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
