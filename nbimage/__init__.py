"""nbimage: see a tensor in a notebook exactly as wandb.Image would log it, and why."""

from nbimage.diagnostics import Diagnostic

__all__ = ["Diagnostic"]
__version__ = "0.1.0"
