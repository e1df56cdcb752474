// Zoom and pan on a panel's canvas: wheel zooms at the cursor, drag pans, double-click
// resets, and the keyboard does the same (arrows pan, +/- zoom, 0 resets). The view decides
// what a new viewport means (one panel or all, when to tell the kernel).

import { FIT, type Point, panBy, type Size, type Viewport, zoomAt, zoomCentre } from "./geometry";

export const ZOOM_STEP = 1.25;
const KEY_PAN_FRACTION = 0.1;
const DRAG_THRESHOLD_PX = 3;

export interface PanelInput {
  canvas: HTMLCanvasElement;
  picture(): Size;
  view(): Viewport;
  apply(view: Viewport): void;
  /** Pointer over the canvas, not dragging (the inspector). */
  hover(event: PointerEvent, point: Point): void;
  leave(): void;
}

/** A client point in canvas backing-store pixels. */
export function canvasPoint(canvas: HTMLCanvasElement, event: { clientX: number; clientY: number }): Point {
  const rect = canvas.getBoundingClientRect();
  const sx = canvas.width / Math.max(1, rect.width);
  const sy = canvas.height / Math.max(1, rect.height);
  return { x: (event.clientX - rect.left) * sx, y: (event.clientY - rect.top) * sy };
}

/** Zoom factor of one wheel event (pixel, line or page deltas). */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const unit = deltaMode === 1 ? 16 : deltaMode === 2 ? 400 : 1;
  return Math.exp((-deltaY * unit) / 600);
}

/** The viewport a key asks for, or null for keys that mean nothing here. */
export function viewForKey(key: string, view: Viewport, canvas: Size, picture: Size): Viewport | null {
  const dx = canvas.width * KEY_PAN_FRACTION;
  const dy = canvas.height * KEY_PAN_FRACTION;
  switch (key) {
    case "+":
    case "=":
      return zoomCentre(view, ZOOM_STEP, canvas, picture);
    case "-":
    case "_":
      return zoomCentre(view, 1 / ZOOM_STEP, canvas, picture);
    case "0":
      return FIT;
    case "ArrowLeft":
      return panBy(view, dx, 0, canvas);
    case "ArrowRight":
      return panBy(view, -dx, 0, canvas);
    case "ArrowUp":
      return panBy(view, 0, dy, canvas);
    case "ArrowDown":
      return panBy(view, 0, -dy, canvas);
    default:
      return null;
  }
}

/** Attach the listeners; returns the cleanup that removes them all. */
export function wireInteractions(input: PanelInput): () => void {
  const { canvas } = input;
  const size = (): Size => ({ width: canvas.width, height: canvas.height });
  let drag: { pointerId: number; start: Point; view: Viewport; moved: boolean } | null = null;
  const cleanups: (() => void)[] = [];
  const add = <K extends keyof HTMLElementEventMap>(
    type: K,
    handler: (event: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ) => {
    canvas.addEventListener(type, handler, options);
    cleanups.push(() => canvas.removeEventListener(type, handler, options));
  };

  add(
    "wheel",
    (event) => {
      const factor = wheelFactor(event.deltaY, event.deltaMode);
      const view = input.view();
      // Zooming out of the fit view changes nothing: let the notebook scroll instead.
      if (factor < 1 && view.zoom <= 1) return;
      event.preventDefault();
      input.apply(zoomAt(view, canvasPoint(canvas, event), factor, size(), input.picture()));
    },
    { passive: false },
  );
  add("pointerdown", (event) => {
    if (event.button !== 0) return;
    canvas.setPointerCapture?.(event.pointerId);
    drag = { pointerId: event.pointerId, start: canvasPoint(canvas, event), view: input.view(), moved: false };
  });
  add("pointermove", (event) => {
    const point = canvasPoint(canvas, event);
    if (drag && drag.pointerId === event.pointerId) {
      const dx = point.x - drag.start.x;
      const dy = point.y - drag.start.y;
      if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
      drag.moved = true;
      canvas.classList.add("nbimage-dragging");
      input.apply(panBy(drag.view, dx, dy, size()));
      return;
    }
    input.hover(event, point);
  });
  const endDrag = (event: PointerEvent) => {
    if (drag?.pointerId !== event.pointerId) return;
    drag = null;
    canvas.classList.remove("nbimage-dragging");
    canvas.releasePointerCapture?.(event.pointerId);
  };
  add("pointerup", endDrag);
  add("pointercancel", endDrag);
  add("pointerleave", () => input.leave());
  add("dblclick", () => input.apply(FIT));
  add("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const view = input.view();
    const next = viewForKey(event.key, view, size(), input.picture());
    // Keys that would not move anything (arrows at the fit view) keep their usual job.
    if (!next || (next.zoom === view.zoom && next.cx === view.cx && next.cy === view.cy)) return;
    event.preventDefault();
    input.apply(next);
  });
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}
