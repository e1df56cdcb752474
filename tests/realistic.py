"""Data of real size for the view's tests, benchmarks and screenshots (issue 13).

A detection case as people have it: a photo upscaled to 2400 px, ~30 predicted boxes with
scores over COCO classes (several sharing a top edge, one touching the picture's top and
one its right edge), a ground-truth layer, an 80-class panoptic-like mask; and a superpixel
mask with 150+ ids (`skimage.segmentation.slic`). Deterministic (seeded).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from skimage import data as skdata
from skimage import segmentation, transform

COCO_CLASSES = (  # noqa: SIM905 (80 names: one per line would bury the module)
    "person bicycle car motorcycle airplane bus train truck boat traffic_light fire_hydrant "
    "stop_sign parking_meter bench bird cat dog horse sheep cow elephant bear zebra giraffe "
    "backpack umbrella handbag tie suitcase frisbee skis snowboard sports_ball kite "
    "baseball_bat baseball_glove skateboard surfboard tennis_racket bottle wine_glass cup fork "
    "knife spoon bowl banana apple sandwich orange broccoli carrot hot_dog pizza donut cake "
    "chair couch potted_plant bed dining_table toilet tv laptop mouse remote keyboard "
    "cell_phone microwave oven toaster sink refrigerator book clock vase scissors teddy_bear "
    "hair_drier toothbrush"
).split()
assert len(COCO_CLASSES) == 80
COCO_LABELS = {i: name.replace("_", " ") for i, name in enumerate(COCO_CLASSES)}


def photo(width: int = 2400) -> np.ndarray:
    """skimage's coffee photo (600×400) upscaled to `width` px wide, uint8 RGB."""
    pic = skdata.coffee()
    height = round(pic.shape[0] * width / pic.shape[1])
    big = transform.resize(pic, (height, width), order=1, preserve_range=True, anti_aliasing=False)
    return big.astype(np.uint8)


def predicted_boxes(width: int, height: int, count: int = 30, seed: int = 0) -> dict[str, Any]:
    """`count` boxes with confidences over several COCO classes, in pixel coordinates.

    Boxes 0..3 share a top edge (their labels would print over each other), box 4 touches the
    top edge (and scores best, so its label is placed first), box 5 the right edge: the
    crowded cases the label placement must handle.
    """
    rng = np.random.default_rng(seed)
    classes = [0, 41, 42, 44, 45, 60, 39, 56, 73, 76, 62]  # person, cup, fork, spoon, bowl, ...
    boxes = []
    for i in range(count):
        w = float(rng.uniform(0.08, 0.3) * width)
        h = float(rng.uniform(0.08, 0.3) * height)
        x0 = float(rng.uniform(0, width - w))
        y0 = float(rng.uniform(0, height - h))
        if i < 4:  # a row of boxes sharing one top edge
            x0, y0 = width * (0.3 + 0.05 * i), height * 0.4
        elif i == 4:  # touching the top edge
            y0 = 0.0
        elif i == 5:  # touching the right edge
            x0 = width - w
        boxes.append(
            {
                "position": {"minX": x0, "maxX": x0 + w, "minY": y0, "maxY": y0 + h},
                "domain": "pixel",
                "class_id": int(classes[i % len(classes)]),
                "scores": {
                    "confidence": 0.995 if i == 4 else round(float(rng.uniform(0.05, 0.99)), 3)
                },
            }
        )
    return {"box_data": boxes, "class_labels": COCO_LABELS}


def ground_truth_boxes(width: int, height: int, seed: int = 1) -> dict[str, Any]:
    """A dozen ground-truth boxes (no scores)."""
    rng = np.random.default_rng(seed)
    boxes = []
    for i in range(12):
        w = float(rng.uniform(0.1, 0.25) * width)
        h = float(rng.uniform(0.1, 0.25) * height)
        x0 = float(rng.uniform(0, width - w))
        y0 = float(rng.uniform(0, height - h))
        boxes.append(
            {
                "position": {"minX": x0, "maxX": x0 + w, "minY": y0, "maxY": y0 + h},
                "domain": "pixel",
                "class_id": [41, 45, 60, 0][i % 4],
            }
        )
    return {"box_data": boxes, "class_labels": COCO_LABELS}


def coco_mask(width: int, height: int, seed: int = 2) -> np.ndarray:
    """An 80-class mask: Voronoi-like cells, each a COCO class id 0..79 (every id present)."""
    rng = np.random.default_rng(seed)
    cells = 160
    ys = rng.uniform(0, height, cells)
    xs = rng.uniform(0, width, cells)
    ids = np.arange(cells) % 80
    # Nearest seed on a coarse grid, then upscaled: fast and blocky like real annotations.
    step = 8
    gy, gx = np.mgrid[0:height:step, 0:width:step]
    nearest = np.argmin((gy[..., None] - ys) ** 2 + (gx[..., None] - xs) ** 2, axis=-1)
    coarse = ids[nearest].astype(np.uint8)
    return np.repeat(np.repeat(coarse, step, 0), step, 1)[:height, :width]


def superpixels(n_segments: int = 250) -> tuple[np.ndarray, np.ndarray]:
    """(astronaut photo, slic superpixel ids): 150+ ids, the mask the issue was seen with."""
    pic = skdata.astronaut()
    ids = segmentation.slic(pic, n_segments=n_segments, compactness=10, start_label=0)
    return pic, ids.astype(np.uint8)
