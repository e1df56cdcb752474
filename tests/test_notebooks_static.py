"""The saved example notebooks: built from their sources, executed, and light enough to read.

nbval (in `make test`) re-runs the notebooks and compares their text outputs. These checks
cover what nbval cannot see: that the saved `.ipynb` still matches its source in
`notebooks/src/`, that it was executed top to bottom with nothing failing, and that a reader
on GitHub (no kernel, no widget) still gets the pictures.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOURCES = sorted((NOTEBOOKS / "src").glob("*.py"))
# The tutorial's notebooks; any other source in notebooks/src/ is checked the same way.
TUTORIAL = [
    "01-quickstart",
    "02-normalization-pitfalls",
    "03-boxes-and-masks",
    "04-grids-and-comparison",
    "05-history",
]
EXPECTED = [s.stem for s in SOURCES]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Each view is saved once, as its static forms (image/png + text/plain): no widget state,
# which would store its pictures a second time and the bundle once per view. Measured with
# `make notebooks` (README, "Saved notebooks"): 0.53, 0.85, 0.84 and 0.96 MB, against 1.29,
# 2.05, 2.15 and 2.13 MB saved with widget state.
MAX_BYTES = 1_200_000


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_notebooks", NOTEBOOKS / "build_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(name: str) -> dict[str, Any]:
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))


def _code_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _text(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def test_every_notebook_in_the_issue_has_a_source_and_a_saved_notebook() -> None:
    assert set(TUTORIAL) <= set(EXPECTED)
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_saved_notebook_matches_its_source(name: str) -> None:
    """Editing a source without `make notebooks` leaves stale outputs: caught here."""
    cells = _builder().parse_cells((NOTEBOOKS / "src" / f"{name}.py").read_text(encoding="utf-8"))
    saved = _load(name)["cells"]
    assert [(c["cell_type"], _text(c)) for c in saved] == [
        (c["cell_type"], c["source"]) for c in cells
    ]


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_ran_top_to_bottom_without_errors(name: str) -> None:
    cells = _code_cells(_load(name))
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    for cell in cells:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", _text(cell)
            if output["output_type"] == "stream":
                # A warning printed by numpy, Pillow or nbimage in a tutorial is a bug to fix.
                assert output["name"] == "stdout", f"{_text(cell)}\n{output['text']}"


VIEW_REPR = re.compile(
    r"Image\(\d+×\d+ [A-Z;0-9]+, .*\)|ImageView\((single|grid|compare|channels), .*\)"
    r"|History\(\d+ steps? kept.*\)"
)


def _views(nb: dict[str, Any]) -> list[dict[str, Any]]:
    """The data of every output that is an nbimage view (known by its deterministic repr)."""
    return [
        o["data"]
        for c in _code_cells(nb)
        for o in c["outputs"]
        if o["output_type"] in ("display_data", "execute_result")
        and VIEW_REPR.fullmatch("".join(o["data"].get("text/plain", "")))
    ]


@pytest.mark.parametrize("name", EXPECTED)
def test_views_are_saved_with_a_picture_for_readers_without_a_kernel(name: str) -> None:
    nb = _load(name)
    views = _views(nb)
    assert views, "the notebook shows no nbimage view"
    # Every view carries a PNG (GitHub, nbviewer, nbconvert, JupyterLab before a run): a
    # displayed Image its picture, a grid or comparison a sheet of its items; and a
    # deterministic repr (nbval compares text/plain).
    for data in views:
        assert set(data) == {"image/png", "text/plain"}, "".join(data["text/plain"])
    # Saved as JupyterLab saves by default: no widget state (each picture stored once).
    assert "widgets" not in nb["metadata"]


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_stays_small(name: str) -> None:
    assert (NOTEBOOKS / f"{name}.ipynb").stat().st_size < MAX_BYTES


def test_readme_documents_every_diagnostic_code() -> None:
    """Each stable code has a row in the README's table, and the table names no stale code."""
    from nbimage.diagnostics import BOX_DOMAIN, BOX_FORMAT, CODES, HEATMAP_NOT_LOGGED

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([a-z0-9-]+)` \| (?:info|warning|error) \|", readme, re.MULTILINE))
    # Overlay findings are raised by the helper types, not by the normalization; `figure`
    # by the matplotlib input (nbimage/figures.py).
    overlays = {"box-outside", "unlabeled-class", "mask-resized", "figure"}
    overlays |= {BOX_DOMAIN, BOX_FORMAT, HEATMAP_NOT_LOGGED}
    overlays |= {"text-replaced", "tensor-converted"}  # hostile input (issue 19)
    assert rows == set(CODES) | overlays


def test_readme_example_runs_as_written() -> None:
    """The ten-line example is copied by newcomers first: it must run and say what it claims."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"## Ten lines\n\n```python\n(.*?)```", readme, re.DOTALL)
    assert match is not None
    shown: list[Any] = []
    namespace: dict[str, Any] = {"display": shown.append}
    exec(compile(match.group(1), "README.md", "exec"), namespace)
    (img,) = shown
    assert repr(img) == "Image(512×512 RGB, png, rule-scale-01, caption='input', boxes=['pred'])"
    assert [d.code for d in img.diagnostics] == ["rule-scale-01"]
