"""The Image model: wandb.Image's API, properties, copies, class merging, repr and display."""

from __future__ import annotations

import base64
import io
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch
import wandb

from nbimage import BoundingBoxes2D, Classes, Diagnostic, Image, ImageMask
from nbimage.composite import composite


def a_box(class_id: int = 1, **position: float) -> dict[str, Any]:
    corners = {"minX": 0.1, "maxX": 0.4, "minY": 0.2, "maxY": 0.5, **position}
    return {"position": corners, "class_id": class_id, "scores": {"acc": 0.5}}


def test_reference_constants() -> None:
    assert Image.MAX_ITEMS == wandb.Image.MAX_ITEMS == 108
    assert Image.MAX_DIMENSION == wandb.Image.MAX_DIMENSION == 65500


def test_properties_of_a_normalized_array(coffee: np.ndarray) -> None:
    data = (coffee / 255).astype(np.float32)
    img = Image(data, caption="epoch 3", grouping=2, file_type="jpg")
    assert (img.width, img.height) == (600, 400)
    assert (img.format, img.file_type, img.mime) == ("jpg", "jpg", "image/jpeg")
    assert (img.caption, img.grouping) == ("epoch 3", 2)
    assert img.source == "numpy"
    assert img.rule == "rule-scale-01"
    assert isinstance(img.image, PIL.Image.Image) and img.image.mode == "RGB"
    assert img.raw is not None and img.raw.shape == (400, 600, 3)
    np.testing.assert_array_equal(img.raw, data)
    assert isinstance(img.diagnostics, tuple)
    assert all(isinstance(d, Diagnostic) for d in img.diagnostics)
    assert "rule-scale-01" in [d.code for d in img.diagnostics]
    assert (img.boxes, img.masks, img.classes) == ({}, {}, None)


def test_files_have_no_raw_and_no_rule(chelsea: np.ndarray) -> None:
    img = Image(PIL.Image.fromarray(chelsea))
    assert (img.raw, img.rule, img.source, img.format) == (None, None, "pil", "png")


@pytest.mark.parametrize(("caption", "shown"), [("cat", "cat"), (3, "3"), (0.5, "0.5")])
def test_captions_are_text(caption: Any, shown: str, camera: np.ndarray) -> None:
    assert Image(camera, caption=caption).caption == shown


def test_numpy_integers_are_fine_for_grouping(camera: np.ndarray) -> None:
    assert Image(camera, grouping=np.int64(4)).grouping == 4


def test_repr_is_deterministic(coffee: np.ndarray) -> None:
    img = Image(
        (coffee / 255).astype(np.float32),
        caption="epoch 3",
        boxes={"pred": {"box_data": [a_box()]}},
        masks={"gt": {"mask_data": np.zeros((400, 600), np.uint8)}},
    )
    assert repr(img) == (
        "Image(600×400 RGB, png, rule-scale-01, caption='epoch 3', boxes=['pred'], masks=['gt'])"
    )
    assert (
        repr(Image(PIL.Image.fromarray(coffee), grouping=3))
        == "Image(600×400 RGB, png, grouping=3)"
    )
    long = repr(Image(coffee, caption="x" * 100))
    assert "0x" not in long and len(long) < 100 and "…" in long


def test_image_of_an_image_copies_the_picture_not_the_overlays(coffee: np.ndarray) -> None:
    data = coffee / 255.0
    original = Image(
        data,
        caption="first",
        grouping=2,
        boxes={"pred": {"box_data": [a_box()], "class_labels": {1: "cup"}}},
        file_type="bmp",
    )
    copied = Image(original)
    assert copied.image is not original.image
    assert copied.image.tobytes() == original.image.tobytes()
    assert (copied.caption, copied.grouping, copied.format) == ("first", 2, "bmp")
    assert copied.rule == original.rule and copied.raw is not None
    assert copied.boxes == {}  # as the reference: overlays are not copied
    assert copied.classes == original.classes  # ...but the class set is
    renamed = Image(original, caption="second", grouping=5)
    assert (renamed.caption, renamed.grouping) == ("second", 5)
    w_copy = wandb.Image(wandb.Image(data, boxes={"pred": {"box_data": [a_box()]}}))
    assert w_copy._boxes is None


def test_classes_merge_like_wandb(chelsea: np.ndarray) -> None:
    arguments: dict[str, Any] = {
        "boxes": {
            "pred": {"box_data": [a_box(1), a_box(5)], "class_labels": {1: "cat", 5: "toy"}},
            "gt": {"box_data": [a_box(2)]},
        },
        "classes": [{"id": 1, "name": "feline"}, {"id": 9, "name": "dog"}],
    }
    ours = Image(chelsea, **arguments)
    theirs = wandb.Image(chelsea, **arguments)
    assert ours.classes is not None
    assert ours.classes.class_set == list(theirs._classes._class_set)
    assert ours.classes.labels() == {1: "feline", 5: "toy", 2: "class_2", 9: "dog"}


