// Per-channel histograms of the raw values, with the value -> 0..255 mapping of the rule
// drawn over them and the clipped ranges shaded. Counts use a square-root scale so a spike
// (all the zeros of a dark picture) does not flatten every other bin.

import type { WireHistogram } from "../wire";
import type { Ctx2D } from "./layer";

export interface HistogramColours {
  background: string;
  foreground: string;
  grid: string;
  clipped: string;
}

export const CHANNEL_COLOURS: Readonly<Record<string, string>> = {
  R: "rgba(230, 40, 40, 0.55)",
  G: "rgba(30, 170, 60, 0.55)",
  B: "rgba(40, 90, 230, 0.55)",
  A: "rgba(128, 128, 128, 0.45)",
  L: "rgba(128, 128, 128, 0.6)",
};

export interface HistogramScale {
  /** Canvas x of a raw value. */
  x(value: number): number;
  /** Canvas y of a bin count. */
  yCount(count: number): number;
  /** Canvas y of an output value 0..255. */
  yOutput(value: number): number;
}

export function histogramScale(hist: WireHistogram, width: number, height: number, padding = 4): HistogramScale {
  const span = hist.hi - hist.lo;
  const usableW = Math.max(1, width - 2 * padding);
  const usableH = Math.max(1, height - 2 * padding);
  let maxCount = 0;
  for (const channel of hist.channels) for (const count of channel.counts) maxCount = Math.max(maxCount, count);
  const root = Math.sqrt(Math.max(1, maxCount));
  return {
    x: (value) => padding + (span > 0 ? ((value - hist.lo) / span) * usableW : usableW / 2),
    yCount: (count) => padding + usableH - (Math.sqrt(Math.max(0, count)) / root) * usableH,
    yOutput: (value) => padding + usableH - (Math.min(255, Math.max(0, value)) / 255) * usableH,
  };
}

export function drawHistogram(
  ctx: Ctx2D,
  hist: WireHistogram,
  width: number,
  height: number,
  colours: HistogramColours,
  scale = 1,
): void {
  const s = histogramScale(hist, width, height, 4 * scale);
  ctx.save();
  ctx.fillStyle = colours.background;
  ctx.fillRect(0, 0, width, height);
  // Clipped ranges first, so the bars stay readable on top.
  ctx.fillStyle = colours.clipped;
  if (hist.clip_below !== null && hist.clip_below > hist.lo) {
    const x = s.x(hist.clip_below);
    ctx.fillRect(0, 0, x, height);
  }
  if (hist.clip_above !== null && hist.clip_above < hist.hi) {
    const x = s.x(hist.clip_above);
    ctx.fillRect(x, 0, width - x, height);
  }
  for (const channel of hist.channels) {
    const bins = channel.counts.length;
    if (bins === 0) continue;
    const step = (hist.hi - hist.lo) / bins;
    ctx.fillStyle = CHANNEL_COLOURS[channel.name] ?? CHANNEL_COLOURS.L ?? "gray";
    ctx.beginPath();
    ctx.moveTo(s.x(hist.lo), s.yCount(0));
    channel.counts.forEach((count, i) => {
      const y = s.yCount(count);
      ctx.lineTo(s.x(hist.lo + i * step), y);
      ctx.lineTo(s.x(hist.lo + (i + 1) * step), y);
    });
    ctx.lineTo(s.x(hist.hi), s.yCount(0));
    ctx.closePath();
    ctx.fill();
  }
  if (hist.mapping.length > 1) {
    ctx.strokeStyle = colours.foreground;
    ctx.lineWidth = 1.5 * scale;
    ctx.beginPath();
    hist.mapping.forEach(([value = 0, output = 0], i) => {
      const x = s.x(value);
      const y = s.yOutput(output);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
  // The raw range at the bottom corners, so the shaded regions read as values.
  ctx.fillStyle = colours.foreground;
  ctx.font = `${Math.round(10 * scale)}px sans-serif`;
  ctx.textBaseline = "bottom";
  ctx.textAlign = "left";
  ctx.fillText(formatTick(hist.lo), 4 * scale, height - 2 * scale);
  ctx.textAlign = "right";
  ctx.fillText(formatTick(hist.hi), width - 4 * scale, height - 2 * scale);
  ctx.restore();
}

/** Short axis labels: 4 significant digits, no trailing zeros (up to 8 where 4 would round
 * the value onto a whole number it is not: a range ending at 1.0000001 is not "1"). */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const short = Number(value.toPrecision(4));
  return String(Number.isInteger(short) && short !== value ? Number(value.toPrecision(8)) : short);
}
