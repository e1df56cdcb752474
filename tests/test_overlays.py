"""Boxes, masks and classes: what they accept (as wandb), and what they hand to the view."""

from __future__ import annotations

import pathlib
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from wandb.sdk.data_types.helper_types.bounding_boxes_2d import BoundingBoxes2D as WandbBoxes

from nbimage import BoundingBoxes2D, Classes, Image, ImageMask
from nbimage.composite import composite

WIDTH, HEIGHT = 200, 100


def layer(*boxes: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"box_data": list(boxes), **extra}


def corners(min_x: float, max_x: float, min_y: float, max_y: float, **rest: Any) -> dict[str, Any]:
    return {
        "position": {"minX": min_x, "maxX": max_x, "minY": min_y, "maxY": max_y},
        "class_id": 0,
        **rest,
    }


def centre(x: float, y: float, w: float, h: float, **rest: Any) -> dict[str, Any]:
    return {"position": {"middle": [x, y], "width": w, "height": h}, "class_id": 0, **rest}


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (corners(0.1, 0.5, 0.2, 0.6), (20, 20, 100, 60)),
        (corners(10, 50, 20, 60, domain="pixel"), (10, 20, 50, 60)),
        (centre(0.5, 0.5, 0.2, 0.4), (80, 30, 120, 70)),
        (centre(100, 50, 40, 20, domain="pixel"), (80, 40, 120, 60)),
        (centre(np.float32(0.5), np.float64(0.5), np.int64(0), 0), (100, 50, 100, 50)),
    ],
    ids=["corners-fraction", "corners-pixel", "middle-fraction", "middle-pixel", "numpy-numbers"],
)
def test_positions_become_picture_pixels(
    entry: dict[str, Any], expected: tuple[float, float, float, float]
) -> None:
    wire = BoundingBoxes2D(layer(entry), "pred").to_wire(WIDTH, HEIGHT)
    box = wire["boxes"][0]
    assert (box["x0"], box["y0"], box["x1"], box["y1"]) == pytest.approx(expected)
    assert wire["key"] == "pred"


def test_torch_middle_is_accepted_like_wandb() -> None:
    entry = centre(0, 0, 20, 10, domain="pixel")
    entry["position"]["middle"] = torch.tensor([30.0, 40.0])
    wire = BoundingBoxes2D(layer(entry), "pred").to_wire(WIDTH, HEIGHT)
    assert (wire["boxes"][0]["x0"], wire["boxes"][0]["y1"]) == (20, 45)


def test_labels() -> None:
    boxes = BoundingBoxes2D(
        layer(
            corners(0, 1, 0, 1, class_id=1, scores={"conf": 0.876, "iou": 0.5}),
            corners(0, 1, 0, 1, class_id=1, box_caption="<b>my cat</b>", scores={"conf": 1}),
            corners(0, 1, 0, 1, class_id=7, scores={"conf": 0.25}),
            corners(0, 1, 0, 1, class_id=1),
            corners(0, 1, 0, 1, class_id=np.int16(2)),
            class_labels={1: "cat", np.int64(2): "dog"},
        ),
        "pred",
    )
    wire = boxes.to_wire(WIDTH, HEIGHT)
    assert [b["label"] for b in wire["boxes"]] == [
        "cat 0.88",  # class name and the first score, 2 decimals
        "<b>my cat</b>",  # a caption wins, kept as text
        "id 7 0.25",  # no name for 7
        "cat",
        "dog",
    ]
    assert wire["class_labels"] == {"1": "cat", "2": "dog"}
    assert wire["boxes"][0]["scores"] == {"conf": 0.876, "iou": 0.5}
    assert wire["boxes"][0]["class_id"] == 1


def test_label_sources_merge() -> None:
    named = BoundingBoxes2D(layer(corners(0, 1, 0, 1, class_id=3), class_labels={3: "cat"}), "p")
    unnamed = BoundingBoxes2D(layer(corners(0, 1, 0, 1, class_id=3)), "p")
    image_classes = {3: "feline", 4: "dog"}
    # Names given for the layer win over the image's classes...
    assert named.to_wire(1, 1, image_classes)["boxes"][0]["label"] == "cat"
    # ...and the image's classes win over wandb's invented class_N.
    assert unnamed.to_wire(1, 1, image_classes)["boxes"][0]["label"] == "feline"
    assert unnamed.to_wire(1, 1)["boxes"][0]["label"] == "class_3"
    # Wire-style string ids are understood too.
    assert unnamed.to_wire(1, 1, {"3": "kitty"})["boxes"][0]["label"] == "kitty"


