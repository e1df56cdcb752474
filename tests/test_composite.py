"""composite(): the static PNG fallback shows the picture with its masks and boxes drawn in."""

from __future__ import annotations

import re

import numpy as np
import pytest

from nbimage import Image
from nbimage.composite import MASK_ALPHA, composite
from nbimage.palette import PALETTE, class_colour, class_rgb

GREY = 100


def flat(height: int = 60, width: int = 80) -> np.ndarray:
    return np.full((height, width, 3), GREY, dtype=np.uint8)


def blended(under: np.ndarray, colour: tuple[int, int, int]) -> np.ndarray:
    alpha = MASK_ALPHA / 255
    return np.asarray(colour) * alpha + under * (1 - alpha)


def test_palette_has_eighty_distinct_colours_then_a_spread() -> None:
    assert len(PALETTE) == 80  # COCO's classes each get a colour of their own
    assert len(set(PALETTE)) == 80
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in PALETTE)
    assert class_colour(21) == PALETTE[21]
    assert len({class_colour(0), class_colour(20), class_colour(40)}) == 3
    spread = [class_colour(i) for i in range(256)]  # ADE20K, superpixels: 8-bit mask ids
    assert len(set(spread)) == 256
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in spread)
    assert class_colour(-1) == class_colour(1023)


def test_without_overlays_it_is_the_picture(coffee: np.ndarray) -> None:
    out = composite(Image(coffee))
    assert out.mode == "RGB"
    np.testing.assert_array_equal(np.asarray(out), coffee)


def test_transparency_is_kept(astronaut: np.ndarray) -> None:
    rgba = np.dstack([astronaut, np.full(astronaut.shape[:2], 60, np.uint8)])
    out = composite(Image(rgba))
    assert out.mode == "RGBA"
    np.testing.assert_array_equal(np.asarray(out), rgba)


def test_large_pictures_shrink_to_max_side(coffee: np.ndarray) -> None:
    assert composite(Image(coffee), max_side=300).size == (300, 200)
    assert composite(Image(coffee), max_side=5000).size == (600, 400)


def test_masks_are_coloured_by_class_at_half_opacity(camera: np.ndarray) -> None:
    mask = np.zeros(camera.shape, dtype=np.uint8)
    mask[:, 256:] = 3
    mask[400:, :100] = 23  # a colour of its own (the palette no longer wraps at 20)
    out = np.asarray(composite(Image(camera, masks={"gt": {"mask_data": mask}}))).astype(float)
    gray = camera.astype(float)[..., None]
    np.testing.assert_allclose(
        out[:, :256][:400], blended(gray[:, :256][:400], class_rgb(0)), atol=1.01
    )
    np.testing.assert_allclose(out[:, 256:], blended(gray[:, 256:], class_rgb(3)), atol=1.01)
    assert class_rgb(23) != class_rgb(3)
    np.testing.assert_allclose(out[400:, :100], blended(gray[400:, :100], class_rgb(23)), atol=1.01)


def test_masks_follow_the_picture_when_it_shrinks() -> None:
    mask = np.zeros((60, 80), dtype=np.uint8)
    mask[:, 40:] = 5
    out = np.asarray(composite(Image(flat(), masks={"m": {"mask_data": mask}}), max_side=40))
    assert out.shape == (30, 40, 3)
    np.testing.assert_allclose(
        out[:, 25:],
        np.broadcast_to(blended(np.full(3, GREY), class_rgb(5)), (30, 15, 3)),
        atol=1.01,
    )
    np.testing.assert_allclose(
        out[:, :15],
        np.broadcast_to(blended(np.full(3, GREY), class_rgb(0)), (30, 15, 3)),
        atol=1.01,
    )


@pytest.mark.parametrize(
    "position",
    [
        {"minX": 0.25, "maxX": 0.75, "minY": 0.5, "maxY": 0.9},
        {"middle": [40, 42], "width": 40, "height": 24, "domain": "pixel"},
    ],
    ids=["fractions", "pixel-middle"],
)
def test_boxes_are_outlined_in_their_class_colour(position: dict[str, object]) -> None:
    domain = position.pop("domain", None)
    entry = {"position": position, "class_id": 4, "box_caption": "x"}
    if domain:
        entry["domain"] = domain
    out = np.asarray(composite(Image(flat(), boxes={"pred": {"box_data": [entry]}})))
    # The box spans x 20..60, y 30..54 in pixels.
    colour = class_rgb(4)
    assert tuple(out[42, 20]) == colour  # left edge
    assert tuple(out[42, 60]) == colour  # right edge
    assert tuple(out[54, 40]) == colour  # bottom edge
    assert tuple(out[42, 40]) == (GREY, GREY, GREY)  # inside stays untouched
    assert tuple(out[5, 5]) == (GREY, GREY, GREY)  # far outside too
    # The label sits on a patch of the class colour just above the top edge.
    label_patch = out[18:30, 20:30].reshape(-1, 3)
    assert (label_patch == colour).all(axis=1).sum() > 20


def test_box_labels_use_class_names_and_scores(chelsea: np.ndarray) -> None:
    boxes = {
        "pred": {
            "box_data": [
                {
                    "position": {"minX": 0.3, "maxX": 0.7, "minY": 0.4, "maxY": 0.9},
                    "class_id": 1,
                    "scores": {"conf": 0.876},
                }
            ],
            "class_labels": {1: "cat"},
        }
    }
    with_label = np.asarray(composite(Image(chelsea, boxes=boxes))).astype(int)
    plain = np.asarray(composite(Image(chelsea))).astype(int)
    changed_rows = np.flatnonzero(np.abs(with_label - plain).sum(axis=(1, 2)))
    # Outline rows plus a label band above the box top (y = 0.4 * 300 = 120).
    assert changed_rows.min() < 120 - 8
    assert changed_rows.max() <= 0.9 * 300 + 2


def test_boxes_partly_outside_are_drawn_clipped() -> None:
    entry = {"position": {"minX": -0.5, "maxX": 0.5, "minY": 0.5, "maxY": 1.5}, "class_id": 2}
    img = Image(flat(), boxes={"pred": {"box_data": [entry]}})
    assert [d.code for d in img.diagnostics].count("box-outside") == 1
    out = np.asarray(composite(img))
    assert tuple(out[45, 40]) == class_rgb(2)  # the right edge, inside the picture
