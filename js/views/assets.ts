// One item's decoded data (picture, class-id masks, marks) and how to draw it on a canvas.
// Coloured masks are cached per (layer, hidden set): toggling back and forth costs nothing,
// and opacity is applied with globalAlpha so the slider never recolours.

import { type ClassIdImage, decodeClassIds, decodePicture, pixelsOf } from "../codec";
import { confidenceHistogram, minLevel } from "../confidence";
import { drawBoxLayers } from "../draw/boxes";
import { type DecodedHeatmap, decodeHeatmap, drawHeatmaps } from "../draw/heatmap";
import type { LabelRequest, PlacedLabel } from "../draw/labels";
import { type Ctx2D, drawPictureSized, type SizedSource } from "../draw/layer";
import { boxLayerDashes } from "../draw/layerStyle";
import { colourMarks } from "../draw/marks";
import { type ConfidenceGate, classLut, colourIds, colourSampled, maskIndex, OUTSIDE, sampleIds } from "../draw/masks";
import { drawPicture } from "../draw/picture";
import { type HiddenClasses, isClassHidden, shownBoxes, type Thresholds } from "../filter";
import { containsPoint, type Size, type Viewport } from "../geometry";
import { className, hiddenKey } from "../legend";
import type { WireBox, WireItem } from "../wire";

export interface PaintState {
  hidden: HiddenClasses;
  opacity: number;
  thresholds: Thresholds;
  showLabels: boolean;
  showMarks: boolean;
  /** Mask layer key -> minimum confidence (from_scores layers). */
  confidence: Readonly<Record<string, number>>;
  heatmapOpacity: number;
  hiddenHeatmaps: readonly string[];
  /** Device pixels per CSS pixel. */
  scale: number;
  font: string;
  /** Layer keys drawn not at all (`hidden_layers`). */
  hiddenLayers: readonly string[];
  /** Per mask layer opacity (`layer_opacity`); layers not listed use `opacity`. */
  layerOpacity: Readonly<Record<string, number>>;
}

/** A mask layer's opacity: its own, else the default (`mask_opacity`); 0 when hidden. */
export function maskLayerOpacity(state: PaintState, key: string): number {
  if (state.hiddenLayers.includes(key)) return 0;
  const own = state.layerOpacity[key];
  const value = own !== undefined && Number.isFinite(own) ? own : state.opacity;
  return Math.min(1, Math.max(0, value));
}

const MARKS_ALPHA = 0.85;
const CACHE_PER_LAYER = 4;

function canvasFromPixels(width: number, height: number, rgba: Uint8ClampedArray): SizedSource {
  const data = new ImageData(
    new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.length),
    width,
    height,
  );
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext("2d")?.putImageData(data, 0, 0);
    return { source: canvas, width, height };
  }
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.getContext("2d")?.putImageData(data, 0, 0);
  return { source: canvas, width, height };
}

export class ItemAssets {
  readonly item: WireItem;
  readonly size: Size;
  picture: ImageBitmap | null = null;
  /** A display-only rendering from the kernel (window/level, colormap) shown instead. */
  windowed: ImageBitmap | null = null;
  masks: (ClassIdImage | null)[] = [];
  marks: ClassIdImage | null = null;
  /** Per mask layer: the 8-bit winning probability of each pixel (from_scores), else null. */
  confidence: (ClassIdImage | null)[] = [];
  heatmaps: (DecodedHeatmap | null)[] = [];
  private readonly histograms = new Map<number, Uint32Array>();
  error: string | null = null;
  private readonly maskCache = new Map<number, Map<string, SizedSource>>();
  /** Per mask layer: the last overlay coloured at canvas resolution, and what it was made for. */
  private readonly viewOverlays = new Map<
    number,
    {
      key: string;
      viewKey: string;
      sampled: Uint16Array;
      sampledConfidence: Uint16Array | null;
      data: ImageData;
      target: SizedSource;
    }
  >();
  private marksSource: SizedSource | null = null;
  /** The box labels of the latest draw, canvas pixels (the panel exposes them as data-labels). */
  labels: PlacedLabel[] = [];
  /** Labels that found no free spot in the latest draw (drawn when hovered). */
  skipped: LabelRequest[] = [];
  private pixels: Uint8ClampedArray | null = null;
  readonly ready: Promise<void>;

