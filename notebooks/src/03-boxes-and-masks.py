# %% [markdown]
# # Boxes and masks
#
# `Image(..., boxes=..., masks=...)` takes the same dictionaries as `wandb.Image`. nbimage draws
# them over the picture with one colour per class, a legend per layer where you can click a
# class to hide it, score-threshold sliders and a mask opacity slider. Everything you can click
# is also a property of the view, so this notebook drives it from Python.

# %%
import numpy as np
from skimage import data, filters, transform

import nbimage
from nbimage import BoundingBoxes2D, Classes, Image, ImageMask

# %% [markdown]
# ## Boxes in pixels and in fractions
#
# A box position is either `{minX, maxX, minY, maxY}` or `{middle, width, height}`. With
# `"domain": "pixel"` the numbers are pixels; without it they are fractions of the width and
# height. `scores` are any named numbers (here a detector's `confidence`), and `box_caption`
# overrides the label drawn next to the box.
#
# The photo is 256×256 (the astronaut at half size). Expect four boxes: the face (pixels,
# corner form), the round mission patch (fractions, centre form), the flag and, with a low
# confidence of 0.35, the space shuttle, which a score threshold will hide below.

# %%
astronaut = data.astronaut()[::2, ::2]
class_labels = {1: "face", 2: "patch", 3: "shuttle", 4: "flag"}
predictions = {
    "box_data": [
        {  # pixels, corner form
            "position": {"minX": 80, "maxX": 150, "minY": 10, "maxY": 90},
            "domain": "pixel",
            "class_id": 1,
            "scores": {"confidence": 0.97},
        },
        {  # fractions, centre form
            "position": {"middle": [0.336, 0.75], "width": 0.16, "height": 0.16},
            "class_id": 2,
            "scores": {"confidence": 0.81},
            "box_caption": "mission patch",
        },
        {  # pixels, centre form
            "position": {"middle": [24, 100], "width": 48, "height": 200},
            "domain": "pixel",
            "class_id": 4,
            "scores": {"confidence": 0.62},
        },
        {  # fractions, corner form; a weak detection
            "position": {"minX": 0.69, "maxX": 0.9, "minY": 0.0, "maxY": 0.55},
            "class_id": 3,
            "scores": {"confidence": 0.35},
        },
    ],
    "class_labels": class_labels,
}
boxed = Image(astronaut, caption="astronaut with predictions", boxes={"predictions": predictions})
for d in boxed.diagnostics:
    print(d)
boxed

# %% [markdown]
# ## Driving the view from Python
#
# `nbimage.show` returns the view as a widget. Setting `score_thresholds` hides the boxes below
# the threshold (the slider shows "kept 3 / hidden 1"), `hidden_classes` hides classes per
# layer (the legend greys them out) and `show_box_labels` turns the labels off. These are
# saved with the notebook, so the view reopens as you left it.

# %%
view = nbimage.show(boxed)
view.score_thresholds = {"confidence": 0.5}
view.hidden_classes = {"predictions": [4]}  # hide the flag
print(view.score_thresholds, view.hidden_classes, view.show_box_labels)
view

# %% [markdown]
# ## A segmentation mask made from the photo
#
# A mask is a 2-D array of class ids, the size of the picture. Here we split the coffee photo
# into three classes with multi-level Otsu thresholds on its brightness: "dark" (the red cup,
# the saucer and the shadows), "mid-tone" (the wooden table and the coffee) and "bright" (the
# white inside of the cup). The legend shows each class's colour and pixel count; hover over
# the picture to read the class under the pointer.

# %%
coffee = data.coffee()[::3, ::3]  # 134×200 RGB
brightness = coffee.mean(axis=2)
thresholds = filters.threshold_multiotsu(brightness, classes=3)
classes_map = np.digitize(brightness, thresholds).astype(np.uint8)  # 0, 1, 2
print(thresholds.round(1), np.bincount(classes_map.ravel()))

mask = ImageMask(
    {"mask_data": classes_map, "class_labels": {0: "dark", 1: "mid-tone", 2: "bright"}},
    key="brightness",
)
segmented = Image(coffee, caption="coffee, 3 brightness classes", masks={"brightness": mask})
for d in segmented.diagnostics:
    print(d)
