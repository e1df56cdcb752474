"""Bench row: `show()` of a 100,000-item lazy dataset against a 108-item list, same run.

Both get the same 256² float32 pictures as raw arrays and are timed from `show()` to the
first page's mimebundle (widget state and static PNG). The dataset is read one page at a
time (`nbimage.sources`), so it should cost what its first page costs: goal ≤ 1.2× the
list. Run alone: `.venv/bin/python bench/lazy.py [--quick]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]
import cases  # noqa: E402

PAGE = 108
DATASET_ITEMS = 100_000
GOAL = 1.2
CASE = "show() of a 100,000-item lazy dataset vs a 108-item list (256² float32)"


class Pictures:
    """A lazily indexed dataset: item i is one of 108 pictures, with an int target."""

    def __init__(self, pool: list[Any], count: int) -> None:
        self.pool = pool
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> Any:
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self.pool[index % len(self.pool)], index % 10


def _time(make: Any, repeats: int) -> list[float]:
    from nbimage import show

    times = []
    for _ in range(repeats + 1):  # the first is a warm-up
        started = time.perf_counter()
        bundle = show(make())._repr_mimebundle_()
        times.append(time.perf_counter() - started)
        assert bundle is not None and "image/png" in bundle[0]
    return times[1:]


def measure(quick: bool = False) -> dict[str, Any]:
    pool = [cases.picture(256, seed) for seed in range(PAGE)]
    repeats = 1 if quick else 5
    # Interleaved, so a slower moment of the machine hits both sides alike.
    grid: list[float] = []
    lazy: list[float] = []
    for _ in range(repeats):
        grid += _time(lambda: list(pool), 1)
        lazy += _time(lambda: Pictures(pool, DATASET_ITEMS), 1)
    ratio = statistics.median(lazy) / statistics.median(grid)
    return {
        "case": CASE,
        "lazy_median_s": statistics.median(lazy),
        "grid_median_s": statistics.median(grid),
        "ratio": ratio,
        "goal": GOAL,
        "lazy_times": lazy,
        "grid_times": grid,
    }


def row(result: dict[str, Any]) -> str:
    """The table row `bench/run.py` prints."""
    return (
        f"| {result['case']} | {result['lazy_median_s'] * 1e3:.0f} ms "
        f"| 108-item list: {result['grid_median_s'] * 1e3:.0f} ms | | "
        f"{result['ratio']:.2f} (lazy / list) | ≤ {result['goal']:.1f} |"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    found = measure(parser.parse_args().quick)
    print(row(found))
    print(json.dumps({k: v for k, v in found.items() if not k.endswith("_times")}))
