// One picture panel: `div.nbimage-item` with ONE canvas (picture + masks + boxes + labels),
// badges for warning diagnostics, and optional label, caption, summary and diagnostics list.
// In swipe mode a panel holds two items: the second is drawn right of the divider.

import { element } from "../controls";
import type { Size, Viewport } from "../geometry";
import type { WireDiagnostic, WireItem } from "../wire";
import type { ItemAssets, PaintState } from "./assets";

export interface PanelOptions {
  /** CSS width of the canvas when the panel has room (the aspect ratio follows the picture). */
  displayWidth: number | null;
  label?: string;
  caption?: boolean;
  summary?: boolean;
  diagnostics?: boolean;
}

export function diagnosticsList(
  entries: readonly { prefix: string; diagnostic: WireDiagnostic }[],
): HTMLDetailsElement {
  const details = element("details", "nbimage-diagnostics");
  const warnings = entries.filter((e) => e.diagnostic.severity !== "info").length;
  details.append(
    element(
      "summary",
      undefined,
      `Diagnostics: ${entries.length} message${entries.length === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`,
    ),
  );
  const list = element("ul");
  for (const { prefix, diagnostic } of entries) {
    const li = element("li");
    li.dataset.code = diagnostic.code;
    li.dataset.severity = diagnostic.severity;
    li.append(
      element("span", "nbimage-code", `${prefix}${diagnostic.code}`),
      element("span", undefined, diagnostic.message),
    );
    list.append(li);
  }
  details.append(list);
  return details;
}

export function badges(diagnostics: readonly WireDiagnostic[]): HTMLElement {
  const box = element("div", "nbimage-badges");
  for (const d of diagnostics) {
    if (d.severity === "info") continue;
    const badge = element("span", "nbimage-badge", d.code);
    badge.dataset.code = d.code;
    badge.dataset.severity = d.severity;
    badge.title = d.message;
    badge.setAttribute("role", "note");
    badge.setAttribute("aria-label", `${d.severity} ${d.code}: ${d.message}`);
    box.append(badge);
  }
  return box;
}

export class Panel {
  readonly el: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  readonly index: number;
  readonly assets: ItemAssets[];
  /** This panel's own zoom and centre (grids without sync_zoom). */
  localView: Viewport = { zoom: 1, cx: 0.5, cy: 0.5 };
  painted = false;
  /** The pointer on the canvas (canvas pixels), so skipped labels under it are drawn. */
  hoverPoint: { x: number; y: number } | null = null;
  private labelsJson = "";
  private readonly ctx: CanvasRenderingContext2D | null;

  constructor(index: number, assets: ItemAssets[], options: PanelOptions) {
    const first = assets[0];
    if (!first) throw new Error("a panel needs an item");
    const item: WireItem = first.item;
    this.index = index;
    this.assets = assets;
    this.el = element("div", "nbimage-item");
    this.el.dataset.index = String(index);
    if (options.label) this.el.append(element("div", "nbimage-panel-label", options.label));
    const stage = element("div", "nbimage-stage");
    this.canvas = element("canvas", "nbimage-canvas");
    this.canvas.dataset.width = String(item.width);
    this.canvas.dataset.height = String(item.height);
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "img");
    const described = item.caption ?? item.summary;
    this.canvas.setAttribute(
      "aria-label",
      `${options.label ? `${options.label}: ` : ""}picture ${item.width}×${item.height}${described ? `, ${described}` : ""}. Arrow keys pan, plus and minus zoom, 0 resets.`,
    );
    this.canvas.style.aspectRatio = `${item.width} / ${item.height}`;
    this.canvas.style.width = options.displayWidth === null ? "100%" : `${options.displayWidth}px`;
    this.canvas.width = Math.max(1, Math.round(options.displayWidth ?? 160));
    this.canvas.height = Math.max(
      1,
      Math.round(((options.displayWidth ?? 160) * item.height) / Math.max(1, item.width)),
    );
    this.ctx = this.canvas.getContext("2d");
    stage.append(this.canvas, badges(assets.flatMap((a) => a.item.diagnostics)));
    this.el.append(stage);
    if (options.caption !== false && item.caption !== null && item.caption !== "") {
      this.el.append(element("div", "nbimage-caption", item.caption));
    }
    if (options.summary && item.summary) this.el.append(element("div", "nbimage-summary", item.summary));
    if (options.diagnostics && item.diagnostics.length > 0) {
      this.el.append(diagnosticsList(item.diagnostics.map((diagnostic) => ({ prefix: "", diagnostic }))));
    }
  }

  get pictureSize(): Size {
    return this.assets[0]?.size ?? { width: 1, height: 1 };
  }

  get canvasSize(): Size {
    return { width: this.canvas.width, height: this.canvas.height };
  }

  /** Match the backing store to the CSS size × devicePixelRatio. True when it changed. */
  fitBackingStore(dpr: number): boolean {
    const w = Math.max(1, Math.round(this.canvas.clientWidth * dpr));
    const h = Math.max(1, Math.round(this.canvas.clientHeight * dpr));
    if (this.canvas.clientWidth === 0 || (w === this.canvas.width && h === this.canvas.height)) return false;
    this.canvas.width = w;
    this.canvas.height = h;
    return true;
  }

  /** Draw everything; `swipe` (0..1) is where the second item starts in swipe mode. */
  paint(view: Viewport, state: PaintState, swipe: number | null = null): boolean {
    const ctx = this.ctx;
    const first = this.assets[0];
    if (!ctx || !first || this.canvas.clientWidth === 0) return false;
    this.fitBackingStore(state.scale);
    const size = this.canvasSize;
    let ok = first.draw(ctx, view, size, state, true, this.hoverPoint);
    const labels = [...first.labels];
    const second = this.assets[1];
    if (ok && second && swipe !== null) {
      const x = Math.round(Math.min(1, Math.max(0, swipe)) * size.width);
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, 0, size.width - x, size.height);
      ctx.clip();
      ctx.clearRect(x, 0, size.width - x, size.height);
      ok = second.draw(ctx, view, size, state, false, this.hoverPoint);
      labels.push(...second.labels);
      ctx.restore();
      ctx.save();
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(x - state.scale, 0, 2 * state.scale, size.height);
      ctx.restore();
    }
    this.painted = ok;
    // The label rectangles drawn (canvas pixels): what tests check for overlaps.
    const json = JSON.stringify(labels.map((l) => ({ x: l.x, y: l.y, w: l.w, h: l.h, text: l.text, layer: l.layer })));
    if (json !== this.labelsJson) {
      this.labelsJson = json;
      this.canvas.dataset.labels = json;
    }
    return ok;
  }

  /**
   * Move the pointer (canvas pixels; null: it left). True when that changes which skipped
   * labels are under it, i.e. when the panel must be repainted to show or drop them.
   */
  setHover(point: { x: number; y: number } | null): boolean {
    const under = (p: { x: number; y: number } | null) =>
      p === null
        ? ""
        : this.assets
            .flatMap((a) => a.skipped)
            .map((r, i) => (p.x >= r.box.x0 && p.x <= r.box.x1 && p.y >= r.box.y0 && p.y <= r.box.y1 ? i : -1))
            .filter((i) => i >= 0)
            .join(",");
    const changed = under(point) !== under(this.hoverPoint);
    this.hoverPoint = point;
    return changed;
  }

  /** Say in the panel why nothing could be drawn (a picture the browser cannot decode). */
  showError(message: string): void {
    if (this.el.querySelector(".nbimage-error")) return;
    const note = element("div", "nbimage-error", message);
    note.setAttribute("role", "alert");
    this.el.append(note);
  }
}
