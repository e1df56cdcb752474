// Picture <-> canvas coordinates with zoom and centre.
//
// Picture coordinates are full-resolution pixels (width × height), as on the wire.
// Canvas coordinates are backing-store pixels. `zoom == 1` fits the picture to the canvas
// exactly; `center` is the picture point (as fractions 0..1) shown at the canvas centre.

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 64;

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Viewport {
  zoom: number;
  cx: number;
  cy: number;
}

export const FIT: Viewport = { zoom: 1, cx: 0.5, cy: 0.5 };

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

/** A viewport from the synced traits, made safe (bad numbers fall back to the fit view). */
export function viewportFrom(zoom: number, center: readonly number[]): Viewport {
  const z = finiteOr(zoom, 1) > 0 ? finiteOr(zoom, 1) : 1;
  return clampViewport({ zoom: z, cx: finiteOr(center[0] ?? 0.5, 0.5), cy: finiteOr(center[1] ?? 0.5, 0.5) });
}

/** Keep the picture covering the canvas when zoomed in; centre it when it does not fill it. */
export function clampCentre(zoom: number, c: number): number {
  if (zoom <= 1) return 0.5;
  const half = 0.5 / zoom;
  return Math.min(1 - half, Math.max(half, c));
}

export function clampViewport(view: Viewport): Viewport {
  return { zoom: view.zoom, cx: clampCentre(view.zoom, view.cx), cy: clampCentre(view.zoom, view.cy) };
}

function scales(view: Viewport, canvas: Size, picture: Size): [number, number] {
  return [(view.zoom * canvas.width) / picture.width, (view.zoom * canvas.height) / picture.height];
}

export function pictureToCanvas(p: Point, view: Viewport, canvas: Size, picture: Size): Point {
  const [sx, sy] = scales(view, canvas, picture);
  return {
    x: (p.x - view.cx * picture.width) * sx + canvas.width / 2,
    y: (p.y - view.cy * picture.height) * sy + canvas.height / 2,
  };
}

export function canvasToPicture(p: Point, view: Viewport, canvas: Size, picture: Size): Point {
  const [sx, sy] = scales(view, canvas, picture);
  return {
    x: (p.x - canvas.width / 2) / sx + view.cx * picture.width,
    y: (p.y - canvas.height / 2) / sy + view.cy * picture.height,
  };
}

/** The picture pixel under a canvas point, or null outside the picture. */
export function pixelAt(p: Point, view: Viewport, canvas: Size, picture: Size): Point | null {
  const q = canvasToPicture(p, view, canvas, picture);
  const x = Math.floor(q.x);
  const y = Math.floor(q.y);
  if (x < 0 || y < 0 || x >= picture.width || y >= picture.height) return null;
  return { x, y };
}

/** Where a picture rectangle lands on the canvas. */
export function rectToCanvas(r: Rect, view: Viewport, canvas: Size, picture: Size): Rect {
  const a = pictureToCanvas({ x: r.x0, y: r.y0 }, view, canvas, picture);
  const b = pictureToCanvas({ x: r.x1, y: r.y1 }, view, canvas, picture);
  return { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
}

/** Zoom by `factor`, keeping the picture point under `anchor` (a canvas point) in place. */
export function zoomAt(view: Viewport, anchor: Point, factor: number, canvas: Size, picture: Size): Viewport {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
  const p = canvasToPicture(anchor, view, canvas, picture);
  const next = { zoom, cx: 0, cy: 0 };
  const [sx, sy] = scales(next, canvas, picture);
  next.cx = (p.x - (anchor.x - canvas.width / 2) / sx) / picture.width;
  next.cy = (p.y - (anchor.y - canvas.height / 2) / sy) / picture.height;
  return clampViewport(next);
}

/** Zoom about the canvas centre (buttons and keys). */
export function zoomCentre(view: Viewport, factor: number, canvas: Size, picture: Size): Viewport {
  return zoomAt(view, { x: canvas.width / 2, y: canvas.height / 2 }, factor, canvas, picture);
}

/** Move the picture by a canvas-pixel drag. */
export function panBy(view: Viewport, dx: number, dy: number, canvas: Size): Viewport {
  return clampViewport({
    zoom: view.zoom,
    cx: view.cx - dx / (view.zoom * canvas.width),
    cy: view.cy - dy / (view.zoom * canvas.height),
  });
}

/** The part of a box inside the picture, or null when none of it is. */
export function clipBox(r: Rect, picture: Size): Rect | null {
  const x0 = Math.max(0, Math.min(r.x0, r.x1));
  const y0 = Math.max(0, Math.min(r.y0, r.y1));
  const x1 = Math.min(picture.width, Math.max(r.x0, r.x1));
  const y1 = Math.min(picture.height, Math.max(r.y0, r.y1));
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x0, y0, x1, y1 };
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x0 && p.x < r.x1 && p.y >= r.y0 && p.y < r.y1;
}

/** CSS display size of a panel: the long side at most `maxSide`, small pictures scaled up. */
export function displaySize(picture: Size, maxSide: number): Size {
  const long = Math.max(picture.width, picture.height, 1);
  const scale = maxSide / long;
  return {
    width: Math.max(1, Math.round(picture.width * scale)),
    height: Math.max(1, Math.round(picture.height * scale)),
  };
}