def test_default_class_labels_like_wandb() -> None:
    val = layer(corners(0, 1, 0, 1, class_id=4), corners(0, 1, 0, 1, class_id=1))
    assert BoundingBoxes2D(val, "p").class_labels == WandbBoxes(val, "p")._class_labels


def test_wandb_examples_are_accepted() -> None:
    """The data of wandb's own docstring example passes unchanged."""
    class_labels = {0: "person", 1: "car", 2: "road", 3: "building"}
    val = {
        "box_data": [
            {
                "position": {"minX": 0.1, "maxX": 0.2, "minY": 0.3, "maxY": 0.4},
                "class_id": 1,
                "box_caption": class_labels[1],
                "scores": {"acc": 0.2, "loss": 1.2},
            },
            {
                "position": {"middle": [150, 20], "width": 68, "height": 112},
                "domain": "pixel",
                "class_id": 3,
                "box_caption": "a building",
                "scores": {"acc": 0.5, "loss": 0.7},
            },
        ],
        "class_labels": class_labels,
    }
    image = np.random.default_rng(0).integers(0, 256, size=(200, 300, 3))
    img = Image(image, boxes={"predictions": val})
    wire = img.boxes["predictions"].to_wire(img.width, img.height)
    assert [b["label"] for b in wire["boxes"]] == ["car", "a building"]
    assert wire["boxes"][1]["y0"] == pytest.approx(-36)
    assert "box-outside" in [d.code for d in img.diagnostics]  # the building pokes out on top


def test_box_outside_names_a_few_boxes() -> None:
    outside = [corners(-0.1, 0.5, 0, 0.5) for _ in range(5)]
    problems = BoundingBoxes2D(layer(corners(0, 1, 0, 1), *outside), "p").find_problems(10, 10)
    assert [p.code for p in problems] == ["box-outside"]
    assert "5 of 6 boxes" in problems[0].message
    assert "box_data[1], box_data[2], box_data[3] and 2 more" in problems[0].message
    assert "fractions 0..1" in problems[0].message


def test_boxes_touching_the_edges_are_inside() -> None:
    boxes = BoundingBoxes2D(layer(corners(0, 1, 0, 1), corners(0, 10, 0, 10, domain="pixel")), "p")
    assert boxes.find_problems(10, 10) == []


def test_to_json_is_plain_wandb_box_data() -> None:
    entry = centre(np.float32(5), 6, 2, 2, domain="pixel", scores={"a": np.float64(0.5)})
    entry["box_caption"] = "x"
    data = BoundingBoxes2D(layer(entry), "p").to_json()
    assert data == {
        "_type": "boxes2D",
        "box_data": [
            {
                "position": {"middle": [5.0, 6.0], "width": 2.0, "height": 2.0},
                "class_id": 0,
                "domain": "pixel",
                "scores": {"a": 0.5},
                "box_caption": "x",
            }
        ],
        "class_labels": {"0": "class_0"},
    }


# ---------------------------------------------------------------- masks


@pytest.mark.parametrize(
    "make",
    [
        lambda ids: ids,
        lambda ids: ids.astype(np.int64),
        lambda ids: ids.astype(np.float32),
        lambda ids: ids.astype(np.uint16),
        lambda ids: torch.from_numpy(ids.astype(np.int32)),
        lambda ids: ids.tolist(),
        np.asfortranarray,
        lambda ids: np.repeat(ids, 2, axis=1)[:, ::2],
    ],
    ids=[
        "uint8",
        "int64",
        "integral-float",
        "uint16",
        "torch",
        "nested-list",
        "fortran-order",
        "strided-view",
    ],
)
def test_mask_data_kinds(make: Any) -> None:
    ids = np.zeros((4, 6), np.uint8)
    ids[1:3, 2:5] = 255
    ids[0, 0] = 7
    mask = ImageMask({"mask_data": make(ids)}, "gt")
    assert mask.class_ids().dtype == np.uint8
    np.testing.assert_array_equal(mask.class_ids(), ids)
    assert mask.counts() == {0: 17, 7: 1, 255: 6}
    assert mask.shape == (4, 6)
    assert mask.class_labels == {0: "class_0", 7: "class_7", 255: "class_255"}


def test_boolean_mask() -> None:
    mask = ImageMask({"mask_data": np.eye(3, dtype=bool)}, "gt")
    assert mask.counts() == {0: 6, 1: 3}


@pytest.mark.parametrize("mode", ["L", "P"])
def test_mask_from_a_file(mode: str, tmp_path: pathlib.Path) -> None:
    ids = np.zeros((4, 6), np.uint8)
    ids[2:] = 3
    path = tmp_path / "mask.png"
    picture = PIL.Image.fromarray(ids)
    (picture if mode == "L" else picture.convert("P")).save(path)
    mask = ImageMask({"path": path, "class_labels": {0: "bg", 3: "road"}}, "gt")
    assert mask.path == str(path)
    if mode == "L":
        np.testing.assert_array_equal(mask.class_ids(), ids)
    assert mask.shape == (4, 6)
    assert mask.to_json()["path"] == str(path)


