// Small accessible control builders. Every control has an accessible name, is a native
// focusable element (so keyboard works for free) and reports changes through a callback:
// the view turns those into trait writes.

import type { LegendLayer } from "./legend";
import { classColour } from "./palette";

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

export function button(text: string, action: string, ariaLabel: string, onClick: () => void): HTMLButtonElement {
  const el = element("button", "nbimage-button", text);
  el.type = "button";
  el.dataset.action = action;
  el.setAttribute("aria-label", ariaLabel);
  el.title = ariaLabel;
  el.addEventListener("click", onClick);
  return el;
}

export interface RangeOptions {
  className: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  onInput: (value: number) => void;
}

/** A labelled range input; `label` wraps it, so its text is the accessible name. */
export function range(options: RangeOptions): { label: HTMLLabelElement; input: HTMLInputElement } {
  const label = element("label", "nbimage-group");
  label.append(element("span", "nbimage-control-name", options.label));
  const input = element("input", options.className);
  input.type = "range";
  input.min = String(options.min);
  input.max = String(options.max);
  input.step = String(options.step);
  input.value = String(options.value);
  input.setAttribute("aria-label", options.label);
  input.addEventListener("input", () => options.onInput(Number(input.value)));
  label.append(input);
  return { label, input };
}

export function checkbox(
  className: string,
  text: string,
  checked: boolean,
  onChange: (checked: boolean) => void,
): { label: HTMLLabelElement; input: HTMLInputElement } {
  const label = element("label", "nbimage-group");
  const input = element("input", className);
  input.type = "checkbox";
  input.checked = checked;
  input.addEventListener("change", () => onChange(input.checked));
  label.append(input, element("span", undefined, text));
  return { label, input };
}

export function select(
  className: string,
  text: string,
  options: readonly { value: string; label: string }[],
  value: string,
  onChange: (value: string) => void,
): { label: HTMLLabelElement; select: HTMLSelectElement } {
  const label = element("label", "nbimage-group");
  const el = element("select", className);
  for (const option of options) {
    const opt = element("option", undefined, option.label);
    opt.value = option.value;
    el.append(opt);
  }
  el.value = value;
  el.setAttribute("aria-label", text);
  el.addEventListener("change", () => onChange(el.value));
  label.append(element("span", "nbimage-control-name", text), el);
  return { label, select: el };
}

/** Set an input's value without disturbing a person dragging it. */
export function syncValue(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (input.value !== value) input.value = value;
}

export interface LegendHandlers {
  onToggle: (layerKey: string, classId: number) => void;
  onAll: (layerKey: string) => void;
  onNone: (layerKey: string, classIds: number[]) => void;
}

export interface LegendView {
  el: HTMLElement;
  /** Reflect the hidden classes of this layer in aria-pressed. */
  sync: (hiddenIds: readonly number[]) => void;
}

function formatCount(count: number): string {
  return count >= 10000 ? `${(count / 1000).toFixed(0)}k` : String(count);
}

export function legendView(layer: LegendLayer, handlers: LegendHandlers): LegendView {
  const el = element("div", "nbimage-legend");
  el.dataset.layer = layer.key;
  el.dataset.kind = layer.kind;
  el.setAttribute("role", "group");
  el.setAttribute("aria-label", `${layer.kind} ${layer.key}`);
  el.append(element("span", "nbimage-legend-title", `${layer.key}`));
  const buttons: HTMLButtonElement[] = [];
  for (const cls of layer.classes) {
    const b = element("button", "nbimage-legend-class");
    b.type = "button";
    b.dataset.classId = String(cls.id);
    b.setAttribute("aria-pressed", "true");
    const unit = layer.kind === "boxes" ? (cls.count === 1 ? "box" : "boxes") : "pixels";
    b.setAttribute("aria-label", `${cls.name} (${cls.count} ${unit})`);
    const swatch = element("span", "nbimage-swatch");
    swatch.style.background = classColour(cls.id);
    swatch.setAttribute("aria-hidden", "true");
    b.append(
      swatch,
      element("span", "nbimage-legend-name", cls.name),
      element("span", "nbimage-legend-count", formatCount(cls.count)),
    );
    b.addEventListener("click", () => handlers.onToggle(layer.key, cls.id));
    buttons.push(b);
    el.append(b);
  }
  const ids = layer.classes.map((cls) => cls.id);
  el.append(
    button("all", "all", `show every class of ${layer.key}`, () => handlers.onAll(layer.key)),
    button("none", "none", `hide every class of ${layer.key}`, () => handlers.onNone(layer.key, ids)),
  );
  return {
    el,
    sync: (hiddenIds) => {
      const hidden = new Set(hiddenIds);
      for (const b of buttons) {
        const pressed = hidden.has(Number(b.dataset.classId)) ? "false" : "true";
        if (b.getAttribute("aria-pressed") !== pressed) b.setAttribute("aria-pressed", pressed);
      }
    },
  };
}
