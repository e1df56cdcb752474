"""Model outputs as they come (issue 16): box tensors, per-class scores, heatmaps."""

from __future__ import annotations

import io
import re
import warnings

import numpy as np
import PIL.Image
import pytest
import torch
from skimage import data as skdata

import nbimage
from nbimage import BoundingBoxes2D, Heatmap, Image, ImageMask
from nbimage.colormaps import lut
from nbimage.diagnostics import HEATMAP_NOT_LOGGED, heatmaps_not_logged
from nbimage.scores import min_level
from nbimage.views import fallback_png, show

# COCO's 80 class names (torchvision's detection categories without the N/A gaps).
_COCO_TEXT = (
    "person bicycle car motorcycle airplane bus train truck boat traffic_light fire_hydrant "
    "stop_sign parking_meter bench bird cat dog horse sheep cow elephant bear zebra giraffe "
    "backpack umbrella handbag tie suitcase frisbee skis snowboard sports_ball kite "
    "baseball_bat baseball_glove skateboard surfboard tennis_racket bottle wine_glass cup fork "
    "knife spoon bowl banana apple sandwich orange broccoli carrot hot_dog pizza donut cake "
    "chair couch potted_plant bed dining_table toilet tv laptop mouse remote keyboard "
    "cell_phone microwave oven toaster sink refrigerator book clock vase scissors teddy_bear "
    "hair_drier toothbrush"
)
COCO = _COCO_TEXT.split(" ")


@pytest.fixture(scope="module")
def detections() -> dict[str, np.ndarray]:
    """36 detections over a 2400×1600 picture, xyxy pixels, with scores and COCO labels."""
    rng = np.random.default_rng(16)
    x1 = rng.uniform(0, 2000, 36)
    y1 = rng.uniform(0, 1300, 36)
    w = rng.uniform(10, 390, 36)
    h = rng.uniform(10, 290, 36)
    return {
        "xyxy": np.stack([x1, y1, x1 + w, y1 + h], 1).astype(np.float32),
        "labels": rng.integers(0, 80, 36),
        "scores": rng.uniform(0.05, 1, 36).astype(np.float32),
        "iou": rng.uniform(0, 1, 36).astype(np.float32),
    }


def hand_written(det: dict[str, np.ndarray], form: str, domain: str) -> BoundingBoxes2D:
    """The loop people write today, in the wandb form that matches each format."""
    width, height = 2400.0, 1600.0
    box_data = []
    for i, (a, b, c, d) in enumerate(det["xyxy"].tolist()):
        if domain == "fraction":
            a, b, c, d = a / width, b / height, c / width, d / height
        if form == "corners":
            position = {"minX": a, "maxX": c, "minY": b, "maxY": d}
        else:
            position = {"middle": [(a + c) / 2, (b + d) / 2], "width": c - a, "height": d - b}
        entry = {
            "position": position,
            "class_id": int(det["labels"][i]),
            "scores": {"score": float(det["scores"][i]), "iou": float(det["iou"][i])},
        }
        if domain == "pixel":
            entry["domain"] = "pixel"
        box_data.append(entry)
    return BoundingBoxes2D(
        {"box_data": box_data, "class_labels": dict(enumerate(COCO))}, "predictions"
    )


