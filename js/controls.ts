// Small accessible control builders. Every control has an accessible name, is a native
// focusable element (so keyboard works for free) and reports changes through a callback:
// the view turns those into trait writes.

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
  /** How the number beside the slider reads (default: up to 2 decimals). */
  format?: (value: number) => string;
}

/** The number shown beside each range input, kept current by `syncValue` too. */
const rangeOutputs = new WeakMap<HTMLInputElement, { output: HTMLOutputElement; format: (v: number) => string }>();

export function formatSliderValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function showRangeValue(input: HTMLInputElement): void {
  const shown = rangeOutputs.get(input);
  if (!shown) return;
  const text = shown.format(Number(input.value));
  if (shown.output.textContent !== text) shown.output.textContent = text;
}

/**
 * A labelled range input with its number beside it (`output.nbimage-range-value`);
 * `label` wraps both, so its text is the accessible name.
 */
export function range(options: RangeOptions): {
  label: HTMLLabelElement;
  input: HTMLInputElement;
  output: HTMLOutputElement;
} {
  const label = element("label", "nbimage-group");
  label.append(element("span", "nbimage-control-name", options.label));
  const input = element("input", options.className);
  input.type = "range";
  input.min = String(options.min);
  input.max = String(options.max);
  input.step = String(options.step);
  input.value = String(options.value);
  input.setAttribute("aria-label", options.label);
  const output = element("output", "nbimage-range-value");
  output.setAttribute("aria-hidden", "true"); // the input's own value is what is announced
  rangeOutputs.set(input, { output, format: options.format ?? formatSliderValue });
  showRangeValue(input);
  input.addEventListener("input", () => {
    showRangeValue(input);
    options.onInput(Number(input.value));
  });
  label.append(input, output);
  return { label, input, output };
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
  showRangeValue(input as HTMLInputElement); // a no-op for anything but a range()
}
