import { describe, expect, it } from "vitest";
import { formatCount, isBoxShown, scoreKeys, scoreRange, shownBoxes, thresholdCount } from "./filter";
import { makeItem } from "./testing";
import type { WireBox, WireBoxLayer, WireItem } from "./wire";

function box(class_id: number, scores: Record<string, number>): WireBox {
  return { x0: 0, y0: 0, x1: 10, y1: 10, class_id, label: "", scores };
}

const layer: WireBoxLayer = {
  key: "pred",
  class_labels: { "1": "cat", "2": "dog" },
  boxes: [box(1, { conf: 0.9, iou: 0.5 }), box(1, { conf: 0.2 }), box(2, { conf: 0.5 }), box(2, {})],
};

function item(layers: WireBoxLayer[]): WireItem {
  return makeItem({ boxes: layers });
}

describe("score thresholds", () => {
  it("keeps boxes at or above the threshold and boxes without that score", () => {
    const shown = shownBoxes(layer, {}, { conf: 0.5 });
    expect(shown.map((b) => b.scores.conf)).toEqual([0.9, 0.5, undefined]);
  });

  it("applies every threshold", () => {
    expect(isBoxShown(layer.boxes[0] as WireBox, "pred", {}, { conf: 0.5, iou: 0.6 })).toBe(false);
    expect(isBoxShown(layer.boxes[0] as WireBox, "pred", {}, { conf: 0.5, iou: 0.5 })).toBe(true);
  });

  it("hides classes of the layer only", () => {
    expect(shownBoxes(layer, { pred: [1] }, {}).map((b) => b.class_id)).toEqual([2, 2]);
    expect(shownBoxes(layer, { other: [1] }, {})).toHaveLength(4);
  });

  it("counts kept and hidden boxes per score key across items", () => {
    const items = [item([layer]), item([layer])];
    expect(thresholdCount(items, "conf", { conf: 0.5 })).toEqual({ kept: 4, hidden: 2 });
    expect(thresholdCount(items, "conf", {})).toEqual({ kept: 6, hidden: 0 });
    expect(thresholdCount(items, "iou", { iou: 0.7 })).toEqual({ kept: 0, hidden: 2 });
    expect(formatCount({ kept: 4, hidden: 2 })).toBe("kept 4 / hidden 2");
  });

  it("finds the score keys and a slider range that covers scores beyond 0..1", () => {
    const items = [item([layer, { key: "gt", class_labels: {}, boxes: [box(0, { loss: 3.5 })] }])];
    expect(scoreKeys(items)).toEqual(["conf", "iou", "loss"]);
    expect(scoreRange(items, "conf")).toEqual({ min: 0, max: 1 });
    expect(scoreRange(items, "loss")).toEqual({ min: 0, max: 3.5 });
  });
});
