# %% [markdown]
# # History: pictures over training steps
#
# In W&B you call `wandb.log({"pred": wandb.Image(...)}, step=i)` every few steps and scrub
# the media panel's step slider to watch predictions evolve. `nbimage.History` is that panel
# in the notebook: the same call shape, one panel per key, one step slider shared by every
# panel, ←/→ and play, and it updates **while the training loop is still running** in the
# cell. Nothing is downloaded: the "dataset" below is drawn with numpy.

# %%
import numpy as np
import torch

import nbimage
from nbimage import Image

torch.manual_seed(0)
rng = np.random.default_rng(0)

# %% [markdown]
# ## A tiny segmentation task
#
# A 64×64 picture of a bright disc on noise; the model must find the disc. Class 1 is "disc",
# class 0 "background".

# %%
SIZE = 64
yy, xx = np.mgrid[:SIZE, :SIZE]
truth = ((yy - 30) ** 2 + (xx - 36) ** 2 < 15**2).astype(np.uint8)
picture = np.clip(0.25 + 0.5 * truth + rng.normal(0, 0.12, (SIZE, SIZE)), 0, 1).astype(np.float32)
classes = {0: "background", 1: "disc"}

model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 8, 5, padding=2),
    torch.nn.ReLU(),
    torch.nn.Conv2d(8, 1, 5, padding=2),
)
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
x = torch.from_numpy(picture)[None, None]
y = torch.from_numpy(truth.astype(np.float32))[None, None]

# %% [markdown]
# ## Display the history first, then train
#
# `history` shows "no steps logged yet" until the loop below logs. Run the next cell and
# watch the slider advance while the cell is still running; move it (or press ←/→ on it) to
# look back, and press **newest** to follow the live end again. Each key is one panel:
# `prediction` is the picture with the predicted mask over the ground truth (toggle classes
# in its legend, change the opacity: that stays as the step changes), `probability` is the
# model's output as a picture, and `loss` is shown with the step.

# %%
history = nbimage.History()
history

# %%
for step in range(40):
    logits = model(x)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    probability = torch.sigmoid(logits)[0, 0].detach()
    predicted = (probability > 0.5).numpy().astype(np.uint8)
    history.log(
        {
            "prediction": Image(
                picture,
                masks={
                    "prediction": {"mask_data": predicted, "class_labels": classes},
                    "ground_truth": {"mask_data": truth, "class_labels": classes},
                },
            ),
            "probability": probability,  # a torch tensor in [0, 1]: wandb's rule scales it
            "loss": loss.item(),
        },
        step=step,
    )
print(f"final loss {loss.item():.3f}")

# %% [markdown]
# `history.log()` normalized each picture on this thread (so the diagnostics are wandb's)
# and handed encoding to nbimage's threads: the loop never waits for the browser. The
# tensors of the loop are not kept: only display-size PNGs of each step are.

# %%
history.flush()  # wait for the encoder (only needed to read the steps back right away)
print(history)
print("steps kept:", history.steps[:5], "...", history.steps[-3:])
print(f"{history.nbytes / 1024:.0f} KiB kept, budget {history.max_bytes // 2**20} MiB "
      f"and {history.max_steps} steps")

# %% [markdown]
# ## Driving it from Python
#
# The step shown is a synced trait: `history.shown_step = 5` moves every panel to step 5
# (`None` follows the newest step). `history.compare_steps = [0, 39]` shows steps 0 and 39
# side by side in every panel (pick "swipe" in a panel for the divider), and
# `history.unlinked = {"probability": 10}` gives one panel its own step.

# %%
history.shown_step = 5
history.compare_steps = [0, 39]
print(history.shown_step, history.compare_steps)

# %% [markdown]
# ## A budget: an even spread of steps
#
# A long run does not grow without bound: past `max_steps` (or `max_bytes`), the history
# keeps an even spread of the steps logged so far, always with the first and the newest, as
# TensorBoard does. The view says how many steps were thinned.

# %%
small = nbimage.History(max_steps=8)
for step in range(0, 1000, 10):
    small.log({"noise": rng.random((16, 16)), "loss": 1 / (1 + step)}, step=step)
small.flush()
print(small)
print(small.steps)

# %% [markdown]
# ## Mistakes are named
#
# A step going backwards, a value History cannot show, a bad budget: each error names the
# argument, what it got and what it accepts, and the steps already logged are kept.

# %%
for bad in (
    lambda: history.log({"prediction": picture}, step=3),
    lambda: history.log({"prediction": {"not": "a picture"}}),
    lambda: nbimage.History(max_steps=0),
):
    try:
        bad()
    except (TypeError, ValueError) as error:
        print(f"{type(error).__name__}: {error}")
print(history)

# %% [markdown]
# ## Saved notebooks
#
# A saved notebook keeps the step list and the newest step; on GitHub (no kernel) a History
# shows the newest step's panels as one picture, labelled with the step. This is the same
# history displayed again:

# %%
history.shown_step = None
history.compare_steps = []
history
