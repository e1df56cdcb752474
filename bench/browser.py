"""Browser timings of the bundled view in headless Chromium (Playwright).

The view runs in a standalone page with a small fake anywidget model: no kernel, no
JupyterLab. The state is exactly what the kernel would send (the widget's `get_state()`
with its binary buffers split out by ipywidgets and put back as `DataView`s, as the
widget manager does), so "painted" is measured from the moment the kernel's reply is
in the browser. The view sets the `performance.mark`s read here (js/README.md):
`nbimage:painted`, `nbimage:toggled` and `nbimage:frame`.
"""

from __future__ import annotations

import base64
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BUNDLE = ROOT / "nbimage" / "static" / "widget.js"
CHROMIUM = "/usr/bin/chromium"
ORIGIN = "http://nbimage.bench"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><style id="widget-css"></style></head>
<body style="margin:0"><div id="out"></div>
<script type="module">
function fakeModel(state) {
  const listeners = new Map();
  const fire = (name, ...args) => {
    for (const callback of [...(listeners.get(name) ?? [])]) callback(...args);
  };
  const model = {
    get: (key) => state[key],
    set(key, value) {
      const old = state[key];
      state[key] = value;
      if (old !== value) {
        fire(`change:${key}`, model, value);
        fire("change", model);
      }
    },
    on(names, callback) {
      for (const name of names.split(" ")) {
        if (!listeners.has(name)) listeners.set(name, []);
        listeners.get(name).push(callback);
      }
    },
    off(names, callback) {
      for (const name of (names ?? "").split(" ")) {
        const list = listeners.get(name) ?? [];
        listeners.set(name, callback ? list.filter((c) => c !== callback) : []);
      }
    },
    save_changes() {},
    // Custom messages go to the bench's Python side when it listens (bench/window_level.py).
    send(content) {
      if (!window.nbimageKernel) return;
      window.nbimageKernel(content).then(async ({ reply, buffers }) => {
        const views = await Promise.all(
          buffers.map(async (b64) => {
            const data = await fetch(`data:application/octet-stream;base64,${b64}`);
            return new DataView(await data.arrayBuffer());
          }),
        );
        fire("msg:custom", reply, views);
      });
    },
    widget_manager: {},
    emit: fire, // the bench delivers custom messages (History steps) through this
  };
  return model;
}

function putBuffers(state, paths, buffers) {
  paths.forEach((path, i) => {
    const binary = atob(buffers[i]);
    const bytes = new Uint8Array(binary.length);
    for (let j = 0; j < binary.length; j++) bytes[j] = binary.charCodeAt(j);
    let target = state;
    for (const key of path.slice(0, -1)) target = target[key];
    target[path[path.length - 1]] = new DataView(bytes.buffer);
  });
}

function nextMark(name, after) {
  return new Promise((resolve) => {
    const found = () =>
      performance.getEntriesByName(name).find((entry) => entry.startTime >= after);
    const now = found();
    if (now) return resolve(now.startTime);
    const observer = new PerformanceObserver(() => {
      const entry = found();
      if (entry) {
        observer.disconnect();
        resolve(entry.startTime);
      }
    });
    observer.observe({ type: "mark" });
  });
}

function dataViews(buffers) {
  return buffers.map((b64) => {
    const binary = atob(b64);
    const bytes = new Uint8Array(binary.length);
    for (let j = 0; j < binary.length; j++) bytes[j] = binary.charCodeAt(j);
    return new DataView(bytes.buffer);
  });
}

