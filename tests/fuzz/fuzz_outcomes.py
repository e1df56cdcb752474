"""The fuzz suite's tally: test name -> outcome ("accepted", "TypeError", ...) -> count.

Its own module (not conftest.py) so that it is one object however pytest imports the
several conftest.py files of the test tree.
"""

from __future__ import annotations

import collections

OUTCOMES: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
