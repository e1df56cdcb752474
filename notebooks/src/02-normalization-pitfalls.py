# %% [markdown]
# # Normalization pitfalls: why the logged image is black, white, washed out or scrambled
#
# `wandb.Image` (0.22.3) turns arrays and tensors into 8-bit pictures with one of three rules,
# chosen from the minimum and maximum of the *whole* array:
#
# 1. all values in [0, 1] → multiplied by 255 and truncated (`rule-scale-01`);
# 2. all values in [-1, 1] → mapped to 0–255 by `255 * (x + 1) / 2` (`rule-rescale-pm1`);
# 3. anything else → clipped to 0–255 (`rule-clip`).
#
# Each section below feeds a common mistake to `nbimage.compare`, which shows the same data
# side by side: as logged (`normalize=True`), raw (`normalize=False`) and stretched over its own
# min–max. The printed diagnostics name what went wrong, with numbers and the fix. The pictures
# are small crops of `skimage.data` photos so the notebook stays light.

# %%
import numpy as np
import torch
from skimage import data

import nbimage
from nbimage import Image


def explain(image: Image) -> None:
    """Print every diagnostic: nbval compares this text, so it pins the behaviour."""
    for d in image.diagnostics:
        print(d)


photo = data.astronaut()[::4, ::4]  # 128×128 RGB uint8
gray = data.camera()[::4, ::4]  # 128×128 uint8

# %% [markdown]
# ## Floats in [0, 1]: fine, but truncated
#
# The first rule multiplies by 255 and *truncates*, so 0.999 becomes 254, not 255. The logged
# and raw panels differ wildly: cast without scaling, every value becomes 0 (a black picture).
# That is what `normalize=False` would log.

# %%
x = photo.astype(np.float32) / 255
explain(Image(x))
nbimage.compare(x)

# %% [markdown]
# ## Floats in [-1, 1]: rescaled
#
# GAN and diffusion outputs usually live in [-1, 1]; the second rule maps them back to 0–255.
# The "logged" panel should look like the photo.

# %%
pm1 = photo.astype(np.float32) / 127.5 - 1
explain(Image(pm1))
nbimage.compare(pm1)

# %% [markdown]
# ## A tiny overshoot flips the rule: clipped
#
# Augmentation noise pushes a few values of a [0, 1] image to 1.02. Now the maximum is above 1,
# so the *third* rule runs: the data is clipped to 0–255 without scaling, and the logged picture
# is almost black (values 0 or 1). Look for `clipped` and `dark` below; the fix is to clamp
# before logging (`x.clip(0, 1)`).

# %%
rng = np.random.default_rng(0)
noisy = x + rng.normal(0, 0.01, x.shape).astype(np.float32)
explain(Image(noisy))
nbimage.compare(noisy)

# %%
explain(Image(noisy.clip(0, 1)))

# %% [markdown]
# ## The outlier flip from a real pipeline: resize, standardize, undo
#
# The most common way to get there: a data loader resizes with antialiasing (bicubic rings a
# little past 0 and 1 at sharp edges) and standardizes; later someone undoes the
# standardization with `t * std + mean` to log the input. A few percent of the values sit just
# outside [0, 1], and those few decide the rule for the whole picture: black. `outlier-flip`
# names how many, the most extreme one and where it is, the rule the rest would have taken and
# the fix, `x.clamp(0, 1)`. The `dark` message points back to it instead of suggesting a
# rescale. (The standardization below is what `torchvision.transforms.Normalize` computes.)

# %%
big = torch.from_numpy(data.astronaut().copy()).permute(2, 0, 1).float() / 255
resized = torch.nn.functional.interpolate(
    big[None], size=(64, 64), mode="bicubic", antialias=True, align_corners=False
)[0]
imagenet_mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
imagenet_std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
inputs = (resized - imagenet_mean) / imagenet_std  # what the network sees
back = inputs * imagenet_std + imagenet_mean  # "undo it to log the picture"
print(f"min {back.min().item()!r}, max {back.max().item()!r}")
explain(Image(back))

# %%
explain(Image(back.clamp(0, 1)))

# %% [markdown]
# ## A 0/1 integer mask: stretched to 0/255
#
# The first rule applies to integer data too: a `uint8` mask holding 0 and 1 is multiplied by
# 255. That is usually what you want to *see*, but it is not the class ids you stored; nbimage
# says so (`mask-stretched`). To log class ids, pass the mask as `masks=` instead (notebook 03).

# %%
mask = (gray > 128).astype(np.uint8)
explain(Image(mask))
nbimage.compare(mask)

# %% [markdown]
# ## 16-bit data: clipped
#
# A `uint16` microscope or depth image uses 0–65535. Rule 3 clips it to 0–255, so here every
# pixel becomes white (`high-bit-depth`, and `constant`: the picture is one flat value). The
# fix is to scale it down to 8 bits first.

# %%
deep = gray.astype(np.uint16) * 257
explain(Image(deep))
nbimage.compare(deep)

