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
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

_In = TypeVar("_In")
_Out = TypeVar("_Out")

WORKERS = max(1, min(8, os.cpu_count() or 1))
_leaf_pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="nbimage-leaf")
_task_pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="nbimage-task")


def map_leaves(function: Callable[[_In], _Out], values: Iterable[_In]) -> list[_Out]:
    """`[function(v) for v in values]` on the leaf threads, in order; `function` must not
    wait on either pool."""
    return list(_leaf_pool.map(function, values))


def submit_leaf(function: Callable[[], _Out]) -> Future[_Out]:
    """Start leaf work; the caller collects `.result()`."""
    return _leaf_pool.submit(function)


def map_tasks(function: Callable[[_In], _Out], values: Iterable[_In]) -> list[_Out]:
    """`[function(v) for v in values]` on the task threads, in order; `function` may use
    the leaf pool, never the task pool."""
    return list(_task_pool.map(function, values))


def submit_task(function: Callable[[], _Out]) -> Future[_Out]:
    """Start task work (same rule as `map_tasks`); the caller collects `.result()`."""
    return _task_pool.submit(function)
