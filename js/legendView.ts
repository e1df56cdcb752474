// The legend DOM of one overlay layer: a toggle for the whole layer, all/none, one toggle
// per class with its count, and, for many classes (more than two rows), a compact scrolling
// list with a filter box and "show all N". Everything is a native button or input, so the
// keyboard reaches it; names and counts are textContent, never markup.

import { button, element, range, syncValue } from "./controls";
import { COMPACT_SHOWN, INLINE_MAX, type LegendClass, type LegendLayer, visibleClasses } from "./legend";
import { classColour } from "./palette";

export interface LegendHandlers {
  onToggle: (layerKey: string, classId: number) => void;
  onAll: (layerKey: string) => void;
  onNone: (layerKey: string, classIds: number[]) => void;
  onLayer: (layerKey: string) => void;
  /** Set only for mask layers that get their own opacity slider. */
  onOpacity?: (layerKey: string, value: number) => void;
}

/** What a legend reflects on every refresh. */
export interface LegendSync {
  hiddenIds: readonly number[];
  layerHidden: boolean;
  /** Boxes kept by the score thresholds per class (null: no threshold applies). */
  kept: ReadonlyMap<number, number> | null;
  /** This mask layer's opacity (when it has a slider). */
  opacity: number;
}

export interface LegendOptions {
  /** Line style sample for a box layer ("solid" | "dashed" | "dotted"). */
  line?: string;
  /** Give the layer its own opacity slider (mask layers, when a picture has several). */
  opacitySlider?: boolean;
  /** Filter text and expansion kept across rebuilds (paging) by the view. */
  memory: { query: string; expanded: boolean };
}

export interface LegendView {
  el: HTMLElement;
  sync: (state: LegendSync) => void;
}

export function formatCount(count: number): string {
  return count >= 10000 ? `${(count / 1000).toFixed(0)}k` : String(count);
}

/** "3", or "2/3" when a threshold hides some of the class's boxes. */
export function countText(cls: LegendClass, kept: number | undefined): string {
  if (kept === undefined || kept >= cls.count) return formatCount(cls.count);
  return `${formatCount(kept)}/${formatCount(cls.count)}`;
}

function classButton(layer: LegendLayer, cls: LegendClass, handlers: LegendHandlers): HTMLButtonElement {
  const b = element("button", "nbimage-legend-class");
  b.type = "button";
  b.dataset.classId = String(cls.id);
  b.setAttribute("aria-pressed", "true");
  const swatch = element("span", "nbimage-swatch");
  swatch.style.background = classColour(cls.id);
  swatch.setAttribute("aria-hidden", "true");
  b.append(
    swatch,
    element("span", "nbimage-legend-name", cls.name),
    element("span", "nbimage-legend-count", formatCount(cls.count)),
  );
  b.title = cls.name;
  b.addEventListener("click", () => handlers.onToggle(layer.key, cls.id));
  return b;
}

