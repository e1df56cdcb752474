"""Big pictures live in small memory pages, and give them back when they are dropped.

Why small pages: nbimage/_pages.py (perf, issue 5). The flags are read from Linux's
/proc/self/smaps, where `nh` marks a mapping advised MADV_NOHUGEPAGE.
"""

from __future__ import annotations

import gc
import sys

import numpy as np
import pytest

import nbimage

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/smaps")


def mapping_flags(address: int) -> list[str] | None:
    """The VmFlags of the mapping that holds `address`, or None when nothing maps it."""
    inside = False
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            head = line.split()[0]
            if "-" in head and not head.endswith(":"):
                start, end = (int(bound, 16) for bound in head.split("-"))
                inside = start <= address < end
            elif inside and head == "VmFlags:":
                return line.split()[1:]
    return None


def big_picture() -> nbimage.Image:
    # 1200 × 1200 × 3 bytes = 4.3 MB: above numpy's threshold for huge pages.
    data = np.random.default_rng(0).uniform(0, 1, (1200, 1200, 3)).astype(np.float32)
    return nbimage.Image(data)


def test_a_big_pictures_pixels_are_in_small_pages() -> None:
    pixels = big_picture()._picture.pixels
    assert pixels is not None
    flags = mapping_flags(pixels.ctypes.data)
    assert flags is not None and "nh" in flags, flags
    assert not pixels.flags.writeable  # still read-only once the Image holds it


def test_a_dropped_pictures_memory_goes_back_to_the_system() -> None:
    image = big_picture()
    pixels = image._picture.pixels
    assert pixels is not None
    address = pixels.ctypes.data
    assert mapping_flags(address) is not None
    del image, pixels
    gc.collect()
    assert mapping_flags(address) is None


def test_small_pictures_keep_numpys_memory() -> None:
    # Below the threshold a picture is an ordinary numpy array (no mapping of its own).
    pixels = nbimage.Image(np.zeros((64, 64, 3), np.float32))._picture.pixels
    assert pixels is not None
    assert "nh" not in (mapping_flags(pixels.ctypes.data) or [])
