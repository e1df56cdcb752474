import { describe, expect, it } from "vitest";
import { type RatioWindow, watchPixelRatio } from "./pixelRatio";

/** A window whose ratio the test changes, firing the listeners of the old query. */
function fakeWindow(initial: number) {
  const listeners = new Map<string, Set<() => void>>();
  const win: RatioWindow & { zoomTo(ratio: number): void; listening(): number } = {
    devicePixelRatio: initial,
    matchMedia(query: string) {
      const set = listeners.get(query) ?? new Set();
      listeners.set(query, set);
      return {
        addEventListener: (_: string, fn: () => void) => set.add(fn),
        removeEventListener: (_: string, fn: () => void) => set.delete(fn),
      } as unknown as MediaQueryList;
    },
    zoomTo(ratio: number) {
      const old = listeners.get(`(resolution: ${this.devicePixelRatio}dppx)`);
      this.devicePixelRatio = ratio;
      for (const fn of [...(old ?? [])]) fn();
    },
    listening() {
      return [...listeners.values()].reduce((n, set) => n + set.size, 0);
    },
  };
  return win;
}

describe("watchPixelRatio", () => {
  it("reports every change of ratio, not only the first", () => {
    const win = fakeWindow(1);
    let calls = 0;
    watchPixelRatio(() => calls++, win);
    win.zoomTo(2);
    win.zoomTo(1.5);
    expect(calls).toBe(2);
    expect(win.listening()).toBe(1);
  });

  it("stops listening after cleanup", () => {
    const win = fakeWindow(1);
    let calls = 0;
    const stop = watchPixelRatio(() => calls++, win);
    stop();
    win.zoomTo(2);
    expect(calls).toBe(0);
    expect(win.listening()).toBe(0);
  });
});
