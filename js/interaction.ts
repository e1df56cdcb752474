// Zoom and pan on a panel's canvas: ctrl/⌘ + wheel (what a trackpad pinch sends) zooms at
// the cursor, double-click zooms in there (shift + double-click zooms out), drag pans, and
// the keyboard does the same (arrows pan, +/- zoom, 0 resets). A plain wheel is left to the
// notebook, so a page of pictures always scrolls, as in embedded maps and plots; a hint
// says how to zoom instead. The view decides what a new viewport means (one panel or all,
// when to tell the kernel).

import { FIT, type Point, panBy, type Size, type Viewport, zoomAt, zoomCentre } from "./geometry";

export const ZOOM_STEP = 1.25;
const KEY_PAN_FRACTION = 0.1;
const DRAG_THRESHOLD_PX = 3;
const DOUBLE_CLICK_ZOOM = 2;
const HINT_MS = 1200;
export const WHEEL_HINT = "ctrl + wheel to zoom";

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

/** Whether a wheel event zooms (ctrl/⌘ held; a trackpad pinch arrives as ctrl + wheel). */
export function wheelZooms(event: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.ctrlKey || event.metaKey;
}

/** The hint's text for this platform ("⌘ + wheel" on a Mac). */
export function wheelHintText(platform: string): string {
  return /mac|iphone|ipad/i.test(platform) ? "⌘ + wheel to zoom" : WHEEL_HINT;
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

  const hint = wheelHint(canvas);
  cleanups.push(hint.dispose);
  add(
    "wheel",
    (event) => {
      if (!wheelZooms(event)) {
        // Never trap the page's scrolling: the notebook scrolls, the hint says how to zoom.
        hint.show();
        return;
      }
      const factor = wheelFactor(event.deltaY, event.deltaMode);
      const view = input.view();
      // ctrl + wheel would zoom the whole page in the browser: zoom the picture instead,
      // even at the fit view (zooming out there changes nothing, but must not zoom the page).
      event.preventDefault();
      if (factor < 1 && view.zoom <= 1) return;
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
  add("dblclick", (event) => {
    const view = input.view();
    const factor = event.shiftKey ? 1 / DOUBLE_CLICK_ZOOM : DOUBLE_CLICK_ZOOM;
    if (factor < 1 && view.zoom <= 1) return;
    const next = zoomAt(view, canvasPoint(canvas, event), factor, size(), input.picture());
    input.apply(next.zoom <= 1 ? FIT : next);
  });
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

/** The hint on screen: scrolling down a grid moves it to the picture under the pointer,
 * rather than leaving a trail of hints behind. */
let shownHint: { hide(): void } | null = null;

/**
 * The "ctrl + wheel to zoom" note over a canvas: shown for a moment when the wheel scrolls
 * past a picture, created on first use (a grid of hundreds builds none until then).
 */
function wheelHint(canvas: HTMLCanvasElement): { show(): void; dispose(): void } {
  let note: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const hide = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (note) note.hidden = true;
    if (shownHint === self) shownHint = null;
  };
  const self = { hide };
  return {
    show() {
      if (shownHint !== self) shownHint?.hide();
      shownHint = self;
      const stage = canvas.parentElement;
      if (!stage) return;
      if (!note) {
        note = canvas.ownerDocument.createElement("div");
        note.className = "nbimage-wheel-hint";
        note.setAttribute("role", "status");
        note.textContent = wheelHintText(canvas.ownerDocument.defaultView?.navigator.platform ?? "");
        stage.append(note);
      }
      note.hidden = false;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(hide, HINT_MS);
    },
    dispose() {
      hide();
      note?.remove();
      note = null;
    },
  };
}
