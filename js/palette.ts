// One stable palette shared by boxes and masks: a class keeps its colour everywhere.
// It mirrors nbimage/palette.py `PALETTE` (the Python composite uses the same list);
// js/palette.test.ts checks the two are equal through the shared wire fixture.

export const PALETTE: readonly string[] = [
  "#e23636",
  "#10c622",
  "#5936e2",
  "#c64710",
  "#36e27b",
  "#6b10c6",
  "#e29d36",
  "#10c690",
  "#c036e2",
  "#c6b410",
  "#36e2e2",
  "#c610b4",
  "#c0e236",
  "#1090c6",
  "#e2369d",
  "#6bc610",
  "#367be2",
  "#c61047",
  "#59e236",
  "#1022c6",
];

export type Rgb = readonly [number, number, number];

/** "#rrggbb" -> [r, g, b]; anything else is an error (the palette is ours, so fail loudly). */
export function hexToRgb(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [
    Number.parseInt(match[1] ?? "0", 16),
    Number.parseInt(match[2] ?? "0", 16),
    Number.parseInt(match[3] ?? "0", 16),
  ];
}

/** The colour of a class id; ids wrap around the palette (negative ids too). */
export function classColour(classId: number): string {
  const n = PALETTE.length;
  const index = ((Math.trunc(classId) % n) + n) % n;
  return PALETTE[index] ?? "#000000";
}

export function classRgb(classId: number): Rgb {
  return hexToRgb(classColour(classId));
}

/** Black or white, whichever reads better on the given background (box label text). */
export function textColourOn(hex: string): string {
  const [r, g, b] = hexToRgb(hex);
  const luminance = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
  return luminance > 0.6 ? "#000000" : "#ffffff";
}
