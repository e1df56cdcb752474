// The steps a History view knows, one store per model (made in `initialize`, so steps that
// arrive before a view is rendered are kept too). Each step arrives as a `history-step`
// custom message with binary buffers, when the kernel has encoded it; the `timeline` trait
// (throttled by the kernel) says which steps are kept, `latest` holds the newest step for a
// saved notebook, and steps known only by number are asked for with `history-get`.

import type { WireHistoryStep } from "../wire";

export interface HistoryModel {
  get(key: string): unknown;
  on(event: string, callback: (...args: unknown[]) => void): void;
  off(event: string, callback: (...args: unknown[]) => void): void;
  send(content: unknown): void;
}

export interface StepEntry {
  step: number;
  time: number;
  data: WireHistoryStep | null;
}

/** Put binary buffers back where ipywidgets' `_remove_buffers` lifted them from. */
export function putBuffers(
  state: unknown,
  paths: readonly (readonly (string | number)[])[],
  buffers: readonly DataView[],
): void {
  paths.forEach((path, i) => {
    let node = state as Record<string | number, unknown>;
    for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (last !== undefined && buffers[i] !== undefined) node[last] = buffers[i];
  });
}

/** The kept steps, oldest first, from the trait's timeline and the steps heard since. */
export function mergeTimeline(
  known: ReadonlyMap<number, StepEntry>,
  timeline: readonly (readonly number[])[],
): Map<number, StepEntry> {
  const out = new Map<number, StepEntry>();
  let traitNewest = -1;
  for (const entry of timeline) {
    const [step, time] = entry;
    if (step === undefined) continue;
    traitNewest = Math.max(traitNewest, step);
    out.set(step, known.get(step) ?? { step, time: time ?? 0, data: null });
  }
  // Steps heard after the trait was last synced.
  for (const entry of known.values()) if (entry.step > traitNewest) out.set(entry.step, entry);
  return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
}

export class HistoryStore {
  private readonly model: HistoryModel;
  private entries = new Map<number, StepEntry>();
  private readonly asked = new Set<number>();
  private readonly listeners = new Set<(fresh: number | null) => void>();
  private readonly onMessage = (msg: unknown, buffers?: unknown) => {
    if (typeof msg !== "object" || msg === null) return;
    const m = msg as { type?: string; data?: unknown; buffer_paths?: (string | number)[][] };
    if (m.type !== "history-step" || typeof m.data !== "object" || m.data === null) return;
    putBuffers(m.data, m.buffer_paths ?? [], (buffers as DataView[] | undefined) ?? []);
    this.add(m.data as WireHistoryStep);
  };
  private readonly onTimeline = () => this.syncTimeline();
  private readonly onLatest = () => {
    const latest = this.model.get("latest") as WireHistoryStep | null | undefined;
    if (latest) this.add(latest, false);
  };
  logged = 0;
  thinned = 0;

  constructor(model: HistoryModel) {
    this.model = model;
    model.on("msg:custom", this.onMessage);
    model.on("change:timeline", this.onTimeline);
    model.on("change:latest", this.onLatest);
    this.onLatest();
    this.syncTimeline();
  }

  /** Kept steps, oldest first. */
  steps(): StepEntry[] {
    return [...this.entries.values()];
  }

  get(step: number): StepEntry | undefined {
    return this.entries.get(step);
  }

  /** A kept step's data, asked from the kernel when only its number is known. */
  data(step: number): WireHistoryStep | null {
    const entry = this.entries.get(step);
    if (!entry) return null;
    if (!entry.data && !this.asked.has(step)) {
      this.asked.add(step);
      try {
        this.model.send({ type: "history-get", step });
      } catch {
        // No kernel (a saved notebook): only the newest step was saved.
      }
    }
    return entry.data;
  }

  listen(listener: (fresh: number | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private add(data: WireHistoryStep, live = true): void {
    const old = this.entries.get(data.step);
    const merged: WireHistoryStep = old?.data
      ? {
          ...data,
          items: { ...old.data.items, ...data.items },
          numbers: { ...old.data.numbers, ...data.numbers },
        }
      : data;
    this.entries.set(data.step, { step: data.step, time: old?.time ?? data.time, data: merged });
    for (const step of data.dropped ?? []) this.entries.delete(step);
    this.entries = new Map([...this.entries.entries()].sort((a, b) => a[0] - b[0]));
    if (live || data.logged >= this.logged) {
      this.logged = Math.max(this.logged, data.logged);
      this.thinned = data.thinned;
    }
    this.emit(data.step);
  }

  private syncTimeline(): void {
    const timeline = (this.model.get("timeline") as number[][] | undefined) ?? [];
    if (timeline.length === 0 && this.entries.size > 0) return;
    this.entries = mergeTimeline(this.entries, timeline);
    const logged = Number(this.model.get("logged") ?? 0);
    if (logged >= this.logged) {
      this.logged = logged;
      this.thinned = Number(this.model.get("thinned") ?? 0);
    }
    this.emit(null);
  }

  private emit(fresh: number | null): void {
    for (const listener of this.listeners) listener(fresh);
  }

  dispose(): void {
    this.model.off("msg:custom", this.onMessage);
    this.model.off("change:timeline", this.onTimeline);
    this.model.off("change:latest", this.onLatest);
    this.listeners.clear();
  }
}
