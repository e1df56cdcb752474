import { describe, expect, it } from "vitest";
import type { WireHistoryStep } from "../wire";
import { stepIndex, wallTime } from "./history";
import { HistoryStore, mergeTimeline, putBuffers } from "./historyStore";

type Handler = (...args: unknown[]) => void;

function fakeModel(state: Record<string, unknown>) {
  const handlers = new Map<string, Set<Handler>>();
  const sent: unknown[] = [];
  return {
    sent,
    get: (key: string) => state[key],
    set(key: string, value: unknown) {
      state[key] = value;
      for (const h of handlers.get(`change:${key}`) ?? []) h();
    },
    on(event: string, callback: Handler) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)?.add(callback);
    },
    off(event: string, callback: Handler) {
      handlers.get(event)?.delete(callback);
    },
    emit(event: string, ...args: unknown[]) {
      for (const h of handlers.get(event) ?? []) h(...args);
    },
    send(content: unknown) {
      sent.push(content);
    },
  };
}

function step(n: number, extra: Partial<WireHistoryStep> = {}): WireHistoryStep {
  return {
    step: n,
    time: 1000 + n,
    items: {},
    numbers: { loss: String(1 / (n + 1)) },
    dropped: [],
    logged: n + 1,
    thinned: 0,
    ...extra,
  };
}

describe("history steps", () => {
  it("shows the step asked for, else the last kept step before it", () => {
    const steps = [0, 10, 20, 30].map((s) => ({ step: s }));
    expect(stepIndex(steps, null)).toBe(3); // following the newest
    expect(stepIndex(steps, 20)).toBe(2);
    expect(stepIndex(steps, 25)).toBe(2); // 25 was thinned out: 20 is shown
    expect(stepIndex(steps, -5)).toBe(0);
    expect(stepIndex([], 3)).toBe(-1);
  });

  it("writes wall times as hours, minutes and seconds", () => {
    expect(wallTime(new Date(2026, 0, 2, 9, 5, 7).getTime() / 1000)).toBe("09:05:07");
    expect(wallTime(0)).toBe("");
  });

  it("puts binary buffers back where ipywidgets lifted them from", () => {
    const bytes = new DataView(new Uint8Array([1, 2, 3]).buffer, 1, 2);
    const state = { items: { pred: [{ src: null, masks: [{ png: null }] }] } };
    putBuffers(
      state,
      [
        ["items", "pred", 0, "src"],
        ["items", "pred", 0, "masks", 0, "png"],
      ],
      [bytes, bytes],
    );
    expect(state.items.pred[0]?.src).toBe(bytes);
    expect(state.items.pred[0]?.masks[0]?.png).toBe(bytes);
  });

  it("merges the synced timeline with steps heard since, dropping thinned ones", () => {
    const known = new Map([
      [5, { step: 5, time: 5, data: step(5) }],
      [7, { step: 7, time: 7, data: step(7) }],
      [9, { step: 9, time: 9, data: step(9) }],
    ]);
    const merged = mergeTimeline(known, [
      [0, 0],
      [7, 7],
    ]);
    expect([...merged.keys()]).toEqual([0, 7, 9]); // 5 was thinned; 9 is newer than the trait
    expect(merged.get(7)?.data?.step).toBe(7);
    expect(merged.get(0)?.data).toBeNull();
  });
});

describe("the history store", () => {
  it("keeps steps heard as messages, drops thinned ones and asks for missing data once", () => {
    const model = fakeModel({ timeline: [], latest: null, logged: 0, thinned: 0 });
    const store = new HistoryStore(model);
    const heard: (number | null)[] = [];
    store.listen((fresh) => heard.push(fresh));
    for (const n of [0, 1, 2]) model.emit("msg:custom", { type: "history-step", data: step(n), buffer_paths: [] }, []);
    model.emit(
      "msg:custom",
      { type: "history-step", data: step(3, { dropped: [1], thinned: 1 }), buffer_paths: [] },
      [],
    );
    expect(store.steps().map((e) => e.step)).toEqual([0, 2, 3]);
    expect(store.thinned).toBe(1);
    expect(store.logged).toBe(4);
    expect(heard).toEqual([0, 1, 2, 3]);
    // A saved notebook's timeline names steps whose pictures are not here: ask the kernel.
    model.set("timeline", [
      [0, 0],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    expect(store.data(4)).toBeNull();
    expect(store.data(4)).toBeNull();
    expect(model.sent).toEqual([{ type: "history-get", step: 4 }]);
    model.emit("msg:custom", { type: "history-step", reply: true, data: step(4), buffer_paths: [] }, []);
    expect(store.data(4)?.numbers.loss).toBe("0.2");
    store.dispose();
  });

  it("merges the keys of a step logged twice", () => {
    const model = fakeModel({ timeline: [], latest: null });
    const store = new HistoryStore(model);
    model.emit("msg:custom", { type: "history-step", data: step(0, { numbers: { a: "1" } }), buffer_paths: [] }, []);
    model.emit("msg:custom", { type: "history-step", data: step(0, { numbers: { b: "2" } }), buffer_paths: [] }, []);
    expect(store.data(0)?.numbers).toEqual({ a: "1", b: "2" });
  });
});
