// The History view (issue 17): W&B's media panels over steps. One step slider shared by
// every key's panel (a panel can be unlinked to its own slider), the step number and wall
// time, ←/→, play/pause with a speed, jump to a step, "newest" once the person has moved
// away from the live end, and an A/B comparison of two steps (side by side or swipe).
//
// Each key's panel is an ordinary nbimage view (single, grid or compare) over a small
// in-memory model: its items are that key's pictures at the step shown, and its own view
// traits (hidden classes, thresholds, opacity, zoom) live in the History's `key_state`, so
// they stay when the step changes. Drawing, legends and the inspector are the usual ones.

import { button, checkbox, element, range, select, syncValue } from "../controls";
import { InspectChannel, type MessageModel } from "../inspector";
import type { ViewModel } from "../state";
import { ensureStyles } from "../styles";
import { detectTheme, watchTheme } from "../theme";
import { NbimageView } from "../view";
import type { WireItem } from "../wire";
import type { HistoryModel, HistoryStore, StepEntry } from "./historyStore";

/** View traits kept per key, across steps. */
const PANEL_TRAITS = [
  "hidden_classes",
  "mask_opacity",
  "score_thresholds",
  "show_box_labels",
  "zoom",
  "center",
  "sync_zoom",
  "show_marks",
] as const;
/** View traits shared by every key's comparison (the History's own). */
const SHARED_TRAITS = ["compare_mode", "swipe_position"] as const;
const SPEEDS = [1, 2, 4, 8, 16, 30];
const SCAN_BACK = 64; // kept steps looked back through for a key not logged at the step shown

const HISTORY_CSS = `
.nbimage-history-bar { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; margin-bottom: 6px; }
.nbimage-history-slider { flex: 1 1 240px; min-width: 160px; }
.nbimage-history-step { font-weight: 600; font-variant-numeric: tabular-nums; min-width: 6em; }
.nbimage-history-time, .nbimage-history-thinned, .nbimage-history-note { color: var(--nbi-muted); }
.nbimage-history-jump { width: 6em; }
.nbimage-history-panel { border-top: 1px solid var(--nbi-border); padding-top: 4px; margin-top: 4px; }
.nbimage-history-head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; }
.nbimage-history-key { font-weight: 600; }
.nbimage-history-panel .nbimage-grid { grid-template-columns: repeat(auto-fill, minmax(120px, 200px)) !important; }
.nbimage-history-numbers { display: flex; flex-wrap: wrap; gap: 2px 16px; font-variant-numeric: tabular-nums; }
.nbimage-history-panel label:has(> .nbimage-denormalize), .nbimage-history-panel .nbimage-custom-stats,
.nbimage-history-panel .nbimage[data-view="compare"] > .nbimage-summary { display: none; }
`;
const HISTORY_STYLE_ID = "nbimage-history-style";

function ensureHistoryStyles(el: HTMLElement): void {
  ensureStyles(el);
  const root = el.getRootNode();
  const container: ParentNode =
    typeof ShadowRoot !== "undefined" && root instanceof ShadowRoot ? root : el.ownerDocument.head;
  if (container.querySelector(`style#${HISTORY_STYLE_ID}`)) return;
  const style = el.ownerDocument.createElement("style");
  style.id = HISTORY_STYLE_ID;
  style.textContent = HISTORY_CSS;
  container.appendChild(style);
}

/** "14:03:27" for a wall time in seconds since the epoch. */
export function wallTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "";
  const d = new Date(seconds * 1000);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** The index of the kept step shown for `wanted`: that step, else the last one before it. */
export function stepIndex(steps: readonly { step: number }[], wanted: number | null): number {
  if (steps.length === 0) return -1;
  if (wanted === null) return steps.length - 1;
  let found = 0;
  for (let i = 0; i < steps.length; i += 1) {
    if ((steps[i]?.step ?? 0) <= wanted) found = i;
    else break;
  }
  return found;
}

type Handler = (...args: unknown[]) => void;