export function legendView(layer: LegendLayer, handlers: LegendHandlers, options: LegendOptions): LegendView {
  const compact = layer.classes.length > INLINE_MAX;
  const el = element("div", "nbimage-legend");
  el.dataset.layer = layer.key;
  el.dataset.kind = layer.kind;
  el.dataset.compact = String(compact);
  el.setAttribute("role", "group");
  el.setAttribute("aria-label", `${layer.kind} ${layer.key}`);

  const head = element("div", "nbimage-legend-head");
  const title = button(layer.key, "layer", `show or hide the whole ${layer.kind} layer ${layer.key}`, () =>
    handlers.onLayer(layer.key),
  );
  title.classList.add("nbimage-legend-title");
  title.setAttribute("aria-pressed", "true");
  if (options.line) {
    const line = element("span", "nbimage-layer-line");
    line.dataset.line = options.line;
    line.setAttribute("aria-hidden", "true");
    title.prepend(line);
  }
  head.append(title);
  let opacityInput: HTMLInputElement | null = null;
  if (options.opacitySlider && handlers.onOpacity) {
    const onOpacity = handlers.onOpacity;
    const slider = range({
      className: "nbimage-layer-opacity",
      label: "opacity",
      min: 0,
      max: 1,
      step: 0.05,
      value: 0.5,
      onInput: (value) => onOpacity(layer.key, value),
    });
    slider.input.dataset.layer = layer.key;
    slider.input.setAttribute("aria-label", `opacity of ${layer.key}`);
    opacityInput = slider.input;
    head.append(slider.label);
  }
  const ids = layer.classes.map((cls) => cls.id);
  head.append(
    button("all", "all", `show every class of ${layer.key}`, () => handlers.onAll(layer.key)),
    button("none", "none", `hide every class of ${layer.key}`, () => handlers.onNone(layer.key, ids)),
  );
  el.append(head);

  const list = element("div", "nbimage-legend-list");
  const buttons = new Map<number, HTMLButtonElement>();
  for (const cls of layer.classes) buttons.set(cls.id, classButton(layer, cls, handlers));
  const labelFor = (cls: LegendClass, count: string) => {
    const unit = layer.kind === "boxes" ? (cls.count === 1 ? "box" : "boxes") : "pixels";
    return `${cls.name} (${count} ${unit})`;
  };

  if (!compact) {
    list.append(...buttons.values());
    el.append(list);
  } else {
    const memory = options.memory;
    const tools = element("div", "nbimage-legend-tools");
    const filter = element("input", "nbimage-legend-filter");
    filter.type = "search";
    filter.placeholder = "type to find a class";
    filter.value = memory.query;
    filter.setAttribute("aria-label", `find a class of ${layer.key}`);
    const note = element("span", "nbimage-legend-note");
    note.setAttribute("aria-live", "polite");
    const more = button(
      `show all ${layer.classes.length}`,
      "show-all",
      `list all ${layer.classes.length} classes of ${layer.key}`,
      () => {
        memory.expanded = !memory.expanded;
        render();
      },
    );
    const render = () => {
      const shown = visibleClasses(layer.classes, memory.query, memory.expanded);
      list.replaceChildren(...shown.map((cls) => buttons.get(cls.id)).filter((b) => b !== undefined));
      const filtering = memory.query.trim() !== "";
      note.textContent = filtering
        ? `${shown.length} of ${layer.classes.length} match`
        : `${shown.length} of ${layer.classes.length} classes`;
      more.hidden = filtering || layer.classes.length <= COMPACT_SHOWN;
      more.textContent = memory.expanded ? "show fewer" : `show all ${layer.classes.length}`;
      more.setAttribute("aria-expanded", String(memory.expanded));
    };
    filter.addEventListener("input", () => {
      memory.query = filter.value;
      render();
    });
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && filter.value !== "") {
        event.stopPropagation();
        filter.value = "";
        memory.query = "";
        render();
      } else if (event.key === "Enter") {
        // Enter toggles the best match, so a class can be found and hidden without the mouse.
        list.querySelector<HTMLButtonElement>("button.nbimage-legend-class")?.click();
      }
    });
    tools.append(filter, more, note);
    el.append(tools, list);
    render();
  }

  return {
    el,
    sync: (state) => {
      const hidden = new Set(state.hiddenIds);
      for (const cls of layer.classes) {
        const b = buttons.get(cls.id);
        if (!b) continue;
        const pressed = hidden.has(cls.id) ? "false" : "true";
        if (b.getAttribute("aria-pressed") !== pressed) b.setAttribute("aria-pressed", pressed);
        const count = b.querySelector(".nbimage-legend-count");
        // Mask counts are the confidence slider's to update (confidence.ts); box counts follow
        // the score thresholds here.
        const text =
          layer.kind === "boxes"
            ? countText(cls, state.kept?.get(cls.id) ?? (state.kept ? 0 : undefined))
            : (count?.textContent ?? formatCount(cls.count));
        if (count && count.textContent !== text) count.textContent = text;
        const aria = labelFor(cls, text);
        if (b.getAttribute("aria-label") !== aria) b.setAttribute("aria-label", aria);
      }
      const layerPressed = state.layerHidden ? "false" : "true";
      if (title.getAttribute("aria-pressed") !== layerPressed) title.setAttribute("aria-pressed", layerPressed);
      el.dataset.hidden = String(state.layerHidden);
      if (opacityInput) syncValue(opacityInput, String(state.opacity));
    },
  };
}
