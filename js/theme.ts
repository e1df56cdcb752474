// Light or dark, following the notebook frontend that hosts the view.
//
// JupyterLab / Notebook 7 mark the body with data-jp-theme-light; VS Code puts vscode-dark /
// vscode-light classes on the body; Colab and marimo set a theme attribute or a "dark" class
// on <html>/<body>. When no frontend says anything, the OS preference decides.

export type Theme = "light" | "dark";

function attr(el: Element | null, name: string): string | null {
  return el?.getAttribute(name) ?? null;
}

export function detectTheme(doc: Document = document): Theme {
  const body = doc.body;
  const html = doc.documentElement;
  const jp = attr(body, "data-jp-theme-light");
  if (jp !== null) return jp === "false" ? "dark" : "light";
  // VS Code's webviews also name the theme kind in an attribute (classes can lag behind it).
  const kind = attr(body, "data-vscode-theme-kind");
  if (kind !== null) return kind === "vscode-light" || kind === "vscode-high-contrast-light" ? "light" : "dark";
  if (body?.classList.contains("vscode-dark") || body?.classList.contains("vscode-high-contrast")) {
    if (!body.classList.contains("vscode-high-contrast-light")) return "dark";
  }
  if (body?.classList.contains("vscode-light")) return "light";
  for (const el of [html, body]) {
    const value = attr(el, "theme") ?? attr(el, "data-theme") ?? attr(el, "data-color-mode");
    if (value === "dark" || value === "light") return value;
    if (el?.classList.contains("dark") || el?.classList.contains("dark-theme")) return "dark";
  }
  const media = doc.defaultView?.matchMedia?.("(prefers-color-scheme: dark)");
  return media?.matches ? "dark" : "light";
}

/** Call `onChange` whenever the frontend switches theme; returns the cleanup. */
export function watchTheme(onChange: (theme: Theme) => void, doc: Document = document): () => void {
  let current = detectTheme(doc);
  const check = () => {
    const next = detectTheme(doc);
    if (next !== current) {
      current = next;
      onChange(next);
    }
  };
  const observer = new MutationObserver(check);
  const attributeFilter = [
    "class",
    "data-jp-theme-light",
    "data-vscode-theme-kind",
    "theme",
    "data-theme",
    "data-color-mode",
  ];
  observer.observe(doc.documentElement, { attributes: true, attributeFilter });
  if (doc.body) observer.observe(doc.body, { attributes: true, attributeFilter });
  const media = doc.defaultView?.matchMedia?.("(prefers-color-scheme: dark)");
  media?.addEventListener("change", check);
  return () => {
    observer.disconnect();
    media?.removeEventListener("change", check);
  };
}
