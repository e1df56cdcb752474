"""Write the example notebooks from their sources in `notebooks/src/` and execute them.

Each source is a Python file in the "percent" format: `# %%` starts a code cell and
`# %% [markdown]` a markdown cell whose lines are comments (`# ` is stripped). Keeping the
sources as plain Python makes them easy to review and diff; the `.ipynb` files are the
build output, executed here so their outputs (each view's `image/png` and `text/plain`,
the printed diagnostics that nbval compares) are saved in them.

How the views are saved (see the README's "Saved notebooks"): as their static forms only,
no widget state and no widget-view reference. Every reader without a kernel then shows the
picture: GitHub, nbviewer, `nbconvert --to html` online or offline, and JupyterLab before
the cells are run (a widget-view output with no saved state would show "Error displaying
widget: model not found" there). Running a cell brings the live view back. Widget state
would also store each view's pictures a second time plus the 46 kB bundle once per view.

Usage: `python notebooks/build_notebooks.py [NAME ...]` (default: every source), or
`make notebooks`. Run it with the project's `.venv` Python: the kernel is that interpreter.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"
# Without the built bundle a view would not be the one users get.
BUNDLE = HERE.parent / "nbimage" / "static" / "widget.js"
# A notebook far past this is a sign that pictures are too large for a readable diff.
SIZE_WARNING_BYTES = 1_200_000  # each view's image/png fallback, once (the test budget)
CELL_TIMEOUT_S = 120
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def static_outputs(nb: nbformat.NotebookNode) -> None:
    """Keep each view's static forms (image/png, text/plain) and drop its widget-view
    reference, which no saved state backs (what every kernel-less reader then shows)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") in ("display_data", "execute_result"):
                output["data"].pop(WIDGET_VIEW, None)
                output.get("metadata", {}).pop(WIDGET_VIEW, None)


def parse_cells(text: str) -> list[nbformat.NotebookNode]:
    """Split a percent-format source into notebook cells."""
    cells: list[nbformat.NotebookNode] = []
    kind: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            body = "\n".join(_uncomment(line) for line in body.splitlines())
            cells.append(nbformat.v4.new_markdown_cell(body))
        elif body:
            cells.append(nbformat.v4.new_code_cell(body))

    for line in text.splitlines():
        if line.startswith("# %%"):
            flush()
            kind = "markdown" if "[markdown]" in line else "code"
            lines = []
        elif kind is not None:
            lines.append(line)
    flush()
    return cells


def _uncomment(line: str) -> str:
    if line.startswith("# "):
        return line[2:]
    if line.startswith("#"):
        return line[1:]
    return line


def build(source: Path) -> Path:
    """Write and execute the notebook for one source; return the `.ipynb` path."""
    nb = nbformat.v4.new_notebook()
    nb.cells = parse_cells(source.read_text(encoding="utf-8"))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(HERE)}},
        record_timing=False,  # timestamps would make every rebuild a diff
        store_widget_state=False,  # the static forms serve every reader (see above)
    )
    target = HERE / (source.stem + ".ipynb")
    try:
        client.execute()
    finally:
        # Written even when a cell fails, so the traceback can be read in the notebook
        # (tests/test_notebooks_static.py rejects a saved notebook with an error in it).
        # language_info is reset: the exact Python version would make every rebuild a diff.
        nb.metadata["language_info"] = {"name": "python"}
        static_outputs(nb)
        nbformat.validate(nb)
        nbformat.write(nb, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="source stems, e.g. 01-quickstart")
    args = parser.parse_args(argv)
    sources = sorted(SOURCES.glob("*.py"))
    if args.names:
        sources = [s for s in sources if s.stem in args.names]
        missing = set(args.names) - {s.stem for s in sources}
        if missing:
            parser.error(f"no source named {', '.join(sorted(missing))} in {SOURCES}")
    if os.environ.get("ANYWIDGET_HMR"):
        parser.error("unset ANYWIDGET_HMR: saved notebooks must not point at a dev server")
    if not BUNDLE.is_file():
        parser.error(f"{BUNDLE} is missing: run `npm run build` (or use `make notebooks`)")
    for source in sources:
        started = time.monotonic()
        target = build(source)
        size = target.stat().st_size
        note = "  (large: use smaller pictures)" if size > SIZE_WARNING_BYTES else ""
        print(
            f"{target.name}: {size / 1e6:.2f} MB, {time.monotonic() - started:.1f} s{note}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
