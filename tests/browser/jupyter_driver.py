"""Driving a notebook in JupyterLab 4 / Notebook 7 from Playwright, for the browser tests.

Cells run through the frontend's own commands (the app is exposed in the page with
`expose_app_in_browser`, as JupyterLab's own UI tests do); canvas pixels are read with
`getImageData`; every wait is an auto-wait (Playwright's `expect`, or a re-check per
animation frame), never a fixed sleep.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
# Kernel start, widget bundle load and first paint on a busy 2-core machine.
RENDER_TIMEOUT_MS = 60_000


class JupyterServer:
    def __init__(self, base_url: str, token: str, root: Path) -> None:
        self.base_url = base_url
        self.token = token
        self.root = root

    def url(self, path: str) -> str:
        separator = "&" if "?" in path else "?"
        return f"{self.base_url}{path}{separator}token={self.token}"


def write_notebook(path: Path, cells: list[str]) -> None:
    """An nbformat 4 notebook with these code cells and the venv's python3 kernel."""
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": f"cell-{i}",
                "metadata": {},
                "outputs": [],
                "source": source,
            }
            for i, source in enumerate(cells)
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook, indent=1))


class Notebook:
    """One open notebook page, driven through the frontend's own commands."""

    def __init__(self, page: Page, name: str) -> None:
        self.page = page
        self.name = name

    def wait_until_ready(self) -> None:
        self.page.locator(".jp-Notebook").first.wait_for(timeout=RENDER_TIMEOUT_MS)
        self.page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext",
            timeout=RENDER_TIMEOUT_MS,
        )
        self.page.evaluate(
            """async () => {
                const panel = window.jupyterapp.shell.currentWidget;
                await panel.context.ready;
                await panel.sessionContext.ready;
            }"""
        )

    def command(self, command: str, args: dict[str, Any] | None = None) -> None:
        self.page.evaluate(
            "([id, args]) => window.jupyterapp.commands.execute(id, args)", [command, args or {}]
        )

    def run_all(self) -> None:
        """Run every cell; resolves when the run has been submitted (the cells run in order)."""
        self.command("notebook:run-all-cells")

    def cell(self, index: int) -> Locator:
        return self.page.locator(".jp-Notebook .jp-Cell").nth(index)

    def view(self, index: int) -> Locator:
        """The nbimage view in cell `index`'s output (waits for its first paint)."""
        root = self.cell(index).locator("div.nbimage").first
        expect(root).to_have_attribute("data-ready", "true")
        return root

    def run_code(self, code: str) -> str:
        """Append a cell with `code`, run it like a person would, and return its text output."""
        result = self.page.evaluate(
            """async (code) => {
                const app = window.jupyterapp;
                const panel = app.shell.currentWidget;
                const notebook = panel.content;
                notebook.activeCellIndex = notebook.widgets.length - 1;
                await app.commands.execute('notebook:insert-cell-below');
                const cell = notebook.activeCell;
                cell.model.sharedModel.setSource(code);
                await app.commands.execute('notebook:run-cell');
                await panel.sessionContext.session.kernel.requestExecute({code: ''}).done;
                const outputs = cell.model.outputs.toJSON();
                return outputs.map((o) => {
                    if (o.output_type === 'stream') return [].concat(o.text).join('');
                    if (o.output_type === 'error') return 'ERROR ' + o.ename + ': ' + o.evalue;
                    const data = o.data || {};
                    return [].concat(data['text/plain'] || []).join('');
                }).join('');
            }""",
            code,
        )
        return str(result)

    def python_value(self, expression: str) -> str:
        """repr() of `expression` in the notebook's kernel, asked without adding a cell."""
        return str(
            self.page.evaluate(
                """async (expression) => {
                    const panel = window.jupyterapp.shell.currentWidget;
                    const kernel = panel.sessionContext.session.kernel;
                    const reply = await kernel.requestExecute({
                        code: '', silent: true, store_history: false,
                        user_expressions: {value: expression},
                    }).done;
                    const value = reply.content.user_expressions.value;
                    if (value.status !== 'ok') return 'ERROR ' + value.evalue;
                    return value.data['text/plain'];
                }""",
                expression,
            )
        )

    def wait_for_python(self, expression: str, predicate: Callable[[str], bool]) -> str:
        """Auto-wait until the kernel's repr() of `expression` satisfies `predicate`.

        The view writes some state (zoom, centre) once an interaction settles, so the kernel
        learns it a moment after the click; each try is paced by an animation frame.
        """
        deadline = time.monotonic() + RENDER_TIMEOUT_MS / 2000
        while True:
            value = self.python_value(expression)
            if predicate(value) or time.monotonic() > deadline:
                return value
            self.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(0)))")

    def screenshot(self, name: str, target: Locator | None = None) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        (target or self.page).screenshot(path=str(path))
        return path


def open_notebook(
    browser: Browser,
    server: JupyterServer,
    name: str,
    cells: list[str],
    *,
    frontend: str = "lab",
    viewport: tuple[int, int] = (1280, 1600),
) -> Notebook:
    """Write `name` with `cells`, open it in JupyterLab ("lab") or Notebook 7 ("notebook")."""
    write_notebook(server.root / name, cells)
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if frontend == "lab":
        # A workspace per notebook: no other test's tabs are restored into this page.
        path = f"/lab/workspaces/{Path(name).stem}/tree/{name}"
    else:
        path = f"/notebooks/{name}"
    page.goto(server.url(path))
    notebook = Notebook(page, name)
    notebook.page_errors = errors  # type: ignore[attr-defined]
    notebook.wait_until_ready()
    return notebook


def canvas_pixel(canvas: Locator, x: float, y: float) -> list[int]:
    """RGBA of the canvas at picture point (x, y) (continuous picture coordinates, so the
    centre of pixel 3 is 3.5), mapped to the canvas as the DOM contract says."""
    return list(
        canvas.evaluate(
            """(canvas, [x, y]) => {
                const w = Number(canvas.dataset.width), h = Number(canvas.dataset.height);
                if (!w || !h || !canvas.width || !canvas.height) return [-1, -1, -1, -1];
                const cx = Math.floor(x * canvas.width / w);
                const cy = Math.floor(y * canvas.height / h);
                return Array.from(canvas.getContext('2d').getImageData(cx, cy, 1, 1).data);
            }""",
            [x, y],
        )
    )


def wait_for_pixel(
    canvas: Locator,
    x: float,
    y: float,
    expected: tuple[int, int, int],
    *,
    tolerance: int = 6,
    negate: bool = False,
) -> list[int]:
    """Auto-wait until the canvas at picture point (x, y) is (or, negated, is not) `expected`.

    The locator is resolved again on every try (the view may replace its canvases when it
    re-renders), and the tries are paced by the page's animation frames, not by a timer.
    """
    deadline = time.monotonic() + RENDER_TIMEOUT_MS / 2000
    pixel = [-1, -1, -1, -1]
    while True:
        try:
            pixel = canvas_pixel(canvas, x, y)
        except PlaywrightError:  # mid re-render (old and new canvas both present)
            pixel = [-1, -1, -1, -1]
        drawn = pixel[0] >= 0  # decide only on a painted canvas
        close = all(abs(pixel[i] - expected[i]) <= tolerance for i in range(3))
        if drawn and close != negate:
            return pixel
        if time.monotonic() > deadline:
            break
        canvas.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(0)))")
    if negate:
        raise AssertionError(f"pixel ({x}, {y}) is still {pixel[:3]}, expected it to change")
    raise AssertionError(
        f"pixel ({x}, {y}) is {pixel[:3]}, expected {list(expected)} ± {tolerance}"
    )
