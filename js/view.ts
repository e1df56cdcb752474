// The view: builds the DOM for the current traits, wires events to trait writes, and paints.
//
// Structural traits (items, view, columns, …) rebuild the DOM (batched in a microtask, since
// Python often sets several at once); everything else only re-syncs controls and repaints,
// so a class toggle is a redraw from cached data, with no kernel round trip.

import { type ConfidenceCounts, confidenceControls, keptCounts } from "./confidence";
import { button, checkbox, element, range, syncValue } from "./controls";
import { formatHeatmapValue } from "./draw/heatmap";
import { drawHistogram } from "./draw/histogram";
import { boxLayerDashes, lineName } from "./draw/layerStyle";
import { formatCount, scoreKeys, scoreRange, thresholdCount } from "./filter";
import { activeElementOf } from "./focus";
import { FIT, type Point, pixelAt, type Viewport, viewportFrom, zoomCentre } from "./geometry";
import { heatmapControls } from "./heatmapControls";
import { pageStart, positionLines, shownLine } from "./hoverInfo";
import { type InspectChannel, InspectorBox, NO_KERNEL_LINE, rawLines } from "./inspector";
import { wireInteractions, ZOOM_STEP } from "./interaction";
import { className, hideAll, keptBoxCounts, legendLayers, showAll, toggleClass, toggleLayer } from "./legend";
import { legendView } from "./legendView";
import { watchPixelRatio } from "./pixelRatio";
import { readState, type TraitName, type ViewModel, writeTrait } from "./state";
import { ensureStyles } from "./styles";
import { detectTheme, watchTheme } from "./theme";
import { ItemAssets, type PaintState } from "./views/assets";
import { buildCompare } from "./views/compare";
import type { ViewContext } from "./views/context";
import { buildGrid } from "./views/grid";
import { Panel, type PanelOptions } from "./views/panel";
import { buildSingle } from "./views/single";
import { isWindowed, RenderChannel, type Rendered, windowControls } from "./views/window";
import type { InspectReply, WireViewState } from "./wire";

const STRUCTURAL: readonly TraitName[] = [
  "view",
  "items",
  "columns",
  "width",
  "page",
  "page_count",
  "total_items",
  "compare_mode",
  "swipe_pair",
  "eras",
  "sync_zoom",
];
const REFRESH: readonly TraitName[] = [
  "hidden_classes",
  "mask_opacity",
  "score_thresholds",
  "show_box_labels",
  "zoom",
  "center",
  "swipe_position",
  "show_marks",
  "era",
  "denormalize",
  "custom_mean",
  "custom_std",
  "histogram",
  "hidden_layers",
  "layer_opacity",
  "confidence_thresholds",
  "heatmap_opacity",
  "hidden_heatmaps",
  "histogram_of",
  "window",
  "colormap",
  "channel_window",
];
const WINDOW_TRAITS: readonly TraitName[] = ["window", "colormap", "channel_window"];

const COMMIT_DELAY_MS = 150;
const SWAP_TIMEOUT_MS = 400;

function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // performance.mark is missing in some embedders; the marks are diagnostics only.
  }
}