  constructor(item: WireItem) {
    this.item = item;
    this.size = { width: Math.max(1, item.width), height: Math.max(1, item.height) };
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    const item = this.item;
    const [picture, masks, marks, confidence, heatmaps] = await Promise.all([
      decodePicture(item.src, item.mime).catch((err: unknown) => {
        this.error = `could not decode the picture: ${String(err)}`;
        return null;
      }),
      Promise.all(item.masks.map((layer) => decodeClassIds(layer.png).catch(() => null))),
      item.marks ? decodeClassIds(item.marks).catch(() => null) : Promise.resolve(null),
      Promise.all(
        item.masks.map((layer) => (layer.confidence ? decodeClassIds(layer.confidence).catch(() => null) : null)),
      ),
      Promise.all(
        (item.heatmaps ?? []).map((h) =>
          decodeHeatmap(h.png)
            .then((bitmap) => ({ key: h.key, bitmap }))
            .catch(() => null),
        ),
      ),
    ]);
    this.picture = picture;
    this.masks = masks;
    this.marks = marks;
    this.confidence = confidence;
    this.heatmaps = heatmaps;
  }

  /** Show a rendering from the kernel instead of the logged picture (null: the logged one). */
  setWindowed(bitmap: ImageBitmap | null): void {
    if (this.windowed === bitmap) return;
    this.windowed?.close();
    this.windowed = bitmap;
    this.pixels = null;
  }

  /** What is drawn: the kernel's display-only rendering, else the picture as logged. */
  private get shown(): ImageBitmap | null {
    return this.windowed ?? this.picture;
  }

  dispose(): void {
    this.picture?.close();
    this.picture = null;
    for (const heatmap of this.heatmaps) heatmap?.bitmap.close();
    this.heatmaps = [];
    this.windowed?.close();
    this.windowed = null;
    this.maskCache.clear();
    this.viewOverlays.clear();
  }

  /**
   * A mask layer coloured at canvas resolution for this view (used when the mask has more
   * pixels than the canvas, e.g. every panel of a grid), reused while nothing changes.
   */
  private viewOverlay(
    index: number,
    ids: ClassIdImage,
    hidden: HiddenClasses,
    view: Viewport,
    canvas: Size,
    min = 0,
  ): SizedSource {
    const layerKey = this.item.masks[index]?.key ?? "";
    const viewKey = `${view.zoom},${view.cx},${view.cy}|${canvas.width}x${canvas.height}`;
    const key = `${hiddenKey(hidden, layerKey)}|${min}|${viewKey}`;
    let overlay = this.viewOverlays.get(index);
    if (overlay?.key === key) return overlay.target;
    if (!overlay || overlay.data.width !== canvas.width || overlay.data.height !== canvas.height) {
      const data = new ImageData(canvas.width, canvas.height);
      const sampled = new Uint16Array(canvas.width * canvas.height);
      overlay = {
        key: "",
        viewKey: "",
        sampled,
        sampledConfidence: null,
        data,
        target: canvasFromPixels(canvas.width, canvas.height, data.data),
      };
      this.viewOverlays.set(index, overlay);
    }
    // Sampling depends on the view only; a class toggle just recolours the samples.
    // The confidence map is sampled alongside: a slider move only recolours too.
    const levels = min > 0 ? this.confidence[index] : null;
    if (overlay.viewKey !== viewKey) {
      sampleIds(ids, view, canvas, this.size, OUTSIDE, overlay.sampled);
      overlay.sampledConfidence = null;
    }
    if (levels && !overlay.sampledConfidence) {
      overlay.sampledConfidence = sampleIds(levels, view, canvas, this.size, OUTSIDE);
    }
    overlay.viewKey = viewKey;
    overlay.key = key;
    const gate: ConfidenceGate | undefined =
      levels && overlay.sampledConfidence ? { levels: overlay.sampledConfidence, min } : undefined;
    colourSampled(overlay.sampled, classLut(hidden[layerKey] ?? [], 1), overlay.data.data, gate);
    const target = overlay.target.source as OffscreenCanvas | HTMLCanvasElement;
    (target.getContext("2d") as Ctx2D | null)?.putImageData(overlay.data, 0, 0);
    return overlay.target;
  }

