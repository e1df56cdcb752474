// One stable palette shared by boxes and masks: a class keeps its colour everywhere.
// It mirrors nbimage/palette.py `PALETTE` (the Python composite uses the same list);
// js/palette.test.ts checks the two are equal through the shared wire fixture.

export const PALETTE: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
  "#aec7e8",
  "#ffbb78",
  "#98df8a",
  "#ff9896",
  "#c5b0d5",
  "#c49c94",
  "#f7b6d2",
  "#c7c7c7",
  "#dbdb8d",
  "#9edae5",
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
