// One stable palette shared by boxes and masks: a class keeps its colour everywhere.
// It mirrors nbimage/palette.py (the Python composite uses the same colours): 80 listed
// colours (no two alike, for COCO's 80 classes), then a deterministic golden-angle spread.
// js/palette.test.ts checks both parts against Python through the shared wire fixture.

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
  "#e29caa",
  "#d1e29c",
  "#d78fef",
  "#638a28",
  "#5e288a",
  "#8a5928",
  "#8a2859",
  "#288a7c",
  "#efba8f",
  "#9ccde2",
  "#284f8a",
  "#e97e63",
  "#9ca0e2",
  "#8a2d28",
  "#9263e9",
  "#b3fc83",
  "#fc83bf",
  "#169c31",
  "#fcfc83",
  "#9ce2bf",
  "#288a4f",
  "#8a7c28",
  "#f9811f",
  "#1f1ff9",
  "#0437ae",
  "#1fcef9",
  "#1f6cf9",
  "#e9637e",
  "#f9ee1f",
  "#ae6204",
  "#9c1681",
  "#28778a",
  "#8fefa3",
  "#fcd783",
  "#a2f91f",
  "#e963d5",
  "#f91f81",
  "#8d75d7",
  "#1ff9d9",
  "#f91ff9",
  "#a21ff9",
  "#9fb234",
  "#1ff91f",
  "#51a6fb",
  "#28378a",
  "#e29cd4",
  "#9934b2",
  "#cb864d",
  "#e00606",
  "#ae0459",
  "#f9b81f",
  "#1ff96c",
  "#83c5fc",
  "#34a5b2",
  "#4c169c",
  "#6cb234",
  "#ae8c04",
  "#cb4d4d",
  "#9c3e16",
  "#fb9551",
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

/** Beyond the list: golden-angle hues cycling through these [saturation, lightness]. */
const SPREAD_LEVELS: readonly (readonly [number, number])[] = [
  [0.85, 0.55],
  [0.65, 0.38],
  [0.75, 0.72],
];
const GOLDEN_ANGLE = 137.50776405003785;
/** Ids are spread over this many colours, then wrap (negative ids too). */
export const SPREAD_PERIOD = 1024;

/** Python's `x % y` for floats (the sign of the divisor), so both sides compute the same hue. */
function pyMod(x: number, y: number): number {
  return x - y * Math.floor(x / y);
}

function spread(index: number): string {
  const n = index - PALETTE.length;
  const hue = pyMod(n * GOLDEN_ANGLE, 360);
  const [saturation, lightness] = SPREAD_LEVELS[n % SPREAD_LEVELS.length] ?? [0.85, 0.55];
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs(pyMod(hue / 60, 2) - 1));
  const sector: readonly (readonly [number, number, number])[] = [
    [chroma, x, 0],
    [x, chroma, 0],
    [0, chroma, x],
    [0, x, chroma],
    [x, 0, chroma],
    [chroma, 0, x],
  ];
  const rgb = sector[Math.floor(hue / 60) % 6] ?? [0, 0, 0];
  const m = lightness - chroma / 2;
  return `#${rgb
    .map((c) =>
      Math.floor((c + m) * 255 + 0.5)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** The colour of a class id: the list for 0..79, then a deterministic spread (cached). */
const spreadCache = new Map<number, string>();
export function classColour(classId: number): string {
  const index = pyMod(Math.trunc(classId), SPREAD_PERIOD);
  const listed = PALETTE[index];
  if (listed !== undefined) return listed;
  let colour = spreadCache.get(index);
  if (colour === undefined) {
    colour = spread(index);
    spreadCache.set(index, colour);
  }
  return colour;
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
