"""What each wandb release would log for the same data ("What would W&B log?").

- "0.19": wandb <= 0.19. Torch tensors went through `make_grid(normalize=True)`: min–max
  over the whole tensor, then `* 255` truncated. numpy went through the old `to_uint8`.
- "0.22": wandb 0.20–0.22, the DESIGN.md rules: exactly `prepare`.
- "0.31": wandb >= 0.31, a plain `astype(uint8)`: values outside 0–255 wrap around.

Every era uses nbimage's sensible layout (2-D tensors, batches, channels-first), and NaN
becomes 0, ±Inf 255/0, so the comparison shows the normalization difference alone.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import PIL.Image

from nbimage._errors import bad_value
from nbimage.normalize import fill_nonfinite, to_uint8
from nbimage.prepare import prepare

ERAS: list[tuple[str, str]] = [
    ("0.19", "wandb ≤ 0.19: torch min–max, numpy to_uint8"),
    ("0.22", "wandb 0.20–0.22: [0,1] ×255, [-1,1] rescaled, else clipped"),
    ("0.31", "wandb ≥ 0.31: plain astype(uint8), values wrap"),
]
ERA_IDS = tuple(era for era, _ in ERAS)
# torchvision's make_grid divides by max(hi - lo, this): a constant tensor stays finite.
MIN_RANGE = 1e-5


def render_era(data_or_path: Any, era: str, *, mode: str | None = None) -> PIL.Image.Image:
    """The picture wandb release `era` would log for `data_or_path`."""
    if era not in ERA_IDS:
        raise bad_value("era", f"unknown era {era!r}", f"pass one of {', '.join(ERA_IDS)}")
    if era == "0.31":
        return prepare(data_or_path, mode=mode, normalize=False).image
    prepared = prepare(data_or_path, mode=mode)
    if era == "0.22" or prepared.raw is None:
        return prepared.image  # pictures and files were never normalized in any era
    raw = prepared.raw
    pixels = _min_max(raw) if prepared.source == "torch" else _old_to_uint8(raw)
    return PIL.Image.fromarray(pixels, mode=prepared.picture.mode)


def _finite_only(raw: np.ndarray) -> np.ndarray:
    if raw.dtype.kind != "f" or np.isfinite(raw).all():
        return raw
    cleaned: np.ndarray = np.where(np.isfinite(raw), raw, np.zeros((), raw.dtype))
    return cleaned


def _min_max(raw: np.ndarray) -> np.ndarray:
    """make_grid(normalize=True) then `.mul(255).clamp(0, 255).byte()`."""
    data = _finite_only(raw).astype(np.float32)
    lo, hi = float(data.min()), float(data.max())
    scaled = (data - lo) / max(hi - lo, MIN_RANGE)
    pixels: np.ndarray = (np.clip(scaled, 0, 1) * 255).astype(np.uint8)
    if raw.dtype.kind == "f":
        fill_nonfinite(raw, pixels)
    return pixels


def _old_to_uint8(raw: np.ndarray) -> np.ndarray:
    pixels = to_uint8(_finite_only(raw))
    if raw.dtype.kind == "f":
        fill_nonfinite(raw, pixels)
    return pixels
