"""Building an Image never changes what the caller passed in; later edits never change its picture.

An Image keeps a reference to the caller's array (no defensive copy, like matplotlib's imshow):
its `raw` is a read-only view of that memory, its picture is computed once at construction.
"""

from __future__ import annotations

import copy
import io
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch

import nbimage
from nbimage import BoundingBoxes2D, Classes, Image, ImageMask


def numpy_inputs(photo: np.ndarray) -> dict[str, np.ndarray]:
    return {
        "uint8": photo.copy(),
        "float01": photo / 255.0,
        "pm1": (photo / 127.5 - 1).astype(np.float32),
        "nan": np.where(photo > 250, np.nan, photo / 255.0),
        "channels-first": np.ascontiguousarray(photo.transpose(2, 0, 1)),
        "batch": np.stack([photo, photo[::-1]]),
    }


@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize("case", ["uint8", "float01", "pm1", "nan", "channels-first", "batch"])
def test_numpy_untouched(case: str, normalize: bool, chelsea: np.ndarray) -> None:
    data = numpy_inputs(chelsea[::4, ::4])[case]
    before = data.copy()
    img = Image(data, normalize=normalize, file_type="jpg")
    img.to_bytes()
    np.testing.assert_array_equal(data, before)
    # Changing the caller's array afterwards does not change the picture (computed at
    # construction); `raw` is a read-only view of the caller's memory, so it follows the edit.
    picture = np.asarray(img.image).copy()
    data[...] = 0
    np.testing.assert_array_equal(np.asarray(img.image), picture)
    assert img.raw is not None and not img.raw.flags.writeable
    if case not in ("channels-first", "batch"):  # those two are rearranged, not views
        assert np.shares_memory(img.raw, data)
        assert not img.raw.any()


def test_picture_unchanged_after_caller_edits_tensor(chelsea: np.ndarray) -> None:
    tensor = torch.from_numpy(chelsea[::4, ::4] / 255.0).float().permute(2, 0, 1)
    img = Image(tensor)
    picture = np.asarray(img.image).copy()
    tensor.mul_(0.0)
    np.testing.assert_array_equal(np.asarray(img.image), picture)
    assert img.raw is not None and not img.raw.flags.writeable


def test_compare_keeps_its_own_copy(chelsea: np.ndarray) -> None:
    data = chelsea[::4, ::4] / 255.0
    view = nbimage.compare(data)
    data[...] = 0
    view.era = "0.19"  # re-renders the logged panel from compare's own data
    logged = view.items[0]
    shown = np.asarray(PIL.Image.open(io.BytesIO(logged["src"])))
    assert shown.any()


def test_raw_is_read_only(chelsea: np.ndarray) -> None:
    img = Image(chelsea / 255.0)
    assert img.raw is not None
    with pytest.raises(ValueError):
        img.raw[0, 0, 0] = 5.0


@pytest.mark.parametrize(
    "make",
    [
        lambda p: torch.from_numpy(p.copy()).permute(2, 0, 1),
        lambda p: torch.from_numpy(p / 255.0).float().permute(2, 0, 1),
        lambda p: torch.from_numpy(p / 255.0).float().permute(2, 0, 1).requires_grad_(True),
        lambda p: torch.from_numpy(p / 255.0).to(torch.bfloat16).permute(2, 0, 1),
        lambda p: torch.from_numpy(p[..., 0].copy()),
    ],
    ids=["uint8", "float32", "requires-grad", "bfloat16", "2-D"],
)
def test_torch_untouched(make: Any, chelsea: np.ndarray) -> None:
    tensor = make(chelsea[::4, ::4])
    before = tensor.detach().clone()
    grad = tensor.requires_grad
    Image(tensor).to_bytes()
    assert torch.equal(tensor.detach(), before)
    assert tensor.dtype == before.dtype
    assert tensor.requires_grad == grad


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P"])
def test_pil_untouched(mode: str, chelsea: np.ndarray) -> None:
    picture = PIL.Image.fromarray(chelsea[::4, ::4]).convert(mode)
    before = picture.copy()
    img = Image(picture, file_type="jpg", caption="cat")
    img.to_bytes()
    assert picture.mode == mode
    assert picture.tobytes() == before.tobytes()
    picture.paste(0, (0, 0, picture.width, picture.height))  # the Image kept its own copy
    assert img.image.tobytes() == before.convert(img.image.mode).tobytes()


