// One picture: panel with caption, summary and the diagnostics list. It is as wide as the
// output area (CSS max-width: 100%, so it follows a resize) up to its own pixel width, at
// least 256 px on its long side for small pictures, or `width` CSS px when set.

import type { ViewContext } from "./context";
import { panelWidth } from "./context";

export function buildSingle(ctx: ViewContext): HTMLElement[] {
  const item = ctx.state.items[0];
  if (!item) return [];
  const panel = ctx.panel([0], {
    displayWidth:
      ctx.state.width > 0 ? ctx.state.width : panelWidth(item.width, item.height, 256, Number.POSITIVE_INFINITY),
    summary: true,
    diagnostics: true,
  });
  return [panel.el];
}
