"""What each wandb release would log."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nbimage.eras import ERAS, render_era
from nbimage.prepare import prepare


def pixels(data: object, era: str) -> np.ndarray:
    return np.asarray(render_era(data, era))


def test_eras_have_release_labels() -> None:
    assert [era for era, _ in ERAS] == ["0.19", "0.22", "0.31"]
    assert all("wandb" in label for _, label in ERAS)


def test_022_is_prepare(astronaut: np.ndarray) -> None:
    data = astronaut.astype(np.float32) / 255 * 2 - 1
    np.testing.assert_array_equal(pixels(data, "0.22"), np.asarray(prepare(data).image))


def test_031_wraps() -> None:
    data = np.array([[-1.0, 256.0, 300.0]], dtype=np.float32)
    np.testing.assert_array_equal(pixels(data, "0.31"), [[255, 0, 44]])


def test_019_torch_is_min_max_normalized() -> None:
    tensor = torch.tensor([[[-2.0, 0.0, 2.0]]])  # (1, 1, 3)
    np.testing.assert_array_equal(pixels(tensor, "0.19"), [[0, 127, 255]])


def test_019_numpy_old_to_uint8() -> None:
    np.testing.assert_array_equal(pixels(np.array([[0.0, 0.5, 1.0]]), "0.19"), [[0, 127, 255]])
    np.testing.assert_array_equal(pixels(np.array([[0.0, 100.0, 300.0]]), "0.19"), [[0, 100, 255]])


def test_standardized_data_differs_across_eras() -> None:
    data = torch.linspace(-2, 2, 3 * 4 * 4).reshape(3, 4, 4)
    renders = {era: pixels(data, era) for era, _ in ERAS}
    assert renders["0.19"].max() == 255 and renders["0.19"].min() == 0
    assert renders["0.22"].max() == 2  # clipped: nearly black
    assert not np.array_equal(renders["0.22"], renders["0.31"])


def test_nan_does_not_spoil_min_max() -> None:
    tensor = torch.tensor([[[0.0, float("nan"), 4.0]]])
    np.testing.assert_array_equal(pixels(tensor, "0.19"), [[0, 0, 255]])


def test_pictures_are_the_same_in_every_era(chelsea: np.ndarray) -> None:
    import PIL.Image

    picture = PIL.Image.fromarray(chelsea)
    for era, _ in ERAS:
        np.testing.assert_array_equal(pixels(picture, era), chelsea)


def test_unknown_era() -> None:
    with pytest.raises(ValueError, match=r"era: unknown era '0\.5'.*0\.19, 0\.22, 0\.31"):
        render_era(np.zeros((2, 2)), "0.5")