def test_bytes_and_file_untouched(chelsea: np.ndarray) -> None:
    buffer = io.BytesIO()
    PIL.Image.fromarray(chelsea[::4, ::4]).save(buffer, format="PNG")
    content = buffer.getvalue()
    data = bytearray(content)
    Image(data)
    assert bytes(data) == content


def overlay_arguments(height: int, width: int) -> dict[str, Any]:
    mask = np.zeros((height, width), dtype=np.int64)
    mask[: height // 2] = 3
    return {
        "boxes": {
            "pred": {
                "box_data": [
                    {
                        "position": {"minX": 0.1, "maxX": 0.6, "minY": 0.2, "maxY": 0.9},
                        "class_id": np.int64(1),
                        "scores": {"acc": np.float32(0.75)},
                    },
                    {
                        "position": {"middle": torch.tensor([20.0, 10.0]), "width": 8, "height": 4},
                        "domain": "pixel",
                        "class_id": 2,
                        "box_caption": "dog",
                    },
                ],
            }
        },
        "masks": {"gt": {"mask_data": mask}, "pred": {"mask_data": torch.from_numpy(mask)}},
        "classes": [{"id": 1, "name": "cat"}, {"id": 3, "name": "sky"}],
    }


def test_overlay_dicts_untouched(chelsea: np.ndarray) -> None:
    photo = chelsea[::4, ::4]
    arguments = overlay_arguments(*photo.shape[:2])
    middle = arguments["boxes"]["pred"]["box_data"][1]["position"]["middle"]
    before = copy.deepcopy(arguments)
    img = Image(photo, **arguments)
    img.to_bytes()
    # wandb writes default class labels into the dicts and converts tensors to lists; we do not.
    assert "class_labels" not in arguments["boxes"]["pred"]
    assert "class_labels" not in arguments["masks"]["gt"]
    assert arguments["boxes"]["pred"]["box_data"][1]["position"]["middle"] is middle
    assert arguments.keys() == before.keys()
    assert arguments["classes"] == before["classes"]
    np.testing.assert_array_equal(
        arguments["masks"]["gt"]["mask_data"], before["masks"]["gt"]["mask_data"]
    )
    assert torch.equal(
        arguments["masks"]["pred"]["mask_data"], before["masks"]["pred"]["mask_data"]
    )
    assert arguments["boxes"]["pred"]["box_data"][0] == before["boxes"]["pred"]["box_data"][0]


def test_later_edits_of_overlay_data_do_not_leak_in(chelsea: np.ndarray) -> None:
    photo = chelsea[::4, ::4]
    height, width = photo.shape[:2]
    mask = np.zeros((height, width), dtype=np.uint8)
    labels = {0: "background"}
    box_data = [{"position": {"minX": 0.0, "maxX": 0.5, "minY": 0.0, "maxY": 0.5}, "class_id": 0}]
    boxes = BoundingBoxes2D({"box_data": box_data, "class_labels": labels}, "pred")
    masks = ImageMask({"mask_data": mask, "class_labels": labels}, "gt")
    class_set = [{"id": 0, "name": "background"}]
    classes = Classes(class_set)
    img = Image(photo, boxes={"pred": boxes}, masks={"gt": masks}, classes=classes)
    mask[...] = 9
    labels[0] = "changed"
    box_data[0]["class_id"] = 5
    class_set[0]["name"] = "changed"
    assert img.masks["gt"].counts() == {0: height * width}
    assert img.masks["gt"].class_labels == {0: "background"}
    assert img.boxes["pred"].boxes[0].class_id == 0
    assert img.boxes["pred"].class_labels == {0: "background"}
    assert classes.class_set == [{"id": 0, "name": "background"}]
    # What the overlays hand out are copies too.
    img.masks["gt"].class_ids()[...] = 7
    assert img.masks["gt"].counts() == {0: height * width}
