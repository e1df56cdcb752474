import { describe, expect, it } from "vitest";
import { DENORMALIZE_OPTIONS, parseNumbers } from "./compare";

describe("compare controls", () => {
  it("parses custom mean/std lists in the forms people type", () => {
    expect(parseNumbers("0.485, 0.456, 0.406")).toEqual([0.485, 0.456, 0.406]);
    expect(parseNumbers(" 0.5 0.5;0.5 ")).toEqual([0.5, 0.5, 0.5]);
    expect(parseNumbers("1e-1")).toEqual([0.1]);
  });

  it("refuses anything that is not a list of finite numbers", () => {
    expect(parseNumbers("")).toBeNull();
    expect(parseNumbers("0.5, abc")).toBeNull();
    expect(parseNumbers("NaN")).toBeNull();
    expect(parseNumbers("Infinity")).toBeNull();
  });

  it("offers exactly the denormalize choices Python accepts", () => {
    // nbimage/widget.py DENORMALIZE_CHOICES
    expect(DENORMALIZE_OPTIONS.map((o) => o.value)).toEqual(["none", "imagenet", "pm1", "custom"]);
  });
});