/** A selector finding "the same" control after a rebuild (class + identifying data-*). */
export function focusSelector(root: HTMLElement): string | null {
  const active = activeElementOf(root);
  if (!(active instanceof HTMLElement) || !root.contains(active)) return null;
  const cls = [...active.classList].find((c) => c.startsWith("nbimage-"));
  let selector = `${active.tagName.toLowerCase()}${cls ? `.${cls}` : ""}`;
  for (const name of ["action", "classId", "scoreKey", "index"] as const) {
    const value = active.dataset[name];
    if (value !== undefined) {
      const attr = `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      selector += `[${attr}="${CSS.escape(value)}"]`;
    }
  }
  const layer = active.closest<HTMLElement>("[data-layer]")?.dataset.layer;
  return layer !== undefined ? `[data-layer="${CSS.escape(layer)}"] ${selector}` : selector;
}

export class NbimageView {
  readonly root: HTMLDivElement;
  private readonly model: ViewModel;
  private readonly channel: InspectChannel | null;
  private state: WireViewState;
  private assets: ItemAssets[] = [];
  private panels: Panel[] = [];
  private syncers: ((state: WireViewState) => void)[] = [];
  private histogram: HTMLCanvasElement | null = null;
  private readonly inspector = new InspectorBox();
  private readonly renders: RenderChannel;
  /** Says the pictures are a display choice (window/colormap), not what wandb logs. */
  private readonly windowNote = element("div", "nbimage-window-note");
  private readonly cleanups: (() => void)[] = [];
  /** Listeners on the current panels' canvases, removed at each rebuild. */
  private contentCleanups: (() => void)[] = [];
  private generation = 0;
  private rebuildQueued = false;
  private frameId = 0;
  private framePanels: Set<Panel> | null = null;
  private pendingView: Viewport | null = null;
  private commitTimer: ReturnType<typeof setTimeout> | null = null;
  private hover: {
    panel: Panel;
    x: number;
    y: number;
    clientX: number;
    clientY: number;
    raw: InspectReply | null;
  } | null = null;
  private readonly resizeObserver: ResizeObserver | null;
  /** Each legend's filter text and "show all" state, kept across rebuilds (paging). */
  private readonly legendMemory = new Map<string, { query: string; expanded: boolean }>();
  private disposed = false;

  constructor(model: ViewModel, el: HTMLElement, channel: InspectChannel | null) {
    this.model = model;
    this.channel = channel;
    this.state = readState(model);
    ensureStyles(el);
    this.root = element("div", "nbimage");
    this.root.dataset.theme = detectTheme(el.ownerDocument);
    this.root.dataset.painted = "0";
    el.append(this.root);
    this.cleanups.push(watchTheme((theme) => this.onTheme(theme), el.ownerDocument));
    this.cleanups.push(watchPixelRatio(() => this.onPixelRatio()));
    this.resizeObserver =
      typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => this.onResize(entries));
    this.listen();
    const unlisten = this.channel?.listen((reply) => this.onInspectReply(reply));
    if (unlisten) this.cleanups.push(unlisten);
    const unsilence = this.channel?.onSilence(() => this.updateInspector());
    if (unsilence) this.cleanups.push(unsilence);
    this.renders = new RenderChannel(model, (rendered) => this.onRendered(rendered));
    this.cleanups.push(() => this.renders.dispose());
    this.windowNote.hidden = true;
    this.windowNote.setAttribute("aria-live", "polite");
    this.rebuild();
  }

  private listen(): void {
    const rebuild = () => this.queueRebuild();
    for (const key of STRUCTURAL) this.on(`change:${key}`, rebuild);
    for (const key of REFRESH) this.on(`change:${key}`, () => this.onRefreshTrait(key));
  }

  private on(event: string, handler: () => void): void {
    this.model.on(event, handler);
    this.cleanups.push(() => this.model.off(event, handler));
  }

  private write<K extends TraitName>(key: K, value: WireViewState[K]): void {
    writeTrait(this.model, key, value);
  }

  // ---- building ---------------------------------------------------------------------

  private queueRebuild(): void {
    if (this.rebuildQueued) return;
    this.rebuildQueued = true;
    queueMicrotask(() => {
      this.rebuildQueued = false;
      if (!this.disposed) this.rebuild();
    });
  }

  private disposeContent(): void {
    this.resizeObserver?.disconnect();
    for (const cleanup of this.contentCleanups) cleanup();
    this.contentCleanups = [];
    for (const a of this.assets) a.dispose();
    this.assets = [];
    this.panels = [];
    this.syncers = [];
    this.histogram = null;
    this.hover = null;
  }

  private rebuild(): void {
    const focused = focusSelector(this.root);
    this.generation += 1;
    const generation = this.generation;
    this.disposeContent();
    this.state = readState(this.model);
    const state = this.state;
    this.root.dataset.view = state.view;
    this.root.dataset.painted = "0";
    this.root.removeAttribute("data-ready");
    this.assets = state.items.map((item) => new ItemAssets(item));

    const ctx: ViewContext = {
      state,
      panel: (indices, options) => this.makePanel(indices, options),
      write: (key, value) => this.write(key, value),
      onSync: (sync) => this.syncers.push(sync),
    };
    const body: HTMLElement[] = [];
    if (state.view === "grid" || state.view === "channels") body.push(...buildGrid(ctx));
    else if (state.view === "compare") {
      const parts = buildCompare(ctx);
      body.push(...parts.elements);
      this.histogram = parts.histogram;
      if (parts.histogram) this.resizeObserver?.observe(parts.histogram);
    } else body.push(...buildSingle(ctx));

    const content = [this.toolbar(ctx), this.windowNote, ...this.legends(ctx), ...body, this.inspector.el];
    this.requestRenders();
    const show = () => {
      if (generation !== this.generation) return;
      this.root.replaceChildren(...content);
      this.inspector.hide();
      this.refresh();
      // A rebuild replaces the controls: keep keyboard focus on the same control.
      if (focused) this.root.querySelector<HTMLElement>(focused)?.focus();
    };
    if (this.root.childElementCount === 0) show();
    else {
      // Paging or an era switch: keep the old pictures up until the new ones are decoded,
      // so the view does not blink through empty canvases.
      const decoded = Promise.all(this.assets.map((a) => a.ready));
      Promise.race([decoded, new Promise((resolve) => setTimeout(resolve, SWAP_TIMEOUT_MS))]).then(show);
    }
    for (const asset of this.assets) {
      asset.ready.then(() => {
        if (generation !== this.generation) return;
        for (const panel of this.panels) {
          if (!panel.assets.includes(asset)) continue;
          if (asset.error) panel.showError(asset.error);
          this.paintPanel(panel);
        }
        this.afterPaint();
      });
    }
  }

  private makePanel(indices: readonly number[], options: PanelOptions): Panel {
    const assets = indices.map((i) => this.assets[i]).filter((a): a is ItemAssets => a !== undefined);
    const panel = new Panel(indices[0] ?? 0, assets, options);
    this.panels.push(panel);
    this.wirePanel(panel);
    this.resizeObserver?.observe(panel.canvas);
    return panel;
  }

  private toolbar(ctx: ViewContext): HTMLElement {
    const bar = element("div", "nbimage-toolbar");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "image view controls");
    const zoom = element("span", "nbimage-group");
    zoom.append(
      button("+", "zoom-in", "zoom in", () => this.zoomButtons(ZOOM_STEP)),
      button("−", "zoom-out", "zoom out", () => this.zoomButtons(1 / ZOOM_STEP)),
      button("fit", "zoom-reset", "reset zoom", () => this.zoomButtons(0)),
    );
    bar.append(zoom);
    const items = ctx.state.items;
    // Compare's panels are the renderings themselves; elsewhere a window is a display choice.
    if (ctx.state.view !== "compare" && items.length > 0) bar.append(windowControls(ctx, this.windowNote));
    if (ctx.state.view === "grid" && items.length > 1) {
      const sync = checkbox("nbimage-sync-zoom", "sync zoom", ctx.state.sync_zoom, (on) => this.write("sync_zoom", on));
      bar.append(sync.label);
    }
    if (items.some((item) => item.boxes.some((layer) => layer.boxes.length > 0))) {
      const labels = checkbox("nbimage-box-labels", "box labels", ctx.state.show_box_labels, (on) =>
        this.write("show_box_labels", on),
      );
      ctx.onSync((state) => {
        labels.input.checked = state.show_box_labels;
      });
      bar.append(labels.label);
    }
    if (items.some((item) => item.masks.length > 0)) {
      const opacity = range({
        className: "nbimage-opacity",
        label: "mask opacity",
        min: 0,
        max: 1,
        step: 0.05,
        value: ctx.state.mask_opacity,
        onInput: (value) => {
          // The master slider: every mask layer follows it (their own opacities are dropped).
          if (Object.keys(this.state.layer_opacity).length > 0) this.write("layer_opacity", {});
          this.write("mask_opacity", value);
        },
      });
      ctx.onSync((state) => syncValue(opacity.input, String(state.mask_opacity)));
      bar.append(opacity.label);
    }
    bar.append(...confidenceControls(ctx, this.confidenceCounts(), this.root));
    bar.append(...heatmapControls(ctx, this.contentCleanups));
    for (const key of scoreKeys(items)) {
      const { min, max } = scoreRange(items, key);
      const slider = range({
        className: "nbimage-threshold",
        label: `${key} ≥`,
        min,
        max,
        step: (max - min) / 100,
        value: ctx.state.score_thresholds[key] ?? min,
        onInput: (value) => this.write("score_thresholds", { ...this.state.score_thresholds, [key]: value }),
      });
      slider.input.dataset.scoreKey = key;
      slider.input.setAttribute("aria-label", `minimum ${key} score`);
      const count = element("span", "nbimage-threshold-count");
      count.setAttribute("aria-live", "polite");
      ctx.onSync((state) => {
        syncValue(slider.input, String(state.score_thresholds[key] ?? min));
        count.textContent = formatCount(thresholdCount(state.items, key, state.score_thresholds));
      });
      const group = element("span", "nbimage-group");
      group.append(slider.label, count);
      bar.append(group);
    }
    return bar;
  }

  /** Kept/total pixels per class of a confidence layer, over the items that have it. */
  private confidenceCounts(): ConfidenceCounts {
    const assets = this.assets;
    return {
      ready: Promise.all(assets.map((a) => a.ready)),
      counts: (key, min) => {
        const kept = new Map<number, number>();
        const total = new Map<number, number>();
        for (const asset of assets) {
          if (!asset.item.masks.some((layer) => layer.key === key && layer.confidence)) continue;
          const hist = asset.confidenceHistogram(key);
          if (!hist) return null;
          for (const [id, n] of keptCounts(hist, min)) kept.set(id, (kept.get(id) ?? 0) + n);
          for (const [id, n] of keptCounts(hist, 0)) total.set(id, (total.get(id) ?? 0) + n);
        }
        return { kept, total };
      },
    };
  }

  private legends(ctx: ViewContext): HTMLElement[] {
    const layers = legendLayers(ctx.state.items);
    if (layers.length === 0) return [];
    const wrap = element("div", "nbimage-legends");
    const handlers = {
      onToggle: (key: string, id: number) =>
        this.write("hidden_classes", toggleClass(this.state.hidden_classes, key, id)),
      onAll: (key: string) => this.write("hidden_classes", showAll(this.state.hidden_classes, key)),
      onNone: (key: string, ids: number[]) =>
        this.write("hidden_classes", hideAll(this.state.hidden_classes, key, ids)),
      onLayer: (key: string) => this.write("hidden_layers", toggleLayer(this.state.hidden_layers, key)),
      onOpacity: (key: string, value: number) =>
        this.write("layer_opacity", { ...this.state.layer_opacity, [key]: value }),
    };
    const items = ctx.state.items;
    const dashes = boxLayerDashes(items.flatMap((item) => item.boxes.map((l) => l.key)));
    // A layer gets its own slider when there are several, or when it has its own opacity.
    const severalMasks = items.some((item) => item.masks.length > 1);
    const ownOpacity = new Set(Object.keys(ctx.state.layer_opacity));
    for (const layer of layers) {
      const memoryKey = `${layer.kind}\u0000${layer.key}`;
      let memory = this.legendMemory.get(memoryKey);
      if (!memory) {
        memory = { query: "", expanded: false };
        this.legendMemory.set(memoryKey, memory);
      }
      const dash = dashes.get(layer.key);
      const view = legendView(layer, handlers, {
        memory,
        line: layer.kind === "boxes" && dashes.size > 1 ? lineName(dash ?? []) : undefined,
        opacitySlider: layer.kind === "masks" && (severalMasks || ownOpacity.has(layer.key)),
      });
      ctx.onSync((state) =>
        view.sync({
          hiddenIds: state.hidden_classes[layer.key] ?? [],
          layerHidden: state.hidden_layers.includes(layer.key),
          kept:
            layer.kind === "boxes" && Object.keys(state.score_thresholds).length > 0
              ? keptBoxCounts(state.items, layer.key, state.score_thresholds)
              : null,
          opacity: state.layer_opacity[layer.key] ?? state.mask_opacity,
        }),
      );
      wrap.append(view.el);
    }
    return [wrap];
  }

  // ---- refreshing and painting --------------------------------------------------------

  private onRefreshTrait(key: TraitName): void {
    if (key === "zoom" || key === "center") this.pendingView = null;
    if (key === "histogram" && (this.histogram === null) !== (this.model.get("histogram") == null)) {
      // The histogram appeared or went away: its canvas has to be added or removed.
      this.queueRebuild();
      return;
    }
    this.refresh();
    if (key === "hidden_classes") mark("nbimage:toggled");
    if (key === "confidence_thresholds") mark("nbimage:confidence");
    // A zoom that settled shows more of the picture's pixels: ask for them.
    const zoomed = key === "zoom" && isWindowed(this.state);
    if (WINDOW_TRAITS.includes(key) || zoomed) this.requestRenders();
  }

  // ---- window/level and colormaps (rendered by the kernel) -----------------------------

  private requestRenders(): void {
    const state = readState(this.model);
    const windowed = isWindowed(state) && state.view !== "compare";
    this.root.dataset.windowed = windowed ? "pending" : "none";
    if (!windowed) {
      this.renders.request(state, []);
      let changed = false;
      for (const asset of this.assets) {
        changed ||= asset.windowed !== null;
        asset.setWindowed(null);
      }
      this.windowNote.hidden = true;
      if (changed) this.paintAll();
      return;
    }
    // As many pixels as the largest canvas shows at this zoom: no more travel than are seen
    // (a canvas not laid out yet counts as 1024).
    const dpr = window.devicePixelRatio || 1;
    const sides = this.panels.map((p) =>
      p.canvas.clientWidth > 0 ? Math.max(p.canvas.clientWidth, p.canvas.clientHeight) * dpr : 1024,
    );
    const side = Math.max(256, ...sides) * Math.max(1, state.zoom);
    this.renders.request(
      state,
      this.assets.map((_, i) => i),
      side,
    );
  }

  private onRendered({ item, bitmap, reply }: Rendered): void {
    const asset = this.assets[item];
    if (asset) {
      asset.setWindowed(bitmap);
      const paintState = this.paintState();
      for (const panel of this.panels) if (panel.assets.includes(asset)) this.paintPanel(panel, paintState);
      this.afterPaint();
    }
    if (item === 0 || reply.error) {
      this.windowNote.textContent = reply.error ? `window: ${reply.error}` : reply.note;
      this.windowNote.dataset.error = reply.error ? "true" : "false";
      this.windowNote.hidden = false;
    }
    if (this.renders.waiting === 0) {
      this.root.dataset.windowed = "done";
      mark("nbimage:windowed");
    }
    this.updateInspector();
  }

  private refresh(): void {
    this.state = readState(this.model);
    for (const sync of this.syncers) sync(this.state);
    this.paintAll();
    this.paintHistogram();
    this.updateInspector();
  }

  private paintState(): PaintState {
    const s = this.state;
    return {
      hidden: s.hidden_classes,
      opacity: Math.min(1, Math.max(0, s.mask_opacity)),
      thresholds: s.score_thresholds,
      showLabels: s.show_box_labels,
      showMarks: s.show_marks,
      confidence: s.confidence_thresholds,
      heatmapOpacity: Math.min(1, Math.max(0, s.heatmap_opacity)),
      hiddenHeatmaps: s.hidden_heatmaps,
      scale: window.devicePixelRatio || 1,
      font: getComputedStyle(this.root).fontFamily || "sans-serif",
      hiddenLayers: s.hidden_layers,
      layerOpacity: s.layer_opacity,
    };
  }

  private isLocalZoom(): boolean {
    return this.state.view === "grid" && !this.state.sync_zoom;
  }

  private viewFor(panel: Panel): Viewport {
    if (this.isLocalZoom()) return panel.localView;
    return this.pendingView ?? viewportFrom(this.state.zoom, this.state.center);
  }

  private paintPanel(panel: Panel, paintState: PaintState = this.paintState()): boolean {
    const swipe = panel.assets.length > 1 ? this.state.swipe_position : null;
    return panel.paint(this.viewFor(panel), paintState, swipe);
  }

  private paintAll(): void {
    const paintState = this.paintState();
    for (const panel of this.panels) this.paintPanel(panel, paintState);
    this.afterPaint();
  }

  private afterPaint(): void {
    const painted = this.panels.filter((p) => p.painted).length;
    this.root.dataset.painted = String(painted);
    if (painted > 0 && painted === this.panels.length) {
      if (this.root.dataset.ready !== "true") this.root.dataset.ready = "true";
      mark("nbimage:painted");
    }
  }

  private paintHistogram(): void {
    const canvas = this.histogram;
    const hist = this.state.histogram;
    if (!canvas || !hist || canvas.clientWidth === 0) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * dpr);
    canvas.height = Math.round(canvas.clientHeight * dpr);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const style = getComputedStyle(this.root);
    drawHistogram(
      ctx,
      hist,
      canvas.width,
      canvas.height,
      {
        background: style.backgroundColor,
        foreground: style.color,
        grid: style.color,
        clipped: "rgba(255, 80, 0, 0.18)",
      },
      dpr,
    );
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    // Now attached: if that is inside a shadow root, the stylesheet must be there too.
    ensureStyles(this.root);
    const dpr = window.devicePixelRatio || 1;
    const paintState = this.paintState();
    let any = false;
    for (const entry of entries) {
      if (entry.target === this.histogram) {
        this.paintHistogram();
        continue;
      }
      const panel = this.panels.find((p) => p.canvas === entry.target);
      if (!panel) continue;
      panel.fitBackingStore(dpr);
      this.paintPanel(panel, paintState);
      any = true;
    }
    if (any) this.afterPaint();
  }

  private onPixelRatio(): void {
    // Same CSS size, new backing-store size: refit every canvas so pixels stay crisp.
    const dpr = window.devicePixelRatio || 1;
    for (const panel of this.panels) panel.fitBackingStore(dpr);
    this.paintAll();
    this.paintHistogram();
  }

  private onTheme(theme: "light" | "dark"): void {
    this.root.dataset.theme = theme;
    this.paintAll();
    this.paintHistogram();
  }

  // ---- zoom and pan ---------------------------------------------------------------------

  private scheduleFrame(panels: Panel[] | null): void {
    if (panels === null) this.framePanels = new Set(this.panels);
    else {
      this.framePanels ??= new Set();
      for (const p of panels) this.framePanels.add(p);
    }
    if (this.frameId !== 0) return;
    this.frameId = requestAnimationFrame(() => {
      this.frameId = 0;
      const panels = this.framePanels ?? new Set<Panel>();
      this.framePanels = null;
      const paintState = this.paintState();
      for (const panel of panels) this.paintPanel(panel, paintState);
      this.afterPaint();
      this.updateInspector();
      mark("nbimage:frame");
    });
  }

  private applyView(panel: Panel | null, view: Viewport): void {
    if (this.isLocalZoom()) {
      const targets = panel ? [panel] : this.panels;
      for (const p of targets) p.localView = view;
      this.scheduleFrame(targets);
      return;
    }
    this.pendingView = view;
    this.scheduleFrame(null);
    if (this.commitTimer !== null) clearTimeout(this.commitTimer);
    this.commitTimer = setTimeout(() => this.commitView(), COMMIT_DELAY_MS);
  }

  /** Write the shared zoom and centre once an interaction settles (not on every frame). */
  private commitView(): void {
    this.commitTimer = null;
    const view = this.pendingView;
    if (!view) return;
    this.model.set("zoom", view.zoom);
    this.model.set("center", [view.cx, view.cy]);
    this.model.save_changes();
    this.pendingView = null;
  }

  private zoomButtons(factor: number): void {
    const panels = this.isLocalZoom() ? this.panels : this.panels.slice(0, 1);
    for (const panel of panels) {
      const view = factor === 0 ? FIT : zoomCentre(this.viewFor(panel), factor, panel.canvasSize, panel.pictureSize);
      if (this.isLocalZoom()) {
        panel.localView = view;
        this.scheduleFrame([panel]);
      } else this.applyView(panel, view);
    }
    if (panels.length === 0 && !this.isLocalZoom() && factor === 0) this.applyView(null, FIT);
  }

  private wirePanel(panel: Panel): void {
    this.contentCleanups.push(
      wireInteractions({
        canvas: panel.canvas,
        picture: () => panel.pictureSize,
        view: () => this.viewFor(panel),
        apply: (view) => this.applyView(panel, view),
        hover: (event, point) => this.hoverAt(panel, event, point),
        leave: () => {
          if (this.hover?.panel === panel) this.hover = null;
          this.inspector.hide();
          if (panel.setHover(null)) this.scheduleFrame([panel]);
        },
      }),
    );
  }

  // ---- inspector --------------------------------------------------------------------------

  private hoverAt(panel: Panel, event: PointerEvent, point: Point): void {
    // Labels skipped for lack of room are drawn while the pointer is over their box.
    if (panel.setHover(point)) this.scheduleFrame([panel]);
    const pixel = pixelAt(point, this.viewFor(panel), panel.canvasSize, panel.pictureSize);
    if (!pixel) {
      this.hover = null;
      this.inspector.hide();
      return;
    }
    const index = this.panelItemAt(panel, point);
    const same = this.hover && this.hover.panel === panel && this.hover.x === pixel.x && this.hover.y === pixel.y;
    this.hover = {
      panel,
      x: pixel.x,
      y: pixel.y,
      clientX: event.clientX,
      clientY: event.clientY,
      raw: same ? (this.hover?.raw ?? null) : null,
    };
    if (!same) this.channel?.request({ item: index, x: pixel.x, y: pixel.y });
    this.updateInspector();
  }

  /** The item under a canvas point: in swipe mode, the one on that side of the divider. */
  private panelItemAt(panel: Panel, point: Point): number {
    const second = panel.assets[1];
    if (second && point.x > this.state.swipe_position * panel.canvas.width) {
      return this.state.items.indexOf(second.item);
    }
    return panel.index;
  }

  private onInspectReply(reply: InspectReply): void {
    const hover = this.hover;
    if (!hover || reply.x !== hover.x || reply.y !== hover.y) return;
    hover.raw = reply;
    this.updateInspector();
  }

  private updateInspector(): void {
    const hover = this.hover;
    if (!hover) return;
    const { x, y } = hover;
    const s = this.state;
    const first = hover.panel.assets[0];
    const grid = s.view === "grid";
    const start = pageStart(s.page, s.page_count, Math.max(s.total_items, s.items.length), s.items.length);
    const lines = first ? positionLines(first.item, x, y, grid ? start + hover.panel.index : null) : [`x ${x}, y ${y}`];
    const paintState = this.paintState();
    const compare = s.view === "compare";
    const sources = compare ? this.assets : hover.panel.assets.slice(0, 1);
    for (const asset of sources) {
      const shown = asset.shownAt(x, y);
      if (!shown) continue;
      const prefix = compare ? `${asset.item.label || "shown"}: ` : "shown ";
      lines.push(shownLine(asset.item.mode || (shown.length === 4 ? "RGBA" : "RGB"), shown, prefix));
    }
    const raw = hover.raw;
    if (raw?.raw) lines.push(...rawLines(raw.raw_dtype, raw.raw));
    else if (raw?.note) lines.push(raw.note);
    else if (this.channel?.silent && !raw) lines.push(NO_KERNEL_LINE);
    else if (this.channel && !raw) lines.push("raw …");
    const asset = hover.panel.assets[0];
    if (asset) {
      const masks = asset.maskClassesAt(x, y, paintState.hidden, paintState.confidence, paintState.hiddenLayers);
      for (const line of masks) lines.push(`mask ${line}`);
      for (const heatmap of asset.item.heatmaps ?? []) {
        const value = raw ? raw.heatmaps?.[heatmap.key] : undefined;
        lines.push(`heatmap ${heatmap.key}: ${formatHeatmapValue(value)}`);
      }
      for (const { layer, box } of asset.boxesAt(x, y, paintState)) {
        const layerLabels = asset.item.boxes.find((l) => l.key === layer)?.class_labels ?? {};
        lines.push(`box ${layer}: ${box.label || className(layerLabels, box.class_id)}`);
      }
    }
    this.inspector.show(lines, hover.clientX, hover.clientY, this.root);
  }

  destroy(): void {
    this.disposed = true;
    if (this.frameId !== 0) cancelAnimationFrame(this.frameId);
    if (this.commitTimer !== null) clearTimeout(this.commitTimer);
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups.length = 0;
    this.disposeContent();
    this.root.remove();
  }
}