  private colouredMask(index: number, ids: ClassIdImage, hidden: HiddenClasses, min = 0): SizedSource {
    const key = this.item.masks[index]?.key ?? "";
    let cache = this.maskCache.get(index);
    if (!cache) {
      cache = new Map();
      this.maskCache.set(index, cache);
    }
    const levels = min > 0 ? this.confidence[index] : null;
    const cacheKey = `${hiddenKey(hidden, key)}|${levels ? min : 0}`;
    let source = cache.get(cacheKey);
    if (!source) {
      const gate = levels ? { levels: levels.ids, min } : undefined;
      const rgba = colourIds(ids.ids, classLut(hidden[key] ?? [], 1), undefined, gate);
      source = canvasFromPixels(ids.width, ids.height, rgba);
      if (cache.size >= CACHE_PER_LAYER) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(cacheKey, source);
    }
    return source;
  }

  /** Draw picture, masks, marks and boxes. False when there is nothing to draw yet. */
  draw(
    ctx: Ctx2D,
    view: Viewport,
    canvas: Size,
    state: PaintState,
    clear = true,
    hover: { x: number; y: number } | null = null,
  ): boolean {
    const bitmap = this.shown;
    if (!bitmap) return false;
    const src = { source: bitmap, width: bitmap.width, height: bitmap.height };
    if (clear) drawPicture(ctx, src, view, canvas, this.size, "rgba(0,0,0,0)");
    else drawPictureSized(ctx, src, view, canvas, this.size, 1, true);
    this.masks.forEach((ids, index) => {
      const opacity = maskLayerOpacity(state, this.item.masks[index]?.key ?? "");
      if (!ids || opacity <= 0) return;
      const min = this.confidenceMin(index, state);
      // Sampled per canvas pixel when the mask outnumbers the canvas's pixels, and when it
      // has another size than the picture (so every picture pixel shows the mask pixel
      // `maskIndex` gives it, the one the inspector and the fallback PNG read).
      const resized = ids.width !== this.size.width || ids.height !== this.size.height;
      if (resized || ids.width * ids.height > canvas.width * canvas.height) {
        const overlay = this.viewOverlay(index, ids, state.hidden, view, canvas, min);
        ctx.save();
        ctx.globalAlpha = opacity;
        ctx.drawImage(overlay.source, 0, 0);
        ctx.restore();
      } else {
        drawPictureSized(ctx, this.colouredMask(index, ids, state.hidden, min), view, canvas, this.size, opacity);
      }
    });
    drawHeatmaps(ctx, this.heatmaps, state.hiddenHeatmaps, state.heatmapOpacity, view, canvas, this.size);
    if (state.showMarks && this.marks) {
      this.marksSource ??= canvasFromPixels(this.marks.width, this.marks.height, colourMarks(this.marks.ids));
      drawPictureSized(ctx, this.marksSource, view, canvas, this.size, MARKS_ALPHA);
    }
    const dashes = boxLayerDashes(this.item.boxes.map((l) => l.key));
    const layers = this.item.boxes
      .filter((layer) => !state.hiddenLayers.includes(layer.key))
      .map((layer) => ({
        key: layer.key,
        boxes: shownBoxes(layer, state.hidden, state.thresholds),
        dash: dashes.get(layer.key) ?? [],
      }));
    const drawn = drawBoxLayers(ctx, layers, view, canvas, this.size, {
      scale: state.scale,
      showLabels: state.showLabels,
      font: state.font,
      hover,
    });
    this.labels = drawn.placed;
    this.skipped = drawn.skipped;
    return true;
  }

