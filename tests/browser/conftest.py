"""A real JupyterLab server and a real Chromium for the browser tests.

One server and one browser per test session (they are the slow part); each test module
writes its own notebook, opens it in its own page and runs its cells through JupyterLab's
own commands (see `jupyter_driver.py`). Assertions use Playwright's auto-waiting, never
fixed sleeps.

A missing Chromium is a failure, not a skip: these tests are the proof that the view works.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from jupyter_driver import RENDER_TIMEOUT_MS, REPO, JupyterServer
from playwright.sync_api import Browser, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT_S = 90


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _write_settings(settings_dir: Path) -> None:
    """Quiet JupyterLab: no news or update pop-ups over the notebook."""
    notification = settings_dir / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True, exist_ok=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"checkForUpdates": False, "fetchNews": "false"})
    )


@pytest.fixture(scope="session")
def widget_bundle() -> Path:
    """Build the view from js/ so the tests always drive the current sources."""
    bundle = REPO / "nbimage" / "static" / "widget.js"
    npm = shutil.which("npm")
    if npm is not None and (REPO / "js" / "widget.ts").is_file():
        subprocess.run([npm, "run", "-s", "build"], cwd=REPO, check=True, timeout=120)
    if not bundle.is_file():
        pytest.fail(f"the widget bundle {bundle} is missing and could not be built (npm run build)")
    return bundle


@pytest.fixture(scope="session")
def jupyter_server(
    tmp_path_factory: pytest.TempPathFactory, widget_bundle: Path
) -> Iterator[JupyterServer]:
    base = tmp_path_factory.mktemp("jupyter")
    root = base / "notebooks"
    root.mkdir()
    settings = base / "settings"
    _write_settings(settings)
    port = _free_port()
    token = secrets.token_hex(16)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    env.pop("ANYWIDGET_HMR", None)
    log = (base / "server.log").open("w")
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        "--JupyterNotebookApp.expose_app_in_browser=True",
        "--LabApp.news_url=",
        "--LabApp.extension_manager=readonly",  # no extension index queries
        "--ServerApp.allow_root=True",  # CI containers often run as root
    ]
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = JupyterServer(f"http://127.0.0.1:{port}", token, root)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited with {process.returncode}; see {log.name}")
            try:
                with urllib.request.urlopen(server.url("/api/status"), timeout=2) as reply:
                    if reply.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not answer within {SERVER_START_TIMEOUT_S} s")
            time.sleep(0.25)  # polling a starting server, not a wait on the UI
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`); "
            "the browser tests are required, not optional"
        )
    expect.set_options(timeout=RENDER_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
