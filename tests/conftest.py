"""Shared fixtures: real photos from scikit-image (shipped in the package, no download)."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data as skdata


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    """512×512 RGB uint8 photo."""
    return skdata.astronaut()


@pytest.fixture(scope="session")
def coffee() -> np.ndarray:
    """400×600 RGB uint8 photo."""
    return skdata.coffee()


@pytest.fixture(scope="session")
def camera() -> np.ndarray:
    """512×512 grayscale uint8 photo."""
    return skdata.camera()


@pytest.fixture(scope="session")
def chelsea() -> np.ndarray:
    """300×451 RGB uint8 photo."""
    return skdata.chelsea()
