"""Time one side of one benchmark case inside a fresh process and print JSON.

    python bench/worker.py --side nbimage|wandb|floor --case NAME --repeats N [--memory]
        [--close-views]

`bench/run.py` starts it with nbimage's venv for the nbimage and floor sides and with
`bench/.venv-wandb` (wandb 0.22.3 + Pillow 11.3.0) for the wandb side. Timings start after
the inputs exist, so both sides time only what `display()` / `wandb.Image` do.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any

import cases

Run = Callable[[], Any]


def nbimage_run(items: list[dict[str, Any]]) -> Run:
    import nbimage

    def single() -> Any:
        args = dict(items[0])
        return nbimage.Image(args.pop("data_or_path"), **args)._repr_mimebundle_()

    def grid() -> Any:
        pictures = [nbimage.Image(a.pop("data_or_path"), **a) for a in map(dict, items)]
        return nbimage.show(pictures)._repr_mimebundle_()

    return single if len(items) == 1 else grid


def history_run(items: list[dict[str, Any]]) -> tuple[Run, Callable[[], Any]]:
    """`history.log()` on the caller's thread; the encoder's work is waited for untimed
    (between calls, as a training loop's steps are apart)."""
    import nbimage

    history = nbimage.History()
    data = items[0]["data_or_path"]

    def run() -> Any:
        history.log({"pred": data})

    return run, history.flush


def wandb_run(items: list[dict[str, Any]]) -> Run:
    os.environ.setdefault("WANDB_MODE", "offline")
    os.environ.setdefault("WANDB_SILENT", "true")
    os.environ.setdefault("WANDB_DIR", tempfile.mkdtemp(prefix="nbimage-bench-wandb-"))
    import wandb

    def run() -> Any:
        return [wandb.Image(a.pop("data_or_path"), **a) for a in map(dict, items)]

    return run


def floor_run(items: list[dict[str, Any]]) -> Run:
    """Normalization alone: the least any display path has to do."""
    from nbimage.normalize import to_pixels

    def run() -> Any:
        return [to_pixels(a["data_or_path"], normalize=True)[0] for a in items]

    return run


SIDES = {"nbimage": nbimage_run, "wandb": wandb_run, "floor": floor_run}


def time_runs(
    run: Run, repeats: int, warmup: int, after: Callable[[], Any] | None = None
) -> list[float]:
    """Times of `repeats` calls of `run`; `after` (untimed) follows each call."""
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        del result
        if after is not None:
            after()
    return times


def close_views() -> None:
    """Close every widget, untimed: what `--close-views` measures is the display path in a
    process that does not grow (views left open keep their pictures, as in a notebook)."""
    import ipywidgets

    ipywidgets.Widget.close_all()


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def extra_peak_bytes(run: Run) -> tuple[int, str]:
    """Peak resident memory above what the process held before `run` (input included).

    Linux's high-water mark is reset through /proc/self/clear_refs; where that is not
    allowed, a thread samples the resident size every millisecond instead.
    """
    gc.collect()
    baseline = _status_kib("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        method = "VmHWM"
    except OSError:
        method = "sampled"
    peak = [baseline]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _status_kib("VmRSS"))
            time.sleep(0.001)

    sampler = threading.Thread(target=sample, daemon=True)
    if method == "sampled":
        sampler.start()
    result = run()
    done.set()
    if method == "VmHWM":
        peak[0] = _status_kib("VmHWM")
    else:
        sampler.join()
    del result
    return (peak[0] - baseline) * 1024, method


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", choices=sorted(SIDES), required=True)
    parser.add_argument("--case", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--close-views", action="store_true", help="nbimage: close views")
    args = parser.parse_args()

    case = cases.case_named(args.case)
    items = cases.inputs(case)
    after: Callable[[], Any] | None = None
    if case.history and args.side == "nbimage":
        run, after = history_run(items)
    else:
        run = SIDES[args.side](items)
    report: dict[str, Any] = {"side": args.side, "case": case.name}
    if args.memory:
        run()  # warm-up: imports and first-call caches are not the picture's cost
        extra, method = extra_peak_bytes(run)
        input_bytes = sum(a["data_or_path"].nbytes for a in items)
        report["memory"] = {"extra_bytes": extra, "input_bytes": input_bytes, "method": method}
    else:
        if after is None and args.close_views and args.side == "nbimage":
            after = close_views
        report["times"] = time_runs(run, args.repeats, args.warmup, after)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
