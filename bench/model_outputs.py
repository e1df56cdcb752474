"""Model-output benchmark rows (issue 16), timed in nbimage's own process.

A semantic-segmentation model's output at 1024² (21 Pascal VOC classes, float32 logits):
`ImageMask.from_scores` plus the display of the Image, against the display of the same
picture with the argmax given as a plain class-id mask. Goal: at most twice as long.
"""

from __future__ import annotations

import gc
import statistics
import time
from typing import Any

import numpy as np

SIZE = 1024
CLASSES = 21


def inputs() -> tuple[np.ndarray, np.ndarray]:
    """(picture, 21×1024×1024 float32 logits): blocky class regions with noise, as a
    segmenter's output looks (pure noise would make every pixel a tie-free coin toss)."""
    import cases

    rng = np.random.default_rng(21)
    regions = rng.integers(0, CLASSES, (16, 16))
    winner = np.kron(regions, np.ones((SIZE // 16, SIZE // 16), np.int64))
    logits = rng.normal(0, 1, (CLASSES, SIZE, SIZE)).astype(np.float32)
    np.put_along_axis(logits, winner[None], np.float32(3), axis=0)
    return cases.picture(SIZE, 0), logits


def _time(run: Any, wall: list[float], cpu: list[float]) -> None:
    """One timed call: wall time, and the process's CPU time (all threads), which a busy
    shared machine disturbs less."""
    import ipywidgets

    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    run()
    wall.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
    ipywidgets.Widget.close_all()  # untimed: a kernel would keep each view


def measure(quick: bool) -> list[dict[str, Any]]:
    import nbimage

    picture, logits = inputs()
    ids = nbimage.ImageMask.from_scores(logits).class_ids()

    def plain() -> Any:
        masks = {"segmenter": {"mask_data": ids}}
        return nbimage.Image(picture, masks=masks)._repr_mimebundle_()

    def scores() -> Any:
        mask = nbimage.ImageMask.from_scores(logits)
        return nbimage.Image(picture, masks={"segmenter": mask})._repr_mimebundle_()

    repeats = 1 if quick else 9
    plain(), scores()  # warm-up: imports, thread pools, cmap
    ours: list[float] = []
    reference: list[float] = []
    ours_cpu: list[float] = []
    reference_cpu: list[float] = []
    for _ in range(repeats):  # alternated, so both see the same machine
        _time(plain, reference, reference_cpu)
        _time(scores, ours, ours_cpu)
    ratio = statistics.median(ours) / statistics.median(reference)
    cpu_ratio = statistics.median(ours_cpu) / statistics.median(reference_cpu)
    return [
        {
            "case": f"{SIZE}² {CLASSES}-class from_scores + display",
            "nbimage": {"median": statistics.median(ours), "min": min(ours), "max": max(ours)},
            "reference": {
                "median": statistics.median(reference),
                "min": min(reference),
                "max": max(reference),
            },
            "ratio": ratio,
            "cpu_ratio": cpu_ratio,
            "goal": 2.0,
        }
    ]