window.nbimageBench = {
  nextMark,
  /** Hand the view a custom message as the comm would; ms until the next paint. */
  async deliver(content, buffers) {
    const views = dataViews(buffers);
    const start = performance.now();
    window.nbimageModel.emit("msg:custom", content, views);
    return (await nextMark("nbimage:painted", start)) - start;
  },
  /** Custom messages that are only stored (steps cached before scrubbing). */
  store(messages) {
    for (const [content, buffers] of messages) {
      window.nbimageModel.emit("msg:custom", content, dataViews(buffers));
    }
  },
  /** Show each step in turn, waiting for its paint; steps per second. */
  async scrub(steps) {
    const start = performance.now();
    const root = document.querySelector(".nbimage-history");
    for (const step of steps) {
      // The step already shown paints nothing new: no mark would come.
      if (root && root.dataset.step === String(step)) continue;
      const before = performance.now();
      window.nbimageModel.set("shown_step", step);
      await nextMark("nbimage:painted", before);
    }
    return steps.length / ((performance.now() - start) / 1e3);
  },
  async mount(stateUrl) {
    const payload = await (await fetch(stateUrl)).json();
    const state = payload.state;
    putBuffers(state, payload.buffer_paths, payload.buffers);
    if (typeof state._css === "string") {
      document.getElementById("widget-css").textContent = state._css;
    }
    let widget = (await import("/widget.js")).default;
    if (typeof widget === "function") widget = await widget();
    const model = fakeModel(state);
    window.nbimageModel = model;
    const el = document.getElementById("out");
    // The kernel's reply is in: from here on it is the view's work.
    const start = performance.now();
    if (widget.initialize) await widget.initialize({ model, experimental: {} });
    await widget.render({ model, el, experimental: {} });
    const painted = await nextMark("nbimage:painted", start);
    return painted - start;
  },
};
</script></body></html>
"""


def widget_payload(view: Any) -> bytes:
    """The state the kernel sends for `view`, as JSON with base64 buffers (for the page)."""
    from ipywidgets.widgets.widget import _remove_buffers

    state, buffer_paths, buffers = _remove_buffers(view.get_state())
    return json.dumps(
        {
            "state": state,
            "buffer_paths": buffer_paths,
            "buffers": [base64.b64encode(bytes(b)).decode("ascii") for b in buffers],
        }
    ).encode()


def _grid_view() -> Any:
    import cases

    import nbimage

    case = cases.CASES[2]
    images = [nbimage.Image(a.pop("data_or_path"), **a) for a in map(dict, cases.inputs(case))]
    return nbimage.show(images)


def _big_view() -> Any:
    import cases

    import nbimage

    return nbimage.show(nbimage.Image(cases.picture(4096, 0)))


def _legend_150_view() -> Any:
    """A 1024² photo-like picture with an ADE20K-sized mask: 150 classes, blocky regions."""
    import cases
    import numpy as np

    import nbimage

    rng = np.random.default_rng(0)
    seeds = rng.uniform(0, 1024, (300, 2))
    yy, xx = np.mgrid[0:1024:8, 0:1024:8]
    nearest = np.argmin((yy[..., None] - seeds[:, 0]) ** 2 + (xx[..., None] - seeds[:, 1]) ** 2, -1)
    ids = np.repeat(np.repeat((nearest % 150).astype(np.uint8), 8, 0), 8, 1)
    labels = {i: f"ade class {i}" for i in range(150)}
    masks = {"ade20k": {"mask_data": ids, "class_labels": labels}}
    return nbimage.show(nbimage.Image(cases.picture(1024, 0), masks=masks))


def _toggle_seconds(page: Any, selector: str) -> float:
    """Click the legend button `selector` and time it to the end of the repaint it causes."""
    took = page.page.evaluate(
        """async (selector) => {
          const button = document.querySelector(selector);
          const start = performance.now();
          button.click();
          return (await nbimageBench.nextMark("nbimage:toggled", start)) - start;
        }""",
        selector,
    )
    return float(took) / 1e3


def _legend_150(browser: Any, repeats: int) -> tuple[list[float], list[float], int]:
    """Painted (legend of 150 classes built) and class-toggle repaint times."""
    payload = widget_payload(_legend_150_view())
    painted, toggled = [], []
    listed = 0
    for _ in range(repeats):
        page = Page(browser, payload)
        painted.append(page.mount())
        listed = page.page.locator(".nbimage-legend .nbimage-legend-class").count()
        selector = ".nbimage-legend[data-layer='ade20k'] button.nbimage-legend-class"
        toggled += [_toggle_seconds(page, selector) for _ in range(max(2, repeats))]
        page.page.close()
    return painted, toggled, listed


def _segmenter_view() -> Any:
    """A 1024² picture with a 21-class from_scores mask (issue 16's slider case)."""
    import model_outputs

    import nbimage

    picture, logits = model_outputs.inputs()
    mask = nbimage.ImageMask.from_scores(logits, key="segmenter")
    return nbimage.show(nbimage.Image(picture, masks={"segmenter": mask}))


class Page:
    """One Chromium page serving the bench page, the bundle and a view's state."""

    def __init__(self, browser: Any, payload: bytes) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        bundle = BUNDLE.read_bytes()
        routes = {
            "/": (PAGE.encode(), "text/html"),
            "/widget.js": (bundle, "text/javascript"),
            "/state.json": (payload, "application/json"),
        }

        def serve(route: Any) -> None:
            path = "/" + route.request.url.removeprefix(ORIGIN).lstrip("/")
            body, kind = routes.get(path, (b"", "text/plain"))
            route.fulfill(status=200 if path in routes else 404, body=body, content_type=kind)

        self.page.route(f"{ORIGIN}/**", serve)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def mount(self) -> float:
        self.page.goto(f"{ORIGIN}/")
        painted: float = self.page.evaluate("nbimageBench.mount('/state.json')")
        if self.errors:
            raise RuntimeError(f"the view raised: {self.errors}")
        return painted / 1e3


def _painted_and_toggled(browser: Any, repeats: int) -> tuple[list[float], list[float], int]:
    payload = widget_payload(_grid_view())
    painted, toggled = [], []
    shown = 0
    for _ in range(repeats):
        page = Page(browser, payload)
        painted.append(page.mount())
        shown = int(page.page.get_attribute("div.nbimage", "data-painted") or 0)
        button = page.page.locator("button.nbimage-legend-class[data-class-id='1']").first
        for _ in range(max(2, repeats)):
            button.scroll_into_view_if_needed()
            toggled.append(_toggle_seconds(page, "button.nbimage-legend-class[data-class-id='1']"))
        page.page.close()
    return painted, toggled, shown


def _confidence_repaint(browser: Any, repeats: int) -> list[float]:
    """Moving the confidence slider of a 1024² 21-class mask: input event to repaint done."""
    page = Page(browser, widget_payload(_segmenter_view()))
    page.mount()
    times = []
    for step in range(max(4, repeats * 4)):
        took = page.page.evaluate(
            """async (value) => {
              const slider = document.querySelector("input.nbimage-confidence");
              const start = performance.now();
              slider.value = String(value);
              slider.dispatchEvent(new Event("input"));
              return (await nbimageBench.nextMark("nbimage:confidence", start)) - start;
            }""",
            0.3 + 0.05 * (step % 10),
        )
        times.append(took / 1e3)
    page.page.close()
    return times


def _pan_zoom_fps(browser: Any, seconds: float) -> float:
    page = Page(browser, widget_payload(_big_view()))
    page.mount()
    canvas = page.page.locator("canvas.nbimage-canvas").first
    box = canvas.bounding_box()
    assert box is not None, "the 4096² view drew no canvas"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.page.mouse.move(x, y)
    # Zoom in first (ctrl + wheel, as a person zooms: a plain wheel scrolls the notebook).
    page.page.keyboard.down("Control")
    for _ in range(3):
        page.page.mouse.wheel(0, -240)
    page.page.keyboard.up("Control")
    start = page.page.evaluate("performance.now()")
    page.page.mouse.down()
    began, step = time.perf_counter(), 0
    while time.perf_counter() - began < seconds:
        step += 1
        # A slow circle: every move asks for a new frame.
        offset = 80 * ((step % 40) / 20 - 1)
        page.page.mouse.move(x + offset, y + offset / 2)
    page.page.mouse.up()
    frames, elapsed = page.page.evaluate(
        """(start) => {
          const now = performance.now();
          const frames = performance.getEntriesByName("nbimage:frame")
            .filter((e) => e.startTime >= start).length;
          return [frames, now - start];
        }""",
        start,
    )
    page.page.close()
    if frames == 0:
        raise RuntimeError("panning the 4096² view marked no nbimage:frame")
    return float(frames / (elapsed / 1e3))


def _history_messages(history: Any) -> list[tuple[dict[str, Any], list[str]]]:
    """Capture the custom messages `history` sends (what the comm would carry)."""
    sent: list[tuple[dict[str, Any], list[str]]] = []

    def send(content: dict[str, Any], buffers: Any = None) -> None:
        sent.append((content, [base64.b64encode(bytes(b)).decode("ascii") for b in buffers or []]))

    history.send = send
    return sent


def _history_rows(browser: Any, quick: bool) -> tuple[float, list[float], list[float]]:
    """(steps/s scrubbing 100 cached steps, new step painted after log() returns,
    of which the kernel's encode-and-send), for History (issue 17)."""
    import cases

    import nbimage

    # Scrubbing: 100 steps of 256² pictures, all heard by the view before it scrubs.
    history = nbimage.History()
    messages = _history_messages(history)
    frames = [cases.picture(256, seed) for seed in range(4)]
    for step in range(100):
        history.log({"pred": frames[step % 4], "loss": 1 / (step + 1)})
    history.flush()
    page = Page(browser, widget_payload(history))
    page.mount()
    page.page.evaluate("(messages) => nbimageBench.store(messages)", messages)
    order = list(range(100)) if quick else [*range(100), *range(98, -1, -1)]
    fps = float(page.page.evaluate("(steps) => nbimageBench.scrub(steps)", order))
    shown = page.page.get_attribute("div.nbimage-history", "data-step")
    if shown != str(order[-1]):
        raise RuntimeError(f"scrubbing ended on step {shown}, not {order[-1]}")
    page.page.close()

    # Live: log() of a 512² float32 picture, then the step's paint in the view.
    live = nbimage.History()
    sent = _history_messages(live)
    picture = cases.picture(512, 0)
    live.log({"pred": picture})
    live.flush()
    page = Page(browser, widget_payload(live))
    page.mount()
    totals, kernel = [], []
    for step in range(1, 4 if quick else 16):
        sent.clear()
        live.log({"pred": picture})
        returned = time.perf_counter()
        live.flush()
        encoded = time.perf_counter() - returned  # encoded and handed to the comm
        content, buffers = next(m for m in sent if m[0]["type"] == "history-step")
        took = float(
            page.page.evaluate("([c, b]) => nbimageBench.deliver(c, b)", [content, buffers])
        )
        kernel.append(encoded)
        totals.append(encoded + took / 1e3)
        if page.page.get_attribute("div.nbimage-history", "data-step") != str(step):
            raise RuntimeError(f"the view did not show the new step {step}")
    page.page.close()
    return fps, totals, kernel


def _window_level(browser: Any, repeats: int) -> list[float]:
    import window_level

    view = window_level.depth_view()
    page = Page(browser, widget_payload(view))
    try:
        return window_level.window_change_times(page, view, repeats)
    finally:
        page.page.close()


def measure(quick: bool) -> list[dict[str, Any]]:
    """Browser rows for the results table (grid painted, class toggle, 150-class legend and
    toggle, pan/zoom fps)."""
    from playwright.sync_api import sync_playwright

    if not BUNDLE.is_file():
        raise RuntimeError(f"{BUNDLE} is missing: run `npm run build` (make bench does)")
    sys.path.insert(0, str(BENCH))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            painted, toggled, shown = _painted_and_toggled(browser, 1 if quick else 5)
            legend_painted, legend_toggled, listed = _legend_150(browser, 1 if quick else 5)
            fps = _pan_zoom_fps(browser, 0.5 if quick else 3.0)
            confidence = _confidence_repaint(browser, 1 if quick else 5)
            windowed = _window_level(browser, 2 if quick else 10)
            scrub, live, live_kernel = _history_rows(browser, quick)
        finally:
            browser.close()

    def row(case: str, times: list[float], goal: str) -> dict[str, Any]:
        median = statistics.median(times)
        return {
            "case": case,
            "median_s": median,
            "min_s": min(times),
            "max_s": max(times),
            "shown": f"{median * 1e3:.0f} ms ({min(times) * 1e3:.0f}–{max(times) * 1e3:.0f})",
            "goal": goal,
        }

    return [
        {**row("108 grid painted after the kernel's reply", painted, "≤ 1.0 s"), "items": shown},
        row("class toggled across the 108 grid", toggled, "≤ 50 ms"),
        row("confidence slider moved on a 1024² 21-class mask", confidence, "≤ 50 ms"),
        row(
            "window/level change on a 4096² picture, PNG back from the kernel", windowed, "≤ 150 ms"
        ),
        {
            **row("150-class mask legend painted (1024²)", legend_painted, "≤ 1.0 s"),
            "items": listed,
        },
        row("class toggled on the 150-class mask", legend_toggled, "≤ 50 ms"),
        {
            "case": "pan/zoom on a 4096² picture",
            "fps": fps,
            "shown": f"{fps:.0f} frames/s",
            "goal": "≥ 30 frames/s",
        },
        {
            "case": "History: scrubbing the step slider over 100 cached 256² steps",
            "steps_per_s": scrub,
            "shown": f"{scrub:.0f} steps/s",
            "goal": "≥ 30 steps/s",
        },
        {
            **row("History: a new 512² step painted after log() returns", live, "≤ 150 ms"),
            "kernel_median_s": statistics.median(live_kernel),
        },
    ]
