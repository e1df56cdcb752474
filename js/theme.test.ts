import { describe, expect, it } from "vitest";
import { detectTheme } from "./theme";

/** The few Document/Element members detectTheme reads. */
function fakeDocument(
  body: { attrs?: Record<string, string>; classes?: string[] },
  html: { attrs?: Record<string, string>; classes?: string[] } = {},
  prefersDark = false,
): Document {
  const el = (spec: { attrs?: Record<string, string>; classes?: string[] }) => ({
    getAttribute: (name: string) => spec.attrs?.[name] ?? null,
    classList: { contains: (c: string) => spec.classes?.includes(c) ?? false },
  });
  return {
    body: el(body),
    documentElement: el(html),
    defaultView: { matchMedia: () => ({ matches: prefersDark }) },
  } as unknown as Document;
}

describe("theme detection", () => {
  it("follows JupyterLab's data-jp-theme-light, whatever the OS prefers", () => {
    expect(detectTheme(fakeDocument({ attrs: { "data-jp-theme-light": "false" } }))).toBe("dark");
    expect(detectTheme(fakeDocument({ attrs: { "data-jp-theme-light": "true" } }, {}, true))).toBe("light");
  });

  it("reads VS Code's body classes", () => {
    expect(detectTheme(fakeDocument({ classes: ["vscode-dark"] }))).toBe("dark");
    expect(detectTheme(fakeDocument({ classes: ["vscode-high-contrast"] }))).toBe("dark");
    expect(detectTheme(fakeDocument({ classes: ["vscode-high-contrast", "vscode-high-contrast-light"] }))).toBe(
      "light",
    );
    expect(detectTheme(fakeDocument({ classes: ["vscode-light"] }, {}, true))).toBe("light");
  });

  it("reads VS Code's data-vscode-theme-kind attribute", () => {
    const kind = (value: string) => fakeDocument({ attrs: { "data-vscode-theme-kind": value } });
    expect(detectTheme(kind("vscode-dark"))).toBe("dark");
    expect(detectTheme(kind("vscode-high-contrast"))).toBe("dark");
    expect(detectTheme(kind("vscode-high-contrast-light"))).toBe("light");
    expect(detectTheme(fakeDocument({ attrs: { "data-vscode-theme-kind": "vscode-light" } }, {}, true))).toBe("light");
  });

  it("reads theme attributes and dark classes on <html> (Colab, marimo)", () => {
    expect(detectTheme(fakeDocument({}, { attrs: { theme: "dark" } }))).toBe("dark");
    expect(detectTheme(fakeDocument({}, { attrs: { "data-theme": "light" } }, true))).toBe("light");
    expect(detectTheme(fakeDocument({}, { classes: ["dark"] }))).toBe("dark");
  });

  it("falls back to the OS preference", () => {
    expect(detectTheme(fakeDocument({}, {}, true))).toBe("dark");
    expect(detectTheme(fakeDocument({}, {}, false))).toBe("light");
  });
});