def test_mask_labels_join_the_classes(chelsea: np.ndarray) -> None:
    # wandb 0.22.3 cannot build a mask with Pillow >= 11 (it writes int8 data as mode L),
    # so this follows its code: mask labels (or class_N defaults) merge after the boxes'.
    mask = np.zeros(chelsea.shape[:2], np.uint8)
    mask[100:] = 2
    img = Image(
        chelsea,
        boxes={"pred": {"box_data": [a_box(2)], "class_labels": {2: "cat"}}},
        masks={"gt": {"mask_data": mask}},
    )
    assert img.classes is not None
    assert img.classes.labels() == {2: "class_2", 0: "class_0"}
    # Drawing still prefers the names given for a layer over invented defaults.
    assert img.boxes["pred"].to_wire(451, 300, img.classes.labels())["boxes"][0]["label"] == (
        "cat 0.50"
    )


def test_helper_objects_are_used_as_they_are(chelsea: np.ndarray) -> None:
    boxes = BoundingBoxes2D({"box_data": [a_box()]}, "pred")
    mask = ImageMask({"mask_data": np.ones(chelsea.shape[:2], np.uint8)}, "gt")
    img = Image(chelsea, boxes={"pred": boxes}, masks={"gt": mask}, classes=Classes([]))
    assert img.boxes["pred"] is boxes
    assert img.masks["gt"] is mask


def test_empty_overlay_dicts_mean_none(chelsea: np.ndarray) -> None:
    img = Image(chelsea, boxes={}, masks={}, classes=[])
    assert (img.boxes, img.masks, img.classes) == ({}, {}, None)


def test_overlay_diagnostics(chelsea: np.ndarray) -> None:
    boxes = {
        "pred": {
            "box_data": [a_box(1), a_box(7), a_box(1, maxX=1.2)],
            "class_labels": {1: "cat"},
        }
    }
    img = Image(chelsea, boxes=boxes)
    by_code = {d.code: d for d in img.diagnostics}
    assert by_code["box-outside"].severity == "warning"
    assert "box_data[2]" in by_code["box-outside"].message
    assert "451×300" in by_code["box-outside"].message
    assert by_code["unlabeled-class"].severity == "info"
    assert (
        "7" in by_code["unlabeled-class"].message and "'id 7'" in by_code["unlabeled-class"].message
    )
    # A class named only in `classes=` counts as named; boxes inside raise nothing.
    clean = Image(
        chelsea,
        boxes={"pred": {"box_data": [a_box(7)], "class_labels": {}}},
        classes=[{"id": 7, "name": "toy"}],
    )
    assert {d.code for d in clean.diagnostics}.isdisjoint({"box-outside", "unlabeled-class"})


def test_clean_photo_with_clean_overlays_has_no_warnings(astronaut: np.ndarray) -> None:
    mask = (astronaut[..., 0] > 128).astype(np.uint8)
    img = Image(
        astronaut,
        boxes={"pred": {"box_data": [a_box(0)], "class_labels": {0: "person"}}},
        masks={"gt": {"mask_data": mask, "class_labels": {0: "bg", 1: "fg"}}},
    )
    assert [d for d in img.diagnostics if d.severity != "info"] == []


@pytest.mark.parametrize(
    ("shape", "torch_input", "file_type"),
    [
        ((8, 8), False, None),
        ((8, 8, 1), False, None),
        ((8, 8, 3), False, None),
        ((8, 8, 4), False, None),
        ((8, 8, 4), False, "jpg"),
        ((1, 8, 8), True, None),
        ((3, 8, 8), True, None),
        ((4, 8, 8), True, "jpeg"),
    ],
)
def test_guess_mode_like_wandb(
    shape: tuple[int, ...], torch_input: bool, file_type: str | None
) -> None:
    data: Any = torch.zeros(shape) if torch_input else np.zeros(shape)
    reference = wandb.Image(np.zeros((2, 2)))
    assert Image(np.zeros((2, 2))).guess_mode(data, file_type) == reference.guess_mode(
        data, file_type
    )


def test_guess_mode_rejects_unknown_channel_counts() -> None:
    with pytest.raises(ValueError, match="5 channels"):
        Image(np.zeros((2, 2))).guess_mode(np.zeros((4, 4, 5)))


def test_to_uint8_as_the_reference_page_says() -> None:
    floats = np.array([[0.0, 0.5, 1.0]])
    np.testing.assert_array_equal(Image.to_uint8(floats), [[0, 127, 255]])
    ints = np.array([[0, 100, 300]])
    np.testing.assert_array_equal(Image.to_uint8(ints), [[0, 100, 255]])
    assert Image.to_uint8(floats).dtype == np.uint8


def test_all_captions_like_wandb(camera: np.ndarray) -> None:
    for captions in (["a", "b"], ["a", None], [None, "b"]):
        ours = [Image(camera, caption=c) for c in captions]
        theirs = [wandb.Image(camera, caption=c) for c in captions]
        assert Image.all_captions(ours) == wandb.Image.all_captions(theirs)
    assert Image.all_captions([]) is False


