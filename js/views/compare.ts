// The comparison: the same data rendered several ways (built by Python), side by side or
// swiped, with the marks overlay, the era and denormalize selects, the histogram and the
// diagnostics summary. The view never re-implements a rule: selects write traits and
// Python sends new items.

import { checkbox, element, range, select, syncValue } from "../controls";
import { MARK_COLOURS } from "../draw/marks";
import { activeElementOf } from "../focus";
import type { WireDiagnostic } from "../wire";
import { panelWidth, type ViewContext } from "./context";
import { diagnosticsList } from "./panel";

export const DENORMALIZE_OPTIONS = [
  { value: "none", label: "none" },
  { value: "imagenet", label: "ImageNet mean/std" },
  { value: "pm1", label: "[-1, 1]" },
  { value: "custom", label: "custom mean/std" },
] as const;

/** "0.485, 0.456, 0.406" -> numbers; null when any part is not a finite number. */
export function parseNumbers(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  return values.every(Number.isFinite) ? values : null;
}

function uniqueDiagnostics(lists: readonly (readonly WireDiagnostic[])[]): WireDiagnostic[] {
  const seen = new Set<string>();
  const out: WireDiagnostic[] = [];
  for (const list of lists) {
    for (const d of list) {
      const key = `${d.code}\u0000${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(d);
      }
    }
  }
  return out;
}

function numberListInput(ctx: ViewContext, label: string, key: "custom_mean" | "custom_std"): HTMLLabelElement {
  const wrap = element("label", "nbimage-group");
  const input = element("input", `nbimage-${key.replace("_", "-")}`);
  input.type = "text";
  input.inputMode = "decimal";
  input.placeholder = key === "custom_mean" ? "0.485, 0.456, 0.406" : "0.229, 0.224, 0.225";
  input.value = ctx.state[key].join(", ");
  input.setAttribute("aria-label", `${label}, comma-separated, one per channel`);
  input.addEventListener("change", () => {
    const values = parseNumbers(input.value);
    input.setAttribute("aria-invalid", values ? "false" : "true");
    if (values) ctx.write(key, values);
  });
  ctx.onSync((state) => {
    if (activeElementOf(input) !== input) input.value = state[key].join(", ");
  });
  wrap.append(element("span", "nbimage-control-name", label), input);
  return wrap;
}

export interface CompareParts {
  elements: HTMLElement[];
  histogram: HTMLCanvasElement | null;
}

export function buildCompare(ctx: ViewContext): CompareParts {
  const { items, compare_mode: mode, swipe_pair: pair, eras } = ctx.state;
  const controls = element("div", "nbimage-compare-controls");
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", "comparison");
  const modeSelect = select(
    "nbimage-compare-mode",
    "mode",
    [
      { value: "side-by-side", label: "side by side" },
      { value: "swipe", label: "swipe" },
    ],
    mode,
    (value) => ctx.write("compare_mode", value === "swipe" ? "swipe" : "side-by-side"),
  );
  controls.append(modeSelect.label);
  if (items.some((item) => item.marks !== null)) {
    const marks = checkbox("nbimage-marks", "mark clipped / NaN / Inf pixels", ctx.state.show_marks, (on) =>
      ctx.write("show_marks", on),
    );
    ctx.onSync((state) => {
      marks.input.checked = state.show_marks;
    });
    controls.append(marks.label);
  }
  if (eras.length > 0) {
    const era = select(
      "nbimage-era",
      "what wandb logs",
      eras.map((e) => ({ value: e.id, label: e.label })),
      ctx.state.era,
      (value) => ctx.write("era", value),
    );
    ctx.onSync((state) => syncValue(era.select, state.era));
    controls.append(era.label);
  }
  const denorm = select("nbimage-denormalize", "denormalize", DENORMALIZE_OPTIONS, ctx.state.denormalize, (value) =>
    ctx.write("denormalize", value),
  );
  controls.append(denorm.label);
  const custom = element("span", "nbimage-custom-stats");
  custom.append(numberListInput(ctx, "mean", "custom_mean"), numberListInput(ctx, "std", "custom_std"));
  controls.append(custom);
  ctx.onSync((state) => {
    syncValue(denorm.select, state.denormalize);
    custom.hidden = state.denormalize !== "custom";
  });

  const panels = element("div", "nbimage-panels");
  const elements: HTMLElement[] = [controls, panels];
  const width = (w: number, h: number) => panelWidth(w, h, 200, 360);
  if (mode === "swipe" && items.length >= 2) {
    const a = Math.min(items.length - 1, Math.max(0, pair[0] ?? 0));
    const b = Math.min(items.length - 1, Math.max(0, pair[1] ?? 1));
    const first = items[a];
    const second = items[b];
    if (first && second) {
      const panel = ctx.panel([a, b], {
        displayWidth: panelWidth(first.width, first.height, 256, 512),
        label: `${first.label || `#${a}`}  ◀ ▶  ${second.label || `#${b}`}`,
        caption: false,
      });
      panels.append(panel.el);
      const swipe = range({
        className: "nbimage-swipe",
        label: "swipe divider",
        min: 0,
        max: 1,
        step: 0.01,
        value: ctx.state.swipe_position,
        onInput: (value) => ctx.write("swipe_position", value),
      });
      ctx.onSync((state) => syncValue(swipe.input, String(state.swipe_position)));
      swipe.label.classList.add("nbimage-swipe-control");
      panel.el.append(swipe.label);
      // Which two renderings the swipe compares.
      const choices = items.map((item, i) => ({ value: String(i), label: item.label || `#${i}` }));
      const left = select("nbimage-swipe-left", "left", choices, String(a), (value) =>
        ctx.write("swipe_pair", [Number(value), ctx.state.swipe_pair[1] ?? b]),
      );
      const right = select("nbimage-swipe-right", "right", choices, String(b), (value) =>
        ctx.write("swipe_pair", [ctx.state.swipe_pair[0] ?? a, Number(value)]),
      );
      controls.append(left.label, right.label);
    }
  } else {
    items.forEach((item, i) => {
      panels.append(
        ctx.panel([i], { displayWidth: width(item.width, item.height), label: item.label || `#${i}`, summary: true })
          .el,
      );
    });
  }

  const key = element("div", "nbimage-mark-key");
  key.setAttribute("aria-label", "marks colour key");
  for (const { rgb, name } of Object.values(MARK_COLOURS)) {
    const entry = element("span", "nbimage-group");
    const swatch = element("span", "nbimage-swatch");
    swatch.style.background = `rgb(${rgb.join(",")})`;
    entry.append(swatch, element("span", undefined, name));
    key.append(entry);
  }
  ctx.onSync((state) => {
    key.hidden = !state.show_marks;
  });
  elements.push(key);

  let histogram: HTMLCanvasElement | null = null;
  if (ctx.state.histogram) {
    // The histogram and its value -> 0–255 mapping follow the chosen panel (Python computes
    // both): the raw input, or the denormalized values before their clamp.
    const of = select(
      "nbimage-histogram-of",
      "histogram of",
      [
        { value: "raw", label: "raw values (logged panel)" },
        { value: "denormalized", label: "denormalized values (x · std + mean)" },
      ],
      ctx.state.histogram_of,
      (value) => ctx.write("histogram_of", value === "denormalized" ? "denormalized" : "raw"),
    );
    const canvas = element("canvas", "nbimage-histogram");
    canvas.setAttribute("role", "img");
    ctx.onSync((state) => {
      syncValue(of.select, state.histogram_of);
      of.label.hidden = state.denormalize === "none";
      const hist = state.histogram;
      const whose = state.histogram_of === "denormalized" && state.denormalize !== "none" ? "denormalized" : "raw";
      canvas.dataset.of = whose;
      if (hist) {
        canvas.dataset.lo = String(hist.lo);
        canvas.dataset.hi = String(hist.hi);
        canvas.setAttribute(
          "aria-label",
          `histogram of the ${whose} values per channel from ${hist.lo} to ${hist.hi}, with the value to 0–255 mapping and clipped ranges shaded`,
        );
      }
    });
    histogram = canvas;
    elements.push(of.label, canvas);
  }
  const first = items[0];
  if (first?.summary) elements.push(element("div", "nbimage-summary", first.summary));
  const diagnostics = uniqueDiagnostics(items.map((item) => item.diagnostics));
  if (diagnostics.length > 0) {
    elements.push(diagnosticsList(diagnostics.map((diagnostic) => ({ prefix: "", diagnostic }))));
  }
  return { elements, histogram };
}
