// The toolbar's heatmap controls: one opacity slider (`heatmap_opacity`) and, per heatmap
// key, a show/hide checkbox (`hidden_heatmaps`) beside its legend bar with the value range.

import { blobOf } from "./codec";
import { checkbox, element, range, syncValue } from "./controls";
import { formatHeatmapValue } from "./draw/heatmap";
import type { ViewContext } from "./views/context";
import type { WireHeatmap, WireItem } from "./wire";

/** The first heatmap of each key, in order, and whether its range differs between items. */
export function heatmapKeys(items: readonly WireItem[]): { heatmap: WireHeatmap; varies: boolean }[] {
  const found = new Map<string, { heatmap: WireHeatmap; varies: boolean }>();
  for (const item of items) {
    for (const heatmap of item.heatmaps ?? []) {
      const seen = found.get(heatmap.key);
      if (!seen) found.set(heatmap.key, { heatmap, varies: false });
      else if (seen.heatmap.lo !== heatmap.lo || seen.heatmap.hi !== heatmap.hi) seen.varies = true;
    }
  }
  return [...found.values()];
}

/** Controls for the items' heatmaps; `cleanups` gets what must be released at rebuild. */
export function heatmapControls(ctx: ViewContext, cleanups: (() => void)[]): HTMLElement[] {
  const keys = heatmapKeys(ctx.state.items);
  if (keys.length === 0) return [];
  const out: HTMLElement[] = [];
  const opacity = range({
    className: "nbimage-heatmap-opacity",
    label: "heatmap opacity",
    min: 0,
    max: 1,
    step: 0.05,
    value: ctx.state.heatmap_opacity,
    onInput: (value) => ctx.write("heatmap_opacity", value),
  });
  let latest = ctx.state;
  ctx.onSync((state) => {
    latest = state;
    syncValue(opacity.input, String(state.heatmap_opacity));
  });
  out.push(opacity.label);
  for (const { heatmap, varies } of keys) {
    const group = element("span", "nbimage-group nbimage-heatmap");
    group.dataset.heatmap = heatmap.key;
    const toggle = checkbox(
      "nbimage-heatmap-toggle",
      heatmap.key,
      !ctx.state.hidden_heatmaps.includes(heatmap.key),
      (on) => {
        const others = latest.hidden_heatmaps.filter((key) => key !== heatmap.key);
        ctx.write("hidden_heatmaps", on ? others : [...others, heatmap.key]);
      },
    );
    toggle.input.setAttribute("aria-label", `show heatmap ${heatmap.key}`);
    ctx.onSync((state) => {
      const shown = !state.hidden_heatmaps.includes(heatmap.key);
      if (toggle.input.checked !== shown) toggle.input.checked = shown;
    });
    const bar = element("img", "nbimage-colorbar");
    const url = URL.createObjectURL(blobOf(heatmap.colorbar, "image/png"));
    cleanups.push(() => URL.revokeObjectURL(url));
    bar.src = url;
    bar.alt = `${heatmap.colormap} from ${formatHeatmapValue(heatmap.lo)} to ${formatHeatmapValue(heatmap.hi)}`;
    bar.title = heatmap.colormap;
    const lo = element("span", "nbimage-heatmap-lo", formatHeatmapValue(heatmap.lo));
    const hi = element("span", "nbimage-heatmap-hi", formatHeatmapValue(heatmap.hi));
    group.append(toggle.label, lo, bar, hi);
    if (varies) group.append(element("span", "nbimage-heatmap-note", "(range per picture)"));
    out.push(group);
  }
  return out;
}
