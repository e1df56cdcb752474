/// <reference types="node" />
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classColour, classRgb, hexToRgb, PALETTE, textColourOn } from "./palette";

// NBIMAGE_WIRE_FIXTURE points at another copy (to try a payload before committing it).
const FIXTURE = process.env.NBIMAGE_WIRE_FIXTURE ?? new URL("../tests/fixtures/wire_payload.json", import.meta.url);

describe("palette", () => {
  it("has 80 distinct #rrggbb colours (COCO's classes), far apart in colour", () => {
    expect(PALETTE).toHaveLength(80);
    expect(new Set(PALETTE).size).toBe(80);
    for (const colour of PALETTE) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    // No two of the first 80 nearly equal either: at least 20 apart in plain RGB distance.
    let closest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 80; i += 1) {
      for (let j = i + 1; j < 80; j += 1) {
        const a = classRgb(i);
        const b = classRgb(j);
        closest = Math.min(closest, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
      }
    }
    expect(closest).toBeGreaterThan(20);
  });

  it("gives a class the same colour everywhere; ids 0, 20 and 40 differ; beyond 80 a spread", () => {
    expect(classColour(3)).toBe(PALETTE[3]);
    expect(new Set([classColour(0), classColour(20), classColour(40)]).size).toBe(3);
    const ade = Array.from({ length: 256 }, (_, id) => classColour(id));
    expect(new Set(ade).size).toBe(256);
    expect(classColour(1024 + 5)).toBe(classColour(5));
    expect(classColour(-1)).toBe(classColour(1023));
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

  it("spreads ids beyond the list exactly as Python's class_colour does (wire fixture)", () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as { palette_spread: Record<string, string> };
    const ids = Object.keys(fixture.palette_spread);
    expect(ids.length).toBeGreaterThan(300);
    for (const id of ids) expect([id, classColour(Number(id))]).toEqual([id, fixture.palette_spread[id]]);
  });
});