/** The model one key's nbimage view reads (items at the step shown, its own view traits). */
class PanelModel implements ViewModel {
  private readonly values = new Map<string, unknown>();
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly onSave: () => void;
  private readonly sendTo: (content: unknown) => void;

  constructor(onSave: () => void, sendTo: (content: unknown) => void) {
    this.onSave = onSave;
    this.sendTo = sendTo;
  }

  get(key: string): unknown {
    return this.values.get(key);
  }

  set(key: string, value: unknown): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    for (const handler of this.handlers.get(`change:${key}`) ?? []) handler();
  }

  /** Set from the History's traits: only when the value really changed (no echo loops). */
  setIfChanged(key: string, value: unknown): void {
    if (value === undefined) return;
    if (JSON.stringify(this.values.get(key)) !== JSON.stringify(value)) this.set(key, value);
  }

  save_changes(): void {
    this.onSave();
  }

  on(event: string, callback: Handler): void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(callback);
  }

  off(event: string, callback: Handler): void {
    this.handlers.get(event)?.delete(callback);
  }

  send(content: unknown): void {
    this.sendTo(content);
  }
}

interface KeyPanel {
  key: string;
  el: HTMLElement;
  title: HTMLElement;
  unlink: HTMLInputElement;
  slider: { label: HTMLLabelElement; input: HTMLInputElement };
  body: HTMLElement;
  model: PanelModel;
  view: NbimageView | null;
  channel: InspectChannel;
  /** (step, index) of each item the panel shows, for the inspector's requests. */
  sources: { step: number; index: number }[];
  itemsKey: string;
}

export class HistoryView {
  readonly root: HTMLDivElement;
  private readonly model: ViewModel & HistoryModel;
  private readonly store: HistoryStore;
  private readonly panels = new Map<string, KeyPanel>();
  private readonly cleanups: (() => void)[] = [];
  private readonly panelsEl: HTMLElement;
  private readonly numbersEl: HTMLElement;
  private readonly emptyEl: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly stepEl: HTMLElement;
  private readonly timeEl: HTMLElement;
  private readonly thinnedEl: HTMLElement;
  private readonly newest: HTMLButtonElement;
  private readonly play: HTMLButtonElement;
  private readonly speed: HTMLSelectElement;
  private readonly jump: HTMLInputElement;
  private readonly compareBox: HTMLInputElement;
  private readonly stepA: HTMLSelectElement;
  private readonly stepB: HTMLSelectElement;
  private readonly compareGroup: HTMLElement;
  private timer: ReturnType<typeof setInterval> | null = null;
  private timerSpeed = 0; // steps/s of the running timer, 0 when none runs
  private updateQueued = false;
  private disposed = false;

