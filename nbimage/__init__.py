"""nbimage: see a tensor in a notebook exactly as wandb.Image would log it, and why."""

from typing import TYPE_CHECKING, Any

from nbimage.diagnostics import Diagnostic
from nbimage.heatmaps import Heatmap
from nbimage.model import Image
from nbimage.overlays import BoundingBoxes2D, Classes, ImageMask

if TYPE_CHECKING:
    from nbimage.channel_grid import channels
    from nbimage.history import History
    from nbimage.views import compare, show

__all__ = [
    "BoundingBoxes2D",
    "Classes",
    "Diagnostic",
    "Heatmap",
    "History",
    "Image",
    "ImageMask",
    "channels",
    "compare",
    "show",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The views bring in ipywidgets and anywidget: load them on first use, so that
    # building Images in a script never pays for (or depends on) the widget stack.
    if name in ("show", "compare"):
        from nbimage import views

        return getattr(views, name)
    if name == "channels":
        from nbimage.channel_grid import channels

        return channels
    if name == "History":
        from nbimage.history import History

        return History
    raise AttributeError(f"module 'nbimage' has no attribute {name!r}")
