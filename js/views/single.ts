// One picture: panel with caption, summary and the diagnostics list.

import type { ViewContext } from "./context";
import { panelWidth } from "./context";

export function buildSingle(ctx: ViewContext): HTMLElement[] {
  const item = ctx.state.items[0];
  if (!item) return [];
  const panel = ctx.panel([0], {
    displayWidth: panelWidth(item.width, item.height, 256, 512),
    summary: true,
    diagnostics: true,
  });
  return [panel.el];
}
