"""matplotlib input: `Image(fig)`, `Image(plt)`, `Image(ax)`, drawn as wandb 0.22.3 draws them.

wandb renders a figure with the figure's own `savefig(buffer, format=file_type)` and logs
the picture read back from that file, so the same figure with the same matplotlib gives the
same pixels here. matplotlib is optional: nothing here imports it until a matplotlib object
is passed (`pip install nbimage[matplotlib]`).
"""

from __future__ import annotations

import io
import types
from dataclasses import dataclass
from typing import Any

from PIL import Image as PILImage

from nbimage.diagnostics import Diagnostic

ARGUMENT = "data_or_path"
_ACCEPTED = (
    "a matplotlib Figure, the pyplot module (its current figure) or an artist that is in a "
    "figure (an Axes, a Line2D...)"
)
# savefig's names for the file types wandb accepts; matplotlib cannot write bmp.
_SAVEFIG_FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpeg", "bmp": "png"}


def is_matplotlib(value: object) -> bool:
    """What wandb takes for a matplotlib object: an instance of a `matplotlib.*` class, or a
    `matplotlib.*` module (`matplotlib.pyplot`)."""
    if isinstance(value, types.ModuleType):
        return value.__name__.startswith("matplotlib.")
    return type(value).__module__.startswith("matplotlib.")


@dataclass(frozen=True)
class Drawn:
    """A figure's picture as savefig wrote it, and the diagnostic that says how."""

    picture: PILImage.Image
    diagnostic: Diagnostic


def figure_of(value: Any) -> Any:
    """The Figure wandb would draw for `value` (which `is_matplotlib`), or a ValueError."""
    from matplotlib.figure import Figure

    if isinstance(value, types.ModuleType):
        if value.__name__ != "matplotlib.pyplot":
            raise ValueError(
                f"{ARGUMENT}: the module {value.__name__} is not a figure; expected {_ACCEPTED}"
            )
        figure = value.gcf()
    elif isinstance(value, Figure):
        figure = value
    else:
        try:
            figure = getattr(value, "figure", None)
        except Exception:  # a property that raises: no figure to draw
            figure = None
        # A SubFigure's `.figure` is the Figure it belongs to, an artist's is its figure.
        if not isinstance(figure, Figure):
            named = f"the {type(value).__module__}.{type(value).__name__} given"
            problem = (
                f"{named} is not in a figure (its .figure is None)"
                if _has_figure_attribute(value)
                else f"{named} is not a figure and belongs to none"
            )
            raise ValueError(
                f"{ARGUMENT}: {problem}; expected {_ACCEPTED}, e.g. Image(fig) or Image(plt)"
            )
    if getattr(figure, "canvas", None) is None:
        raise ValueError(
            f"{ARGUMENT}: the figure has no canvas to draw on (its .canvas is None); expected "
            f"{_ACCEPTED} "
            "(a figure made by plt.figure() / plt.subplots(), or Figure() from matplotlib.figure)"
        )
    return figure


def _has_figure_attribute(value: Any) -> bool:
    try:
        return hasattr(value, "figure")
    except Exception:  # a property raising something other than AttributeError
        return True


def draw(value: Any, file_type: str) -> Drawn:
    """Draw `value` as wandb does: `savefig(buffer, format=file_type)`, read back with PIL."""
    figure = figure_of(value)
    import matplotlib

    savefig_format = _SAVEFIG_FORMATS[file_type]
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format=savefig_format)
        buffer.seek(0)
        picture = PILImage.open(buffer)
        picture.load()
    except Exception as error:  # the figure's own code (or what it wrote) failed
        raise ValueError(
            f"{ARGUMENT}: the figure could not be drawn: its savefig(format={savefig_format!r}) "
            f"gave {type(error).__name__}: {str(error)[:200]}; expected {_ACCEPTED} that "
            "matplotlib can draw"
        ) from error
    dpi = matplotlib.rcParams["savefig.dpi"]
    dpi = figure.dpi if dpi == "figure" else dpi
    width, height = picture.size
    message = (
        f"a matplotlib figure with {len(figure.axes)} Axes drawn by its savefig("
        f"format={savefig_format!r}) at {dpi:g} dpi: {width}×{height} pixels, {picture.mode}, "
        "as wandb.Image draws a figure; change the size with figsize= or dpi="
    )
    if savefig_format != file_type:
        message += (
            f"; matplotlib cannot write {file_type} (wandb 0.22.3 raises here), so the png's "
            f"pixels are saved as {file_type}"
        )
    return Drawn(picture, Diagnostic("figure", "info", message))


__all__ = ["Drawn", "draw", "figure_of", "is_matplotlib"]
