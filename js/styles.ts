// The view's stylesheet, injected once per document and scoped under `.nbimage`.
// Colours come from JupyterLab's --jp-* variables, then VS Code's, then plain fallbacks.

const CSS = `
.nbimage {
  --nbi-bg: var(--jp-layout-color0, var(--vscode-editor-background, #ffffff));
  --nbi-panel: var(--jp-layout-color1, var(--vscode-editor-background, #ffffff));
  --nbi-fg: var(--jp-ui-font-color1, var(--vscode-editor-foreground, rgba(0, 0, 0, 0.87)));
  --nbi-muted: var(--jp-ui-font-color2, rgba(0, 0, 0, 0.6));
  --nbi-border: var(--jp-border-color2, #d0d0d0);
  --nbi-accent: var(--jp-brand-color1, #1976d2);
  --nbi-warn: var(--jp-warn-color1, #e65100);
  --nbi-error: var(--jp-error-color1, #d32f2f);
  --nbi-canvas: var(--jp-layout-color2, #eeeeee);
  font-family: var(--jp-ui-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  font-size: var(--jp-ui-font-size1, 13px);
  color: var(--nbi-fg);
  background: var(--nbi-bg);
  padding: 4px;
  position: relative;
  box-sizing: border-box;
  max-width: 100%;
}
.nbimage[data-theme="dark"] {
  --nbi-bg: var(--jp-layout-color0, var(--vscode-editor-background, #1e1e1e));
  --nbi-panel: var(--jp-layout-color1, var(--vscode-editor-background, #1e1e1e));
  --nbi-fg: var(--jp-ui-font-color1, var(--vscode-editor-foreground, rgba(255, 255, 255, 0.87)));
  --nbi-muted: var(--jp-ui-font-color2, rgba(255, 255, 255, 0.6));
  --nbi-border: var(--jp-border-color2, #444444);
  --nbi-accent: var(--jp-brand-color1, #64b5f6);
  --nbi-warn: var(--jp-warn-color1, #ffb74d);
  --nbi-error: var(--jp-error-color1, #ef5350);
  --nbi-canvas: var(--jp-layout-color2, #2a2a2a);
}
.nbimage *, .nbimage *::before, .nbimage *::after { box-sizing: border-box; }
.nbimage [hidden] { display: none !important; }
/* Host pages style bare elements (classic Notebook: Bootstrap 3's full-width block range
   inputs, bold labels, summary {display: block}); the view's own elements keep their layout. */
.nbimage label { display: inline-flex; max-width: none; margin: 0; padding: 0; font-weight: normal; line-height: normal; }
.nbimage input[type="range"] { display: inline-block; width: auto; margin: 0; }
.nbimage input[type="checkbox"] { margin: 0; }
.nbimage summary { display: list-item; }
.nbimage-control-name { white-space: nowrap; }
.nbimage button, .nbimage select, .nbimage input {
  font: inherit; color: var(--nbi-fg); background: var(--nbi-panel);
  border: 1px solid var(--nbi-border); border-radius: 3px;
}
.nbimage button { padding: 1px 6px; cursor: pointer; }
.nbimage button:disabled { opacity: 0.5; cursor: default; }
.nbimage :focus-visible { outline: 2px solid var(--nbi-accent); outline-offset: 1px; }
.nbimage input[type="range"] { padding: 0; border: none; background: transparent; vertical-align: middle; }
.nbimage-toolbar, .nbimage-compare-controls {
  display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; margin-bottom: 4px;
}
.nbimage-group { display: inline-flex; gap: 4px; align-items: center; }
.nbimage-threshold-count, .nbimage-summary, .nbimage-page-note { color: var(--nbi-muted); }
.nbimage-confidence-count, .nbimage-confidence-value, .nbimage-heatmap-lo, .nbimage-heatmap-hi,
.nbimage-heatmap-note { color: var(--nbi-muted); font-variant-numeric: tabular-nums; }
.nbimage-colorbar { width: 96px; height: 10px; image-rendering: pixelated; border: 1px solid var(--nbi-muted); }
.nbimage-legends { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-bottom: 4px; }
.nbimage-legend { display: flex; flex-wrap: wrap; gap: 3px; align-items: center; }
.nbimage-legend-title { font-weight: 600; margin-right: 2px; }
.nbimage-legend-class { display: inline-flex; gap: 4px; align-items: center; }
.nbimage-legend-class[aria-pressed="false"] { opacity: 0.45; text-decoration: line-through; }
.nbimage-legend-count { color: var(--nbi-muted); font-variant-numeric: tabular-nums; }
.nbimage-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; }
.nbimage-legend[data-compact="false"] > .nbimage-legend-head,
.nbimage-legend[data-compact="false"] > .nbimage-legend-list { display: contents; }
.nbimage-legend[data-compact="true"] { flex: 1 1 100%; flex-direction: column; align-items: stretch; }
.nbimage-legend-head, .nbimage-legend-tools { display: flex; flex-wrap: wrap; gap: 3px 6px; align-items: center; }
.nbimage-legend[data-compact="true"] > .nbimage-legend-list {
  display: flex; flex-wrap: wrap; gap: 3px; align-content: flex-start; max-height: 5.4em; overflow-y: auto;
  padding: 2px; border: 1px solid var(--nbi-border); border-radius: 3px;
}
.nbimage-legend-filter { width: 14em; padding: 1px 4px; }
.nbimage-legend-note { color: var(--nbi-muted); }
.nbimage-legend-title[aria-pressed="false"] { opacity: 0.55; text-decoration: line-through; }
.nbimage-legend[data-hidden="true"] > .nbimage-legend-list { opacity: 0.5; }
.nbimage-layer-line { display: inline-block; width: 18px; border-top: 2px solid currentColor; margin-right: 4px; vertical-align: middle; }
.nbimage-layer-line[data-line="dashed"] { border-top-style: dashed; }
.nbimage-layer-line[data-line="dotted"] { border-top-style: dotted; }
.nbimage-range-value { min-width: 2.4em; font-variant-numeric: tabular-nums; color: var(--nbi-fg); }
.nbimage-item { position: relative; min-width: 0; }
.nbimage-stage { position: relative; width: fit-content; max-width: 100%; }
.nbimage-grid .nbimage-stage { width: auto; }
.nbimage-canvas {
  display: block; max-width: 100%; height: auto; background: var(--nbi-canvas);
  image-rendering: pixelated; cursor: crosshair; touch-action: none;
}
.nbimage-canvas.nbimage-dragging { cursor: grabbing; }
.nbimage-wheel-hint {
  position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); pointer-events: none;
  padding: 4px 10px; border-radius: 4px; background: rgba(0, 0, 0, 0.72); color: #fff;
  font-size: 12px; white-space: nowrap;
}
.nbimage-caption { margin-top: 2px; overflow-wrap: anywhere; white-space: pre-wrap; }
.nbimage-panel-label { font-weight: 600; margin-bottom: 2px; }
.nbimage-badges { position: absolute; top: 4px; right: 4px; justify-content: flex-end; display: flex; flex-wrap: wrap; gap: 3px; pointer-events: none; }
.nbimage-badge {
  pointer-events: auto; font-size: 11px; line-height: 1.4; padding: 0 5px; border-radius: 8px;
  background: var(--nbi-warn); color: #000; opacity: 0.92;
}
.nbimage-badge[data-severity="error"] { background: var(--nbi-error); color: #fff; }
.nbimage-diagnostics { margin-top: 4px; }
.nbimage-diagnostics summary { cursor: pointer; color: var(--nbi-muted); }
.nbimage-diagnostics li[data-severity="warning"] .nbimage-code { color: var(--nbi-warn); }
.nbimage-diagnostics li[data-severity="error"] .nbimage-code { color: var(--nbi-error); }
.nbimage-code { font-family: var(--jp-code-font-family, monospace); margin-right: 6px; }
.nbimage-grid { display: grid; gap: 8px; align-items: start; }
.nbimage-row-break { grid-column: 1 / -1; height: 0; }
.nbimage-pager { display: flex; gap: 8px; align-items: center; margin-top: 6px; }
.nbimage-pager[data-position="top"] { margin: 0 0 6px; }
.nbimage-panels { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
.nbimage-panels > .nbimage-item { flex: 0 1 auto; }
.nbimage-swipe-control { display: flex; width: 100%; margin-top: 2px; }
.nbimage-swipe { flex: 1; min-width: 0; }
.nbimage-error { color: var(--nbi-error); padding: 4px; }
.nbimage-inspector {
  position: absolute; z-index: 10; pointer-events: none; white-space: pre; padding: 4px 6px;
  font-family: var(--jp-code-font-family, monospace); font-size: 11px;
  background: var(--nbi-panel); color: var(--nbi-fg); border: 1px solid var(--nbi-border);
  border-radius: 3px; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3);
}
.nbimage-inspector[hidden] { display: none; }
.nbimage-histogram { display: block; width: 100%; max-width: 640px; height: 120px; border: 1px solid var(--nbi-border); }
.nbimage-mark-key { display: inline-flex; gap: 8px; }
.nbimage-custom-stats { display: inline-flex; gap: 4px; align-items: center; }
.nbimage-custom-stats input { width: 11em; }
.nbimage-window-custom { display: inline-flex; gap: 4px; align-items: center; }
.nbimage-window-custom input { width: 7em; }
.nbimage-window-note { color: var(--nbi-muted); font-style: italic; margin: 2px 0 4px; }
.nbimage-window-note[data-error="true"] { color: #c0392b; font-style: normal; }
`;

const STYLE_ID = "nbimage-style";

/**
 * Add the stylesheet once where `el` lives: the document, or the shadow root some frontends
 * (marimo) render widgets into, since document styles do not reach inside a shadow root.
 */
export function ensureStyles(el: HTMLElement): void {
  const root = el.getRootNode();
  const doc = el.ownerDocument;
  const inShadow = typeof ShadowRoot !== "undefined" && root instanceof ShadowRoot;
  const container: ParentNode = inShadow ? root : doc.head;
  if (container.querySelector(`style#${STYLE_ID}`)) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS;
  container.appendChild(style);
}
