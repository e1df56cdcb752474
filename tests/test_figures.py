"""matplotlib figures: `Image(fig)`, `Image(plt)`, `Image(ax)` give wandb 0.22.3's pixels.

Each case draws the same figure with the real `wandb.Image` and with nbimage, and compares
what wandb saved (read back) with ours saved the same way (tests/test_parity_wandb.py).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")  # headless; wandb and nbimage draw with the figure's own canvas

import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
import pytest
import wandb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from nbimage import Image
from tests.test_parity_wandb import assert_same_picture

RNG = np.random.default_rng(20261201)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def line_plot() -> Figure:
    fig, ax = plt.subplots(figsize=(6, 4))
    steps = np.arange(200)
    ax.plot(steps, np.exp(-steps / 60) + 0.05 * RNG.standard_normal(200), label="train loss")
    ax.plot(steps, np.exp(-steps / 80) + 0.1, label="val loss")
    ax.set_xlabel("step")
    ax.legend()
    return fig


def confusion_matrix() -> Figure:
    fig, ax = plt.subplots(figsize=(5, 5), dpi=80)
    counts = RNG.integers(0, 50, (10, 10)) + np.eye(10, dtype=int) * 200
    shown = ax.imshow(counts, cmap="viridis")
    fig.colorbar(shown)
    ax.set_title("confusion matrix")
    return fig


def several_axes() -> Figure:
    fig, axes = plt.subplots(2, 3, figsize=(9, 5))
    for index, ax in enumerate(axes.flat):
        if index % 2:
            ax.imshow(RNG.random((16, 16)), cmap="magma")
        else:
            ax.hist(RNG.standard_normal(500), bins=30)
        ax.set_title(f"panel {index}")
    fig.tight_layout()
    return fig


FIGURES = {"line plot": line_plot, "imshow": confusion_matrix, "several axes": several_axes}


@pytest.mark.parametrize("file_type", ["png", "jpg"])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_a_figure_gives_wandbs_pixels(name: str, file_type: str) -> None:
    fig = FIGURES[name]()
    theirs = wandb.Image(fig, file_type=file_type).image
    ours = Image(fig, file_type=file_type)
    assert theirs is not None
    assert_same_picture(ours.image, theirs, file_type)
    assert ours.format == file_type and ours.source == "matplotlib"
    # The bytes we log decode to what wandb logged.
    logged = PIL.Image.open(io.BytesIO(ours.to_bytes()))
    assert np.array_equal(np.asarray(logged), np.asarray(theirs))
    # A real plot, not a blank canvas: many distinct colours.
    assert len(np.unique(np.asarray(theirs).reshape(-1, np.asarray(theirs).shape[-1]), axis=0)) > 50


def test_pyplot_means_its_current_figure_and_an_artist_its_figure() -> None:
    fig = line_plot()
    axes = fig.axes[0]
    theirs = wandb.Image(plt).image
    assert theirs is not None
    assert_same_picture(Image(plt).image, theirs)
    assert_same_picture(Image(axes).image, theirs)
    assert_same_picture(Image(axes.lines[0]).image, theirs)
    assert (Image(plt).width, Image(plt).height) == (600, 400)


def test_the_figure_diagnostic_says_how_it_was_drawn() -> None:
    fig = confusion_matrix()
    (drawn, *_) = Image(fig).diagnostics
    assert drawn.code == "figure" and drawn.severity == "info"
    assert drawn.message.startswith(
        "a matplotlib figure with 2 Axes drawn by its savefig(format='png') at 80 dpi: "
        "400×400 pixels, RGBA"
    )
    assert not [d for d in Image(fig).diagnostics if d.severity == "warning"]


def test_bmp_is_drawn_as_png_and_saved_as_bmp() -> None:
    """matplotlib cannot write bmp (wandb 0.22.3 raises); nbimage logs the png's pixels."""
    fig = line_plot()
    with pytest.raises(ValueError, match="bmp"):
        wandb.Image(fig, file_type="bmp")
    image = Image(fig, file_type="bmp")
    assert image.format == "bmp"
    png = Image(fig)
    assert np.array_equal(np.asarray(image.image), np.asarray(png.image))
    saved = PIL.Image.open(io.BytesIO(image.to_bytes()))
    assert saved.format == "BMP"
    assert "matplotlib cannot write bmp" in image.diagnostics[0].message


def test_the_figure_is_drawn_once_when_built_not_when_shown() -> None:
    fig = line_plot()
    image = Image(fig)
    before = np.asarray(image.image).copy()
    fig.axes[0].set_facecolor("black")
    assert np.array_equal(np.asarray(image.image), before)


def test_what_is_not_a_figure_is_named() -> None:
    loose = Line2D([0, 1], [0, 1])
    with pytest.raises(ValueError, match=r"Only matplotlib\.pyplot"):
        wandb.Image(loose)  # wandb's kind of error
    with pytest.raises(ValueError) as raised:
        Image(loose)
    message = str(raised.value)
    assert message.startswith(
        "data_or_path: the matplotlib.lines.Line2D given is not in a figure (its .figure is None)"
    )
    assert "expected a matplotlib Figure, the pyplot module" in message
    assert "0x" not in message

    from matplotlib import colors

    with pytest.raises(ValueError, match=r"matplotlib\.colors\.Normalize given is not a figure"):
        Image(colors.Normalize())
    import matplotlib.cm

    with pytest.raises(ValueError, match=r"the module matplotlib\.cm is not a figure"):
        Image(matplotlib.cm)


def test_a_figure_without_a_canvas_is_named() -> None:
    fig = line_plot()
    fig.canvas = None  # type: ignore[assignment]
    with pytest.raises(ValueError, match=r"data_or_path: the figure has no canvas"):
        Image(fig)


def test_a_misspelt_mode_is_still_an_error_with_a_figure() -> None:
    with pytest.raises(ValueError, match="mode"):
        Image(line_plot(), mode="rgb")
