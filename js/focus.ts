// Which element has keyboard focus, seen from inside the view. In a shadow root (marimo
// renders widgets in one) `document.activeElement` is the shadow host, never the control;
// the root node the view lives in knows the real one.

export function activeElementOf(node: Node): Element | null {
  const root = node.getRootNode();
  if (root instanceof Document || (typeof ShadowRoot !== "undefined" && root instanceof ShadowRoot)) {
    return root.activeElement;
  }
  return node.ownerDocument?.activeElement ?? null;
}
