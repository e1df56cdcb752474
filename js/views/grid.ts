// A responsive grid of panels with one shared legend (built by the view), row breaks for
// `grouping`, and a pager above and below when there are more items than one page holds.
// Column count and thumbnail size come from CSS grid tracks chosen here from the item count
// (and `grouping`, `columns`, `width`), so they follow any resize of the output area; each
// canvas's ResizeObserver (the view's) then refits and repaints it.

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

/** The largest group `grouping` makes on this page (0: no grouping), see `rowBreaksAfter`. */
export function groupSize(items: readonly Pick<WireItem, "grouping">[]): number {
  if (!items.some((item) => item.grouping !== null && item.grouping > 0)) return 0;
  const breaks = [...rowBreaksAfter(items)];
  let largest = 0;
  let start = 0;
  for (const end of [...breaks, items.length - 1]) {
    largest = Math.max(largest, end - start + 1);
    start = end + 1;
  }
  return largest;
}

/** Smallest thumbnail (CSS px) for a page of `count` items: big for a few, small for hundreds. */
export function thumbnailSide(count: number): number {
  if (count <= 4) return 240;
  if (count <= 16) return 200;
  if (count <= 64) return 160;
  if (count <= 256) return 128;
  return 96;
}

/**
 * The grid's `grid-template-columns`: fixed `columns`; one column per item of a `grouping`
 * group (a group is never wrapped over two rows); else as many tracks of at least
 * `thumbnailSide(count)` as the output's width holds, stretched to fill it. `width` (CSS px,
 * 0 = automatic) caps each thumbnail instead.
 */
export function gridTemplate(columns: number, count = 0, group = 0, width = 0): string {
  const track = width > 0 ? `minmax(0, ${Math.round(width)}px)` : "minmax(0, 1fr)";
  if (columns > 0) return `repeat(${Math.floor(columns)}, ${track})`;
  if (group > 0) return `repeat(${group}, ${track})`;
  if (width > 0) return `repeat(auto-fill, ${track})`;
  return `repeat(auto-fit, minmax(min(${thumbnailSide(count)}px, 100%), 1fr))`;
}

/** The nearest ancestor that scrolls (the notebook panel in JupyterLab), else the page. */
function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}

/** After a page change from the pager: bring the view's top into sight if it is not. */
export function revealTop(el: HTMLElement): void {
  const top = el.getBoundingClientRect().top;
  const parent = scrollParent(el);
  const low = parent ? parent.getBoundingClientRect().top : 0;
  const high = parent ? parent.getBoundingClientRect().bottom : window.innerHeight;
  if (top < low || top > high - 40) el.scrollIntoView({ block: "start" });
}

function pager(ctx: ViewContext, position: "top" | "bottom", totalItems: number): HTMLElement {
  const { page, page_count: pageCount, items } = ctx.state;
  const el = element("div", "nbimage-pager");
  el.dataset.position = position;
  el.setAttribute("role", "navigation");
  el.setAttribute("aria-label", position === "top" ? "pages" : "pages (bottom)");
  const go = (delta: number) => {
    const next = Math.min(ctx.state.page_count - 1, Math.max(0, ctx.state.page + delta));
    if (next === ctx.state.page) return;
    ctx.write("page", next);
    const root = el.closest<HTMLElement>(".nbimage");
    if (root) revealTop(root);
  };
  const prev = button("‹ prev", "prev", "previous page", () => go(-1));
  const next = button("next ›", "next", "next page", () => go(1));
  const note = element("span", "nbimage-page-note", pageNote(page, pageCount, totalItems, items.length));
  if (position === "top") note.setAttribute("aria-live", "polite");
  const where = element("span", "nbimage-page-number", `page ${page + 1} of ${pageCount}`);
  prev.disabled = page <= 0;
  next.disabled = page >= pageCount - 1;
  el.append(prev, next, note, where);
  return el;
}

export function buildGrid(ctx: ViewContext): HTMLElement[] {
  const { items, columns, page_count: pageCount, total_items: total, width } = ctx.state;
  const grid = element("div", "nbimage-grid");
  grid.style.gridTemplateColumns = gridTemplate(columns, items.length, groupSize(items), width);
  const breaks = rowBreaksAfter(items);
  items.forEach((_, i) => {
    grid.append(ctx.panel([i], { displayWidth: null }).el);
    if (breaks.has(i)) grid.append(element("div", "nbimage-row-break"));
  });
  const out: HTMLElement[] = [grid];
  const totalItems = Math.max(total, items.length);
  if (pageCount > 1 || totalItems > items.length) {
    out.unshift(pager(ctx, "top", totalItems));
    out.push(pager(ctx, "bottom", totalItems));
  }
  const diagnostics = items.flatMap((item, i) =>
    item.diagnostics.map((diagnostic) => ({ prefix: `#${i + 1} `, diagnostic })),
  );
  if (diagnostics.length > 0) out.push(diagnosticsList(diagnostics));
  return out;
}
