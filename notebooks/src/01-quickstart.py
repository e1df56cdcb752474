# %% [markdown]
# # nbimage quickstart
#
# `nbimage.Image` takes the same arguments as `wandb.Image` (wandb 0.22.3) and shows, right in
# the notebook, the picture W&B would log: the same pixels, with its boxes and masks, and a
# note on how the data was normalized. Nothing here needs a W&B account, a run or a network.
#
# This notebook shows each kind of input (a numpy array, a torch tensor, a PIL image, a file,
# a matplotlib figure, a `wandb.Image`), captions, and a grid of several images with
# `nbimage.show`.

# %%
import tempfile
from pathlib import Path

import PIL.Image
import torch
from skimage import data

import nbimage
from nbimage import Image

# %% [markdown]
# ## A numpy array
#
# `skimage.data.astronaut()` is a 512×512 RGB photo as `uint8` (height × width × channels, the
# layout numpy images use). We keep every fourth pixel (128×128) so the notebook stays small.
#
# Displaying an `Image` draws the interactive view: the picture, its caption, and a one-line
# summary of the data and the rule that made it. Hover over the picture to inspect a pixel;
# scroll to zoom, drag to pan, double-click to reset. Where no widget can run (GitHub, a plain
# text console) you see a PNG or the text line instead.

# %%
photo = data.astronaut()[::4, ::4]
img = Image(photo, caption="astronaut, uint8")
img

# %% [markdown]
# `img.diagnostics` explains what happened to the data. For a `uint8` photo, wandb's third rule
# ran: values outside 0–255 would be clipped, and there are none, so this is only a note
# (severity `info`) and no warning appears.

# %%
for d in img.diagnostics:
    print(d)

# %% [markdown]
# `img.image` is the PIL image W&B would save, and `img.to_bytes()` the encoded file.

# %%
print(img.image.mode, img.image.size)
print(img.to_bytes()[:8])

# %% [markdown]
# ## A torch tensor
#
# Torch images are channels first (C × H × W). A float tensor in [0, 1], as most data loaders
# produce it, is scaled by 255 (wandb's first rule, `rule-scale-01`). The picture should look
# exactly like the photo.

# %%
cat = torch.from_numpy(data.chelsea()[::3, ::3].copy()).permute(2, 0, 1).float() / 255
print(cat.shape, cat.dtype, float(cat.min()), float(cat.max()))
cat_img = Image(cat, caption="chelsea, float tensor in [0, 1]")
for d in cat_img.diagnostics:
    print(d)
cat_img

# %% [markdown]
# ## A PIL image and a file
#
# PIL images and image files are used as they are: no normalization rule runs.

# %%
coffee = PIL.Image.fromarray(data.coffee()[::3, ::3])
Image(coffee, caption="coffee, PIL image")

# %%
workdir = Path(tempfile.mkdtemp())
path = workdir / "camera.png"
PIL.Image.fromarray(data.camera()[::4, ::4]).save(path)
from_file = Image(path, caption="camera.png, loaded from disk")
print(from_file.image.mode, from_file.image.size)
from_file

# %% [markdown]
# ## A matplotlib figure, and a `wandb.Image` you already have
#
# A figure (or `plt` for the current one) is drawn by its own `savefig`, exactly as
# `wandb.Image(fig)` draws it. A `wandb.Image` built elsewhere is shown as it is, with its
# caption, boxes and masks; `to_wandb()` goes the other way, pixel for pixel.

# %%
import matplotlib.pyplot as plt
import numpy as np
import wandb

steps = np.arange(100)
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(steps, np.exp(-steps / 30), label="train loss")
ax.set_xlabel("step")
ax.legend()
fig.tight_layout()
plot = Image(fig, caption="a matplotlib figure")
plt.close(fig)  # shown by nbimage, not a second time by the notebook
print(plot.diagnostics[0])
plot

# %%
cat_box = {"position": {"minX": 0.3, "maxX": 0.7, "minY": 0.1, "maxY": 0.9}, "class_id": 1}
logged = wandb.Image(
    data.chelsea()[::3, ::3],
    caption="built as a wandb.Image",
    boxes={"pred": {"box_data": [cat_box], "class_labels": {1: "cat"}}},
)
shown = Image(logged)
print(shown.to_wandb() == logged)
shown

# %% [markdown]
# ## Several images: a grid
#
# `nbimage.show` takes one image or a list of them (raw data is wrapped in `Image` for you) and
# returns the view as a widget. A list becomes a grid with a caption under each picture.

# %%
nbimage.show([img, cat_img, Image(coffee, caption="coffee"), from_file], columns=2)

# %% [markdown]
# ## Saving
#
# `img.save(path)` writes the same file W&B would upload; `file_type` picks the format
# (png, jpg, jpeg or bmp), as in `wandb.Image`.

# %%
jpg = Image(photo, file_type="jpg")
jpg.save(workdir / "astronaut.jpg")
print(sorted(p.name for p in workdir.iterdir()))
print(PIL.Image.open(workdir / "astronaut.jpg").format)