segmented

# %% [markdown]
# Hide the dark class and make the rest more transparent:

# %%
view = nbimage.show(segmented)
view.hidden_classes = {"brightness": [0]}
view.mask_opacity = 0.3
view

# %% [markdown]
# ## A detection case of real size: COCO classes, predictions against ground truth
#
# What a detector's evaluation looks like: about 30 predicted boxes with confidences over
# several of COCO's 80 classes, a ground-truth layer beside them, and an 80-class
# segmentation mask. The view keeps it readable:
#
# - the legend lists only the classes present, most frequent first, with counts; a layer with
#   more than 16 classes (the mask) becomes a compact list with a "type to find a class" box
#   and "show all 80";
# - ground truth is drawn solid and predictions dashed; click a layer's name to hide it whole;
# - labels are short (`cup 0.93`), stay inside the picture and never cover each other (a
#   label with no room is drawn while the pointer is over its box, and the inspector lists
#   every box under the pointer);
# - the confidence slider shows its number, and the legend counts read "kept/total".
#
# Everything is set up front through `show(...)` here: a 0.5 confidence threshold and the
# mask at its own opacity (`layer_opacity`; layers not listed use `mask_opacity`).

# %%
coco = (
    "person bicycle car motorcycle airplane bus train truck boat traffic_light fire_hydrant "
    "stop_sign parking_meter bench bird cat dog horse sheep cow elephant bear zebra giraffe "
    "backpack umbrella handbag tie suitcase frisbee skis snowboard sports_ball kite "
    "baseball_bat baseball_glove skateboard surfboard tennis_racket bottle wine_glass cup fork "
    "knife spoon bowl banana apple sandwich orange broccoli carrot hot_dog pizza donut cake "
    "chair couch potted_plant bed dining_table toilet tv laptop mouse remote keyboard "
    "cell_phone microwave oven toaster sink refrigerator book clock vase scissors teddy_bear "
    "hair_drier toothbrush"
).split()
coco_labels = {i: name.replace("_", " ") for i, name in enumerate(coco)}
# 300×200, smoothly downscaled: small enough to keep this notebook light.
photo = (transform.resize(data.coffee(), (200, 300), anti_aliasing=True) * 255).astype(np.uint8)
H, W = photo.shape[:2]
rng = np.random.default_rng(0)


def random_boxes(count, class_ids, scored):
    boxes = []
    for i in range(count):
        w, h = rng.uniform(0.1, 0.35) * W, rng.uniform(0.1, 0.35) * H
        x0, y0 = rng.uniform(0, W - w), rng.uniform(0, H - h)
        box = {
            "position": {"minX": x0, "maxX": x0 + w, "minY": y0, "maxY": y0 + h},
            "domain": "pixel",
            "class_id": int(class_ids[i % len(class_ids)]),
        }
        if scored:
            box["scores"] = {"confidence": round(float(rng.uniform(0.05, 0.99)), 2)}
        boxes.append(box)
    return {"box_data": boxes, "class_labels": coco_labels}


# cup, bowl, spoon, dining table, person, fork, bottle, chair
predicted = random_boxes(30, [41, 45, 44, 60, 0, 42, 39, 56], scored=True)
truth = random_boxes(8, [41, 45, 60, 0], scored=False)
# An 80-class mask: blocky regions, each one of COCO's classes.
seeds = rng.uniform(0, 1, (80, 2)) * (H, W)
yy, xx = np.mgrid[0:H, 0:W]
nearest = np.argmin((yy[..., None] - seeds[:, 0]) ** 2 + (xx[..., None] - seeds[:, 1]) ** 2, -1)
panoptic = (nearest % 80).astype(np.uint8)
print(len(np.unique(panoptic)), "mask classes,", len(predicted["box_data"]), "predictions")

detection = Image(
    photo,
    caption="coffee: 30 predictions (dashed) vs 8 ground-truth boxes (solid)",
    boxes={"ground_truth": truth, "predictions": predicted},
    masks={"panoptic": {"mask_data": panoptic, "class_labels": coco_labels}},
)
detections = nbimage.show(
    detection, score_thresholds={"confidence": 0.5}, layer_opacity={"panoptic": 0.3}
)
detections

