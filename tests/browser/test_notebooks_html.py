"""Every example notebook, exported with `jupyter nbconvert --to html` and no network, shows
each view's picture in Chromium.

The notebooks are saved without widget state (notebooks/build_notebooks.py), so every view
is its `image/png` and nothing in the export needs a CDN: nbconvert runs with its proxy
pointed at a closed port and the page has every http(s) request refused. Each view's PNG
must be in the HTML as an <img> that Chromium decoded at its size and that is on screen.
The "with widget state" export (CDN scripts served locally) is tests/browser/test_embed.py.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import PIL.Image
import pytest
from jupyter_driver import REPO
from playwright.sync_api import Browser, Route

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
OFFLINE = {
    **os.environ,
    # Any request nbconvert made would fail: a closed local port as the proxy.
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "NO_PROXY": "",
}
TIMEOUT_S = 180


def _view_pngs(notebook: Path) -> list[str]:
    """The base64 image/png of every nbimage view saved in the notebook."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    pngs = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data: dict[str, Any] = output.get("data", {})
            text = "".join(data.get("text/plain", ""))
            if re.fullmatch(r"(Image|ImageView|History)\(.*\)", text):
                png = data["image/png"]
                pngs.append(png if isinstance(png, str) else "".join(png))
    return pngs


def _convert(source: Path, folder: Path, *extra: str) -> Path:
    env = {
        **OFFLINE,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "nbconvert",
            "--to",
            "html",
            *extra,
            "--output-dir",
            str(folder),
            str(source),
        ],
        cwd=source.parent,
        env=env,
        check=True,
        capture_output=True,
        timeout=TIMEOUT_S,
    )
    return folder / f"{source.stem}.html"


def _refuse(route: Route) -> None:
    route.abort()


def _assert_pictures_shown(browser: Browser, html: Path, pngs: list[str]) -> None:
    text = html.read_text(encoding="utf-8")
    for png in pngs:
        assert png.strip() in text, "a view's picture is missing from the HTML"
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.route(re.compile(r"^https?://"), _refuse)
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        images = page.evaluate(
            """() => [...document.querySelectorAll('img')]
                .filter((img) => img.src.startsWith('data:image/png;base64,'))
                .map((img) => {
                  img.scrollIntoView();
                  const box = img.getBoundingClientRect();
                  const style = getComputedStyle(img);
                  return {
                    src: img.src.slice('data:image/png;base64,'.length),
                    complete: img.complete, width: img.naturalWidth, height: img.naturalHeight,
                    shown: box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
                      && style.display !== 'none' && Number(style.opacity) > 0,
                  };
                })"""
        )
        by_src = {image["src"]: image for image in images}
        for png in pngs:
            image = by_src.get(png.strip().replace("\n", ""))
            assert image is not None, "a view's PNG is not an <img> of the page"
            size = PIL.Image.open(io.BytesIO(base64.b64decode(png))).size
            assert image["complete"] and (image["width"], image["height"]) == size
            assert image["shown"], "a view's picture is hidden"
    finally:
        page.close()
    # The template's own require.js and MathJax are asked for (and refused); no widget
    # manager is (no widget state to render), and the pictures showed without any of them.
    widgets = [url for url in requests if "jupyter-widgets" in url or "anywidget" in url]
    assert widgets == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_an_offline_html_export_shows_every_views_picture(
    browser: Browser, notebook: Path, tmp_path: Path
) -> None:
    pngs = _view_pngs(notebook)
    assert pngs, "the notebook shows no nbimage view"
    _assert_pictures_shown(browser, _convert(notebook, tmp_path), pngs)


def test_an_executed_export_without_widget_state_shows_the_pictures(
    browser: Browser, widget_bundle: Path, tmp_path: Path
) -> None:
    """`nbconvert --execute` saves widget state by default (the live view then needs CDNs);
    the README's command turns it off, and the export shows the static pictures."""
    notebook = REPO / "notebooks" / "01-quickstart.ipynb"
    html = _convert(
        notebook, tmp_path, "--execute", "--ExecutePreprocessor.store_widget_state=False"
    )
    assert "application/vnd.jupyter.widget-state+json" not in html.read_text(encoding="utf-8")
    # The pictures are made the same way on every run: the saved ones are what must show.
    _assert_pictures_shown(browser, html, _view_pngs(notebook))