def test_all_boxes_and_all_masks_shapes(camera: np.ndarray) -> None:
    mask = np.zeros(camera.shape, np.uint8)
    with_boxes = Image(camera, boxes={"pred": {"box_data": [a_box(3)]}})
    with_mask = Image(camera, masks={"gt": {"mask_data": mask, "class_labels": {0: "bg"}}})
    plain = Image(camera)
    boxes = Image.all_boxes([with_boxes, plain], run=None, run_key="k", step=0)
    assert isinstance(boxes, list) and boxes[1] is None
    assert boxes[0] is not None
    assert boxes[0]["pred"]["box_data"][0]["class_id"] == 3
    assert boxes[0]["pred"]["class_labels"] == {"3": "class_3"}
    assert Image.all_boxes([plain, with_mask]) is False
    masks = Image.all_masks([plain, with_mask])
    assert masks == [
        None,
        {"gt": {"_type": "mask", "shape": [512, 512], "class_labels": {"0": "bg"}}},
    ]
    assert Image.all_masks([plain]) is False


def test_creating_images_opens_no_widget(
    camera: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ipywidgets

    def no_widget(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a widget (and its comm) was created")

    monkeypatch.setattr(ipywidgets.Widget, "__init__", no_widget)
    images = [Image(camera[:8, :8], caption=str(i)) for i in range(200)]
    assert [repr(image) for image in images[:2]] == [
        "Image(8×8 L, png, rule-clip, caption='0')",
        "Image(8×8 L, png, rule-clip, caption='1')",
    ]


def test_mimebundle_text_and_png_fallback(chelsea: np.ndarray) -> None:
    img = Image(chelsea, caption="<b>cat</b>", boxes={"pred": {"box_data": [a_box()]}})
    bundle, _metadata = img._repr_mimebundle_(include=["text/plain", "image/png"])
    assert bundle["text/plain"] == repr(img)
    png = PIL.Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))
    assert png.width == 451 and 300 < png.height < 340  # the caption written under it
    # The fallback shows the box: it differs from the bare picture.
    assert np.asarray(png.convert("RGB")).tobytes() != chelsea.tobytes()


def test_the_dict_key_names_the_layer(chelsea: np.ndarray) -> None:
    boxes = BoundingBoxes2D({"box_data": [a_box()]}, "made-as")
    mask = ImageMask({"mask_data": np.zeros(chelsea.shape[:2], np.uint8)}, "made-as")
    img = Image(chelsea, boxes={"pred": boxes}, masks={"gt": mask})
    assert img.boxes["pred"].to_wire(img.width, img.height)["key"] == "pred"
    assert img.masks["gt"].key == "gt"
    assert (boxes.key, mask.key) == ("made-as", "made-as")  # the caller's objects are unchanged


def test_a_4096_square_float32_with_nan_and_inf_end_to_end() -> None:
    """A large float32 input with NaN/Inf builds, encodes and composites without trouble."""
    data = np.linspace(0, 1, 4096 * 4096, dtype=np.float32).reshape(4096, 4096)
    data[0, :10] = np.nan
    data[1, :10] = np.inf
    img = Image(data, boxes={"pred": {"box_data": [a_box()]}})
    assert img.rule == "rule-scale-01"
    pixels = np.asarray(img.image)
    assert (pixels[0, :10] == 0).all() and (pixels[1, :10] == 255).all()
    assert pixels[-1, -1] == 255
    assert decoded_size(img.to_bytes()) == (4096, 4096)
    assert composite(img).size == (1024, 1024)


def decoded_size(content: bytes) -> tuple[int, int]:
    with PIL.Image.open(io.BytesIO(content)) as picture:
        return picture.size


@pytest.mark.parametrize(
    "data",
    [
        np.linspace(-2, 3, 4 * 5 * 3, dtype=np.float32).reshape(4, 5, 3),
        np.array([[np.nan, 0.5], [np.inf, -np.inf]]),
        np.full((3, 3), np.nan, dtype=np.float32),
        np.arange(2 * 4 * 5 * 3, dtype=np.float32).reshape(2, 4, 5, 3) + 10,  # a batch grid
        np.full((2, 3, 3, 3), np.nan),  # a batch of NaN: only the grid's padding is finite
        np.arange(12, dtype=np.uint8).reshape(3, 4),
    ],
    ids=["float", "nonfinite", "all-nan", "batch", "batch-all-nan", "uint8"],
)
def test_finite_range_is_raws_finite_range(data: np.ndarray) -> None:
    from nbimage.payload import finite_range

    img = Image(data)
    assert img.raw is not None
    assert img.finite_range == finite_range(img.raw)


def test_finite_range_is_none_for_pictures(coffee: np.ndarray) -> None:
    assert Image(PIL.Image.fromarray(coffee)).finite_range is None