def test_mask_wire_layer() -> None:
    ids = np.zeros((4, 6), np.uint8)
    ids[:, :2] = 9
    mask = ImageMask({"mask_data": ids, "class_labels": {9: "sky"}}, "gt")
    wire = mask.to_wire(b"PNG", {0: "ground", 9: "heaven"})
    assert wire == {
        "key": "gt",
        "class_labels": {"0": "ground", "9": "sky"},
        "png": b"PNG",
        "counts": {"0": 16, "9": 8},
        "confidence": None,  # a mask given as ids has no confidence map
    }


def test_mask_unlabeled_classes_are_noted(camera: np.ndarray) -> None:
    ids = (camera > 128).astype(np.uint8) * 4
    img = Image(camera, masks={"gt": {"mask_data": ids, "class_labels": {0: "dark"}}})
    notes = [d for d in img.diagnostics if d.code == "unlabeled-class"]
    assert len(notes) == 1 and "masks['gt']" in notes[0].message and "4" in notes[0].message


def test_mask_matches_the_picture_of_a_batch_grid() -> None:
    """A mask must match the picture as shown: a batch's grid, not one item."""
    batch = np.zeros((2, 3, 8, 8), np.float32)
    img = Image(torch.from_numpy(batch))
    mask = np.zeros((img.height, img.width), np.uint8)
    assert Image(torch.from_numpy(batch), masks={"gt": {"mask_data": mask}}).masks["gt"].shape == (
        img.height,
        img.width,
    )


# ---------------------------------------------------------------- classes


def test_classes() -> None:
    classes = Classes(
        [{"id": 0, "name": "cat"}, {"id": np.int8(3), "name": "dog"}, {"id": "x", "name": "y"}]
    )
    assert classes.class_set == [
        {"id": 0, "name": "cat"},
        {"id": 3, "name": "dog"},
        {"id": "x", "name": "y"},
    ]
    assert classes.labels() == {0: "cat", 3: "dog"}
    assert len(classes) == 3
    assert classes == Classes(
        [{"id": 0, "name": "cat"}, {"id": 3, "name": "dog"}, {"id": "x", "name": "y"}]
    )
    assert classes != Classes([])
    assert repr(classes) == "Classes(3 classes)"


def test_reprs() -> None:
    assert (
        repr(BoundingBoxes2D(layer(corners(0, 1, 0, 1)), "pred"))
        == "BoundingBoxes2D('pred', 1 boxes)"
    )
    mask = ImageMask({"mask_data": np.zeros((4, 6), np.uint8)}, "gt")
    assert repr(mask) == "ImageMask('gt', 6×4, 1 classes)"


# ---------------------------------------------------------------- properties

finite = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False)
size = st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False)


@st.composite
def any_box(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        x0, x1 = sorted((draw(finite), draw(finite)))
        y0, y1 = sorted((draw(finite), draw(finite)))
        position: dict[str, Any] = {"minX": x0, "maxX": x1, "minY": y0, "maxY": y1}
    else:
        position = {
            "middle": [draw(finite), draw(finite)],
            "width": draw(size),
            "height": draw(size),
        }
    entry: dict[str, Any] = {"position": position, "class_id": draw(st.integers(-5, 300))}
    if draw(st.booleans()):
        entry["domain"] = "pixel"
    return entry


@settings(max_examples=60, deadline=None)
@given(boxes=st.lists(any_box(), max_size=6), width=st.integers(1, 64), height=st.integers(1, 64))
def test_any_valid_boxes_convert_and_draw(
    boxes: list[dict[str, Any]], width: int, height: int
) -> None:
    """Valid boxes anywhere (far outside too) convert to ordered pixel corners and draw."""
    picture = np.full((height, width, 3), 50, np.uint8)
    img = Image(picture, boxes={"b": {"box_data": boxes}})
    wire = img.boxes["b"].to_wire(width, height)
    for entry, box in zip(boxes, wire["boxes"], strict=True):
        assert box["x0"] <= box["x1"] and box["y0"] <= box["y1"]
        scale_x = 1 if entry.get("domain") == "pixel" else width
        if "minX" in entry["position"]:
            assert box["x0"] == pytest.approx(entry["position"]["minX"] * scale_x)
    outside = [d for d in img.diagnostics if d.code == "box-outside"]
    assert len(outside) <= 1
    assert composite(img).size == (width, height)
