# %% [markdown]
# # Boxes and masks
#
# `Image(..., boxes=..., masks=...)` takes the same dictionaries as `wandb.Image`. nbimage draws
# them over the picture with one colour per class, a legend per layer where you can click a
# class to hide it, score-threshold sliders and a mask opacity slider. Everything you can click
# is also a property of the view, so this notebook drives it from Python.

# %%
import numpy as np
from skimage import data, filters

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
