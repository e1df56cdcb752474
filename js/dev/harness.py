"""Render the built bundle in Chromium with a fake model and save screenshots.

    npm run build && .venv/bin/python js/dev/harness.py --out /tmp/nbimage-harness

Payloads come from the real Python builders (`nbimage.show` / `nbimage.compare`), written as
JSON with `{"$bytes": base64}` for binary fields; `harness.html` turns those back into
DataViews and drives `nbimage/static/widget.js` exactly as anywidget would.
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import json
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import jupyter_server
import numpy as np
from skimage import data as skdata

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import nbimage  # noqa: E402
from nbimage import BoundingBoxes2D, Image, ImageMask  # noqa: E402
from nbimage.payload import gray_png  # noqa: E402
from nbimage.wire import WireViewState  # noqa: E402


# Bootstrap 3.4.1 as jupyter_server ships it: the stylesheet classic Notebook's page uses.
BOOTSTRAP = Path(jupyter_server.__file__).parent / "static" / "style" / "bootstrap.min.css"


def to_json(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def state_of(view: Any) -> dict[str, Any]:
    """The synced WireViewState fields (not ipywidgets' own layout/tooltip traits)."""
    fields = WireViewState.__annotations__
    return to_json({k: v for k, v in view.get_state().items() if k in fields})


def astronaut_image(caption: str) -> Image:
    pic = skdata.astronaut()
    mask = np.zeros(pic.shape[:2], dtype=np.uint8)
    mask[40:300, 120:380] = 1
    mask[300:512, 0:512] = 2
    labels = {0: "background", 1: "face", 2: "suit", 3: "flag"}
    boxes = BoundingBoxes2D(
        {
            "box_data": [
                {
                    "position": {"minX": 140, "maxX": 330, "minY": 40, "maxY": 270},
                    "domain": "pixel",
                    "class_id": 1,
                    "scores": {"conf": 0.9},
                },
                {
                    "position": {"middle": [0.1, 0.2], "width": 0.3, "height": 0.3},
                    "class_id": 3,
                    "box_caption": "flag (edge)",
                    "scores": {"conf": 0.4},
                },
                {
                    "position": {"minX": 0.6, "maxX": 1.2, "minY": 0.55, "maxY": 0.95},
                    "class_id": 2,
                    "scores": {"conf": 0.7},
                },
            ],
            "class_labels": labels,
        },
        "predictions",
    )
    masks = ImageMask({"mask_data": mask, "class_labels": labels}, "ground_truth")
    return Image(pic, caption=caption, boxes={"predictions": boxes}, masks={"ground_truth": masks})


def payloads() -> dict[str, dict[str, Any]]:
    single = nbimage.show(astronaut_image('<img src=x onerror="window.pwned=1"> astronaut'))
    photos = [skdata.astronaut(), skdata.coffee(), skdata.camera(), skdata.chelsea()]
    grid_images = [
        Image(p, caption=f"photo {i}", grouping=3 if i == 0 else None)
        for i, p in enumerate(photos * 2)
    ]
    grid_images[1] = astronaut_image("with overlays")
    grid = nbimage.show(grid_images, page_size=6)
    rng = np.random.default_rng(0)
    standardized = (skdata.chelsea().astype(np.float32) / 255 - 0.45) / 0.25
    standardized[10:20, 10:40] = np.nan
    standardized += rng.normal(0, 0.01, standardized.shape).astype(np.float32)
    try:
        comp = state_of(nbimage.compare(standardized, caption="standardized chelsea"))
    except ImportError:  # the era/analysis modules are not there yet: a stand-in comparison
        comp = fake_compare(standardized)
    return {"single": state_of(single), "grid": state_of(grid), "compare": comp}


def fake_compare(raw: np.ndarray) -> dict[str, Any]:
    finite = np.nan_to_num(raw, nan=0.0)
    pictures = {
        "logged (normalize=True)": np.clip(finite, 0, 255).astype(np.uint8),
        "raw (normalize=False)": finite.astype(np.uint8),
        "min–max of the data": (
            (finite - finite.min()) / (finite.max() - finite.min()) * 255
        ).astype(np.uint8),
    }
    state = state_of(nbimage.show([Image(p, normalize=False) for p in pictures.values()]))
    marks = np.where(raw < 0, 1, np.where(raw > 255, 2, 0)).astype(np.uint8)
    marks[np.isnan(raw).any(axis=-1)] = 3
    for item, label in zip(state["items"], pictures, strict=True):
        item["label"] = label
        item["marks"] = to_json(gray_png(marks.max(axis=-1)))
    lo, hi = float(np.nanmin(raw)), float(np.nanmax(raw))
    state.update(
        view="compare",
        eras=[{"id": "0.19", "label": "wandb ≤ 0.19"}, {"id": "0.22", "label": "wandb 0.20–0.22"}],
        histogram={
            "lo": lo,
            "hi": hi,
            "channels": [
                {
                    "name": n,
                    "counts": np.histogram(raw[..., c][np.isfinite(raw[..., c])], 64, (lo, hi))[
                        0
                    ].tolist(),
                }
                for c, n in enumerate("RGB")
            ],
            "mapping": [[lo, 0], [0, 0], [1, 255], [hi, 255]],
            "clip_below": 0.0,
            "clip_above": 1.0,
        },
    )
    return state


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def check(failures: list[str], ok: bool, what: str) -> None:
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run_checks(page: Any, base: str, out: Path) -> list[str]:
    failures: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    expected_panels = {"single": 1, "grid": 6, "compare": 3}
    for name, panels in expected_panels.items():
        for theme in ("light", "dark"):
            page.goto(f"{base}/harness.html?payload={name}.json&theme={theme}")
            page.wait_for_selector(".nbimage[data-ready='true']", timeout=15000)
            page.screenshot(path=str(out / f"{name}-{theme}.png"), full_page=True)
            root = page.locator(".nbimage")
            check(
                failures,
                root.get_attribute("data-painted") == str(panels),
                f"{name}/{theme}: {panels} painted",
            )
            check(
                failures, root.get_attribute("data-theme") == theme, f"{name}/{theme}: data-theme"
            )

    # Single view: hover, legend toggle, zoom buttons.
    page.goto(f"{base}/harness.html?payload=single.json")
    page.wait_for_selector(".nbimage[data-ready='true']")
    canvas = page.locator("canvas.nbimage-canvas").first
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.3)
    inspector = page.locator(".nbimage-inspector")
    page.wait_for_function(
        "() => document.querySelector('.nbimage-inspector').textContent.includes('raw (')"
    )
    text = inspector.inner_text()
    print(text)
    check(
        failures, "shown RGB" in text and "raw (float32)" in text, "inspector: shown + raw values"
    )
    check(failures, "mask ground_truth: face" in text, "inspector: mask class")
    page.screenshot(path=str(out / "single-hover.png"))
    page.mouse.move(0, 0)
    check(failures, inspector.is_hidden(), "inspector hidden off the picture")
    face = page.locator("button.nbimage-legend-class[data-class-id='1']").first
    face.click()
    hidden = page.evaluate("window.model.state.hidden_classes")
    check(
        failures, hidden == {"predictions": [1]}, f"legend toggle writes hidden_classes ({hidden})"
    )
    check(failures, face.get_attribute("aria-pressed") == "false", "legend toggle: aria-pressed")
    page.locator("button[data-action='zoom-in']").click()
    page.locator("button[data-action='zoom-in']").click()
    page.wait_for_function("() => window.model.state.zoom > 1.5")
    page.screenshot(path=str(out / "single-toggled-zoomed.png"))
    centre_before = page.evaluate("window.model.state.center")
    page.mouse.move(box["x"] + 200, box["y"] + 200)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 150, steps=5)
    page.mouse.up()
    page.wait_for_function(f"() => window.model.state.center[0] !== {centre_before[0]}")
    centre = page.evaluate("window.model.state.center")
    check(failures, centre[0] > centre_before[0], f"drag pans ({centre_before} -> {centre})")
    canvas.focus()
    page.keyboard.press("0")
    page.wait_for_function("() => window.model.state.zoom === 1")
    page.keyboard.press("+")
    page.wait_for_function("() => window.model.state.zoom > 1")
    check(failures, True, "keyboard zoom on the focused canvas")
    check(failures, page.evaluate("window.pwned") is None, "HTML caption ran nothing")
    caption = page.locator(".nbimage-caption").inner_text()
    check(failures, caption.startswith("<img"), "caption shown as text")

    # Grid: sync zoom makes every panel follow the shared zoom.
    page.goto(f"{base}/harness.html?payload=grid.json")
    page.wait_for_selector(".nbimage[data-ready='true']")
    page.locator("input.nbimage-sync-zoom").check()
    page.wait_for_selector(".nbimage[data-ready='true'] input.nbimage-sync-zoom:checked")
    page.evaluate("window.model.set('zoom', 4)")
    page.screenshot(path=str(out / "grid-sync-zoom.png"), full_page=True)
    check(failures, page.evaluate("window.model.state.sync_zoom") is True, "sync zoom checkbox")

    # Compare: marks overlay, then swipe mode driven like Python would.
    page.goto(f"{base}/harness.html?payload=compare.json")
    page.wait_for_selector(".nbimage[data-ready='true']")
    page.locator("input.nbimage-marks").check()
    check(failures, page.evaluate("window.model.state.show_marks") is True, "marks checkbox")
    page.screenshot(path=str(out / "compare-marks.png"), full_page=True)
    page.evaluate("window.model.set('compare_mode', 'swipe')")
    page.wait_for_selector(".nbimage[data-ready='true'] input.nbimage-swipe")
    page.locator("input.nbimage-swipe").fill("0.3")
    check(failures, page.evaluate("window.model.state.swipe_position") == 0.3, "swipe slider")
    page.locator("select.nbimage-swipe-right").select_option("2")
    check(failures, page.evaluate("window.model.state.swipe_pair") == [0, 2], "swipe pair select")
    page.wait_for_selector(".nbimage[data-ready='true'] input.nbimage-swipe")
    page.screenshot(path=str(out / "compare-swipe.png"), full_page=True)

    # Inside a shadow root (marimo): the stylesheet must reach the view.
    page.goto(f"{base}/harness.html?payload=single.json&shadow=1")
    page.wait_for_function(
        "() => document.getElementById('app').shadowRoot"
        "?.querySelector('.nbimage')?.dataset.ready === 'true'"
    )
    styled = page.evaluate(
        "() => getComputedStyle(document.getElementById('app').shadowRoot"
        ".querySelector('.nbimage')).position"
    )
    check(failures, styled == "relative", "styles inside a shadow root")

    # Inside a shadow root, keyboard focus survives a rebuild (Python sending new items after
    # an era chosen with the arrow keys): document.activeElement is the host there.
    page.goto(f"{base}/harness.html?payload=compare.json&shadow=1")
    shadow = "document.getElementById('app').shadowRoot"
    page.wait_for_function(f"() => {shadow}?.querySelector('.nbimage')?.dataset.ready === 'true'")
    page.locator("select.nbimage-era").focus()
    page.keyboard.press("ArrowUp")
    page.evaluate("window.model.set('items', window.model.get('items').slice())")
    page.wait_for_function(f"() => {shadow}.querySelector('.nbimage').dataset.ready === 'true'")
    page.wait_for_timeout(500)  # the swap waits for the new pictures (at most 400 ms)
    focused = page.evaluate(f"() => {shadow}.activeElement?.className ?? null")
    check(failures, focused == "nbimage-era", f"shadow root: focus kept on rebuild ({focused})")
    # A typed mean is not overwritten by a sync while the field has focus.
    page.locator("select.nbimage-denormalize").select_option("custom")
    page.wait_for_selector("input.nbimage-custom-mean")
    page.locator("input.nbimage-custom-mean").fill("0.4, 0.4")
    page.evaluate("window.model.set('show_marks', true)")
    typed = page.locator("input.nbimage-custom-mean").input_value()
    check(failures, typed == "0.4, 0.4", f"shadow root: typed mean kept while focused ({typed!r})")

    # No kernel (an exported page): the inspector says so instead of waiting forever.
    page.goto(f"{base}/harness.html?payload=single.json&nokernel=1")
    page.wait_for_selector(".nbimage[data-ready='true']")
    box = page.locator("canvas.nbimage-canvas").first.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.3)
    page.wait_for_function(
        "() => document.querySelector('.nbimage-inspector').textContent"
        ".includes('values need a running kernel')",
        timeout=5000,
    )
    text = page.locator(".nbimage-inspector").inner_text()
    check(failures, "shown RGB" in text, f"no kernel: shown values and the message ({text!r})")
    page.screenshot(path=str(out / "single-no-kernel.png"))
    # Classic Notebook (nbclassic) styles its page with Bootstrap 3, whose element rules
    # (range inputs as full-width blocks, `summary {display: block}`, bold labels) must not
    # reach into the view: controls stay on one line, the disclosure keeps its triangle.
    page.goto(f"{base}/harness.html?payload=single.json&hostcss=bootstrap.css")
    page.wait_for_selector(".nbimage[data-ready='true']")
    layout = page.evaluate(
        """() => {
          const lineHeight = (el) => parseFloat(getComputedStyle(el).lineHeight) || 16;
          const one = (el) => el.getBoundingClientRect().height < 1.8 * lineHeight(el);
          const opacity = document.querySelector('input.nbimage-opacity').closest('label');
          const names = [...document.querySelectorAll('.nbimage-control-name')];
          const summary = document.querySelector('.nbimage-diagnostics summary');
          return {
            bootstrap: [...document.styleSheets].some(
              (sheet) => sheet.href?.endsWith('bootstrap.css') && sheet.cssRules.length > 500),
            opacity: one(opacity.querySelector('.nbimage-control-name')),
            names: names.every(one),
            weight: getComputedStyle(opacity).fontWeight,
            summary: getComputedStyle(summary).display,
          };
        }"""
    )
    check(failures, layout["bootstrap"], "host CSS: Bootstrap loaded")
    check(failures, layout["opacity"] and layout["names"], f"host CSS: one-line controls {layout}")
    check(failures, layout["weight"] == "400", f"host CSS: labels not bold {layout}")
    check(failures, layout["summary"] == "list-item", f"host CSS: disclosure triangle {layout}")
    page.screenshot(path=str(out / "single-bootstrap.png"))
    check(failures, not errors, f"no page errors ({errors})")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "nbimage-harness")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    site = Path(tempfile.mkdtemp(prefix="nbimage-site-"))
    shutil.copy(ROOT / "nbimage" / "static" / "widget.js", site / "widget.js")
    shutil.copy(Path(__file__).with_name("harness.html"), site / "harness.html")
    shutil.copy(BOOTSTRAP, site / "bootstrap.css")
    for name, state in payloads().items():
        (site / f"{name}.json").write_text(json.dumps(state))
    server, base = serve(site)
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            failures = run_checks(
                browser.new_page(viewport={"width": 1200, "height": 900}), base, out
            )
            browser.close()
    finally:
        server.shutdown()
    print(f"screenshots in {out}")
    if failures:
        raise SystemExit(f"{len(failures)} check(s) failed: {failures}")


if __name__ == "__main__":
    main()