  constructor(model: ViewModel & HistoryModel, el: HTMLElement, store: HistoryStore) {
    this.model = model;
    this.store = store;
    ensureHistoryStyles(el);
    this.root = element("div", "nbimage nbimage-history");
    this.root.dataset.view = "history";
    this.root.dataset.theme = detectTheme(el.ownerDocument);
    this.cleanups.push(
      watchTheme((theme) => {
        this.root.dataset.theme = theme;
      }, el.ownerDocument),
    );

    const bar = element("div", "nbimage-history-bar");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "step controls");
    const prev = button("◀", "prev-step", "previous step (←)", () => this.moveBy(-1));
    const next = button("▶", "next-step", "next step (→)", () => this.moveBy(1));
    const slider = range({
      className: "nbimage-history-slider",
      label: "step",
      min: 0,
      max: 0,
      step: 1,
      value: 0,
      onInput: (index) => this.showIndex(index),
    });
    slider.label.classList.add("nbimage-history-slider-label");
    slider.label.style.flex = "1 1 240px";
    this.slider = slider.input;
    this.stepEl = element("span", "nbimage-history-step");
    this.stepEl.setAttribute("aria-live", "polite");
    this.timeEl = element("span", "nbimage-history-time");
    this.play = button("▶ play", "play", "play / pause", () => this.togglePlay());
    const speed = select(
      "nbimage-history-speed",
      "speed",
      SPEEDS.map((s) => ({ value: String(s), label: `${s} steps/s` })),
      String(this.playSpeed()),
      (value) => this.writeHistory("play_speed", Number(value)),
    );
    this.speed = speed.select;
    const jumpLabel = element("label", "nbimage-group");
    this.jump = element("input", "nbimage-history-jump");
    this.jump.type = "number";
    this.jump.min = "0";
    this.jump.placeholder = "step";
    this.jump.setAttribute("aria-label", "jump to step");
    this.jump.addEventListener("change", () => {
      const wanted = Number(this.jump.value);
      if (this.jump.value !== "" && Number.isFinite(wanted)) this.showIndex(stepIndex(this.steps(), wanted));
    });
    jumpLabel.append(element("span", "nbimage-control-name", "jump to"), this.jump);
    this.newest = button("newest ⇥", "newest", "follow the newest step", () => this.writeHistory("shown_step", null));
    this.thinnedEl = element("span", "nbimage-history-thinned");
    this.compareGroup = element("span", "nbimage-group");
    const compare = checkbox("nbimage-history-compare", "compare steps", false, (on) => {
      const steps = this.steps();
      const shown = steps[stepIndex(steps, this.shownStep())]?.step ?? 0;
      this.writeHistory("compare_steps", on ? [steps[0]?.step ?? 0, shown] : []);
    });
    this.compareBox = compare.input;
    const pick = (which: 0 | 1) => (value: string) => {
      const pair = [...this.compareSteps()];
      pair[which] = Number(value);
      this.writeHistory("compare_steps", pair);
    };
    this.stepA = select("nbimage-history-a", "A", [], "", pick(0)).select;
    this.stepB = select("nbimage-history-b", "B", [], "", pick(1)).select;
    this.compareGroup.append(
      compare.label,
      this.stepA.parentElement ?? this.stepA,
      this.stepB.parentElement ?? this.stepB,
    );
    bar.append(
      prev,
      slider.label,
      next,
      this.stepEl,
      this.timeEl,
      this.play,
      speed.label,
      jumpLabel,
      this.newest,
      this.compareGroup,
      this.thinnedEl,
    );
    this.emptyEl = element("div", "nbimage-history-note", "no steps logged yet");
    this.numbersEl = element("div", "nbimage-history-numbers");
    this.panelsEl = element("div", "nbimage-history-panels");
    this.root.append(bar, this.emptyEl, this.numbersEl, this.panelsEl);
    el.append(this.root);

