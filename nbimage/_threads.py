"""The library's two thread pools: numpy, Pillow and the compressors release the GIL, so
big pictures use every core (perf, issue 5).

Leaf work (a stripe to compress, a band of rows to normalize or shrink) never waits on a
pool. Task work (one grid item, one fallback picture) may wait on leaf work, never on other
tasks. Neither pool can then starve itself: a task waiting on its leaves holds a task
thread, never a leaf thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import TypeVar

_In = TypeVar("_In")
_Out = TypeVar("_Out")

WORKERS = max(1, min(8, os.cpu_count() or 1))
_leaf_pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="nbimage-leaf")
_task_pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="nbimage-task")


def _map_with_caller(
    pool: ThreadPoolExecutor, function: Callable[[_In], _Out], values: Iterable[_In]
) -> list[_Out]:
    """`[function(v) for v in values]`, the first on the calling thread, the rest on `pool`.

    The caller would only wait otherwise. Working instead saves a thread hand-off each way,
    ~0.1–0.2 ms on these VMs when the other core is idle (perf, issue 5), and a single value
    never leaves the caller.
    """
    if not (values := list(values)):
        return []
    first, *rest = values
    started = [pool.submit(function, value) for value in rest]
    try:
        first_done = function(first)
    finally:
        wait(started)  # none outlives the call, whichever value fails
    return [first_done, *(future.result() for future in started)]


def map_leaves(function: Callable[[_In], _Out], values: Iterable[_In]) -> list[_Out]:
    """`[function(v) for v in values]` on the caller and the leaf threads, in order;
    `function` must not wait on either pool."""
    return _map_with_caller(_leaf_pool, function, values)


def map_tasks(function: Callable[[_In], _Out], values: Iterable[_In]) -> list[_Out]:
    """`[function(v) for v in values]` on the caller and the task threads, in order;
    `function` may use the leaf pool, never the task pool."""
    return _map_with_caller(_task_pool, function, values)


def submit_task(function: Callable[[], _Out]) -> Future[_Out]:
    """Start task work (same rule as `map_tasks`); the caller collects `.result()`."""
    return _task_pool.submit(function)
