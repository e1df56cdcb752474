"""One minimal trigger per diagnostic code, and no warning on clean photos."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch

from nbimage.diagnostics import CODES, Diagnostic
from nbimage.prepare import prepare

RNG = np.random.default_rng(6)


def ramp(lo: float, hi: float, shape: tuple[int, ...] = (16, 16)) -> np.ndarray:
    return np.linspace(lo, hi, int(np.prod(shape)), dtype=np.float32).reshape(shape)


def with_nan() -> np.ndarray:
    data = ramp(0, 1)
    data[2, 3] = np.nan
    return data


def with_inf() -> np.ndarray:
    data = ramp(0, 1)
    data[4, 5] = np.inf
    data[0, 1] = -np.inf
    return data


# code -> (make the input, prepare's keyword arguments, words the message must hold)
TRIGGERS: dict[str, tuple[Callable[[], Any], dict[str, Any], list[str]]] = {
    "rule-scale-01": (lambda: ramp(0, 1), {}, ["float32", "16×16", "min 0", "max 1"]),
    "rule-rescale-pm1": (lambda: ramp(-1, 1), {}, ["min -1", "max 1", "127.5"]),
    "rule-clip": (lambda: ramp(0, 200), {}, ["max 200", "clip(0, 255)"]),
    "clipped": (
        lambda: ramp(-0.2, 1.1),
        {},
        ["40 of 256", "below 0 (down to -0.2) became 0", "x.clip(0, 1)"],
    ),
    "mask-stretched": (
        lambda: (ramp(0, 1) > 0.5).astype(np.uint8),
        {},
        ["uint8", "only 0 and 1", "128 of 256", "masks=", "normalize=False"],
    ),
    "high-bit-depth": (
        lambda: np.arange(0, 4096, 16, dtype=np.uint16).reshape(16, 16),
        {},
        ["uint16", "4080", "240 of 256", "x.max()"],
    ),
    "nan": (with_nan, {}, ["1 of 256", "row 2, column 3", "became 0", "nan_to_num"]),
    "inf": (with_inf, {}, ["1 values are +Inf and 1 are -Inf", "row 0, column 1", "255"]),
    "constant": (lambda: np.full((8, 8), 7.0), {}, ["every pixel", "is 7", "constant (7)"]),
    "dark": (lambda: ramp(0, 0.05), {}, ["brightest pixel is 12", "stretch"]),
    "low-contrast": (lambda: ramp(100, 110), {}, ["levels 100–110", "stretch"]),
    "channels-first": (lambda: ramp(0, 1, (3, 8, 9)), {}, ["(3, 8, 9)", "np.moveaxis"]),
    "standardized": (
        lambda: RNG.standard_normal((32, 32, 3)).astype(np.float32),
        {},
        ["looks standardized", "mean", "std", "clipped to 0", "denormalize='imagenet'"],
    ),
    "wraparound": (
        lambda: ramp(-5, 300),
        {"normalize": False},
        ["normalize=False", "wrapped", "normalize=True"],
    ),
    "alpha-dropped": (lambda: ramp(0, 1, (4, 4, 4)), {"file_type": "jpg"}, ["'jpg'", "png"]),
    "low-precision": (lambda: ramp(0, 1).astype(np.float16), {}, ["float16"]),
    "batch-grid": (lambda: ramp(0, 1, (10, 4, 5, 3)), {}, ["10 pictures", "2×8"]),
    "outlier-flip": (
        lambda: np.where(ramp(0, 1) == 1, np.float32(1.0000001), ramp(0, 1)),
        {},
        ["1 of 256 values", "1.0000001", "row 15, column 15", "rule-scale-01", "x.clamp(0, 1)"],
    ),
}


def codes(found: tuple[Diagnostic, ...]) -> list[str]:
    return [d.code for d in found]


def test_every_code_has_a_trigger_and_a_meaning() -> None:
    assert set(TRIGGERS) == set(CODES)


@pytest.mark.parametrize("code", list(TRIGGERS))
def test_minimal_trigger(code: str) -> None:
    make, kwargs, words = TRIGGERS[code]
    found = prepare(make(), **kwargs).diagnostics
    matching = [d for d in found if d.code == code]
    assert matching, f"{code} not in {codes(found)}"
    severity = (
        "info" if code.startswith("rule-") or code in ("low-precision", "batch-grid") else "warning"
    )
    assert matching[0].severity == severity
    for word in words:
        assert word in matching[0].message


def test_standardized_replaces_the_generic_clipped_warning() -> None:
    found = codes(prepare(RNG.standard_normal((32, 32)).astype(np.float32)).diagnostics)
    assert "standardized" in found and "clipped" not in found


def test_torch_channels_last_and_bfloat16() -> None:
    found = prepare(torch.rand(8, 9, 3).to(torch.bfloat16)).diagnostics
    assert {"channels-first", "low-precision"} <= set(codes(found))


def test_normalize_false_on_unit_floats_explains_the_black_picture() -> None:
    (constant,) = [d for d in prepare(ramp(0, 0.9), normalize=False).diagnostics]
    assert constant.code == "constant" and "normalize=True" in constant.message


def clean_inputs(photo: np.ndarray) -> list[Any]:
    unit = photo.astype(np.float32) / 255
    tensor = torch.from_numpy(np.moveaxis(unit, -1, 0).copy()) if unit.ndim == 3 else None
    inputs: list[Any] = [
        photo,
        unit,
        unit * 2 - 1,
        photo.astype(np.float64),
        unit.astype(np.float64),
    ]
    inputs.append(PIL.Image.fromarray(photo))
    if tensor is not None:
        inputs.append(tensor)
    return inputs


@pytest.mark.parametrize("name", ["astronaut", "coffee", "camera", "chelsea"])
def test_no_warning_on_clean_photos(name: str, request: pytest.FixtureRequest) -> None:
    photo = request.getfixturevalue(name)
    for data in clean_inputs(photo):
        for file_type in ("png", "jpg"):
            found = prepare(data, file_type=file_type).diagnostics
            warnings = [str(d) for d in found if d.severity != "info"]
            assert warnings == [], f"{type(data).__name__}: {warnings}"
