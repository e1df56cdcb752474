"""Big pixel buffers in small (4 KiB) memory pages.

numpy asks Linux for transparent huge pages (2 MiB) for every array of 4 MiB or more. A
picture's pixels are written once, read in order to encode them and then kept by its view,
so huge pages save little there; on virtual machines whose host backs guest memory only when
it is first written, they cost much more than small ones (perf, issue 5: on the 2-core CI
VMs, first writes to 50 MB took ~110 ms in huge pages against ~27 ms in small ones, and a
4096² float32 display in a kernel that keeps its views went from ~120 ms to ~80 ms). Where
huge pages are cheap to first write, small ones cost more faults (12,800 instead of 25 for
50 MB), spread over the threads that normalize the picture.
"""

from __future__ import annotations

import contextlib
import math
import mmap

import numpy as np

# Linux only; elsewhere numpy's own allocation is used.
_SMALL_PAGES = getattr(mmap, "MADV_NOHUGEPAGE", None)
_HUGE_PAGE_BYTES = 4 << 20  # numpy's threshold for asking huge pages


def empty_pixels(shape: tuple[int, ...]) -> np.ndarray:
    """`np.empty(shape, np.uint8)`, in small pages where numpy would ask for huge ones."""
    size = math.prod(shape)
    if _SMALL_PAGES is None or size < _HUGE_PAGE_BYTES:
        return np.empty(shape, np.uint8)
    memory = mmap.mmap(-1, size)  # anonymous, private, zero-filled on first touch
    # A kernel without transparent huge pages refuses the advice: its pages are small anyway.
    with contextlib.suppress(OSError):
        memory.madvise(_SMALL_PAGES)
    return np.frombuffer(memory, np.uint8, count=size).reshape(shape)