# %% [markdown]
# The same state from Python: hide the predictions layer as a whole, or read what a person
# changed in the browser. A wrong value names the trait:

# %%
detections.hidden_layers = ["predictions"]
print(detections.hidden_layers, detections.layer_opacity)
detections.hidden_layers = []
try:
    detections.layer_opacity = {"panoptic": 1.5}
except ValueError as error:
    print(error)

# %% [markdown]
# ## Helper types, and what nbimage checks
#
# `BoundingBoxes2D`, `ImageMask` and `Classes` accept the same data as wandb's. nbimage checks
# more than wandb does: an inverted or non-finite box, or a mask whose shape differs from the
# picture, is an error that says where the problem is. A box partly outside the picture (drawn
# clipped) and a class id with no label (shown as `id 7`) are accepted and noted.

# %%
cat = data.chelsea()[::2, ::2]  # 150×226
# Class 7 has no label, and its box runs past the bottom edge (the picture is 150 px tall).
features = BoundingBoxes2D(
    {
        "box_data": [
            {"position": {"minX": 62, "maxX": 108, "minY": 40, "maxY": 78}, "domain": "pixel",
             "class_id": 0},
            {"position": {"minX": 144, "maxX": 176, "minY": 50, "maxY": 85}, "domain": "pixel",
             "class_id": 0},
            {"position": {"minX": 110, "maxX": 155, "minY": 100, "maxY": 170}, "domain": "pixel",
             "class_id": 7},
        ],
        "class_labels": {0: "eye"},
    },
    key="features",
)
cat_img = Image(
    cat,
    caption="chelsea",
    boxes={"features": features},
    classes=Classes([{"id": 0, "name": "eye"}]),
)
for d in cat_img.diagnostics:
    print(d)
cat_img

# %%
inverted = {"box_data": [{"position": {"minX": 0.5, "maxX": 0.1, "minY": 0, "maxY": 1}}]}
try:
    Image(cat, boxes={"pred": inverted})
except ValueError as error:
    print(f"ValueError: {error}")

# %%
try:
    Image(cat, masks={"seg": {"mask_data": classes_map}})  # the coffee mask, wrong size
except ValueError as error:
    print(f"ValueError: {error}")

# %% [markdown]
# ## Model outputs as they come
#
# A detector gives an `N×4` tensor, a segmenter a `C×H×W` tensor of logits, a saliency method
# an `H×W` map. nbimage takes them as they are, so the glue code (and its bugs: xywh read as
# xyxy, pixels given as fractions, a forgotten softmax) goes away.
#
# ### Boxes from a tensor, in each of torchvision's formats
#
# `BoundingBoxes2D.from_array(boxes, format=..., labels=..., scores=..., class_labels=...)`
# reads `"xyxy"` (corners), `"xywh"` (corner and size) or `"cxcywh"` (centre and size), in
# pixels or, with `domain="fraction"`, in fractions of the picture. The result holds wandb's
# own box dictionaries. Here the same four detections on the 256×256 astronaut are given in
# the three formats; all three layers are the same boxes (they are drawn with the saliency
# map at the end of this notebook).

# %%
import torch

xyxy = torch.tensor(
    [[80.0, 10, 150, 90], [73, 179, 114, 220], [0, 0, 48, 200], [177, 0, 230, 141]]
)  # face, mission patch, flag, shuttle: what a detector's `boxes` output looks like
labels = torch.tensor([1, 2, 4, 3])
scores = torch.tensor([0.97, 0.81, 0.62, 0.35])
xywh = torch.cat([xyxy[:, :2], xyxy[:, 2:] - xyxy[:, :2]], dim=1)
cxcywh = torch.cat([(xyxy[:, :2] + xyxy[:, 2:]) / 2, xyxy[:, 2:] - xyxy[:, :2]], dim=1)

