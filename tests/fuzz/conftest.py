"""Settings of the fuzz suite and the tally it prints at the end.

`make test` runs it seeded (derandomized: the same cases on every machine, so CI is
reproducible) with NBIMAGE_FUZZ_EXAMPLES cases per test (default 150, 75 for the model-output
tests; about half a minute in all). `make fuzz` is the deeper search: random seeds, many
more cases per test (10000); a failure prints the case and the seed to reproduce it with.
"""

from __future__ import annotations

import os
from typing import Any

from fuzz_outcomes import OUTCOMES
from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("NBIMAGE_FUZZ_EXAMPLES", "150"))
DEEP = os.environ.get("NBIMAGE_FUZZ_DEEP", "") not in ("", "0")

settings.register_profile(
    "nbimage-fuzz",
    max_examples=EXAMPLES,
    derandomize=not DEEP,
    deadline=None,  # each case has its own timeout (fuzz_check.PER_CASE_SECONDS)
    database=None,  # nothing written to the checkout
    print_blob=True,
    suppress_health_check=list(HealthCheck),
)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not OUTCOMES:
        return
    total = sum(sum(counter.values()) for counter in OUTCOMES.values())
    mode = "deep (random seeds)" if DEEP else "seeded"
    terminalreporter.section(f"nbimage fuzz: {total} generated cases, {mode}")
    for name, counter in sorted(OUTCOMES.items()):
        parts = ", ".join(f"{outcome} {count}" for outcome, count in sorted(counter.items()))
        terminalreporter.write_line(f"{name}: {sum(counter.values())} cases ({parts})")
