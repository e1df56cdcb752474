"""The two pools' maps: results in order, the first value on the calling thread, errors
raised only once every value has finished (nothing keeps running after a failed display)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from nbimage._threads import map_leaves, map_tasks

MAPS = [map_leaves, map_tasks]
Map = Callable[[Callable[[Any], Any], Any], list[Any]]


@pytest.mark.parametrize("map_", MAPS)
def test_results_come_back_in_order(map_: Map) -> None:
    def slow_for_early(value: int) -> int:
        time.sleep(0.002 * (20 - value))  # early values finish last
        return value * value

    assert map_(slow_for_early, range(20)) == [v * v for v in range(20)]
    assert map_(slow_for_early, iter([3, 4])) == [9, 16]
    assert map_(slow_for_early, []) == []


@pytest.mark.parametrize("map_", MAPS)
def test_the_first_value_runs_on_the_calling_thread(map_: Map) -> None:
    caller = threading.get_ident()
    threads = map_(lambda _: threading.get_ident(), range(3))
    assert threads[0] == caller
    assert map_(lambda _: threading.get_ident(), ["only"]) == [caller]


@pytest.mark.parametrize("map_", MAPS)
@pytest.mark.parametrize("failing", [0, 2])
def test_an_error_is_raised_after_every_value_has_finished(map_: Map, failing: int) -> None:
    finished: list[int] = []

    def work(value: int) -> int:
        if value == failing:
            raise ValueError(f"value {value} failed")
        time.sleep(0.04 * (value + 1))  # the last value is still running when one fails
        finished.append(value)
        return value

    with pytest.raises(ValueError, match=f"value {failing} failed"):
        map_(work, range(4))
    assert sorted(finished) == [v for v in range(4) if v != failing]
