// A responsive grid of panels with one shared legend (built by the view), row breaks for
// `grouping`, and a pager when there are more items than one page holds.

import { button, element } from "../controls";
import type { WireItem } from "../wire";
import type { ViewContext } from "./context";
import { diagnosticsList } from "./panel";

/**
 * Indices after which a new row starts. An item with `grouping = n` starts a group of n items;
 * following items without their own grouping repeat the last group size (wandb puts it on
 * the first image only).
 */
export function rowBreaksAfter(items: readonly Pick<WireItem, "grouping">[]): Set<number> {
  const breaks = new Set<number>();
  let size: number | null = null;
  let left = 0;
  items.forEach((item, i) => {
    if (item.grouping !== null && item.grouping > 0 && left === 0) {
      size = item.grouping;
      left = size;
    } else if (left === 0 && size !== null) {
      left = size;
    }
    if (left > 0) {
      left -= 1;
      if (left === 0 && i < items.length - 1) breaks.add(i);
    }
  });
  return breaks;
}

/** "items 1–108 of 250": which items this page shows (the last page holds the remainder). */
export function pageNote(page: number, pageCount: number, total: number, shown: number): string {
  if (shown === 0) return `no items (of ${total})`;
  const first = page >= pageCount - 1 ? total - shown + 1 : page * shown + 1;
  return `items ${first}–${first + shown - 1} of ${total}`;
}

export function gridTemplate(columns: number): string {
  return columns > 0 ? `repeat(${Math.floor(columns)}, minmax(0, 1fr))` : "repeat(auto-fill, minmax(160px, 1fr))";
}

export function buildGrid(ctx: ViewContext): HTMLElement[] {
  const { items, columns, page, page_count: pageCount, total_items: total } = ctx.state;
  const grid = element("div", "nbimage-grid");
  grid.style.gridTemplateColumns = gridTemplate(columns);
  const breaks = rowBreaksAfter(items);
  items.forEach((_, i) => {
    grid.append(ctx.panel([i], { displayWidth: null }).el);
    if (breaks.has(i)) grid.append(element("div", "nbimage-row-break"));
  });
  const out: HTMLElement[] = [grid];
  const totalItems = Math.max(total, items.length);
  if (pageCount > 1 || totalItems > items.length) {
    const pager = element("div", "nbimage-pager");
    pager.setAttribute("role", "navigation");
    pager.setAttribute("aria-label", "pages");
    const prev = button("‹ prev", "prev", "previous page", () => ctx.write("page", Math.max(0, ctx.state.page - 1)));
    const next = button("next ›", "next", "next page", () =>
      ctx.write("page", Math.min(ctx.state.page_count - 1, ctx.state.page + 1)),
    );
    const note = element("span", "nbimage-page-note", pageNote(page, pageCount, totalItems, items.length));
    note.setAttribute("aria-live", "polite");
    const where = element("span", "nbimage-page-number", `page ${page + 1} of ${pageCount}`);
    prev.disabled = page <= 0;
    next.disabled = page >= pageCount - 1;
    pager.append(prev, next, note, where);
    out.push(pager);
  }
  const diagnostics = items.flatMap((item, i) =>
    item.diagnostics.map((diagnostic) => ({ prefix: `#${i + 1} `, diagnostic })),
  );
  if (diagnostics.length > 0) out.push(diagnosticsList(diagnostics));
  return out;
}
