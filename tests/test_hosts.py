"""Host-specific behaviour checked without the host: Colab's widget-manager metadata.

anywidget detects Colab by `"google.colab.output" in sys.modules` and then returns, as the
mimebundle's metadata, the address of Colab's custom widget manager (read from
`google.colab.output._widgets._installed_url`). Without that metadata Colab renders no
third-party widget, so every bundle nbimage returns must carry it.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from IPython.core.formatters import DisplayFormatter

import nbimage
from nbimage.views import WIDGET_MIME

MANAGER_URL = "https://ssl.gstatic.com/colaboratory-static/widgets/colab-cdn-widget-manager/x.js"
COLAB_METADATA = {WIDGET_MIME: {"colab": {"custom_widget_manager": {"url": MANAGER_URL}}}}


@pytest.fixture
def in_colab(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A fake `google.colab.output`, shaped as anywidget reads it."""
    enabled: list[str] = []
    output: Any = types.ModuleType("google.colab.output")
    output.enable_custom_widget_manager = lambda: enabled.append("enabled")
    output._widgets = types.SimpleNamespace(_installed_url=MANAGER_URL)
    monkeypatch.setitem(sys.modules, "google.colab.output", output)
    yield enabled


def _boxes() -> dict[str, Any]:
    box = {"position": {"minX": 0.1, "maxX": 0.6, "minY": 0.2, "maxY": 0.7}, "class_id": 1}
    return {"pred": {"box_data": [box], "class_labels": {1: "cat"}}}


def _displayed(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """What `display(obj)` hands the frontend: IPython's formatter output (data, metadata)."""
    data, metadata = DisplayFormatter().format(obj)
    return data, metadata


def test_a_displayed_image_keeps_colabs_widget_manager(
    in_colab: list[str], chelsea: np.ndarray
) -> None:
    data, metadata = _displayed(nbimage.Image(chelsea, caption="cat", boxes=_boxes()))
    assert WIDGET_MIME in data and "image/png" in data
    assert metadata[WIDGET_MIME] == COLAB_METADATA[WIDGET_MIME]


@pytest.mark.parametrize(
    "build",
    [
        lambda photo: nbimage.show(nbimage.Image(photo)),
        lambda photo: nbimage.show([nbimage.Image(photo, caption=str(i)) for i in range(3)]),
        lambda photo: nbimage.compare(photo.astype(np.float32) / 255 - 0.5, denormalize="pm1"),
    ],
    ids=["show-single", "grid", "compare"],
)
def test_every_view_keeps_colabs_widget_manager(
    in_colab: list[str], chelsea: np.ndarray, build: Any
) -> None:
    data, metadata = _displayed(build(chelsea))
    assert WIDGET_MIME in data and "image/png" in data
    assert metadata[WIDGET_MIME] == COLAB_METADATA[WIDGET_MIME]


def test_outside_colab_the_metadata_names_nothing(chelsea: np.ndarray) -> None:
    assert "google.colab.output" not in sys.modules
    data, metadata = nbimage.Image(chelsea)._repr_mimebundle_()
    assert WIDGET_MIME in data
    assert metadata == {}


def test_the_static_text_font_ships_with_its_licence() -> None:
    """The fallbacks' words are drawn in a font inside the package (the same on every
    machine), shipped with the Bitstream Vera / DejaVu licence it requires."""
    from PIL import ImageFont

    from nbimage.composite import FONT_PATH, label_font

    assert FONT_PATH.is_file() and FONT_PATH.is_relative_to(Path(nbimage.__file__).parent)
    licence = (FONT_PATH.parent / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence and "Permission is hereby granted" in licence
    font = label_font(13)
    assert isinstance(font, ImageFont.FreeTypeFont) and font.getname() == ("DejaVu Sans", "Book")
    # The marks the static forms write: the badges' ⚠ and ✖, and the summaries' · × –.
    missing = bytes(font.getmask("\ue000"))  # a private-use code point: the .notdef box
    for mark in "⚠✖·×–≥":
        assert bytes(font.getmask(mark)) != missing, mark
