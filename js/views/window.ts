// Window/level and colormaps: display-only renderings made in Python (nbimage/windowing.py).
// The controls write the `window`, `colormap` and `channel_window` traits; the view then asks
// the kernel for each item's rendering over the custom-message channel and draws the PNG
// that comes back as a binary buffer. The browser never maps a raw value itself.

import { decodePicture } from "../codec";
import { element, select, syncValue } from "../controls";
import type { ViewModel } from "../state";
import type { RenderReply, RenderRequest, WireViewState } from "../wire";
import type { ViewContext } from "./context";

export const COLORMAP_NAMES = ["gray", "viridis", "magma", "inferno", "turbo", "diverging"] as const;

export const WINDOW_OPTIONS = [
  { value: "", label: "as logged (wandb)" },
  { value: "full", label: "full range" },
  { value: "p1-99", label: "1–99 percentile" },
  { value: "custom", label: "min / max…" },
] as const;

type Window = WireViewState["window"];

/** The select's value for a window trait value. */
export function windowChoice(window: Window): string {
  if (window === null) return "";
  return typeof window === "string" ? window : "custom";
}

/** True when the view shows a display-only rendering rather than what wandb logs. */
export function isWindowed(state: Pick<WireViewState, "window" | "colormap">): boolean {
  return state.window !== null || state.colormap !== null;
}

/** A rendering key: replies for an older choice than the current one are dropped. */
export function renderKey(state: Pick<WireViewState, "window" | "colormap" | "channel_window">): string {
  return JSON.stringify([state.window, state.colormap, state.channel_window]);
}

export function isRenderReply(msg: unknown): msg is RenderReply {
  if (typeof msg !== "object" || msg === null) return false;
  const m = msg as Record<string, unknown>;
  return m.type === "render-result" && typeof m.request_id === "number";
}

function numberInput(className: string, label: string): HTMLInputElement {
  const input = element("input", className);
  input.type = "number";
  input.step = "any";
  input.setAttribute("aria-label", label);
  return input;
}

/** The toolbar group: window select (+ min/max), colormap select, the display-only note. */
export function windowControls(ctx: ViewContext, note: HTMLElement): HTMLElement {
  const group = element("span", "nbimage-group nbimage-window-controls");
  const choice = select("nbimage-window", "window", WINDOW_OPTIONS, windowChoice(ctx.state.window), (value) => {
    if (value === "custom") {
      const low = Number(lowInput.value);
      const high = Number(highInput.value);
      custom.hidden = false;
      if (Number.isFinite(low) && Number.isFinite(high) && low < high && lowInput.value && highInput.value) {
        ctx.write("window", [low, high]);
      }
      return;
    }
    ctx.write("window", value === "" ? null : value);
  });
  const custom = element("span", "nbimage-window-custom");
  const lowInput = numberInput("nbimage-window-low", "window minimum (raw value)");
  const highInput = numberInput("nbimage-window-high", "window maximum (raw value)");
  const commit = () => {
    const low = Number(lowInput.value);
    const high = Number(highInput.value);
    const ok = lowInput.value !== "" && highInput.value !== "" && Number.isFinite(low) && Number.isFinite(high);
    const valid = ok && low < high;
    lowInput.setAttribute("aria-invalid", valid ? "false" : "true");
    highInput.setAttribute("aria-invalid", valid ? "false" : "true");
    if (valid) ctx.write("window", [low, high]);
  };
  lowInput.addEventListener("change", commit);
  highInput.addEventListener("change", commit);
  custom.append(lowInput, element("span", undefined, "–"), highInput);
  const colormap = select(
    "nbimage-colormap",
    "colormap",
    [{ value: "", label: "none" }, ...COLORMAP_NAMES.map((name) => ({ value: name, label: name }))],
    ctx.state.colormap ?? "",
    (value) => ctx.write("colormap", value === "" ? null : value),
  );
  group.append(choice.label, custom, colormap.label);
  if (ctx.state.view === "channels") {
    const scope = select(
      "nbimage-channel-window",
      "window per",
      [
        { value: "per-channel", label: "channel" },
        { value: "shared", label: "all channels (shared)" },
      ],
      ctx.state.channel_window,
      (value) => ctx.write("channel_window", value === "shared" ? "shared" : "per-channel"),
    );
    group.append(scope.label);
  }
  ctx.onSync((state) => {
    syncValue(choice.select, windowChoice(state.window));
    syncValue(colormap.select, state.colormap ?? "");
    const w = state.window;
    custom.hidden = !Array.isArray(w) && choice.select.value !== "custom";
    if (Array.isArray(w)) {
      const active = lowInput.getRootNode() as Document | ShadowRoot;
      if (active.activeElement !== lowInput) lowInput.value = String(w[0]);
      if (active.activeElement !== highInput) highInput.value = String(w[1]);
    }
    note.hidden = !isWindowed(state);
  });
  return group;
}

/** A rendering the kernel sent back: its picture, and what it says about itself. */
export interface Rendered {
  item: number;
  bitmap: ImageBitmap | null;
  reply: RenderReply;
}

/**
 * Asks the kernel for renderings, one request per item, and hands back the decoded
 * pictures of the latest choice only (a slider dragged fast must not paint stale ones).
 */
export class RenderChannel {
  private readonly model: ViewModel;
  private nextId = 1;
  private readonly pending = new Map<number, { key: string; item: number }>();
  private key = "";
  private readonly onMessage = (...args: unknown[]) => {
    const [msg, buffers] = args as [unknown, DataView[] | undefined];
    if (!isRenderReply(msg)) return;
    const asked = this.pending.get(msg.request_id);
    if (!asked) return;
    this.pending.delete(msg.request_id);
    if (asked.key !== this.key) return;
    const buffer = buffers?.[0];
    const decoded = buffer ? decodePicture(buffer, "image/png") : Promise.resolve(null);
    decoded
      .catch(() => null)
      .then((bitmap) => {
        if (asked.key !== this.key) {
          bitmap?.close();
          return;
        }
        this.onRendered({ item: asked.item, bitmap, reply: msg });
      });
  };
  private readonly onRendered: (rendered: Rendered) => void;

  constructor(model: ViewModel, onRendered: (rendered: Rendered) => void) {
    this.model = model;
    this.onRendered = onRendered;
    model.on("msg:custom", this.onMessage);
  }

  /** Ask for every item under the current choice (none when nothing is windowed). */
  request(state: WireViewState, items: readonly number[], maxSide = 2048): void {
    this.key = `${renderKey(state)}|${state.page}|${Math.random()}`;
    this.pending.clear();
    if (!isWindowed(state)) return;
    for (const item of items) {
      const id = this.nextId;
      this.nextId += 1;
      this.pending.set(id, { key: this.key, item });
      const message: RenderRequest = {
        type: "render",
        request_id: id,
        item,
        window: state.window,
        colormap: state.colormap,
        channel_window: state.channel_window,
        max_side: Math.round(maxSide),
      };
      try {
        this.model.send(message);
      } catch {
        // No kernel behind the view (a static export): nothing can be rendered.
        this.pending.delete(id);
      }
    }
  }

  /** Replies still expected for the current choice. */
  get waiting(): number {
    return [...this.pending.values()].filter((p) => p.key === this.key).length;
  }

  dispose(): void {
    this.pending.clear();
    this.model.off("msg:custom", this.onMessage);
  }
}
