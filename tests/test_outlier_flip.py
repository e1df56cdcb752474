"""outlier-flip: a few values just outside [0, 1] or [-1, 1] that picked another rule.

Pinned both ways: it fires on one value in 10⁶ and on a few percent, in both directions,
and on the real pipeline that causes it (an antialiased resize, then a standardize undone);
it stays silent on clean photos and on data truly outside the range.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nbimage import Image
from nbimage.diagnostics import Diagnostic, number_text

RNG = np.random.default_rng(14)
IMAGENET_MEAN = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
IMAGENET_STD = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)


def found(data: object) -> dict[str, Diagnostic]:
    return {d.code: d for d in Image(data).diagnostics}


def unit(shape: tuple[int, ...]) -> np.ndarray:
    return RNG.random(shape, dtype=np.float32)


def test_the_issue_reproduction_names_the_value_the_rule_and_the_fix() -> None:
    x = unit((64, 64, 3))
    x[0, 0, 0] = 1.0000001
    codes = found(x)
    flip = codes["outlier-flip"]
    assert flip.severity == "warning"
    for words in (
        "1 of 12288 values",
        "1.0000001",
        "row 0, column 0, channel 0",
        "rule-clip",
        "instead of rule-scale-01",
        "nearly black",
        "`x.clamp(0, 1)` / `np.clip(x, 0, 1)`",
    ):
        assert words in flip.message
    # Every message prints the overshoot in full, never "max 1".
    assert "max 1.0000001" in codes["rule-clip"].message
    assert "max 1:" not in codes["rule-clip"].message
    # The dark picture's advice names the cause, not "multiply by 255".
    assert "multiply" not in codes["dark"].message
    assert "outlier-flip" in codes["dark"].message and "x.clamp(0, 1)" in codes["dark"].message
    assert "clipped" not in codes and "standardized" not in codes


def test_one_value_in_a_million_fires() -> None:
    x = unit((1000, 1000))
    x[517, 3] = 1.0000001
    flip = found(x)["outlier-flip"]
    assert "1 of 1000000 values" in flip.message and "row 517, column 3" in flip.message


def test_a_few_percent_fire_and_the_most_extreme_is_named() -> None:
    x = unit((100, 100))
    rows = RNG.choice(100, 4, replace=False)
    x[rows] = 1.0 + RNG.random((4, 100), dtype=np.float32) * 0.05  # 4% just above 1
    x[rows[0], 7] = 1.2
    flip = found(x)["outlier-flip"]
    assert "400 of 10000 values (4%)" in flip.message
    assert f"1.2 at row {rows[0]}, column 7" in flip.message


def test_below_zero_flips_to_rescale_pm1_washed_out() -> None:
    x = unit((32, 32, 3))
    x[4, 5, 2] = -0.001
    codes = found(x)
    assert "rule-rescale-pm1" in codes
    flip = codes["outlier-flip"]
    assert "-0.001 at row 4, column 5, channel 2" in flip.message
    assert "half contrast" in flip.message and "x.clamp(0, 1)" in flip.message


def test_outside_minus_one_flips_a_pm1_picture_to_clip() -> None:
    x = unit((32, 32)) * 2 - 1
    x[0, 9] = -1.0000001
    codes = found(x)
    flip = codes["outlier-flip"]
    assert "outside [-1, 1]" in flip.message and "instead of rule-rescale-pm1" in flip.message
    assert "-1.0000001" in flip.message and "`x.clamp(-1, 1)`" in flip.message
    assert "standardized" not in codes  # a [-1, 1] picture, not a standardized tensor


def test_a_batch_names_the_picture() -> None:
    batch = torch.rand(4, 3, 8, 8)
    batch[2, 1, 3, 4] = 1.0000001
    flip = found(batch)["outlier-flip"]
    assert "picture 2, row 3, column 4, channel 1" in flip.message
    assert "the whole batch" in flip.message


def test_resize_then_standardize_then_denormalize_flips() -> None:
    """The pipeline that bites most: antialiased resize, Normalize, then `t * std + mean`."""
    photo = torch.from_numpy(np.moveaxis(RNG.random((96, 96, 3), dtype=np.float32), -1, 0))
    photo[:, 40:60, 40:60] = 1.0  # a saturated patch: its edges ring past 1
    resized = torch.nn.functional.interpolate(
        photo[None], size=(61, 61), mode="bicubic", antialias=True, align_corners=False
    )[0]
    standardized = (resized - IMAGENET_MEAN) / IMAGENET_STD
    back = standardized * IMAGENET_STD + IMAGENET_MEAN
    assert float(back.max()) > 1 or float(back.min()) < 0
    codes = found(back)
    assert "outlier-flip" in codes and "x.clamp(0, 1)" in codes["outlier-flip"].message
    assert "outlier-flip" not in found(back.clamp(0, 1))


@pytest.mark.parametrize("name", ["astronaut", "coffee", "camera", "chelsea"])
def test_silent_on_clean_photos_in_every_range(name: str, request: pytest.FixtureRequest) -> None:
    photo = request.getfixturevalue(name)
    scaled = photo.astype(np.float32) / 255
    for data in (photo, scaled, scaled * 2 - 1, photo.astype(np.float32)):
        assert "outlier-flip" not in found(data)


def test_silent_on_data_truly_outside_the_range() -> None:
    floats_255 = unit((64, 64, 3)) * 255
    standardized = RNG.standard_normal((64, 64, 3)).astype(np.float32)
    far = unit((64, 64))
    far[0, 0] = 1.5  # beyond the margin: not an overshoot
    many = unit((64, 64))
    many[:8] += 1.0 - many[:8].min() + 1e-3  # 12.5% above 1: a range, not a few outliers
    integers = np.zeros((8, 8), np.uint8)
    integers[0, 0] = 2  # integer data: class ids, not float error
    for data in (floats_255, standardized, far, many, integers):
        assert "outlier-flip" not in found(data)


def test_numbers_print_at_the_precision_that_shows_the_difference() -> None:
    assert number_text(1.0000001192092896) == "1.0000001"  # float32 1.0000001
    assert number_text(0.9999999403953552) == "0.99999994"
    assert number_text(1 + 1e-12) == repr(1 + 1e-12)
    assert number_text(65535.0) == "65535"
    assert number_text(0.5) == "0.5" and number_text(-2.1179039478302) == "-2.118"
    assert number_text(1.234e-5) == "1.234e-05"
