"""The steps a `History` keeps: step rules (as `wandb.log`), and thinning to a budget.

Pure bookkeeping, no widget and no threads: `nbimage.history` feeds it encoded steps in
order and sends what it says changed.

Thinning keeps an even spread of the steps logged so far: the k-th step logged is kept
while k is a multiple of the current stride, and the newest step always is. Past the
budget the stride doubles, so the kept steps stay evenly spread over the whole run and
always include the first and the newest (TensorBoard's reservoir keeps a random spread;
an even one shows the same run the same way every time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nbimage.wire import WireItem


@dataclass
class StepRecord:
    """One logged step as the view needs it: encoded panels and numbers, no caller data."""

    step: int
    time: float  # wall time of the step's first log() call (seconds since the epoch)
    ordinal: int  # how many distinct steps were logged before this one
    items: dict[str, list[WireItem]] = field(default_factory=dict)
    numbers: dict[str, float] = field(default_factory=dict)
    raw: dict[str, list[Any]] = field(default_factory=dict)  # keep_raw only
    nbytes: int = 0

    def measure(self) -> None:
        """Bytes held: the encoded pictures and masks, plus raw arrays when kept."""
        total = 0
        for items in self.items.values():
            for item in items:
                total += len(item["src"]) + sum(len(m["png"]) for m in item["masks"])
                total += 64 * sum(len(layer["boxes"]) for layer in item["boxes"])
                for heatmap in item["heatmaps"]:
                    total += sum(len(v) for v in heatmap.values() if isinstance(v, bytes))
        for arrays in self.raw.values():
            total += sum(int(getattr(a, "nbytes", 0)) for a in arrays)
        self.nbytes = total + 256 * (len(self.items) + len(self.numbers))


class StepStore:
    """Kept steps in logging order, within `max_steps` and `max_bytes`."""

    def __init__(self, max_steps: int | None, max_bytes: int | None) -> None:
        self.max_steps = max_steps
        self.max_bytes = max_bytes
        self.steps: list[StepRecord] = []
        self.logged = 0  # distinct steps ever logged
        self.stride = 1
        self.nbytes = 0

    @property
    def newest(self) -> StepRecord | None:
        return self.steps[-1] if self.steps else None

    @property
    def thinned(self) -> int:
        return self.logged - len(self.steps)

    def find(self, step: int) -> StepRecord | None:
        for record in reversed(self.steps):
            if record.step == step:
                return record
            if record.step < step:
                return None
        return None

    def add(self, record: StepRecord) -> list[int]:
        """Add or merge a step (equal step: its keys merge, later values win); the steps
        thinned out by it, in order."""
        newest = self.newest
        if newest is not None and newest.step == record.step:
            self.nbytes -= newest.nbytes
            newest.items.update(record.items)
            newest.numbers.update(record.numbers)
            newest.raw.update(record.raw)
            newest.measure()
            self.nbytes += newest.nbytes
            return self._thin()
        dropped: list[int] = []
        # The previous newest was kept only for being the newest.
        if newest is not None and newest.ordinal % self.stride:
            dropped.append(self._pop(len(self.steps) - 1))
        record.ordinal = self.logged
        self.logged += 1
        record.measure()
        self.steps.append(record)
        self.nbytes += record.nbytes
        return dropped + self._thin()

    def _pop(self, index: int) -> int:
        record = self.steps.pop(index)
        self.nbytes -= record.nbytes
        return record.step

    def _over(self) -> bool:
        if len(self.steps) <= 2:
            return False  # the first and the newest stay, whatever the budget
        if self.max_steps is not None and len(self.steps) > self.max_steps:
            return True
        return self.max_bytes is not None and self.nbytes > self.max_bytes

    def _thin(self) -> list[int]:
        dropped: list[int] = []
        while self._over():
            self.stride *= 2
            last = len(self.steps) - 1
            keep: list[StepRecord] = []
            for index, record in enumerate(self.steps):
                if record.ordinal % self.stride == 0 or index == last:
                    keep.append(record)
                else:
                    self.nbytes -= record.nbytes
                    dropped.append(record.step)
            self.steps = keep
        return sorted(dropped)
