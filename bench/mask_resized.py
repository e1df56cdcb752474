"""What a mask of another size costs on the display path, against a same-size mask.

    .venv/bin/python bench/mask_resized.py

Times `Image(t, masks=...)._repr_mimebundle_()` (the view's payload and the fallback PNG,
which stretches the mask) for a 1024² and a 2400² picture with a full-size, a ½-size and a
¼-size mask of 150 classes, in the same run, and prints medians and ratios to the full-size
mask. Nothing here asserts on timings.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ipywidgets

import nbimage
from bench.cases import picture as smooth_picture

REPEATS = 7


def display(picture: np.ndarray, ids: np.ndarray) -> float:
    start = time.perf_counter()
    nbimage.Image(picture, masks={"pred": {"mask_data": ids}})._repr_mimebundle_()
    took = (time.perf_counter() - start) * 1e3
    ipywidgets.Widget.close_all()  # a kernel frees closed views; keep the process flat
    return took


def main() -> None:
    rng = np.random.default_rng(5)
    print(f"{'picture':>8} {'mask':>10} {'median ms':>10} {'÷ full-size':>12}")
    for side in (1024, 2400):
        picture = smooth_picture(side, 1)
        cells = rng.integers(0, 150, (16, 16), dtype=np.uint8)
        masks = [np.kron(cells, np.ones((side // d // 16,) * 2, np.uint8)) for d in (1, 2, 4)]
        times: list[list[float]] = [[] for _ in masks]
        for repeat in range(REPEATS + 1):
            # Interleaved, so that a busy moment of the machine hits every variant alike.
            for index, ids in enumerate(masks):
                took = display(picture, ids)
                if repeat:  # the first round warms up
                    times[index].append(took)
        medians = [statistics.median(t) for t in times]
        for ids, median in zip(masks, medians, strict=True):
            shape = f"{ids.shape[1]}×{ids.shape[0]}"
            print(f"{side:>7}² {shape:>10} {median:>10.1f} {median / medians[0]:>12.2f}")


if __name__ == "__main__":
    main()