  /** The lowest confidence level coloured in mask layer `index` (0: every pixel). */
  private confidenceMin(index: number, state: PaintState): number {
    const layer = this.item.masks[index];
    if (!layer?.confidence || !this.confidence[index]) return 0;
    return minLevel(state.confidence[layer.key] ?? 0);
  }

  /** counts[id * 256 + level] of mask layer `key` (taken once), or null without confidence. */
  confidenceHistogram(key: string): Uint32Array | null {
    const index = this.item.masks.findIndex((layer) => layer.key === key);
    const ids = this.masks[index];
    const levels = this.confidence[index];
    if (index < 0 || !ids || !levels) return null;
    let hist = this.histograms.get(index);
    if (!hist) {
      hist = confidenceHistogram(ids.ids, levels.ids);
      this.histograms.set(index, hist);
    }
    return hist;
  }

  /** The displayed picture's value(s) at a full-resolution pixel, read in the browser. */
  shownAt(x: number, y: number): number[] | null {
    const bitmap = this.shown;
    if (!bitmap) return null;
    this.pixels ??= pixelsOf(bitmap);
    const px = Math.min(bitmap.width - 1, Math.floor((x * bitmap.width) / this.size.width));
    const py = Math.min(bitmap.height - 1, Math.floor((y * bitmap.height) / this.size.height));
    const i = (py * bitmap.width + px) * 4;
    const rgba = Array.from(this.pixels.subarray(i, i + 4));
    return rgba[3] === 255 ? rgba.slice(0, 3) : rgba;
  }

  /** Each mask layer's class at a pixel, hidden classes included (the inspector names them). */
  maskClassesAt(
    x: number,
    y: number,
    hidden: HiddenClasses,
    confidence: Readonly<Record<string, number>> = {},
    hiddenLayers: readonly string[] = [],
  ): string[] {
    const out: string[] = [];
    this.masks.forEach((ids, index) => {
      const layer = this.item.masks[index];
      if (!ids || !layer) return;
      // A hidden layer is still named, as hidden classes are.
      const mx = Math.min(ids.width - 1, maskIndex(x, this.size.width, ids.width));
      const my = Math.min(ids.height - 1, maskIndex(y, this.size.height, ids.height));
      const id = ids.ids[my * ids.width + mx] ?? 0;
      const hiddenHere = isClassHidden(hidden, layer.key, id) || hiddenLayers.includes(layer.key);
      let note = hiddenHere ? " (hidden)" : "";
      const levels = this.confidence[index];
      if (levels) {
        const level = levels.ids[my * levels.width + mx] ?? 0;
        note = ` p ${(level / 255).toFixed(2)}${note}`;
        if (level < minLevel(confidence[layer.key] ?? 0)) note += " (below confidence)";
      }
      // A stretched mask: say which of its pixels was read (`mask-resized`).
      if (ids.width !== this.size.width || ids.height !== this.size.height) note += ` at mask (${mx}, ${my})`;
      out.push(`${layer.key}: ${className(layer.class_labels, id)}${note}`);
    });
    return out;
  }

  /** Shown boxes containing a picture point. */
  boxesAt(x: number, y: number, state: PaintState): { layer: string; box: WireBox }[] {
    const out: { layer: string; box: WireBox }[] = [];
    for (const layer of this.item.boxes) {
      if (state.hiddenLayers.includes(layer.key)) continue;
      for (const box of shownBoxes(layer, state.hidden, state.thresholds)) {
        if (containsPoint(box, { x: x + 0.5, y: y + 0.5 })) out.push({ layer: layer.key, box });
      }
    }
    return out;
  }
}
