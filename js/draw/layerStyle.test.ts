import { describe, expect, it } from "vitest";
import { boxLayerDashes, lineName } from "./layerStyle";

describe("box layer styles", () => {
  it("draws one layer solid", () => {
    expect(boxLayerDashes(["predictions"]).get("predictions")).toEqual([]);
  });

  it("draws ground truth solid and predictions dashed, whatever their order", () => {
    const dashes = boxLayerDashes(["predictions", "ground_truth"]);
    expect(dashes.get("ground_truth")).toEqual([]);
    expect(lineName(dashes.get("predictions") ?? [])).toBe("dashed");
    expect(boxLayerDashes(["pred", "gt"]).get("gt")).toEqual([]);
  });

  it("gives several non-truth layers different dashes, the first one solid", () => {
    const dashes = boxLayerDashes(["model_a", "model_b", "model_c"]);
    expect(dashes.get("model_a")).toEqual([]);
    expect(dashes.get("model_b")).not.toEqual(dashes.get("model_c"));
    expect(dashes.get("model_b")?.length).toBeGreaterThan(0);
  });
});