# %%
explain(Image((deep // 257).astype(np.uint8)))

# %% [markdown]
# ## Looking inside 16-bit data: window/level and colormaps
#
# White is faithful to wandb, but it hides what is in the data. A *window* maps a range of raw
# values onto black..white: `"full"` (the data's min–max), `"p1-99"` (the 1st to 99th
# percentile, robust to a few hot pixels) or any `(low, high)` pair. One-channel data can also
# take a colormap (gray, viridis, magma, inferno, turbo, and `diverging`, centred on 0 for
# signed data such as a difference map). The kernel renders these on request and the view says plainly that they are a
# display choice, not what wandb logs. Both are traits (`window`, `colormap`), saved with the
# notebook and settable up front, as here.

# %%
sensor = (gray[::2, ::2].astype(np.uint16) << 4) + np.uint16(200)  # a 12-bit sensor with a dark offset
explain(Image(sensor))
nbimage.show(sensor, window="p1-99", colormap="viridis")

# %% [markdown]
# ## Channels-first numpy
#
# wandb reads numpy arrays as height × width × channels. A `(3, H, W)` numpy array (for
# example a torch tensor converted with `.numpy()`) would be read as a 3-pixel-tall image.
# nbimage recognises the layout, transposes it and warns (`channels-first`).

# %%
chw = np.ascontiguousarray(photo.transpose(2, 0, 1))
print(chw.shape)
explain(Image(chw))
Image(chw, caption="channels-first numpy, transposed")

# %% [markdown]
# ## Any channel count: `nbimage.channels`
#
# wandb logs 1, 3 or 4 channels; an 8-channel feature map is refused, and the error names the
# tensor's type and points to `nbimage.channels`. That view shows every channel as its own
# one-channel picture with its index, min and max, one window per channel (or one shared:
# `channel_window="shared"`), and the pixel inspector gives all 8 values under the pointer.
# Here: the activations of a small CNN (random weights, fixed seed, nothing downloaded).

# %%
torch.manual_seed(0)
cnn = torch.nn.Sequential(
    torch.nn.Conv2d(3, 8, 3, padding=1),
    torch.nn.ReLU(),
    torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(8, 8, 3, padding=1),
)
with torch.no_grad():
    small = torch.from_numpy(photo[::2, ::2].copy()).permute(2, 0, 1).float() / 255
    activations = cnn(small[None])[0]  # (8, 32, 32)
try:
    Image(activations)
except ValueError as error:
    print(error)
# rgb= picks any three channels as an RGB picture (band picking, as for the bands of a
# multispectral satellite tile), shown first.
nbimage.channels(activations, rgb=(3, 2, 1))

# %% [markdown]
# ## Standardized tensors
#
# After `transforms.Normalize(mean, std)` a tensor spans roughly [-2, 2.6]. Rule 3 clips every
# negative value to 0 and keeps the rest as levels 0–2: the logged picture is black. nbimage
# spots the standardization (`standardized`), and `compare(..., denormalize="imagenet")` adds
# a fourth panel that undoes it, so you can check the input really is the photo you think it
# is. That panel is what `wandb.Image(x.clamp(0, 1))` would log, and its label says how many
# values the clamp moved (float error leaves a few just past 1: the outlier flip above). The
# histogram follows the panel you choose (`histogram_of`): here the denormalized values, with
# the clamp's edges shaded.

# %%
mean = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
t = torch.from_numpy(photo.copy()).permute(2, 0, 1).float() / 255
standardized = (t - mean) / std
print(f"min {standardized.min():.2f}, max {standardized.max():.2f}")
explain(Image(standardized))
nbimage.compare(standardized, denormalize="imagenet", histogram_of="denormalized")

# %% [markdown]
# ## NaN and Inf
#
# A diverging model produces NaN or ±Inf. wandb casts them to arbitrary values; nbimage never
# crashes, reports how many there are and where, and says what they became in the picture
# (`nan`, `inf`). With `show_marks` the compare view marks these pixels: NaN in magenta (the
# top-left corner here), Inf in yellow (bottom right).

# %%
broken = x.copy()
broken[:16, :16] = np.nan
broken[-8:, -8:] = np.inf
explain(Image(broken))
nbimage.compare(broken, show_marks=True)

# %% [markdown]
# ## Tiny ranges and constant pictures
#
# Activations in [0, 0.02] satisfy rule 1, but 0.02 × 255 is 5: the logged picture is nearly
# black (`dark`). Data squeezed into [0.45, 0.55] uses only 26 of the 256 grey levels: a flat,
# washed-out picture (`low-contrast`). The min–max panel of the compare view shows what is
# really there. A constant array logs a flat picture (`constant`).

# %%
faint = x * 0.02
explain(Image(faint))
nbimage.compare(faint)

# %%
washed_out = 0.45 + x * 0.1
explain(Image(washed_out))

# %%
explain(Image(np.full((32, 32), 0.5, dtype=np.float32)))

# %% [markdown]
# ## `normalize=False`: values wrap around
#
# With `normalize=False` wandb casts straight to `uint8`, so 256 becomes 0 and 300 becomes 44
# (`wraparound`). The picture looks scrambled where bright values wrapped.

# %%
bright = gray.astype(np.int32) + 100
explain(Image(bright, normalize=False))
nbimage.compare(bright)

# %% [markdown]
# ## Half precision and RGBA saved as JPEG
#
# bfloat16 tensors crash `wandb.Image`; nbimage upcasts them to float32 (`low-precision`).
# A JPEG has no alpha channel: RGBA data saved as jpg loses it (`alpha-dropped`).

# %%
explain(Image(t.to(torch.bfloat16)))

# %%
rgba = np.dstack([photo, np.full(photo.shape[:2], 128, dtype=np.uint8)])
explain(Image(rgba, file_type="jpg"))

# %% [markdown]
# ## What would each wandb release log?
#
# The rules changed over time. The compare view's `era` switches the "logged" panel between
# releases (`view.eras` lists them). Up to 0.19, torch tensors were stretched over their own
# min–max, so the overshooting tensor from above was logged looking fine; from 0.20 on it
# comes out nearly black. Here the view opens on 0.19: switch the era in the view to compare.

# %%
noisy_tensor = torch.from_numpy(noisy).permute(2, 0, 1)
view = nbimage.compare(noisy_tensor, era="0.19")
print([(e["id"], e["label"]) for e in view.eras])
view
