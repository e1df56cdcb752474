"""Masks of another size than the picture: accepted, stretched over it (nearest-neighbour)
in the fallback PNG, with a `mask-resized` diagnostic; (1, H, W) masks squeezed.

The reference for every pixel is a nearest-neighbour upscale written here from its
definition: picture pixel (x, y) shows the mask pixel under its centre.
"""

from __future__ import annotations

import base64
import io
import pathlib
from fractions import Fraction

import numpy as np
import PIL.Image
import pytest
import torch
import wandb

from nbimage import Image, ImageMask
from nbimage.composite import composite
from nbimage.mask_size import aspect_agrees, nearest_index, stretched

RNG = np.random.default_rng(20261201)


def upscale(ids: np.ndarray, height: int, width: int) -> np.ndarray:
    """Nearest-neighbour from the definition, in exact fractions (no float at the edges)."""
    rows = [int(Fraction(2 * y + 1, 2 * height) * ids.shape[0]) for y in range(height)]
    cols = [int(Fraction(2 * x + 1, 2 * width) * ids.shape[1]) for x in range(width)]
    return ids[np.ix_(rows, cols)]


def blocky_ids(height: int, width: int, classes: int = 160) -> np.ndarray:
    """A mask of `classes` ids (COCO-stuff has 150+) in random blocks, every id used."""
    ids = RNG.integers(0, classes, (height, width)).astype(np.uint8)
    used = min(classes, ids.size)
    ids.flat[:used] = np.arange(used, dtype=np.uint8)
    return ids


def fallback(image: Image) -> np.ndarray:
    """The image/png a notebook without a kernel shows."""
    bundle, _metadata = image._repr_mimebundle_()
    return np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(bundle["image/png"]))))


# -- the mapping -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "source"), [(451, 226), (451, 113), (300, 75), (15, 4), (28, 4), (7, 3), (2400, 600)]
)
def test_nearest_index_is_the_pixel_under_each_centre(count: int, source: int) -> None:
    expected = [int(Fraction(2 * x + 1, 2 * count) * source) for x in range(count)]
    assert nearest_index(count, source).tolist() == expected
    # Exact edges included: 15 → 4 puts picture pixel 7's centre on the edge of mask pixel 2.
    if (count, source) == (15, 4):
        assert nearest_index(count, source)[7] == 2


def test_stretched_matches_the_definition_for_odd_sizes() -> None:
    ids = blocky_ids(7, 11)
    assert np.array_equal(stretched(ids, (451, 300)), upscale(ids, 300, 451))
    assert stretched(ids, (11, 7)) is ids


@pytest.mark.parametrize(
    ("mask", "picture", "agrees"),
    [
        ((150, 226), (300, 451), True),  # ½, rounded up
        ((150, 225), (300, 451), True),  # ½, rounded down
        ((75, 113), (300, 451), True),  # ¼
        ((4, 4), (28, 28), True),  # wandb's own test
        ((600, 902), (300, 451), True),  # twice the picture
        ((100, 100), (300, 451), False),  # a square mask on a 3:2 picture
        ((451, 300), (300, 451), False),  # transposed
        ((150, 230), (300, 451), False),  # 4 pixels too wide at ½
    ],
)
def test_aspect_ratio_agrees_within_one_pixel_of_rounding(
    mask: tuple[int, int], picture: tuple[int, int], agrees: bool
) -> None:
    assert aspect_agrees(mask, picture) is agrees


# -- the Image -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "factor", "severity"),
    [
        ((150, 226), "×2", "info"),
        ((75, 113), "×3.99 across, ×4 down", "info"),
        ((7, 11), "×41 across, ×42.9 down", "info"),  # odd, but a rounded 1/41
        ((7, 7), "×64.4 across, ×42.9 down", "warning"),  # square on a 3:2 picture
    ],
)
def test_a_mask_of_another_size_is_accepted_and_said(
    chelsea: np.ndarray, shape: tuple[int, int], factor: str, severity: str
) -> None:
    ids = blocky_ids(*shape, classes=40)
    image = Image(chelsea, masks={"pred": {"mask_data": ids}})
    assert image.masks["pred"].shape == shape
    (resized,) = [d for d in image.diagnostics if d.code == "mask-resized"]
    height, width = shape
    assert resized.message.startswith(
        f"masks['pred']: the {width}×{height} mask is drawn stretched over the 451×300 "
        f"picture ({factor}), each picture pixel taking the mask pixel under its centre "
        "(nearest-neighbour)"
    )
    assert resized.severity == severity
    if severity == "warning":
        assert "mask 1:1, picture 1.5:1" in resized.message
        assert "transposed" in resized.message


def test_same_size_mask_says_nothing_and_a_transposed_one_warns(chelsea: np.ndarray) -> None:
    same = Image(chelsea, masks={"gt": {"mask_data": np.zeros((300, 451), np.uint8)}})
    assert not [d for d in same.diagnostics if d.code == "mask-resized"]
    flipped = Image(chelsea, masks={"gt": {"mask_data": np.zeros((451, 300), np.uint8)}})
    (warning,) = [d for d in flipped.diagnostics if d.code == "mask-resized"]
    assert warning.severity == "warning"


