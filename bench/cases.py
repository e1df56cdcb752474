"""The benchmark's inputs, built the same way in every environment (needs numpy only).

`bench/worker.py` imports this in nbimage's venv and in the wandb 0.22.3 venv, so both
sides time exactly the same arrays, boxes and masks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

CLASS_LABELS = {0: "background", 1: "cat", 2: "dog", 3: "car", 4: "tree"}


@dataclass(frozen=True)
class Case:
    name: str
    size: int  # side of each square picture
    count: int  # pictures; more than one is shown as a grid
    overlays: bool  # 10 boxes + 1 mask per picture
    repeats: int  # timed runs in the full suite (after one warm-up)
    history: bool = False  # nbimage side: History.log() on the caller's thread (issue 17)


CASES = (
    Case("1024² float32 RGB", 1024, 1, False, 15),
    Case("4096² float32 RGB", 4096, 1, False, 9),
    Case("108 × 256² float32 RGB, 10 boxes + 1 mask each", 256, 108, True, 5),
    Case("history.log() of a 512² float32 RGB Image", 512, 1, False, 31, history=True),
)
MEMORY_CASE = CASES[1]


def case_named(name: str) -> Case:
    for case in CASES:
        if case.name == name:
            return case
    raise ValueError(f"case: unknown {name!r}; known: {[c.name for c in CASES]}")


def picture(size: int, seed: int) -> np.ndarray:
    """A float32 (size, size, 3) array in [0, 1] that looks like a model's output:
    smooth structure plus a little noise (pure noise would flatter no encoder)."""
    rng = np.random.default_rng(seed)
    axis = np.linspace(0, 2 * np.pi, size, dtype=np.float32)
    phase = np.float32(rng.uniform(0, np.pi))
    smooth = 0.5 + 0.3 * np.sin(3 * axis + phase)[:, None] * np.cos(2 * axis)[None, :]
    array = np.empty((size, size, 3), np.float32)
    for channel, weight in enumerate((1.0, 0.8, 0.6)):
        array[..., channel] = smooth * np.float32(weight)
    array += rng.standard_normal((size, size, 3), dtype=np.float32) * np.float32(0.03)
    np.clip(array, 0, 1, out=array)
    return array


def boxes(size: int, seed: int) -> dict[str, Any]:
    """wandb's `boxes=` argument: ten boxes in pixel coordinates with scores."""
    rng = np.random.default_rng(seed + 1000)
    box_data = []
    for index in range(10):
        x0, y0 = (int(v) for v in rng.integers(0, size * 3 // 4, 2))
        w, h = (int(v) for v in rng.integers(8, size // 4, 2))
        class_id = int(index % 4 + 1)
        box_data.append(
            {
                "position": {"minX": x0, "maxX": x0 + w, "minY": y0, "maxY": y0 + h},
                "domain": "pixel",
                "class_id": class_id,
                "box_caption": f"{CLASS_LABELS[class_id]} {index}",
                "scores": {"confidence": round(float(rng.uniform()), 3)},
            }
        )
    return {"predictions": {"box_data": box_data, "class_labels": dict(CLASS_LABELS)}}


def masks(size: int, seed: int) -> dict[str, Any]:
    """wandb's `masks=` argument: one mask of blocky class regions."""
    rng = np.random.default_rng(seed + 2000)
    cells = rng.integers(0, len(CLASS_LABELS), (8, 8), dtype=np.uint8)
    mask_data = np.kron(cells, np.ones((size // 8, size // 8), np.uint8))
    return {"ground_truth": {"mask_data": mask_data, "class_labels": dict(CLASS_LABELS)}}


def inputs(case: Case) -> list[dict[str, Any]]:
    """Keyword arguments of `Image(...)` for each picture of the case."""
    items = []
    for seed in range(case.count):
        item: dict[str, Any] = {"data_or_path": picture(case.size, seed)}
        if case.overlays:
            item["boxes"] = boxes(case.size, seed)
            item["masks"] = masks(case.size, seed)
        items.append(item)
    return items