    // ←/→ step, Home/End go to the first/newest step: JupyterLab must not see them (it
    // moves between cells). A canvas that panned with the key has already used it.
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input[type=number], input[type=text], select")) return;
      const moves: Record<string, () => void> = {
        ArrowLeft: () => this.moveBy(-1),
        ArrowRight: () => this.moveBy(1),
        Home: () => this.showIndex(0),
        End: () => this.writeHistory("shown_step", null),
      };
      const move = moves[event.key];
      if (!move) return;
      event.stopPropagation();
      if (event.defaultPrevented) return;
      event.preventDefault();
      move();
    };
    this.root.addEventListener("keydown", onKey);
    this.cleanups.push(() => this.root.removeEventListener("keydown", onKey));

    const update = () => this.queueUpdate();
    for (const trait of [
      "shown_step",
      "unlinked",
      "key_state",
      "compare_steps",
      "compare_mode",
      "swipe_position",
      "panel_keys",
      "playing",
      "play_speed",
    ]) {
      model.on(`change:${trait}`, update);
      this.cleanups.push(() => model.off(`change:${trait}`, update));
    }
    this.cleanups.push(store.listen(() => this.queueUpdate()));
    this.update();
  }

  // ---- traits --------------------------------------------------------------------------

  private writeHistory(key: string, value: unknown): void {
    this.model.set(key, value);
    this.model.save_changes();
  }

  private shownStep(): number | null {
    const value = this.model.get("shown_step");
    return typeof value === "number" ? value : null;
  }

  private compareSteps(): number[] {
    const value = this.model.get("compare_steps");
    return Array.isArray(value) ? (value as number[]) : [];
  }

  private unlinked(): Record<string, number> {
    return (this.model.get("unlinked") as Record<string, number> | undefined) ?? {};
  }

  private playSpeed(): number {
    const value = Number(this.model.get("play_speed"));
    return Number.isFinite(value) && value > 0 ? value : 4;
  }

  private steps(): StepEntry[] {
    return this.store.steps();
  }

  // ---- moving ----------------------------------------------------------------------------

  /** Show kept step `index`; the last one follows the newest again. */
  private showIndex(index: number): void {
    const steps = this.steps();
    if (steps.length === 0) return;
    const clamped = Math.min(steps.length - 1, Math.max(0, Math.round(index)));
    this.writeHistory("shown_step", clamped === steps.length - 1 ? null : (steps[clamped]?.step ?? null));
  }

  private moveBy(delta: number): void {
    this.showIndex(stepIndex(this.steps(), this.shownStep()) + delta);
  }

  private togglePlay(): void {
    const playing = this.model.get("playing") === true;
    if (!playing && this.shownStep() === null) this.showIndex(0); // at the live end: replay from the start
    this.writeHistory("playing", !playing);
  }

  private syncPlayTimer(): void {
    const playing = this.model.get("playing") === true;
    const speed = this.playSpeed();
    this.play.textContent = playing ? "❚❚ pause" : "▶ play";
    this.play.setAttribute("aria-pressed", String(playing));
    // Steps arriving while playing must not restart the clock (it would never tick).
    const wanted = playing ? speed : 0;
    if (wanted === this.timerSpeed) return;
    this.timerSpeed = wanted;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (!playing) return;
    this.timer = setInterval(() => {
      const steps = this.steps();
      const index = stepIndex(steps, this.shownStep());
      if (this.shownStep() === null || index >= steps.length - 1) {
        this.writeHistory("playing", false);
        return;
      }
      this.showIndex(index + 1);
    }, 1000 / speed);
  }

  // ---- updating ----------------------------------------------------------------------------

  private queueUpdate(): void {
    if (this.updateQueued) return;
    this.updateQueued = true;
    queueMicrotask(() => {
      this.updateQueued = false;
      if (!this.disposed) this.update();
    });
  }

  private update(): void {
    const steps = this.steps();
    const index = stepIndex(steps, this.shownStep());
    const entry = steps[index];
    this.emptyEl.hidden = steps.length > 0;
    this.slider.max = String(Math.max(0, steps.length - 1));
    syncValue(this.slider, String(Math.max(0, index)));
    this.slider.disabled = steps.length < 2;
    this.slider.setAttribute("aria-valuetext", entry ? `step ${entry.step}` : "no steps");
    this.stepEl.textContent = entry ? `step ${entry.step}` : "";
    this.root.dataset.step = entry ? String(entry.step) : "";
    this.root.dataset.steps = String(steps.length);
    this.timeEl.textContent = entry ? wallTime(entry.time) : "";
    this.newest.hidden = this.shownStep() === null;
    const thinned = this.store.thinned;
    this.thinnedEl.textContent =
      thinned > 0
        ? `${steps.length} of ${this.store.logged} steps kept (${thinned} thinned to stay within the budget)`
        : "";
    syncValue(this.speed, String(this.playSpeed()));
    this.syncPlayTimer();
    this.updateCompareControls(steps);
    this.updateNumbers(entry);
    const keys = (this.model.get("panel_keys") as string[] | undefined) ?? [];
    for (const key of keys) {
      if (this.isImageKey(key, steps)) this.updatePanel(this.panelFor(key), steps, entry);
    }
  }

  private updateCompareControls(steps: StepEntry[]): void {
    const pair = this.compareSteps();
    this.compareBox.checked = pair.length === 2;
    this.compareGroup.dataset.active = String(pair.length === 2);
    for (const [which, sel] of [
      [0, this.stepA],
      [1, this.stepB],
    ] as const) {
      const wanted = steps.map((s) => String(s.step));
      const have = [...sel.options].map((o) => o.value);
      if (wanted.join(",") !== have.join(",")) {
        sel.replaceChildren(
          ...steps.map((s) => {
            const option = element("option", undefined, `step ${s.step}`);
            option.value = String(s.step);
            return option;
          }),
        );
      }
      syncValue(sel, String(pair[which] ?? ""));
      (sel.parentElement ?? sel).hidden = pair.length !== 2;
    }
  }

  private updateNumbers(entry: StepEntry | undefined): void {
    const numbers = entry ? (this.store.data(entry.step)?.numbers ?? {}) : {};
    const names = Object.keys(numbers);
    this.numbersEl.hidden = names.length === 0;
    this.numbersEl.replaceChildren(
      ...names.map((name) => {
        const row = element("span", "nbimage-history-number", `${name} ${numbers[name]}`);
        row.dataset.key = name;
        return row;
      }),
    );
  }

  private keyState(key: string): Record<string, unknown> | undefined {
    return (this.model.get("key_state") as Record<string, Record<string, unknown>> | undefined)?.[key];
  }

  private isImageKey(key: string, steps: StepEntry[]): boolean {
    if (this.panels.has(key)) return true;
    return steps.some((s) => s.data?.items[key] !== undefined);
  }

  /** The newest kept step <= `step` that holds pictures for `key` (asking for missing data). */
  private itemsAt(key: string, steps: StepEntry[], step: number): { step: number; items: WireItem[] } | null {
    let index = stepIndex(steps, step);
    for (let looked = 0; index >= 0 && looked < SCAN_BACK; index -= 1, looked += 1) {
      const entry = steps[index];
      if (!entry) break;
      const items = this.store.data(entry.step)?.items[key];
      if (items && items.length > 0) return { step: entry.step, items };
    }
    return null;
  }

  private panelFor(key: string): KeyPanel {
    const existing = this.panels.get(key);
    if (existing) return existing;
    const el = element("div", "nbimage-history-panel");
    el.dataset.key = key;
    const head = element("div", "nbimage-history-head");
    const title = element("span", "nbimage-history-key", key);
    const unlink = checkbox("nbimage-history-unlink", "own step", false, (on) => {
      const own = { ...this.unlinked() };
      if (on) own[key] = Number(el.dataset.step ?? 0);
      else delete own[key];
      this.writeHistory("unlinked", own);
    });
    const slider = range({
      className: "nbimage-history-panel-slider",
      label: "step",
      min: 0,
      max: 0,
      step: 1,
      value: 0,
      onInput: (index) => {
        const steps = this.steps();
        this.writeHistory("unlinked", { ...this.unlinked(), [key]: steps[index]?.step ?? 0 });
      },
    });
    head.append(title, unlink.label, slider.label);
    const body = element("div", "nbimage-history-body");
    el.append(head, body);
    this.panelsEl.append(el);
    let panel: KeyPanel | null = null;
    const model = new PanelModel(
      () => this.savePanel(key, model),
      (content) => {
        // The inspector's request, pointed at the step and key this panel shows.
        const request = content as { item?: number };
        const source = panel?.sources[request.item ?? -1];
        if (source) this.model.send({ ...request, key, step: source.step, item: source.index });
      },
    );
    const state = this.keyState(key);
    for (const trait of PANEL_TRAITS) model.setIfChanged(trait, state?.[trait]);
    const messages: MessageModel = {
      on: (event, callback) => this.model.on(event, callback as Handler),
      off: (event, callback) => this.model.off(event, callback as Handler),
      send: (content) => model.send(content),
    };
    panel = {
      key,
      el,
      title,
      unlink: unlink.input,
      slider,
      body,
      model,
      view: null,
      channel: new InspectChannel(messages),
      sources: [],
      itemsKey: "",
    };
    this.panels.set(key, panel);
    return panel;
  }

  private savePanel(key: string, model: PanelModel): void {
    const all = (this.model.get("key_state") as Record<string, Record<string, unknown>> | undefined) ?? {};
    const own: Record<string, unknown> = { ...(all[key] ?? {}) };
    for (const trait of PANEL_TRAITS) {
      const value = model.get(trait);
      if (value !== undefined) own[trait] = value;
    }
    if (JSON.stringify(own) !== JSON.stringify(all[key] ?? {})) this.model.set("key_state", { ...all, [key]: own });
    for (const trait of SHARED_TRAITS) {
      const value = model.get(trait);
      if (value !== undefined && value !== this.model.get(trait)) this.model.set(trait, value);
    }
    this.model.save_changes();
  }

  private updatePanel(panel: KeyPanel, steps: StepEntry[], shown: StepEntry | undefined): void {
    const own = this.unlinked()[panel.key];
    const pair = this.compareSteps();
    panel.unlink.checked = own !== undefined;
    panel.slider.label.hidden = own === undefined;
    panel.slider.input.max = String(Math.max(0, steps.length - 1));
    if (own !== undefined) syncValue(panel.slider.input, String(stepIndex(steps, own)));
    const wanted = own ?? shown?.step ?? 0;
    let items: WireItem[] = [];
    let sources: { step: number; index: number }[] = [];
    let kind: "single" | "grid" | "compare";
    let titleStep = "";
    if (pair.length === 2) {
      kind = "compare";
      for (const [letter, step] of [
        ["A", pair[0] ?? 0],
        ["B", pair[1] ?? 0],
      ] as const) {
        const found = this.itemsAt(panel.key, steps, step);
        if (!found) continue;
        found.items.forEach((item, index) => {
          const suffix = found.items.length > 1 ? ` #${index + 1}` : "";
          items.push({ ...item, label: `${letter}: step ${found.step}${suffix}` });
          sources.push({ step: found.step, index });
        });
      }
      titleStep = `steps ${pair[0]} and ${pair[1]}`;
      const first = items.findIndex((item) => item.label.startsWith("B"));
      panel.model.setIfChanged("swipe_pair", [0, Math.max(0, first)]);
    } else {
      const found = this.itemsAt(panel.key, steps, wanted);
      items = found?.items ?? [];
      sources = items.map((_, index) => ({ step: found?.step ?? 0, index }));
      kind = items.length > 1 ? "grid" : "single";
      titleStep = found ? `step ${found.step}` : "";
      panel.el.dataset.step = found ? String(found.step) : "";
    }
    panel.title.textContent = titleStep ? `${panel.key} · ${titleStep}` : panel.key;
    for (const trait of SHARED_TRAITS) panel.model.setIfChanged(trait, this.model.get(trait));
    const state = this.keyState(panel.key);
    for (const trait of PANEL_TRAITS) panel.model.setIfChanged(trait, state?.[trait]);
    if (items.length === 0) return; // not encoded or fetched yet: keep what is shown
    const itemsKey = `${kind}|${items.map((item) => `${item.id}:${item.label}`).join(",")}`;
    if (itemsKey === panel.itemsKey) return;
    panel.itemsKey = itemsKey;
    panel.sources = sources;
    panel.model.set("view", kind);
    panel.model.set("items", items);
    panel.model.set("total_items", items.length);
    if (!panel.view) panel.view = new NbimageView(panel.model, panel.body, panel.channel);
  }

  destroy(): void {
    this.disposed = true;
    if (this.timer !== null) clearInterval(this.timer);
    for (const cleanup of this.cleanups) cleanup();
    for (const panel of this.panels.values()) {
      panel.view?.destroy();
      panel.channel.dispose();
    }
    this.panels.clear();
    this.root.remove();
  }
}
