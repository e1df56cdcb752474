# %% [markdown]
# # Grids and comparison
#
# Training code rarely has one image: it has a batch. This notebook shows a torch batch as a
# grid, rows set by `grouping`, paging past wandb's 108-image limit, the raw-vs-logged
# comparison in swipe mode, and one zoom shared by every panel.

# %%
import numpy as np
import torch
from skimage import data

import nbimage
from nbimage import Image

# %% [markdown]
# ## A torch batch is one picture: a grid
#
# `wandb.Image` of an `N × C × H × W` tensor fails; nbimage lays the batch out the way
# `torchvision.utils.make_grid` does (8 per row, 2 px of padding) and says so (`batch-grid`).
# Here are 12 crops of the cat photo, shifted a little each time, as a float batch in [0, 1]:
# you should see two rows, 8 and 4 crops, on a black background.

# %%
cat = torch.from_numpy(data.chelsea().copy()).permute(2, 0, 1).float() / 255  # 3×300×451
crops = [cat[:, 40 + 8 * i : 104 + 8 * i, 100 + 16 * i : 164 + 16 * i] for i in range(12)]
batch = torch.stack(crops)  # 12×3×64×64
print(batch.shape)
grid = Image(batch, caption="a batch of 12 crops")
print(grid.image.size)
for d in grid.diagnostics:
    print(d)
grid

# %% [markdown]
# ## A list of images: a grid view with captions and rows
#
# To keep each image separate (each with its caption, diagnostics and inspector), pass a list
# to `nbimage.show`. `grouping=n` (wandb's `grouping` argument) on an image starts a new row
# after `n` images from there. Expect a row of 3 originals and a row of 3 flipped copies.

# %%
photos = [data.astronaut()[::4, ::4], data.coffee()[::4, ::4], data.chelsea()[::3, ::3]]
names = ["astronaut", "coffee", "chelsea"]


def row(pictures, captions):
    """One grid row: `grouping` on its first image says how many images the row holds."""
    return [
        Image(p, caption=c, grouping=len(pictures) if i == 0 else None)
        for i, (p, c) in enumerate(zip(pictures, captions, strict=True))
    ]


originals = row(photos, names)
flipped = row([p[:, ::-1] for p in photos], [f"{n}, flipped" for n in names])
nbimage.show(originals + flipped)

# %% [markdown]
# ## More than 108 images: pages
#
# W&B shows at most `Image.MAX_ITEMS` (108) images per step. nbimage never drops any silently:
# a longer list is split into pages, with a note saying how many there are. `skimage.data`'s
# 200 small face crops make 2 pages; set `page` to move between them.

# %%
faces = data.lfw_subset()  # 200 × 25 × 25 floats in [0, 1]
print(faces.shape, faces.dtype, Image.MAX_ITEMS)
view = nbimage.show([Image(f, caption=str(i)) for i, f in enumerate(faces)], columns=12)
print(view.page_count, view.total_items, len(view.items))
view.page = 1
print(view.page, len(view.items))
view

# %% [markdown]
# ## A dataset of 500 items: read one page at a time
#
# `nbimage.show` also takes any object with `len()` and `[index]`: a torch `Dataset`, a
# lazily indexed dataset, a sequence of paths. Its items may be Images, anything `Image`
# accepts, or `(image, target)` pairs as torchvision returns them: an int target becomes the
# caption (the class name when the dataset has `classes`). Only the page shown is read, so
# 500 items (or 100,000) open as fast as the first page; an item that fails shows as an
# error tile naming its index instead of stopping the grid. Below, random 48 px crops of
# three `skimage` photos (fixed seed) as float C×H×W tensors, labelled by photo; item 7
# raises on purpose. Expect
# 40 crops, page 1 of 13, and a grey tile with an `item-error` badge at position 8.

# %%
from torch.utils.data import Dataset


class PhotoCrops(Dataset):
    classes = ["astronaut", "coffee", "chelsea"]

    def __init__(self, count, side=48, seed=0):
        self.photos = [data.astronaut()[::4, ::4], data.coffee()[::4, ::4], data.chelsea()[::3, ::3]]
        self.corners = np.random.default_rng(seed).random((count, 2))
        self.side = side
        self.reads = 0

    def __len__(self):
        return len(self.corners)

    def __getitem__(self, index):
        self.reads += 1
        if index == 7:
            raise OSError("corrupt JPEG header")  # as one bad file in a real dataset
        label = index % 3
        photo = self.photos[label]
        y, x = (self.corners[index] * (np.array(photo.shape[:2]) - self.side)).astype(int)
        crop = photo[y : y + self.side, x : x + self.side]
        # As torchvision's ToTensor: float C×H×W in [0, 1].
        return torch.from_numpy(crop.copy()).permute(2, 0, 1).float() / 255, label


crops_dataset = PhotoCrops(500)
view = nbimage.show(crops_dataset, page_size=40)
print(view.total_items, view.page_count, "items read:", crops_dataset.reads)
print(view.items[1]["caption"], "|", view.items[7]["caption"])
view

# %% [markdown]
# ## Swipe between the logged and the raw picture
#
# `nbimage.compare` shows a picture as logged, raw and min–max stretched, side by side. In
# `swipe` mode two of them share one frame and a divider you can drag. The input is a [0, 1]
# image with a slight overshoot, so the logged picture (rule 3, clipped) is nearly black while
# the min–max panel shows the photo. Here `swipe_pair` picks those two panels (indices into
# the panels: logged, raw, min–max) and the divider is set at 40 %, all passed to `compare`
# directly: the photo appears right of the divider.

# %%
photo = data.astronaut()[::4, ::4].astype(np.float32) / 255
overshoot = photo * 1.05
view = nbimage.compare(overshoot, compare_mode="swipe", swipe_pair=[0, 2], swipe_position=0.4)
print([item["label"] for item in view.items], view.swipe_pair)
view

# %% [markdown]
# ## One zoom for every panel
#
# With `sync_zoom`, zooming or panning one panel moves all of them, which makes it easy to
# compare the same detail across a batch or across renderings. Here every panel is zoomed 4×
# on the astronaut's face (the point at 45 % of the width and 20 % of the height).

# %%
view = nbimage.compare(photo, sync_zoom=True, zoom=4.0, center=[0.45, 0.2])
print(view.zoom, view.center, view.sync_zoom)
view
