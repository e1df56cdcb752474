// The pixel inspector: what is under the cursor. Shown values are read in the browser from
// the decoded picture; the raw input values are asked from the kernel (no float buffer
// travels by default), one request in flight at a time, the latest position winning.

import { element } from "./controls";
import type { InspectReply, InspectRequest } from "./wire";

/** The part of the anywidget model the channel needs. */
export interface MessageModel {
  on(event: "msg:custom", callback: (msg: unknown, buffers?: DataView[]) => void): void;
  off(event: "msg:custom", callback: (msg: unknown, buffers?: DataView[]) => void): void;
  send(content: unknown): void;
}

type Target = Omit<InspectRequest, "type" | "request_id">;

export function isInspectReply(msg: unknown): msg is InspectReply {
  if (typeof msg !== "object" || msg === null) return false;
  const m = msg as Record<string, unknown>;
  return m.type === "inspect-result" && typeof m.request_id === "number";
}

export const REPLY_TIMEOUT_MS = 2000;
/** The inspector's raw line when no kernel answers (an exported page: nbconvert, marimo). */
export const NO_KERNEL_LINE = "raw: values need a running kernel";

export class InspectChannel {
  private readonly model: MessageModel;
  private nextId = 1;
  private inFlight: { id: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private pending: Target | null = null;
  private readonly listeners = new Set<(reply: InspectReply) => void>();
  private readonly silenceListeners = new Set<() => void>();
  private unanswered = false;
  private readonly onMessage = (msg: unknown) => {
    if (!isInspectReply(msg)) return;
    this.unanswered = false;
    if (this.inFlight?.id === msg.request_id) this.finish();
    for (const listener of this.listeners) listener(msg);
  };

  constructor(model: MessageModel) {
    this.model = model;
    model.on("msg:custom", this.onMessage);
  }

  /** Every view of the model hears every reply and keeps those for the pixel it hovers. */
  listen(listener: (reply: InspectReply) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True once a request went unanswered (no kernel: an exported page); a reply resets it. */
  get silent(): boolean {
    return this.unanswered;
  }

  /** Called when a request goes unanswered, so a view can say that no kernel is there. */
  onSilence(listener: () => void): () => void {
    this.silenceListeners.add(listener);
    return () => this.silenceListeners.delete(listener);
  }

  /** Ask for the raw value(s) at a pixel; returns the request id, or null when queued. */
  request(target: Target): number | null {
    if (this.inFlight) {
      this.pending = target;
      return null;
    }
    const id = this.nextId;
    this.nextId += 1;
    const message: InspectRequest = { type: "inspect", request_id: id, ...target };
    // A kernel that never answers (a static HTML export) must not block later requests.
    this.inFlight = { id, timer: setTimeout(() => this.giveUp(), REPLY_TIMEOUT_MS) };
    try {
      this.model.send(message);
    } catch {
      // No kernel behind the view (a static export): the inspector shows browser values only.
      this.giveUp();
      return null;
    }
    return id;
  }

  private giveUp(): void {
    this.unanswered = true;
    this.finish();
    for (const listener of this.silenceListeners) listener();
  }

  private finish(): void {
    if (this.inFlight) clearTimeout(this.inFlight.timer);
    this.inFlight = null;
    const next = this.pending;
    this.pending = null;
    if (next) this.request(next);
  }

  dispose(): void {
    if (this.inFlight) clearTimeout(this.inFlight.timer);
    this.inFlight = null;
    this.silenceListeners.clear();
    this.model.off("msg:custom", this.onMessage);
  }
}

/** Four significant digits, unless they would round the value onto a whole number it is not
 * (1.0000001 is not "1.000": that one value is what flips wandb's rule); then up to 8. */
export function precise(v: number): string {
  const short = v.toPrecision(4);
  const rounded = Number(short);
  return Number.isInteger(rounded) && rounded !== v ? String(Number(v.toPrecision(8))) : short;
}

/** Values for the inspector; the kernel names NaN, +Inf and -Inf ("−Inf" shown). */
export function formatValues(values: readonly (number | string | null)[]): string {
  return values
    .map((v) => {
      if (v === null) return "NaN/Inf"; // an older kernel
      if (typeof v === "string") return v.replace("-", "−");
      if (Number.isInteger(v)) return String(v);
      return Number.isFinite(v) ? precise(v) : String(v);
    })
    .join(" ");
}

const VALUES_PER_LINE = 8;

/** The raw line(s): one for up to 8 channels, else 8 values a line named by channel range
 * (nbimage.channels shows all C values at a pixel). */
export function rawLines(dtype: string, values: readonly (number | string | null)[]): string[] {
  if (values.length <= VALUES_PER_LINE) return [`raw (${dtype}) ${formatValues(values)}`];
  const lines = [`raw (${dtype}), ${values.length} channels:`];
  for (let start = 0; start < values.length; start += VALUES_PER_LINE) {
    const part = values.slice(start, start + VALUES_PER_LINE);
    lines.push(`  c${start}–${start + part.length - 1}: ${formatValues(part)}`);
  }
  return lines;
}

/** The floating inspector box, positioned inside the view's root. */
export class InspectorBox {
  readonly el: HTMLDivElement;

  constructor() {
    this.el = element("div", "nbimage-inspector");
    this.el.hidden = true;
    this.el.setAttribute("role", "status");
    this.el.setAttribute("aria-live", "polite");
  }

  show(lines: readonly string[], clientX: number, clientY: number, root: HTMLElement): void {
    this.el.textContent = lines.join("\n");
    this.el.hidden = false;
    const box = root.getBoundingClientRect();
    this.el.style.left = `${clientX - box.left + 14}px`;
    this.el.style.top = `${clientY - box.top + 14}px`;
  }

  hide(): void {
    this.el.hidden = true;
  }
}