@pytest.mark.parametrize("shape", [(150, 226), (150, 225), (75, 113), (7, 11), (31, 47)])
def test_fallback_png_is_the_nearest_neighbour_upscale(
    chelsea: np.ndarray, shape: tuple[int, int]
) -> None:
    """The PNG shown without a kernel equals the picture with the upscaled mask drawn in."""
    ids = blocky_ids(*shape)
    small = Image(chelsea, masks={"pred": {"mask_data": ids, "class_labels": {1: "cat"}}})
    full = Image(
        chelsea, masks={"pred": {"mask_data": upscale(ids, 300, 451), "class_labels": {1: "cat"}}}
    )
    shown = fallback(small)
    assert shown.shape == (300, 451, 3)
    assert np.array_equal(shown, fallback(full))
    assert np.array_equal(shown, np.asarray(composite(full)))
    # The mask covers the whole picture: the bottom-right pixel is tinted by the last mask pixel.
    assert not np.array_equal(shown[-1, -1], chelsea[-1, -1])


def test_fallback_of_a_large_picture_stretches_a_quarter_mask_over_all_of_it(
    astronaut: np.ndarray,
) -> None:
    """A 2400 px photo (shrunk to 1024 in the fallback) with a ¼-resolution mask of 160 ids."""
    big = np.asarray(PIL.Image.fromarray(astronaut).resize((2400, 2400)))
    ids = blocky_ids(600, 600)
    image = Image(big, masks={"pred": {"mask_data": ids}})
    shown = np.asarray(composite(image))
    assert shown.shape == (1024, 1024, 3)
    base = np.asarray(composite(Image(big)))
    expected_ids = upscale(ids, 1024, 1024)
    # Where the mask says class 0 and class 1, the tints differ; every 1024 px row is tinted.
    tinted = np.any(shown != base, axis=2)
    assert tinted.mean() > 0.95
    zero, one = expected_ids == 0, expected_ids == 1
    assert zero.any() and one.any()
    assert not np.array_equal(shown[zero][0], shown[one][0])


# -- shapes ----------------------------------------------------------------------------------


def test_singleton_leading_axes_are_squeezed(chelsea: np.ndarray) -> None:
    ids = blocky_ids(75, 113)
    from_torch = Image(chelsea, masks={"pred": {"mask_data": torch.from_numpy(ids)[None]}})
    from_numpy = ImageMask({"mask_data": ids[None, None]}, "pred")
    assert from_torch.masks["pred"].shape == (75, 113)
    assert np.array_equal(from_torch.masks["pred"].class_ids(), ids)
    assert np.array_equal(from_numpy.class_ids(), ids)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (np.zeros((0, 6), np.uint8), ["masks['gt'].mask_data", "empty mask of shape (0, 6)"]),
        (np.zeros((4, 0), np.uint8), ["masks['gt'].mask_data", "empty mask of shape (4, 0)"]),
        (np.zeros((1, 0, 6), np.uint8), ["masks['gt'].mask_data", "empty mask of shape (1, 0, 6)"]),
        (np.zeros((0, 4, 6), np.uint8), ["masks['gt'].mask_data", "2-D", "(0, 4, 6)"]),
        (np.zeros((2, 4, 6), np.uint8), ["masks['gt'].mask_data", "2-D", "(2, 4, 6)"]),
    ],
)
def test_masks_of_size_zero_or_with_real_extra_axes_are_rejected(
    data: np.ndarray, words: list[str]
) -> None:
    with pytest.raises(ValueError) as raised:
        Image(np.zeros((4, 6, 3), np.uint8), masks={"gt": {"mask_data": data}})
    for word in words:
        assert word in str(raised.value)


def test_wandb_accepts_the_same_masks_of_another_size(tmp_path: pathlib.Path) -> None:
    """wandb 0.22.3 takes a 4×4 mask on a 28×28 picture (its own test) from a file; so do we,
    and draw it over the whole picture."""
    ids = blocky_ids(4, 4, classes=16)
    picture = RNG.integers(0, 256, (28, 28, 3), dtype=np.uint8)
    path = tmp_path / "mask.png"
    PIL.Image.fromarray(ids).save(path)
    theirs = wandb.Image(picture, masks={"gt": {"path": str(path)}})
    assert theirs._masks is not None and theirs._masks["gt"]._path == str(path)
    ours = Image(picture, masks={"gt": {"path": path}})
    assert ours.masks["gt"].shape == (4, 4)
    full = Image(picture, masks={"gt": {"mask_data": upscale(ids, 28, 28)}})
    assert np.array_equal(fallback(ours), fallback(full))
    assert np.array_equal(upscale(ids, 28, 28)[::7, ::7], ids)


def test_grids_and_compare_stretch_the_mask_too(chelsea: np.ndarray) -> None:
    """The grid's contact sheet (its fallback PNG) and compare's panels take small masks."""
    from nbimage import compare, show

    masks = [blocky_ids(75, 113), blocky_ids(150, 226), blocky_ids(7, 11)]
    small = [Image(chelsea, masks={"pred": {"mask_data": ids}}) for ids in masks]
    full = [Image(chelsea, masks={"pred": {"mask_data": upscale(ids, 300, 451)}}) for ids in masks]

    def sheet(images: list[Image]) -> np.ndarray:
        bundle = show(images, columns=3)._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        return np.asarray(PIL.Image.open(io.BytesIO(base64.b64decode(data["image/png"]))))

    shown = sheet(small)
    # A thumbnail samples the small mask directly; thumbnailing the upscaled mask samples
    # twice, so a few pixels on class edges differ (0.4% here), no more.
    differ = np.any(shown != sheet(full), axis=-1)
    assert 0 <= differ.mean() < 0.01
    assert not np.array_equal(shown, sheet([Image(chelsea)] * 3))
    bundle = compare(chelsea / 255.0, masks={"pred": {"mask_data": masks[0]}})._repr_mimebundle_()
    assert "image/png" in (bundle[0] if isinstance(bundle, tuple) else bundle)
