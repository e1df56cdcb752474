"""Serving the view from hosts other than JupyterLab (Voilà, marimo) for the browser tests.

`HostServer` starts a host's command-line server on 127.0.0.1, waits until it answers and
stops it afterwards; `check_toggle` is the assertion every host test makes: the picture is
drawn, and hiding a class from the legend repaints the canvas without it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jupyter_driver import RENDER_TIMEOUT_MS, REPO, wait_for_pixel
from playwright.sync_api import Locator, expect

from nbimage.palette import class_rgb

START_TIMEOUT_S = 90
BACKGROUND = (40, 40, 40)
LIGHT = (90, 90, 90)
# The picture each host shows: a dark 80×60 picture, lighter on the right (no `constant`
# warning), with one "cat" box (class 1).
VIEW_CODE = """import numpy as np
import nbimage

pixels = np.full((60, 80, 3), 40, np.uint8)
pixels[:, 60:] = 90
position = {"minX": 10, "maxX": 50, "minY": 10, "maxY": 40}
box = {"position": position, "domain": "pixel", "class_id": 1}
layer = {"box_data": [box], "class_labels": {1: "cat"}}
view = nbimage.Image(pixels, caption="served", boxes={"pred": layer})"""
EDGE = (10, 30)  # a picture point on the box's left edge (the stroke is centred on it)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def host_env(base: Path) -> dict[str, str]:
    """The test's own Jupyter/marimo directories; the repository on the kernel's path."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "XDG_CONFIG_HOME": str(base / "xdg-config"),
        "XDG_CACHE_HOME": str(base / "xdg-cache"),
        "XDG_STATE_HOME": str(base / "xdg-state"),
    }
    env.pop("ANYWIDGET_HMR", None)
    return env


@contextmanager
def serving(command: list[str], url: str, cwd: Path, log: Path) -> Iterator[str]:
    """Run `command` until `url` answers 200; yield the url; stop the server."""
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=host_env(cwd), stdout=out, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        try:
            while True:
                if process.poll() is not None:
                    raise AssertionError(f"{command[0]} exited with {process.returncode}: {log}")
                try:
                    with urllib.request.urlopen(url, timeout=2) as reply:
                        if reply.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError(f"{url} did not answer within {START_TIMEOUT_S} s: {log}")
                time.sleep(0.25)  # polling a starting server, not a wait on the UI
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def check_toggle(view: Locator) -> None:
    """The picture is drawn with its box; hiding "cat" in the legend removes the box."""
    expect(view).to_have_attribute("data-ready", "true", timeout=RENDER_TIMEOUT_MS)
    canvas = view.locator("canvas.nbimage-canvas")
    expect(canvas).to_have_attribute("data-width", "80")
    wait_for_pixel(canvas, 70.5, 50.5, LIGHT)
    wait_for_pixel(canvas, 30.5, 50.5, BACKGROUND)
    wait_for_pixel(canvas, *EDGE, class_rgb(1), tolerance=40)
    cat = view.locator("button.nbimage-legend-class[data-class-id='1']")
    expect(cat).to_have_attribute("aria-pressed", "true")
    cat.click()
    expect(cat).to_have_attribute("aria-pressed", "false")
    wait_for_pixel(canvas, *EDGE, BACKGROUND)
