"""`==` and `to_data_array()` with wandb 0.22.3's meaning, checked pair by pair against it.

wandb.Image equals another when grouping, caption, width, height, pixels (`getdata()`) and
classes are equal. Every pair below is compared with wandb and with nbimage; both must agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch
import wandb

from nbimage import Image

RNG = np.random.default_rng(20261201)
PHOTO = RNG.integers(0, 256, (48, 64, 3), dtype=np.uint8)
OTHER = PHOTO.copy()
OTHER[47, 63, 2] ^= 1  # one channel of one pixel
FLOATS = RNG.random((48, 64, 3)).astype(np.float32)
CLASSES = [{"id": 1, "name": "cat"}, {"id": 2, "name": "dog"}]

# name -> (arguments of the first image, arguments of the second, equal?)
PAIRS: dict[str, tuple[dict[str, Any], dict[str, Any], bool]] = {
    "same array": ({"data_or_path": PHOTO}, {"data_or_path": PHOTO.copy()}, True),
    "same floats": ({"data_or_path": FLOATS}, {"data_or_path": FLOATS.copy()}, True),
    "floats and their uint8": (
        {"data_or_path": FLOATS},
        {"data_or_path": (FLOATS * 255).astype(np.uint8)},
        True,
    ),
    "same caption": (
        {"data_or_path": PHOTO, "caption": "a"},
        {"data_or_path": PHOTO, "caption": "a"},
        True,
    ),
    "one pixel differs": ({"data_or_path": PHOTO}, {"data_or_path": OTHER}, False),
    "caption differs": (
        {"data_or_path": PHOTO, "caption": "a"},
        {"data_or_path": PHOTO, "caption": "b"},
        False,
    ),
    "caption missing": ({"data_or_path": PHOTO, "caption": "a"}, {"data_or_path": PHOTO}, False),
    "grouping differs": (
        {"data_or_path": PHOTO, "grouping": 2},
        {"data_or_path": PHOTO, "grouping": 3},
        False,
    ),
    "classes differ": (
        {"data_or_path": PHOTO, "classes": CLASSES},
        {"data_or_path": PHOTO, "classes": CLASSES[:1]},
        False,
    ),
    "same classes": (
        {"data_or_path": PHOTO, "classes": CLASSES},
        {"data_or_path": PHOTO, "classes": list(CLASSES)},
        True,
    ),
    "transposed size": (
        {"data_or_path": PHOTO},
        {"data_or_path": np.ascontiguousarray(PHOTO.transpose(1, 0, 2))},
        False,
    ),
    "gray and rgb of the same values": (
        {"data_or_path": PHOTO[..., 0]},
        {"data_or_path": np.repeat(PHOTO[..., :1], 3, axis=2)},
        False,
    ),
    # wandb compares what it reads back from its files: a JPEG is lossy.
    "png and its jpg": (
        {"data_or_path": PHOTO},
        {"data_or_path": PHOTO, "file_type": "jpg"},
        False,
    ),
    "jpg twice": (
        {"data_or_path": PHOTO, "file_type": "jpg"},
        {"data_or_path": PHOTO.copy(), "file_type": "jpg"},
        True,
    ),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_equality_agrees_with_wandb(name: str) -> None:
    first, second, equal = PAIRS[name]
    theirs = wandb.Image(**first) == wandb.Image(**second)
    ours = Image(**first) == Image(**second)
    assert theirs is equal, "the expectation is wandb's"
    assert ours is equal
    assert (Image(**first) != Image(**second)) is (not equal)


def test_an_image_equals_its_copy_and_not_other_things() -> None:
    image = Image(torch.from_numpy(FLOATS).permute(2, 0, 1), caption="x", grouping=1)
    assert image == Image(image)
    assert image == image
    assert image != FLOATS
    assert image != "x"
    assert (image == None) is False  # noqa: E711


def test_images_are_unhashable_as_in_wandb() -> None:
    image = Image(PHOTO)
    with pytest.raises(TypeError, match="unhashable"):
        hash(image)
    with pytest.raises(TypeError, match="unhashable"):
        hash(wandb.Image(PHOTO))
    with pytest.raises(TypeError):
        {image}  # noqa: B018


def test_different_sizes_never_read_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing two big pictures of different sizes is cheap: no pixel is looked at."""
    big = Image(np.zeros((2400, 2400, 3), np.uint8))
    other = Image(np.zeros((2400, 2399, 3), np.uint8))
    import nbimage.model

    def no_pixels(*_: Any) -> bool:
        raise AssertionError("pixels read")

    monkeypatch.setattr(nbimage.model, "_same_pixels", no_pixels)
    assert big != other


# -- to_data_array ----------------------------------------------------------------------------

INPUTS: dict[str, Callable[[], Any]] = {
    "rgb uint8": lambda: PHOTO,
    "gray floats": lambda: FLOATS[..., 0],
    "rgba": lambda: np.concatenate([PHOTO, PHOTO[..., :1]], axis=2),
    "torch chw": lambda: torch.from_numpy(FLOATS).permute(2, 0, 1),
    "pil palette": lambda: PIL.Image.fromarray(PHOTO).convert("P"),
    "pil 1-bit": lambda: PIL.Image.fromarray(PHOTO[..., 0]).convert("1"),
}


# wandb 0.22.3 (with this Pillow) fails on RGBA and palette pictures as jpg: not compared.
CASES = [(name, "png") for name in sorted(INPUTS)] + [
    (name, "jpg") for name in ("gray floats", "rgb uint8", "torch chw", "pil 1-bit")
]


@pytest.mark.parametrize(("name", "file_type"), CASES)
def test_to_data_array_equals_wandbs(name: str, file_type: str) -> None:
    data = INPUTS[name]()
    theirs = wandb.Image(data, file_type=file_type).to_data_array()
    ours = Image(data, file_type=file_type).to_data_array()
    assert len(ours) == 48 and len(ours[0]) == 64
    assert ours == theirs
    assert type(ours[0][0]) is type(theirs[0][0])
