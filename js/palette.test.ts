/// <reference types="node" />
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classColour, classRgb, hexToRgb, PALETTE, textColourOn } from "./palette";

// NBIMAGE_WIRE_FIXTURE points at another copy (to try a payload before committing it).
const FIXTURE = process.env.NBIMAGE_WIRE_FIXTURE ?? new URL("../tests/fixtures/wire_payload.json", import.meta.url);

describe("palette", () => {
  it("has 20 distinct #rrggbb colours", () => {
    expect(PALETTE).toHaveLength(20);
    expect(new Set(PALETTE).size).toBe(20);
    for (const colour of PALETTE) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("gives a class the same colour everywhere, wrapping ids around the palette", () => {
    expect(classColour(3)).toBe(PALETTE[3]);
    expect(classColour(23)).toBe(PALETTE[3]);
    expect(classColour(-1)).toBe(PALETTE[19]);
    expect(classRgb(0)).toEqual(hexToRgb(PALETTE[0] ?? ""));
  });

  it("parses hex colours and rejects anything else", () => {
    expect(hexToRgb("#ff8000")).toEqual([255, 128, 0]);
    expect(() => hexToRgb("red")).toThrow(/rrggbb/);
  });

  it("picks readable label text", () => {
    expect(textColourOn("#ffffff")).toBe("#000000");
    expect(textColourOn("#000080")).toBe("#ffffff");
  });

  it("equals Python's nbimage.palette.PALETTE (through the shared wire fixture)", () => {
    expect(existsSync(FIXTURE), "tests/fixtures/wire_payload.json is written by tests/test_wire.py").toBe(true);
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as { palette?: unknown; PALETTE?: unknown };
    expect(fixture.palette ?? fixture.PALETTE).toEqual([...PALETTE]);
  });
});
