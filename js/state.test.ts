import { describe, expect, it } from "vitest";
import { DEFAULT_STATE, readState, TRAITS, type ViewModel, writeTrait } from "./state";

function fakeModel(values: Record<string, unknown>) {
  const calls: string[] = [];
  const model: ViewModel = {
    get: (key) => values[key],
    set: (key, value) => {
      calls.push(`set ${key}=${JSON.stringify(value)}`);
      values[key] = value;
    },
    save_changes: () => calls.push("save"),
    on: () => {},
    off: () => {},
    send: () => {},
  };
  return { model, calls };
}

describe("view state", () => {
  it("reads every trait, falling back to defaults for missing ones", () => {
    const { model } = fakeModel({ view: "grid", mask_opacity: 0.2, histogram: null });
    const state = readState(model);
    expect(state.view).toBe("grid");
    expect(state.mask_opacity).toBe(0.2);
    expect(state.histogram).toBeNull();
    expect(state.zoom).toBe(DEFAULT_STATE.zoom);
    expect(Object.keys(state).sort()).toEqual([...TRAITS].sort());
  });

  it("writes a trait locally and then to the kernel", () => {
    const { model, calls } = fakeModel({});
    writeTrait(model, "show_marks", true);
    expect(calls).toEqual(["set show_marks=true", "save"]);
  });
});
