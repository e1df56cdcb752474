"""The view harness (js/dev/harness.py) in CI: the bundle with a fake model, in Chromium.

Covers what JupyterLab cannot show: a shadow root as marimo renders widgets in (focus kept
on a rebuild, a typed mean/std kept while focused) and a page with no kernel behind it
(the inspector says that raw values need one instead of waiting forever).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

from jupyter_driver import REPO
from playwright.sync_api import Browser


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("harness", REPO / "js" / "dev" / "harness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_harness_checks_pass(browser: Browser, widget_bundle: Path, tmp_path: Path) -> None:
    harness = _harness()
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(widget_bundle, site / "widget.js")
    shutil.copy(REPO / "js" / "dev" / "harness.html", site / "harness.html")
    shutil.copy(harness.BOOTSTRAP, site / "bootstrap.css")
    for name, state in harness.payloads().items():
        (site / f"{name}.json").write_text(json.dumps(state))
    server, base = harness.serve(site)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        failures = harness.run_checks(page, base, tmp_path)
    finally:
        page.close()
        server.shutdown()
    assert failures == []
