import { describe, expect, it } from "vitest";
import {
  canvasToPicture,
  clampViewport,
  clipBox,
  displaySize,
  FIT,
  MAX_ZOOM,
  panBy,
  pictureToCanvas,
  pixelAt,
  viewportFrom,
  zoomAt,
  zoomCentre,
} from "./geometry";

const picture = { width: 200, height: 100 };
const canvas = { width: 400, height: 200 };

describe("picture <-> canvas", () => {
  it("fills the canvas exactly at zoom 1 (the DOM contract's mapping)", () => {
    expect(pictureToCanvas({ x: 0, y: 0 }, FIT, canvas, picture)).toEqual({ x: 0, y: 0 });
    expect(pictureToCanvas({ x: 200, y: 100 }, FIT, canvas, picture)).toEqual({ x: 400, y: 200 });
    expect(pictureToCanvas({ x: 50, y: 25 }, FIT, canvas, picture)).toEqual({ x: 100, y: 50 });
  });

  it("uses separate x and y scales when rounding skews the canvas aspect", () => {
    const skewed = { width: 401, height: 199 };
    const p = pictureToCanvas({ x: 200, y: 100 }, FIT, skewed, picture);
    expect(p.x).toBeCloseTo(401);
    expect(p.y).toBeCloseTo(199);
  });

  it("round-trips through canvas coordinates with zoom and centre", () => {
    const view = { zoom: 3, cx: 0.3, cy: 0.6 };
    const p = { x: 57.25, y: 61.5 };
    const q = canvasToPicture(pictureToCanvas(p, view, canvas, picture), view, canvas, picture);
    expect(q.x).toBeCloseTo(p.x);
    expect(q.y).toBeCloseTo(p.y);
  });

  it("puts the centre point in the middle of the canvas when zoomed", () => {
    const view = { zoom: 4, cx: 0.25, cy: 0.75 };
    expect(pictureToCanvas({ x: 50, y: 75 }, view, canvas, picture)).toEqual({ x: 200, y: 100 });
  });

  it("finds the pixel under a canvas point and nothing outside the picture", () => {
    expect(pixelAt({ x: 399.9, y: 199.9 }, FIT, canvas, picture)).toEqual({ x: 199, y: 99 });
    expect(pixelAt({ x: 3, y: 5 }, FIT, canvas, picture)).toEqual({ x: 1, y: 2 });
    expect(pixelAt({ x: 400, y: 10 }, FIT, canvas, picture)).toBeNull();
    expect(pixelAt({ x: -1, y: 10 }, FIT, canvas, picture)).toBeNull();
  });
});

describe("zoom and pan", () => {
  it("keeps the picture point under the cursor in place when zooming", () => {
    const anchor = { x: 100, y: 60 };
    const before = canvasToPicture(anchor, FIT, canvas, picture);
    const view = zoomAt(FIT, anchor, 2, canvas, picture);
    expect(view.zoom).toBe(2);
    const after = canvasToPicture(anchor, view, canvas, picture);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it("clamps zoom to [1, MAX_ZOOM] and recentres at fit", () => {
    expect(zoomCentre(FIT, 0.5, canvas, picture)).toEqual(FIT);
    expect(zoomCentre({ zoom: 60, cx: 0.5, cy: 0.5 }, 2, canvas, picture).zoom).toBe(MAX_ZOOM);
  });

  it("never pans the picture away from the canvas", () => {
    const view = panBy({ zoom: 2, cx: 0.5, cy: 0.5 }, 10000, -10000, canvas);
    expect(view).toEqual({ zoom: 2, cx: 0.25, cy: 0.75 });
    expect(panBy(FIT, 50, 50, canvas)).toEqual(FIT);
  });

  it("moves the picture with the drag", () => {
    const view = panBy({ zoom: 4, cx: 0.5, cy: 0.5 }, 40, 0, canvas);
    // 40 canvas px at zoom 4 on a 400 px canvas = 1/40 of the picture width.
    expect(view.cx).toBeCloseTo(0.5 - 1 / 40);
  });

  it("makes traits safe: bad zoom falls back to fit, centre is clamped", () => {
    expect(viewportFrom(Number.NaN, [0.1, 0.9])).toEqual(FIT);
    expect(viewportFrom(-2, [])).toEqual(FIT);
    expect(viewportFrom(2, [0, 1])).toEqual({ zoom: 2, cx: 0.25, cy: 0.75 });
    expect(clampViewport({ zoom: 1, cx: 0.1, cy: 0.2 })).toEqual(FIT);
  });
});

describe("boxes", () => {
  it("clips boxes partly outside the picture and drops boxes fully outside", () => {
    expect(clipBox({ x0: -10, y0: 20, x1: 50, y1: 150 }, picture)).toEqual({ x0: 0, y0: 20, x1: 50, y1: 100 });
    expect(clipBox({ x0: 210, y0: 0, x1: 300, y1: 10 }, picture)).toBeNull();
    expect(clipBox({ x0: 10, y0: 10, x1: 10, y1: 20 }, picture)).toBeNull();
  });

  it("maps a box in picture pixels to its place on a zoomed canvas", () => {
    const view = { zoom: 2, cx: 0.5, cy: 0.5 };
    const a = pictureToCanvas({ x: 50, y: 25 }, view, canvas, picture);
    expect(a).toEqual({ x: 0, y: 0 });
  });
});

describe("display size", () => {
  it("keeps the aspect ratio and scales the long side", () => {
    expect(displaySize({ width: 1024, height: 512 }, 512)).toEqual({ width: 512, height: 256 });
    expect(displaySize({ width: 28, height: 28 }, 256)).toEqual({ width: 256, height: 256 });
  });
});