@pytest.mark.parametrize("domain", ["pixel", "fraction"])
@pytest.mark.parametrize("box_format", ["xyxy", "xywh", "cxcywh"])
def test_every_format_and_domain_gives_the_hand_written_wandb_dicts(
    detections: dict[str, np.ndarray], box_format: str, domain: str
) -> None:
    xyxy = detections["xyxy"].astype(np.float64)
    if domain == "fraction":
        xyxy = xyxy / np.array([2400, 1600, 2400, 1600])
    x1, y1, x2, y2 = xyxy.T
    given = {
        "xyxy": np.stack([x1, y1, x2, y2], 1),
        "xywh": np.stack([x1, y1, x2 - x1, y2 - y1], 1),
        "cxcywh": np.stack([(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1], 1),
    }[box_format]
    layer = BoundingBoxes2D.from_array(
        torch.from_numpy(given),
        format=box_format,
        labels=torch.from_numpy(detections["labels"]),
        scores={"score": detections["scores"], "iou": torch.from_numpy(detections["iou"])},
        class_labels=COCO,
        domain=domain,
    )
    reference = hand_written(detections, "centre" if box_format == "cxcywh" else "corners", domain)
    ours, theirs = layer.to_json(), reference.to_json()
    assert ours["class_labels"] == theirs["class_labels"]
    assert len(ours["box_data"]) == 36
    for mine, expected in zip(ours["box_data"], theirs["box_data"], strict=True):
        assert mine.keys() == expected.keys()
        assert mine["class_id"] == expected["class_id"]
        assert mine["scores"] == pytest.approx(expected["scores"])
        assert mine.get("domain") == expected.get("domain")
        for key, value in expected["position"].items():
            assert mine["position"][key] == pytest.approx(value, rel=1e-9, abs=1e-9)
    # Drawn in the same place as the hand-written layer.
    picture = np.zeros((1600, 2400, 3), np.uint8)
    a = Image(picture, boxes={"predictions": layer})
    b = Image(picture, boxes={"predictions": reference})
    for mine, expected in zip(
        show(a).items[0]["boxes"][0]["boxes"], show(b).items[0]["boxes"][0]["boxes"], strict=True
    ):
        for corner in ("x0", "y0", "x1", "y1"):
            assert mine[corner] == pytest.approx(expected[corner], abs=1e-6)
        assert mine["label"] == expected["label"]
    assert not [d for d in a.diagnostics if d.code in ("box-domain", "box-format")]


def test_scores_can_be_one_array_and_labels_name_classes_by_list() -> None:
    layer = BoundingBoxes2D.from_array(
        np.array([[1, 2, 30, 40], [5, 5, 6, 6]]),
        labels=[17, 16],
        scores=np.array([0.9, 0.2]),
        class_labels=COCO,
        captions=["a cat", None],
        key="detector",
    )
    entries = layer.to_json()["box_data"]
    assert entries[0] == {
        "position": {"minX": 1.0, "maxX": 30.0, "minY": 2.0, "maxY": 40.0},
        "class_id": 17,
        "domain": "pixel",
        "scores": {"score": 0.9},
        "box_caption": "a cat",
    }
    assert "box_caption" not in entries[1]
    assert layer.key == "detector"
    assert layer.class_labels[16] == "dog"


def test_any_real_dtype_and_grad_tensors_work_and_the_input_is_untouched() -> None:
    boxes = torch.tensor([[10.0, 20.0, 50.0, 60.0]], requires_grad=True)
    for tensor in (boxes, boxes.half(), boxes.to(torch.bfloat16), boxes.int()):
        layer = BoundingBoxes2D.from_array(tensor)
        assert layer.to_json()["box_data"][0]["position"] == {
            "minX": 10.0,
            "maxX": 50.0,
            "minY": 20.0,
            "maxY": 60.0,
        }
    array = np.array([[10.0, 20.0, 5.0, 5.0]])
    before = array.copy()
    BoundingBoxes2D.from_array(array, format="xywh")
    assert (array == before).all()


def test_empty_detections_are_an_empty_layer() -> None:
    layer = BoundingBoxes2D.from_array(torch.zeros((0, 4)), scores=torch.zeros(0))
    assert layer.boxes == ()
    Image(np.zeros((8, 8, 3), np.uint8), boxes={"p": layer})._repr_mimebundle_()


def test_fractions_given_as_pixels_are_flagged() -> None:
    layer = BoundingBoxes2D.from_array(np.array([[0.1, 0.2, 0.5, 0.6], [0.3, 0.3, 0.9, 0.8]]))
    img = Image(skdata.astronaut(), boxes={"pred": layer})
    (found,) = [d for d in img.diagnostics if d.code == "box-domain"]
    assert found.severity == "warning"
    assert "look like fractions" in found.message and "domain='fraction'" in found.message


def test_pixels_given_as_fractions_are_flagged() -> None:
    layer = BoundingBoxes2D.from_array(np.array([[40, 50, 200, 300]]), domain="fraction")
    img = Image(skdata.astronaut(), boxes={"pred": layer})
    codes = {d.code for d in img.diagnostics}
    assert {"box-domain", "box-outside"} <= codes
    (found,) = [d for d in img.diagnostics if d.code == "box-domain"]
    assert "look like pixels" in found.message and "domain='pixel'" in found.message


def test_xyxy_corners_given_as_xywh_are_flagged() -> None:
    corners = np.array([[100, 120, 400, 480], [300, 50, 500, 300]])  # xyxy on a 512² photo
    img = Image(skdata.astronaut(), boxes={"pred": BoundingBoxes2D.from_array(corners, "xywh")})
    (found,) = [d for d in img.diagnostics if d.code == "box-format"]
    assert "look like xyxy" in found.message and "format='xyxy'" in found.message
    clean = Image(skdata.astronaut(), boxes={"pred": BoundingBoxes2D.from_array(corners)})
    assert not [d for d in clean.diagnostics if d.code.startswith("box-")]


def test_xywh_given_as_xyxy_is_an_error_that_says_what_they_look_like() -> None:
    xywh = np.array([[100, 120, 50, 60], [300, 50, 40, 30]])
    with pytest.raises(ValueError, match=r"boxes\[0\]: x2 \(50\) < x1 \(100\).*format='xywh'"):
        BoundingBoxes2D.from_array(xywh)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"boxes": np.zeros((3, 5))}, ValueError, r"boxes: expected shape \(N, 4\), got \(3, 5\)"),
        ({"boxes": np.zeros(4)}, ValueError, r"boxes: .*\(4,\).*reshape it to \(1, 4\)"),
        (
            {"boxes": np.array([[0, 0, np.nan, 1.0]])},
            ValueError,
            r"boxes\[0\]\[2\]: not a finite number \(nan\)",
        ),
        ({"boxes": "0 0 1 1"}, TypeError, r"boxes: expected an N×4 numpy array or torch tensor"),
        (
            {"boxes": np.zeros((2, 4), complex)},
            TypeError,
            r"boxes: expected .* of real numbers",
        ),
        ({"boxes": np.zeros((2, 4)), "format": "xyhw"}, ValueError, r"format: unknown box format"),
        ({"boxes": np.zeros((2, 4)), "domain": "pixels"}, ValueError, r"domain: unknown domain"),
        (
            {"boxes": np.zeros((2, 4)), "labels": [1, 2, 3]},
            ValueError,
            r"labels: shape \(3,\) does not match the 2 boxes",
        ),
        (
            {"boxes": np.zeros((2, 4)), "labels": [1.5, 2]},
            TypeError,
            r"labels: expected integer class ids",
        ),
        (
            {"boxes": np.zeros((2, 4)), "scores": {"conf": [0.1, np.nan]}},
            ValueError,
            r"scores\['conf'\]\[1\]: not a finite number",
        ),
        (
            {"boxes": np.zeros((2, 4)), "scores": [0.1]},
            ValueError,
            r"scores: shape \(1,\) does not match the 2 boxes",
        ),
        (
            {"boxes": np.zeros((2, 4)), "captions": ["a"]},
            ValueError,
            r"captions: 1 captions for 2 boxes",
        ),
        (
            {"boxes": np.array([[0, 0, -1, 1.0]]), "format": "xywh"},
            ValueError,
            r"boxes\[0\]: negative width or height",
        ),
    ],
)
def test_bad_box_input_names_the_argument(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        BoundingBoxes2D.from_array(**kwargs)  # type: ignore[arg-type]


def test_a_misspelt_format_costs_no_tensor_copy() -> None:
    class Exploding:
        shape = (3, 4)
        dtype = "float32"

        def __array__(self, *args: object) -> np.ndarray:
            raise AssertionError("the array was read before the format was checked")

    with pytest.raises(ValueError, match="format"):
        BoundingBoxes2D.from_array(Exploding(), format="xyz")


# ------------------------------------------------------------------ scores


def softmax(logits: np.ndarray, axis: int = 0) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


@pytest.fixture(scope="module")
def voc_logits() -> np.ndarray:
    """A 21-class (Pascal VOC) 1×21×H×W output as torchvision's segmenters give it."""
    rng = np.random.default_rng(21)
    return rng.normal(0, 3, size=(1, 21, 96, 128)).astype(np.float32)


def test_from_scores_equals_a_numpy_softmax_argmax_reference(voc_logits: np.ndarray) -> None:
    mask = ImageMask.from_scores(torch.from_numpy(voc_logits))
    probabilities = softmax(voc_logits[0].astype(np.float64))
    assert (mask.class_ids() == probabilities.argmax(0)).all()
    confidence = mask.confidence
    assert confidence is not None and confidence.dtype == np.uint8
    reference = np.rint(probabilities.max(0) * 255)
    assert np.abs(confidence.astype(int) - reference).max() <= 1  # float32 vs float64 rounding
    assert (confidence == reference).mean() > 0.99
    # wandb sees a plain class-id mask: the same JSON as the argmax given by hand.
    plain = ImageMask({"mask_data": probabilities.argmax(0)}, "predictions")
    assert mask.to_json() == plain.to_json()


def test_channels_last_sigmoid_and_probabilities(voc_logits: np.ndarray) -> None:
    logits = voc_logits[0, :5].astype(np.float64)
    last = ImageMask.from_scores(np.moveaxis(logits, 0, -1), channel_axis=-1)
    assert (last.class_ids() == softmax(logits).argmax(0)).all()
    sigmoid = ImageMask.from_scores(logits, activation="sigmoid")
    reference = 1 / (1 + np.exp(-logits))
    assert (sigmoid.class_ids() == reference.argmax(0)).all()
    assert sigmoid.confidence is not None
    assert (sigmoid.confidence == np.rint(reference.max(0) * 255)).all()
    probabilities = softmax(logits)
    given = ImageMask.from_scores(probabilities, activation=None, class_labels=COCO[:5])
    assert (given.confidence == np.rint(probabilities.max(0) * 255)).all()
    assert given.class_labels[2] == "car"


def test_ties_keep_the_lowest_class_id_as_argmax_does() -> None:
    scores = np.zeros((4, 3, 3), np.float32)
    scores[2, 0, 0] = scores[3, 0, 0] = 5
    mask = ImageMask.from_scores(scores)
    assert mask.class_ids()[0, 0] == 2 and mask.class_ids()[1, 1] == 0
    assert mask.confidence is not None and mask.confidence[1, 1] == round(255 / 4)


def test_a_binary_map_with_threshold_gives_two_classes() -> None:
    rng = np.random.default_rng(3)
    probability = rng.random((40, 60))
    mask = ImageMask.from_scores(probability, threshold=0.7, class_labels=["background", "cell"])
    assert (mask.class_ids() == (probability >= 0.7)).all()
    winning = np.where(probability >= 0.7, probability, 1 - probability)
    assert (mask.confidence == np.rint(winning * 255)).all()
    logits = torch.from_numpy(rng.normal(size=(1, 1, 40, 60)))
    from_logits = ImageMask.from_scores(logits, activation="sigmoid")
    assert (from_logits.class_ids() == (logits[0, 0] >= 0).numpy()).all()


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, 0.61, 0.8, 0.95, 1.0])
def test_the_hidden_pixel_count_equals_a_numpy_count(
    voc_logits: np.ndarray, threshold: float
) -> None:
    mask = ImageMask.from_scores(voc_logits)
    probabilities = softmax(voc_logits[0].astype(np.float64))
    levels = np.rint(probabilities.max(0) * 255)
    hidden = levels < threshold * 255 - 1e-9  # a level is shown when it reaches the threshold
    ids = probabilities.argmax(0)
    kept = mask.kept_counts(threshold)
    total = mask.counts()
    for class_id, count in total.items():
        reference = int(((ids == class_id) & hidden).sum())
        # The float32 computation may put a pixel one level off exactly at the threshold.
        assert abs((count - kept[class_id]) - reference) <= max(1, reference // 500)
    assert sum(kept.values()) + int(hidden.sum()) == pytest.approx(ids.size, abs=ids.size // 500)
    assert min_level(threshold) == int(np.ceil(threshold * 255 - 1e-9))


def test_the_view_gets_the_confidence_and_the_trait(voc_logits: np.ndarray) -> None:
    mask = ImageMask.from_scores(voc_logits, key="seg")
    picture = np.zeros((96, 128, 3), np.uint8)
    view = show(Image(picture, masks={"seg": mask}), confidence_thresholds={"seg": 0.5})
    (layer,) = view.items[0]["masks"]
    assert layer["confidence"] is not None
    levels = np.asarray(PIL.Image.open(io.BytesIO(layer["confidence"])))
    assert (levels == mask.confidence).all()
    assert view.confidence_thresholds == {"seg": 0.5}
    with pytest.raises(ValueError, match=r"confidence_thresholds: \['seg'\] must be between 0"):
        view.confidence_thresholds = {"seg": 1.5}
    plain = show(Image(picture, masks={"gt": {"mask_data": mask.class_ids()}}))
    assert plain.items[0]["masks"][0]["confidence"] is None


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.zeros((3, 5)),), {"activation": "softmax"}, ValueError, r"activation: 'softmax'"),
        ((np.zeros(5),), {}, ValueError, r"scores: expected C×H×W, H×W×C or H×W .*\(5,\)"),
        ((np.zeros((2, 3, 4, 5)),), {}, ValueError, r"scores: .*\(2, 3, 4, 5\).*a batch"),
        ((np.full((3, 4, 4), np.nan),), {}, ValueError, r"scores\[0, 0, 0\]: not a finite"),
        ((np.zeros((3, 4, 4)),), {"activation": "relu"}, ValueError, r"activation: unknown"),
        ((np.zeros((3, 4, 4)),), {"channel_axis": 3}, ValueError, r"channel_axis: 3 is not"),
        ((np.zeros((3, 4, 4)),), {"channel_axis": "0"}, TypeError, r"channel_axis: expected"),
        ((np.zeros((300, 4, 4)),), {}, ValueError, r"scores: 300 classes .*channel_axis"),
        ((np.zeros((3, 4, 4)),), {"threshold": 0.5}, ValueError, r"threshold: applies to one"),
        ((np.zeros((4, 4)),), {"threshold": 2}, ValueError, r"threshold: 2 is outside"),
        (
            (np.full((3, 4, 4), 3.0),),
            {"activation": None},
            ValueError,
            r"scores: activation=None needs probabilities in \[0, 1\].*logits",
        ),
        ((np.zeros((3, 4, 4), bool),), {}, TypeError, r"scores: expected .* real numbers"),
        (
            (np.full((1, 4, 4), -3.0),),
            {},
            ValueError,
            r"activation=None needs probabilities.*give activation='sigmoid'$",
        ),
        (("logits",), {}, TypeError, r"scores: expected a C×H×W"),
    ],
)
def test_bad_scores_name_the_argument(
    args: tuple[object, ...], kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        ImageMask.from_scores(*args, **kwargs)  # type: ignore[arg-type]


def test_scores_are_not_modified(voc_logits: np.ndarray) -> None:
    before = voc_logits.copy()
    tensor = torch.from_numpy(voc_logits.copy())
    ImageMask.from_scores(voc_logits, activation="sigmoid")
    ImageMask.from_scores(tensor)
    assert (voc_logits == before).all() and (tensor.numpy() == before).all()


# ------------------------------------------------------------------ heatmaps


def test_heatmap_pixels_equal_the_colormap_applied_by_a_reference() -> None:
    rng = np.random.default_rng(5)
    values = rng.normal(size=(14, 14)).astype(np.float32)
    values[3, 4] = np.nan
    heatmap = Heatmap(torch.from_numpy(values), colormap="inferno")
    low, high = float(np.nanmin(values)), float(np.nanmax(values))
    assert heatmap.value_range == pytest.approx((low, high))
    levels = np.rint(np.clip((values - low) / (high - low), 0, 1) * 255)
    levels = np.nan_to_num(levels).astype(np.uint8)
    reference = lut("inferno")[levels]
    rgba = heatmap.rgba()
    finite = np.isfinite(values)
    # float32 arithmetic may land one level off on an exact half.
    off = np.abs(heatmap.levels().astype(int) - levels.astype(int))[finite]
    assert off.max() <= 1 and (off == 0).mean() > 0.95
    same = heatmap.levels() == levels
    assert (rgba[..., :3][same & finite] == reference[same & finite]).all()
    assert (rgba[..., 3][finite] == 255).all() and rgba[3, 4, 3] == 0
    # What the view decodes is exactly these pixels.
    img = Image(skdata.astronaut(), heatmaps={"cam": heatmap})
    (wire,) = show(img).items[0]["heatmaps"]
    assert (np.asarray(PIL.Image.open(io.BytesIO(wire["png"]))) == rgba).all()
    assert (wire["width"], wire["height"], wire["colormap"]) == (14, 14, "inferno")
    bar = np.asarray(PIL.Image.open(io.BytesIO(wire["colorbar"])))
    assert (bar[0] == lut("inferno")).all()


def test_a_given_range_clips_and_diverging_is_symmetric() -> None:
    values = np.array([[-2.0, 0.0], [1.0, 5.0]])
    clipped = Heatmap(values, colormap="gray", value_range=(0, 1))
    assert clipped.levels().tolist() == [[0, 0], [255, 255]]
    diverging = Heatmap(values, colormap="diverging")
    assert diverging.value_range == (-5.0, 5.0)
    assert diverging.levels()[0, 1] == 128  # zero at the neutral middle


def test_heatmaps_of_any_size_are_inspected_at_the_cell_under_the_pixel() -> None:
    cam = torch.arange(49, dtype=torch.float32).reshape(1, 7, 7)  # a 7×7 CAM, batch of 1
    img = Image(skdata.astronaut(), heatmaps={"grad-cam": cam})
    view = show(img)
    reply = view.inspect_reply({"type": "inspect", "request_id": 1, "item": 0, "x": 511, "y": 0})
    assert reply["heatmaps"] == {"grad-cam": 6.0}
    reply = view.inspect_reply({"type": "inspect", "request_id": 2, "item": 0, "x": 74, "y": 74})
    assert reply["heatmaps"] == {"grad-cam": 8.0}  # 74 * 7 // 512 = 1: row 1, column 1


def test_heatmaps_are_drawn_in_the_static_fallback() -> None:
    picture = np.full((64, 64, 3), 128, np.uint8)
    img = Image(picture, heatmaps={"h": np.ones((2, 2))})
    fallback = np.asarray(PIL.Image.open(io.BytesIO(fallback_png(img))).convert("RGB"))
    colour = lut("turbo")[0]  # a constant map is drawn at its low end
    expected = (128 + colour.astype(int)) / 2
    assert np.abs(fallback[32, 32] - expected).max() <= 2
    assert repr(img) == "Image(64×64 RGB, png, rule-clip, heatmaps=['h'])"


@pytest.mark.parametrize(
    ("heatmaps", "error", "message"),
    [
        ({"h": np.zeros((3, 4, 5))}, ValueError, r"heatmaps\['h'\]: expected an H×W map"),
        ({"h": np.zeros((0, 4))}, ValueError, r"heatmaps\['h'\]: empty map"),
        ({"h": "hot"}, TypeError, r"heatmaps\['h'\]: expected an H×W numpy array"),
        ({3: np.zeros((4, 4))}, TypeError, r"heatmaps key 3"),
        ([np.zeros((4, 4))], TypeError, r"heatmaps: expected a dict"),
    ],
)
def test_bad_heatmaps_name_the_argument(
    heatmaps: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        Image(np.zeros((8, 8, 3), np.uint8), heatmaps=heatmaps)  # type: ignore[arg-type]


def test_bad_heatmap_options_name_the_argument() -> None:
    with pytest.raises(ValueError, match=r"heatmaps\['cam'\].colormap: unknown colormap 'jet'"):
        Heatmap(np.zeros((2, 2)), colormap="jet", key="cam")
    with pytest.raises(ValueError, match=r"value_range: low \(1\) must be below high \(0\)"):
        Heatmap(np.zeros((2, 2)), value_range=(1, 0))
    with pytest.raises(ValueError, match=r"value_range\[1\]: not a finite number"):
        Heatmap(np.zeros((2, 2)), value_range=(0, float("inf")))
    view = show(Image(np.zeros((8, 8, 3), np.uint8)))
    with pytest.raises(ValueError, match=r"heatmap_opacity: must be between 0 and 1"):
        view.heatmap_opacity = 2.0


def test_the_heatmap_not_logged_code_is_shared() -> None:
    found = heatmaps_not_logged(["grad-cam", "saliency"])
    assert found.code == HEATMAP_NOT_LOGGED == "heatmap-not-logged"
    assert re.search(r"'grad-cam', 'saliency' are an nbimage extension", found.message)
    assert "Heatmap" in nbimage.__all__


def test_meta_sparse_and_quantized_tensors_are_named_or_read() -> None:
    with pytest.raises(ValueError, match="boxes: a meta tensor has no values"):
        BoundingBoxes2D.from_array(torch.zeros((2, 4), device="meta"))
    sparse = torch.tensor([[0.0, 0, 5, 5]]).to_sparse()
    assert len(BoundingBoxes2D.from_array(sparse).boxes) == 1
    with warnings.catch_warnings():  # torch deprecates making quantized tensors, not having them
        warnings.simplefilter("ignore", UserWarning)
        quantized = torch.quantize_per_tensor(torch.rand(4, 4), 0.1, 0, torch.quint8)
    with pytest.raises(TypeError, match=r"heatmaps\['q'\]: .*dequantize"):
        Image(np.zeros((4, 4, 3), np.uint8), heatmaps={"q": quantized})
