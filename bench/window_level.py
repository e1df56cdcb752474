"""Browser timing: a window/level change on a 4096² picture, answered by the kernel.

The bench page's fake model routes the view's custom messages to Python (Playwright's
exposed function): `ImageView.render_reply` renders the window there, exactly as the
kernel does, and the PNG comes back as a buffer the view decodes and paints. Timed from
the trait change in the browser to the view's `nbimage:windowed` mark (every item
repainted with the kernel's picture). Playwright carries the buffer as base64 text, a
slower road than the comm's binary websocket frame, so the figure is an upper bound.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

# Windows cycled through (raw values of the 16-bit picture), one change each.
WINDOWS: list[Any] = ["p1-99", [1000, 30000], "full", [5000, 60000], [0, 20000]]


def depth_view() -> Any:
    """A 4096² uint16 depth-map-like picture (a smooth field with noise), shown as logged."""
    import nbimage

    rng = np.random.default_rng(4096)
    y, x = np.mgrid[0:4096, 0:4096].astype(np.float32)
    field = 20000 + 15000 * np.sin(x / 600) * np.cos(y / 900) + rng.normal(0, 800, (4096, 4096))
    return nbimage.show(np.clip(field, 0, 65535).astype(np.uint16))


def window_change_times(page: Any, view: Any, repeats: int) -> list[float]:
    """Seconds from each `window` change to the kernel's picture painted in the browser."""

    def kernel(content: Any) -> dict[str, Any]:
        reply, buffers = view.render_reply(content)
        return {"reply": reply, "buffers": [base64.b64encode(b).decode("ascii") for b in buffers]}

    page.page.expose_function("nbimageKernel", kernel)
    page.mount()
    times: list[float] = []
    for index in range(repeats):
        took = page.page.evaluate(
            """async (window) => {
              const start = performance.now();
              nbimageModel.set("window", window);
              return (await nbimageBench.nextMark("nbimage:windowed", start)) - start;
            }""",
            WINDOWS[index % len(WINDOWS)],
        )
        times.append(took / 1e3)
    if page.errors:
        raise RuntimeError(f"the view raised: {page.errors}")
    return times