layers = {
    name: BoundingBoxes2D.from_array(
        given, format=name, labels=labels, scores={"confidence": scores},
        class_labels=class_labels, key=name,
    )
    for name, given in [("xyxy", xyxy), ("xywh", xywh), ("cxcywh", cxcywh)]
}
print(layers["xyxy"].to_json()["box_data"][0])
print(layers["cxcywh"].to_json()["box_data"][0]["position"])
corners = {name: [box.in_pixels(256, 256) for box in layer.boxes] for name, layer in layers.items()}
print("same boxes in every format:", corners["xyxy"] == corners["xywh"] == corners["cxcywh"])

# %% [markdown]
# The usual mistakes are named in the diagnostics: corners passed as `"xywh"` reach far past
# the picture, and pixel boxes divided by the size but still called pixels cover one pixel.

# %%
wrong_format = BoundingBoxes2D.from_array(xyxy, format="xywh", labels=labels)
wrong_domain = BoundingBoxes2D.from_array(xyxy / 256, labels=labels)  # domain="pixel"
for d in Image(astronaut, boxes={"a": wrong_format, "b": wrong_domain}).diagnostics:
    if d.code.startswith("box-"):
        print(d)

# %% [markdown]
# ### A 3-class segmentation from logits, with a confidence slider
#
# `ImageMask.from_scores(logits, class_labels=...)` applies the softmax, takes the argmax
# class per pixel as the mask (what wandb logs) and keeps the winning probability of every
# pixel. The view then shows a **confidence slider** for the layer: pixels whose winning
# probability is below it are not coloured, and the legend counts follow ("kept/total").
#
# The "model" is hand-made: logits that fall with the distance of a pixel's brightness
# from each class's typical brightness on the coffee photo. Pixels between two classes get
# two similar logits, hence a low confidence; at 0.8 the slider uncovers exactly those
# boundaries and leaves the confident regions coloured.

# %%
centres = torch.tensor([40.0, 120.0, 220.0])  # dark, mid-tone, bright
gray = torch.from_numpy(brightness).float()  # the coffee photo's brightness, 134×200
logits = -((gray[None] - centres[:, None, None]) ** 2) / 600.0  # 3×134×200
segmenter = ImageMask.from_scores(logits, class_labels=["dark", "mid-tone", "bright"])
confident = segmenter.kept_counts(0.8)
print({segmenter.class_labels[c]: f"{confident[c]}/{n}" for c, n in segmenter.counts().items()})
view = nbimage.show(
    Image(coffee, caption="coffee, segmented from logits", masks={"segmenter": segmenter}),
    confidence_thresholds={"segmenter": 0.8},
    mask_opacity=0.6,
)
view

# %% [markdown]
# ### A saliency heatmap over the photo
#
# `Image(..., heatmaps={"saliency": map})` draws any `H×W` array or tensor over the picture
# with a colormap (`nbimage.Heatmap(map, colormap=..., value_range=...)` chooses them), with an
# opacity slider, a legend bar with the value range, and the value under the pointer in the
# inspector. The map may have any size: this one is the gradient saliency of a tiny fixed
# model (edge energy around the face, through a Sobel convolution), pooled to 32×32 as a
# Grad-CAM map would be, shown with the detector's boxes from above. Heatmaps are an nbimage
# extension: wandb has no such overlay.

# %%
sobel = torch.tensor([[[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]]])
edges = torch.nn.Conv2d(3, 2, 3, padding=1, bias=False)
with torch.no_grad():
    edges.weight.copy_(torch.stack([sobel.repeat(3, 1, 1), sobel.mT.repeat(3, 1, 1)]) / 3)
photo = torch.from_numpy(astronaut).permute(2, 0, 1).float().div(255).requires_grad_()
yy, xx = torch.meshgrid(torch.arange(256.0), torch.arange(256.0), indexing="ij")
window = torch.exp(-((xx - 115) ** 2 + (yy - 55) ** 2) / (2 * 40.0**2))  # around the face
score = (edges(photo[None]) ** 2).sum(1).mul(window).sum()
score.backward()
saliency = torch.nn.functional.avg_pool2d(photo.grad.abs().sum(0)[None], 8)[0]  # 32×32
explained = Image(
    astronaut,
    caption="detector boxes and gradient saliency",
    boxes={"detector": layers["xywh"]},
    heatmaps={"saliency": saliency},
)
print(explained, explained.heatmaps["saliency"])
nbimage.show(explained, heatmap_opacity=0.6)
