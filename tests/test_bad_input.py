"""Every bad argument the model and the overlays validate: the exception and its words.

Data errors (`data_or_path`, `mode`) are the pipeline's and are tested with it. Each row
here builds something wrong and names the exception type and the words a user needs:
the argument (with its location inside boxes/masks), what was received, what is accepted.
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import PIL.Image
import pytest

import nbimage.model
from nbimage import BoundingBoxes2D, Classes, Image, ImageMask
from nbimage.composite import composite
from nbimage.encode import encode

PICTURE = np.zeros((4, 6, 3), dtype=np.uint8)  # H=4, W=6


def box(**changes: Any) -> dict[str, Any]:
    """A valid box with some fields replaced (None removes a field)."""
    entry: dict[str, Any] = {
        "position": {"minX": 0.1, "maxX": 0.5, "minY": 0.2, "maxY": 0.6},
        "class_id": 1,
        "scores": {"acc": 0.5},
        "box_caption": "cat",
    }
    entry.update(changes)
    return {k: v for k, v in entry.items() if v is not None}


def with_boxes(*boxes: dict[str, Any], **layer: Any) -> Callable[[pathlib.Path], Any]:
    return lambda _: Image(PICTURE, boxes={"pred": {"box_data": list(boxes), **layer}})


def with_mask(**layer: Any) -> Callable[[pathlib.Path], Any]:
    return lambda _: Image(PICTURE, masks={"gt": layer})


def with_mask_file(name: str, picture: PIL.Image.Image | None) -> Callable[[pathlib.Path], Any]:
    def build(folder: pathlib.Path) -> Any:
        path = folder / name
        if picture is not None:
            picture.save(path)
        return Image(PICTURE, masks={"gt": {"path": str(path)}})

    return build


def write_text_file(folder: pathlib.Path) -> Any:
    path = folder / "notes.png"
    path.write_text("not a picture")
    return Image(PICTURE, masks={"gt": {"path": path}})


ZEROS = np.zeros((4, 6), dtype=np.uint8)
CORNERS = {"minX": 0.1, "maxX": 0.5, "minY": 0.2, "maxY": 0.6}

# A table reads best one row per case: keep the formatter out of it.
# fmt: off
CASES: list[tuple[str, Callable[[pathlib.Path], Any], type[Exception], list[str]]] = [
    # file_type, caption, grouping, normalize
    ("file_type unknown", lambda _: Image(PICTURE, file_type="gif"), ValueError,
     ["file_type", "'gif'", "png, jpg, jpeg, bmp"]),
    ("file_type upper case", lambda _: Image(PICTURE, file_type="PNG"), ValueError,
     ["file_type", "did you mean 'png'"]),
    ("file_type not str", lambda _: Image(PICTURE, file_type=3), TypeError,
     ["file_type", "3 (int)"]),
    ("caption list", lambda _: Image(PICTURE, caption=["a"]), TypeError,
     ["caption", "['a'] (list)", "a str"]),
    ("caption bool", lambda _: Image(PICTURE, caption=True), TypeError, ["caption", "True"]),
    ("grouping str", lambda _: Image(PICTURE, grouping="2"), TypeError, ["grouping", "'2'"]),
    ("grouping float", lambda _: Image(PICTURE, grouping=1.5), TypeError, ["grouping", "1.5"]),
    ("grouping negative", lambda _: Image(PICTURE, grouping=-1), ValueError,
     ["grouping", "negative (-1)"]),
    ("normalize str", lambda _: Image(PICTURE, normalize="yes"), TypeError,
     ["normalize", "'yes'", "True or False"]),
    ("mode with an Image", lambda _: Image(Image(PICTURE), mode="XYZ"), ValueError,
     ["mode", "'XYZ' is not a PIL mode"]),
    # boxes: the container
    ("boxes list", lambda _: Image(PICTURE, boxes=[box()]), TypeError,
     ["boxes", "(list)", "dict of layer name"]),
    ("boxes int key", lambda _: Image(PICTURE, boxes={1: {"box_data": []}}), TypeError,
     ["boxes key 1", "str layer name"]),
    ("boxes layer int", lambda _: Image(PICTURE, boxes={"pred": 5}), TypeError,
     ["boxes['pred']", "5 (int)", "BoundingBoxes2D"]),
    ("box_data missing", lambda _: Image(PICTURE, boxes={"pred": {"boxes": []}}), ValueError,
     ["boxes['pred']", "missing 'box_data'"]),
    ("box_data dict", lambda _: Image(PICTURE, boxes={"pred": {"box_data": box()}}), TypeError,
     ["boxes['pred'].box_data", "a list of box dicts"]),
    ("box not dict", with_boxes(box(), [0.1, 0.2]), TypeError,  # type: ignore[arg-type]
     ["boxes['pred'].box_data[1]", "(list)"]),
    # boxes: positions
    ("position missing", with_boxes(box(position=None)), ValueError,
     ["boxes['pred'].box_data[0]", "missing 'position'"]),
    ("position partial", with_boxes(box(position={"minX": 0.1, "maxX": 0.2})), ValueError,
     ["box_data[0].position", "found maxX, minX", "middle [x, y], width, height"]),
    ("position not dict", with_boxes(box(position=[0, 0, 1, 1])), TypeError,
     ["box_data[0].position", "(list)"]),
    ("coordinate str", with_boxes(box(position={**CORNERS, "minX": "0.1"})), TypeError,
     ["box_data[0].position.minX", "'0.1' (str)", "a number"]),
    ("coordinate bool", with_boxes(box(position={**CORNERS, "maxY": True})), TypeError,
     ["box_data[0].position.maxY", "True"]),
    ("coordinate nan", with_boxes(box(position={**CORNERS, "maxY": float("nan")})), ValueError,
     ["box_data[0].position.maxY", "not a finite number (nan)"]),
    ("middle inf", with_boxes(box(position={"middle": [float("inf"), 1], "width": 1,
                                            "height": 1})), ValueError,
     ["box_data[0].position.middle[0]", "not a finite number (inf)"]),
    ("inverted x", with_boxes(box(), box(), box(), box(position={**CORNERS, "minX": 0.5,
                                                                  "maxX": 0.1})), ValueError,
     ["boxes['pred'].box_data[3].position: minX (0.5) > maxX (0.1)"]),
    ("inverted y", with_boxes(box(position={**CORNERS, "minY": 0.9})), ValueError,
     ["box_data[0].position: minY (0.9) > maxY (0.6)"]),
    ("negative width", with_boxes(box(position={"middle": [1, 1], "width": -2, "height": 1})),
     ValueError, ["box_data[0].position.width", "negative (-2)"]),
    ("negative height", with_boxes(box(position={"middle": [1, 1], "width": 2, "height": -1})),
     ValueError, ["box_data[0].position.height", "negative (-1)"]),
    ("middle one value", with_boxes(box(position={"middle": [1], "width": 2, "height": 1})),
     TypeError, ["box_data[0].position.middle", "a pair [x, y]"]),
    ("domain unknown", with_boxes(box(domain="percent")), ValueError,
     ["box_data[0].domain", "unknown domain 'percent'", "'pixel'"]),
    # boxes: class ids, scores, captions, labels
    ("class_id missing", with_boxes(box(class_id=None)), ValueError,
     ["box_data[0]", "missing 'class_id'"]),
    ("class_id float", with_boxes(box(class_id=1.0)), TypeError,
     ["box_data[0].class_id", "1.0 (float)", "an integer"]),
    ("class_id str", with_boxes(box(class_id="cat")), TypeError,
     ["box_data[0].class_id", "'cat'"]),
    ("class_id bool", with_boxes(box(class_id=True)), TypeError, ["box_data[0].class_id"]),
    ("scores list", with_boxes(box(scores=[0.5])), TypeError,
     ["box_data[0].scores", "dict of str -> number"]),
    ("score key int", with_boxes(box(scores={1: 0.5})), TypeError,
     ["box_data[0].scores key 1", "str score name"]),
    ("score value str", with_boxes(box(scores={"acc": "high"})), TypeError,
     ["box_data[0].scores['acc']", "'high'", "a number"]),
    ("score nan", with_boxes(box(scores={"acc": float("nan")})), ValueError,
     ["box_data[0].scores['acc']", "finite"]),
    ("box_caption int", with_boxes(box(box_caption=7)), TypeError,
     ["box_data[0].box_caption", "7 (int)", "a str"]),
    ("box class_labels list", with_boxes(box(), class_labels=["cat"]), TypeError,
     ["boxes['pred'].class_labels", "int class id -> str name"]),
    ("box class_labels str key", with_boxes(box(), class_labels={"1": "cat"}), TypeError,
     ["boxes['pred'].class_labels key '1'", "an int class id"]),
    ("box class_labels int name", with_boxes(box(), class_labels={1: 2}), TypeError,
     ["boxes['pred'].class_labels[1]", "a str class name"]),
    # masks
    ("masks list", lambda _: Image(PICTURE, masks=[ZEROS]), TypeError, ["masks", "dict"]),
    ("mask layer int", lambda _: Image(PICTURE, masks={"gt": 5}), TypeError,
     ["masks['gt']", "ImageMask"]),
    ("mask neither", with_mask(class_labels={0: "bg"}), ValueError,
     ["masks['gt']", "has no mask", "'mask_data'", "'path'"]),
    ("mask both", with_mask(mask_data=ZEROS, path="m.png"), ValueError,
     ["masks['gt']", "both 'mask_data' and 'path'"]),
    ("mask 3-D", with_mask(mask_data=np.zeros((4, 6, 1), np.uint8)), ValueError,
     ["masks['gt'].mask_data", "2-D", "(4, 6, 1)", "squeeze"]),
    ("mask 1-D", with_mask(mask_data=np.zeros(6, np.uint8)), ValueError,
     ["masks['gt'].mask_data", "2-D", "(6,)"]),
    ("mask empty", with_mask(mask_data=np.zeros((0, 6), np.uint8)), ValueError,
     ["masks['gt'].mask_data", "empty"]),
    ("mask fractions", with_mask(mask_data=np.full((4, 6), 0.5)), TypeError,
     ["masks['gt'].mask_data", "integer-valued"]),
    ("mask nan", with_mask(mask_data=np.full((4, 6), np.nan)), ValueError,
     ["masks['gt'].mask_data", "NaN"]),
    ("mask over 255", with_mask(mask_data=np.full((4, 6), 256, np.int32)), ValueError,
     ["masks['gt'].mask_data", "[256, 256]", "0–255"]),
    ("mask negative", with_mask(mask_data=np.full((4, 6), -1, np.int16)), ValueError,
     ["masks['gt'].mask_data", "[-1, -1]"]),
    ("mask complex", with_mask(mask_data=np.zeros((4, 6), np.complex64)), TypeError,
     ["masks['gt'].mask_data", "complex64", "integer class ids"]),
    ("mask strings", with_mask(mask_data=[["a", "b"]]), TypeError,
     ["masks['gt'].mask_data", "integer class ids"]),
    ("mask not array", with_mask(mask_data="cat"), TypeError,
     ["masks['gt'].mask_data", "'cat' (str)", "2-D integer array"]),
    ("mask class_labels bad", with_mask(mask_data=ZEROS, class_labels={0: None}), TypeError,
     ["masks['gt'].class_labels[0]", "a str class name"]),
    ("mask path missing", with_mask_file("absent.png", None), FileNotFoundError,
     ["masks['gt'].path", "no such file", "absent.png"]),
    ("mask path directory", lambda folder: Image(PICTURE, masks={"gt": {"path": folder}}),
     ValueError, ["masks['gt'].path", "is a directory"]),
    ("mask path not image", write_text_file, ValueError,
     ["masks['gt'].path", "cannot read", "notes.png"]),
    ("mask path RGB", with_mask_file("rgb.png", PIL.Image.new("RGB", (6, 4))), ValueError,
     ["masks['gt'].path", "mode RGB", "mode L"]),
    ("mask path int", lambda _: Image(PICTURE, masks={"gt": {"path": 7}}), TypeError,
     ["masks['gt'].path", "7 (int)"]),
    # classes
    ("classes str", lambda _: Image(PICTURE, classes="cat"), TypeError,
     ["classes", "'cat' (str)", "{'id': int, 'name': str}"]),
    ("classes dict", lambda _: Image(PICTURE, classes={"id": 1, "name": "cat"}), TypeError,
     ["classes", "list of"]),
    ("classes entry int", lambda _: Image(PICTURE, classes=[1]), TypeError, ["classes[0]"]),
    ("classes without id", lambda _: Image(PICTURE, classes=[{"name": "cat"}]), ValueError,
     ["classes[0]", "missing 'id'"]),
    ("classes without name", lambda _: Image(PICTURE, classes=[{"id": 0, "name": "a"},
                                                                {"id": 1}]), ValueError,
     ["classes[1]", "missing 'name'"]),
    ("classes name int", lambda _: Image(PICTURE, classes=[{"id": 1, "name": 2}]), TypeError,
     ["classes[0].name", "2 (int)"]),
    ("classes id float", lambda _: Image(PICTURE, classes=[{"id": 1.5, "name": "a"}]),
     TypeError, ["classes[0].id", "1.5"]),
    # helper types built directly
    ("BoundingBoxes2D key", lambda _: BoundingBoxes2D({"box_data": []}, 5),  # type: ignore[arg-type]
     TypeError, ["key", "5 (int)", "str layer name"]),
    ("BoundingBoxes2D val", lambda _: BoundingBoxes2D([box()], "pred"),  # type: ignore[arg-type]
     TypeError, ["boxes['pred']", "(list)", "'box_data'"]),
    ("ImageMask val", lambda _: ImageMask(ZEROS, "gt"),  # type: ignore[arg-type]
     TypeError, ["masks['gt']", "numpy.ndarray of shape (4, 6)"]),
    ("Classes None", lambda _: Classes(None), TypeError, ["classes", "None"]),  # type: ignore[arg-type]
    # output
    ("save path int", lambda _: Image(PICTURE).save(5), TypeError,  # type: ignore[arg-type]
     ["path", "5 (int)", "pathlib.Path"]),
    ("save mismatched extension", lambda folder: Image(PICTURE).save(folder / "x.jpg"),
     ValueError, ["path", "names a jpeg file but this image is png", "file_type='jpg'"]),
    ("encode file_type", lambda _: encode(PIL.Image.new("RGB", (2, 2)), "tiff"), ValueError,
     ["file_type", "'tiff'"]),
    ("encode not PIL", lambda _: encode(PICTURE, "png"), TypeError,  # type: ignore[arg-type]
     ["image", "PIL.Image.Image"]),
    ("composite max_side 0", lambda _: composite(Image(PICTURE), max_side=0), ValueError,
     ["max_side", "at least 1"]),
    ("composite max_side str", lambda _: composite(Image(PICTURE), max_side="big"),  # type: ignore[arg-type]
     TypeError, ["max_side", "'big'"]),
    ("all_captions str", lambda _: Image.all_captions("abc"), TypeError,  # type: ignore[arg-type]
     ["images", "list of nbimage.Image"]),
    ("all_boxes not Image", lambda _: Image.all_boxes([Image(PICTURE), PICTURE]), TypeError,  # type: ignore[list-item]
     ["images[1]", "an nbimage.Image"]),
]
# fmt: on


@pytest.mark.parametrize(
    ("build", "error", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_bad_input(
    build: Callable[[pathlib.Path], Any],
    error: type[Exception],
    words: list[str],
    tmp_path: pathlib.Path,
) -> None:
    with pytest.raises(error) as raised:
        build(tmp_path)
    assert type(raised.value) is error
    message = str(raised.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def test_case_labels_are_unique() -> None:
    labels = [case[0] for case in CASES]
    assert len(labels) == len(set(labels))


# Cheap arguments are checked before the data is read or normalized.

CHEAP_MISTAKES: dict[str, dict[str, Any]] = {
    "file_type": {"file_type": "gif"},
    "caption": {"caption": ["a"]},
    "grouping": {"grouping": "2"},
    "normalize": {"normalize": "yes"},
    "boxes": {"boxes": {"pred": {"box_data": [box(class_id="x")]}}},
    "masks": {"masks": {"gt": {"mask_data": np.zeros(3)}}},
    "classes": {"classes": [{"name": "cat"}]},
}


@pytest.mark.parametrize("argument", sorted(CHEAP_MISTAKES))
def test_cheap_arguments_fail_before_the_data_is_prepared(
    argument: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_run(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("prepare() ran before the arguments were checked")

    monkeypatch.setattr(nbimage.model, "prepare", must_not_run)
    with pytest.raises((TypeError, ValueError)) as raised:
        Image(np.zeros((4096, 4096, 3), np.float32), **CHEAP_MISTAKES[argument])
    assert re.match(rf"{argument}\b", str(raised.value))
