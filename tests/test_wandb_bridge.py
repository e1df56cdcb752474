"""Both ways with the real wandb 0.22.3: `nbimage.Image(wandb.Image)` and `to_wandb()`.

A round trip `nbimage.Image(w).to_wandb()` must give back w's pixels, caption, grouping,
classes, boxes and masks. wandb 0.22.3's `ImageMask(mask_data)` fails with Pillow >= 12
("Invalid mode for data type"), so the wandb images here take their masks from files, as
wandb's own tests do, or come from `to_wandb()`, which writes the mask file itself.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
from typing import Any

import numpy as np
import PIL.Image
import pytest
import torch
import wandb
from wandb.data_types import BoundingBoxes2D as WandbBoxes
from wandb.data_types import ImageMask as WandbMask

from nbimage import BoundingBoxes2D, Image, ImageMask
from tests.test_parity_wandb import assert_same_picture

RNG = np.random.default_rng(20261201)
COCO = [
    "person",
    "bicycle",
    "car",
    "motorcycle",
    "airplane",
    "bus",
    "train",
    "truck",
    "boat",
    "traffic_light",
    "fire_hydrant",
    "stop_sign",
    "parking_meter",
    "bench",
    "bird",
    "cat",
    "dog",
    "horse",
    "sheep",
    "cow",
    "elephant",
    "bear",
    "zebra",
    "giraffe",
    "backpack",
    "umbrella",
    "handbag",
    "tie",
    "suitcase",
    "frisbee",
    "skis",
    "snowboard",
    "sports_ball",
    "kite",
    "baseball_bat",
    "baseball_glove",
    "skateboard",
    "surfboard",
    "tennis_racket",
    "bottle",
    "wine_glass",
    "cup",
    "fork",
    "knife",
    "spoon",
    "bowl",
    "banana",
    "apple",
    "sandwich",
    "orange",
    "broccoli",
    "carrot",
    "hot_dog",
    "pizza",
    "donut",
    "cake",
    "chair",
    "couch",
    "potted_plant",
    "bed",
    "dining_table",
    "toilet",
    "tv",
    "laptop",
    "mouse",
    "remote",
    "keyboard",
    "cell_phone",
    "microwave",
    "oven",
    "toaster",
    "sink",
    "refrigerator",
    "book",
    "clock",
    "vase",
    "scissors",
    "teddy_bear",
    "hair_drier",
    "toothbrush",
]
LABELS = {index + 1: name.replace("_", " ") for index, name in enumerate(COCO)}


def detections(count: int, width: int, height: int, scored: bool) -> list[dict[str, Any]]:
    boxes = []
    for index in range(count):
        x0, y0 = RNG.uniform(0, width * 0.8), RNG.uniform(0, height * 0.8)
        entry: dict[str, Any] = {
            "position": {
                "minX": x0,
                "maxX": x0 + RNG.uniform(5, width * 0.2),
                "minY": y0,
                "maxY": y0 + RNG.uniform(5, height * 0.2),
            },
            "domain": "pixel",
            "class_id": int(RNG.integers(1, 81)),
        }
        if scored:
            entry["scores"] = {"confidence": float(RNG.uniform(0.05, 1)), "iou": 0.5}
        if index % 7 == 0:
            entry["box_caption"] = f"object {index}"
        boxes.append(entry)
    # One box in fractions, with the centre form.
    boxes.append({"position": {"middle": [0.5, 0.5], "width": 0.2, "height": 0.1}, "class_id": 3})
    return boxes


def mask_file(folder: pathlib.Path, ids: np.ndarray, name: str) -> str:
    path = folder / f"{name}.png"
    PIL.Image.fromarray(ids).save(path)
    return str(path)


@pytest.fixture
def logged(astronaut: np.ndarray, tmp_path: pathlib.Path) -> wandb.Image:
    """A wandb.Image as people build them: ground truth and predictions, a ½-size mask."""
    stuff = RNG.integers(0, 171, (256, 256)).astype(np.uint8)  # COCO-stuff's 171 ids
    height, width = astronaut.shape[:2]
    return wandb.Image(
        torch.from_numpy(astronaut).permute(2, 0, 1) / 255,
        caption="val/0042",
        grouping=4,
        classes=[{"id": i, "name": n} for i, n in LABELS.items()],
        boxes={
            "ground_truth": {
                "box_data": detections(12, width, height, False),
                "class_labels": LABELS,
            },
            "predictions": {
                "box_data": detections(35, width, height, True),
                "class_labels": LABELS,
            },
        },
        masks={"stuff": {"path": mask_file(tmp_path, stuff, "stuff")}},
    )


def mask_pixels(mask: Any) -> np.ndarray:
    """The mask file wandb uploads, read back."""
    return np.asarray(PIL.Image.open(mask._path))


def test_an_nbimage_image_of_a_wandb_image_holds_all_of_it(logged: wandb.Image) -> None:
    image = Image(logged)
    assert image.source == "wandb"
    assert logged.image is not None
    assert_same_picture(image.image, logged.image)
    assert (image.caption, image.grouping) == ("val/0042", 4)
    assert image.classes is not None and image.classes.labels() == LABELS
    assert sorted(image.boxes) == ["ground_truth", "predictions"]
    assert len(image.boxes["predictions"].boxes) == 36
    first = image.boxes["predictions"].boxes[0]
    theirs = logged._boxes["predictions"]._val[0]
    assert first.position == theirs["position"] and first.scores == theirs["scores"]
    assert image.masks["stuff"].shape == (256, 256)
    assert np.array_equal(image.masks["stuff"].class_ids(), mask_pixels(logged._masks["stuff"]))
    assert "mask-resized" in [d.code for d in image.diagnostics]


def test_the_round_trip_gives_back_the_same_wandb_image(logged: wandb.Image) -> None:
    again = Image(logged).to_wandb()
    assert isinstance(again, wandb.Image)
    assert again == logged  # wandb's own ==: grouping, caption, size, pixels, classes
    assert np.array_equal(np.asarray(again.image), np.asarray(logged.image))
    for key in ("ground_truth", "predictions"):
        assert again._boxes[key]._val == logged._boxes[key]._val
        assert again._boxes[key]._class_labels == logged._boxes[key]._class_labels
    assert np.array_equal(mask_pixels(again._masks["stuff"]), mask_pixels(logged._masks["stuff"]))
    # And once more: a mask file stays the same file (wandb logs it as it is).
    twice = Image(again).to_wandb()
    assert twice == logged
    assert twice._masks["stuff"]._path == logged._masks["stuff"]._path


def test_to_wandb_keeps_the_layers_labels_and_the_picture(chelsea: np.ndarray) -> None:
    ids = RNG.integers(0, 160, (75, 113)).astype(np.uint8)  # ¼ resolution, 160 ids
    names = {i: f"class {i}" for i in range(160)}
    ours = Image(
        chelsea.astype(np.float32) / 255 * 2 - 1,  # rule 2
        caption="cat",
        boxes={"pred": BoundingBoxes2D({"box_data": detections(30, 451, 300, True)}, "pred")},
        masks={"pred": ImageMask({"mask_data": ids, "class_labels": names}, "pred")},
    )
    theirs = ours.to_wandb()
    assert_same_picture(ours.image, theirs.image)
    assert theirs._caption == "cat"
    assert theirs._masks["pred"]._val["class_labels"] == names
    assert np.array_equal(theirs._masks["pred"]._val["mask_data"], ids)
    assert np.array_equal(mask_pixels(theirs._masks["pred"]), ids)
    # wandb names unlabeled box classes class_N, as it would have.
    assert set(theirs._boxes["pred"]._class_labels.values()) <= {f"class_{i}" for i in range(81)}
    assert theirs._classes is not None and ours.classes is not None
    assert theirs._classes._class_set == ours.classes.class_set
    assert Image(theirs) == ours


@pytest.mark.parametrize("file_type", ["png", "jpg", "bmp"])
def test_file_types_survive_both_ways(coffee: np.ndarray, file_type: str) -> None:
    logged = wandb.Image(coffee, file_type=file_type)
    image = Image(logged)
    assert image.format == file_type
    again = image.to_wandb()
    assert again.format == file_type
    assert np.array_equal(np.asarray(again.image), np.asarray(logged.image))


def test_a_file_stays_the_file(coffee: np.ndarray, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "coffee.jpg"
    PIL.Image.fromarray(coffee).save(path, quality=90)
    image = Image(wandb.Image(str(path)))
    assert image.to_bytes() == path.read_bytes()  # logged as it is, not re-encoded
    again = image.to_wandb()
    assert again._path == str(path)
    assert np.array_equal(np.asarray(again.image), np.asarray(PIL.Image.open(path)))


def test_wandb_layers_are_accepted_inside_boxes_and_masks(
    chelsea: np.ndarray, tmp_path: pathlib.Path
) -> None:
    ids = RNG.integers(0, 4, (150, 226)).astype(np.uint8)
    gt = WandbBoxes({"box_data": detections(30, 451, 300, True), "class_labels": LABELS}, "x")
    mask = WandbMask({"path": mask_file(tmp_path, ids, "m")}, "y")
    image = Image(chelsea, boxes={"gt": gt}, masks={"seg": mask})
    assert image.boxes["gt"].key == "gt" and len(image.boxes["gt"].boxes) == 31
    assert image.boxes["gt"].class_labels == LABELS
    assert np.array_equal(image.masks["seg"].class_ids(), ids)
    # And arguments given next to a wandb.Image win over what it holds.
    logged = wandb.Image(chelsea, caption="old", boxes={"gt": gt})
    mixed = Image(logged, caption="new", masks={"seg": mask})
    assert (
        mixed.caption == "new" and sorted(mixed.boxes) == ["gt"] and sorted(mixed.masks) == ["seg"]
    )


# -- what is refused ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "type_name"),
    [
        (lambda: wandb.Histogram([1, 2, 3]), "wandb.sdk.data_types.histogram.Histogram"),
        (lambda: wandb.Html("<b>x</b>"), "wandb.sdk.data_types.html.Html"),
        (lambda: wandb.Table(columns=["a"]), "wandb.sdk.data_types.table.Table"),
    ],
)
def test_a_wandb_object_that_is_not_an_image_is_named(make: Any, type_name: str) -> None:
    with pytest.raises(TypeError) as raised:
        Image(make())
    assert str(raised.value).startswith(
        f"data_or_path: a {type_name} is not a picture; expected a wandb.Image"
    )


def test_wandb_layers_of_the_wrong_kind_are_named(chelsea: np.ndarray) -> None:
    boxes = WandbBoxes({"box_data": detections(2, 451, 300, False)}, "b")
    with pytest.raises(TypeError, match=r"^masks\['m'\]: expected an ImageMask .* got a wandb"):
        Image(chelsea, masks={"m": boxes})
    with pytest.raises(
        TypeError, match=r"^boxes\['b'\]: expected a BoundingBoxes2D .* got a wandb"
    ):
        Image(chelsea, boxes={"b": wandb.Histogram([1])})


def test_a_remote_reference_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"^data_or_path: this wandb.Image refers to 's3://b/x.png'"
    ):
        Image(wandb.Image("s3://b/x.png"))


def test_to_wandb_without_wandb_says_what_to_install(
    chelsea: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    image = Image(chelsea)
    monkeypatch.setitem(sys.modules, "wandb", None)  # import wandb raises ImportError
    with pytest.raises(
        ImportError, match=r"Image.to_wandb needs the wandb package: pip install wandb"
    ):
        image.to_wandb()


def test_wandb_and_matplotlib_are_imported_only_when_used() -> None:
    code = (
        "import sys, numpy as np, nbimage\n"
        "ids = np.zeros((2, 3), np.uint8)\n"
        "img = nbimage.Image(np.zeros((4, 6, 3), np.uint8), masks={'m': {'mask_data': ids}})\n"
        "img._repr_mimebundle_(); img == img; img.to_data_array()\n"
        "print(sorted(m for m in ('wandb', 'matplotlib') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_reading_a_wandb_image_changes_nothing_in_it(logged: wandb.Image) -> None:
    import copy

    boxes_before = copy.deepcopy(logged._boxes["predictions"]._val)
    pixels_before = np.asarray(logged.image).copy()
    image = Image(logged)
    image.to_wandb()
    assert logged._boxes["predictions"]._val == boxes_before
    assert np.array_equal(np.asarray(logged.image), pixels_before)
    # Ours are copies: changing what we hold cannot reach the wandb object.
    ids = image.masks["stuff"].class_ids()
    ids[:] = 0
    assert mask_pixels(logged._masks["stuff"]).any()
