import { describe, expect, it } from "vitest";
import { FIT } from "./geometry";
import { viewForKey, WHEEL_HINT, wheelFactor, wheelHintText, wheelZooms, ZOOM_STEP } from "./interaction";

const canvas = { width: 400, height: 200 };
const picture = { width: 200, height: 100 };

describe("keyboard zoom and pan", () => {
  it("zooms with + and -, resets with 0", () => {
    expect(viewForKey("+", FIT, canvas, picture)?.zoom).toBeCloseTo(ZOOM_STEP);
    expect(viewForKey("=", FIT, canvas, picture)?.zoom).toBeCloseTo(ZOOM_STEP);
    expect(viewForKey("-", { zoom: 2, cx: 0.5, cy: 0.5 }, canvas, picture)?.zoom).toBeCloseTo(2 / ZOOM_STEP);
    expect(viewForKey("0", { zoom: 5, cx: 0.2, cy: 0.3 }, canvas, picture)).toEqual(FIT);
  });

  it("pans with the arrows: the picture moves under the view", () => {
    const view = { zoom: 4, cx: 0.5, cy: 0.5 };
    expect(viewForKey("ArrowRight", view, canvas, picture)?.cx).toBeGreaterThan(0.5);
    expect(viewForKey("ArrowLeft", view, canvas, picture)?.cx).toBeLessThan(0.5);
    expect(viewForKey("ArrowDown", view, canvas, picture)?.cy).toBeGreaterThan(0.5);
    expect(viewForKey("ArrowUp", view, canvas, picture)?.cy).toBeLessThan(0.5);
  });

  it("ignores other keys (Tab must keep moving focus)", () => {
    expect(viewForKey("Tab", FIT, canvas, picture)).toBeNull();
    expect(viewForKey("a", FIT, canvas, picture)).toBeNull();
  });
});

describe("wheel zoom", () => {
  it("zooms in on wheel up, out on wheel down, the same for line deltas", () => {
    expect(wheelFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelFactor(100, 0)).toBeLessThan(1);
    expect(wheelFactor(-3, 1)).toBeCloseTo(wheelFactor(-48, 0));
    expect(wheelFactor(0, 0)).toBe(1);
  });
});

describe("wheel: scroll unless ctrl/⌘ is held", () => {
  it("zooms only with ctrl (a trackpad pinch) or ⌘; a plain wheel scrolls the notebook", () => {
    expect(wheelZooms({ ctrlKey: false, metaKey: false })).toBe(false);
    expect(wheelZooms({ ctrlKey: true, metaKey: false })).toBe(true);
    expect(wheelZooms({ ctrlKey: false, metaKey: true })).toBe(true);
  });

  it("names the platform's modifier in the hint", () => {
    expect(wheelHintText("Linux x86_64")).toBe(WHEEL_HINT);
    expect(wheelHintText("MacIntel")).toBe("⌘ + wheel to zoom");
  });
});
