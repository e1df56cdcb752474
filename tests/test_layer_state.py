"""Per-layer view state (issue 13): `hidden_layers`, `layer_opacity`, and what the view is
told about a picture's real mode and a batch's grid geometry."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

import nbimage
from nbimage import Image
from nbimage.widget import ViewStateTypeError, ViewStateValueError


def _two_layer_image() -> Image:
    pic = np.zeros((40, 60, 3), np.uint8)
    mask = np.zeros((40, 60), np.uint8)
    mask[:, 30:] = 1
    box = {"position": {"minX": 1, "maxX": 20, "minY": 0, "maxY": 10}, "domain": "pixel"}
    return Image(
        pic,
        boxes={
            "ground_truth": {"box_data": [{**box, "class_id": 1}]},
            "predictions": {"box_data": [{**box, "class_id": 1, "scores": {"confidence": 0.4}}]},
        },
        masks={"gt": {"mask_data": mask}, "pred": {"mask_data": 1 - mask}},
    )


def test_layers_are_hidden_and_made_opaque_up_front_and_saved_with_the_notebook() -> None:
    view = nbimage.show(
        _two_layer_image(), hidden_layers=["predictions"], layer_opacity={"gt": 0.8}
    )
    assert view.hidden_layers == ["predictions"]
    assert view.layer_opacity == {"gt": 0.8}
    assert view.mask_opacity == 0.5  # layers not listed keep using the default
    state: dict[str, Any] = view.get_state()  # what the notebook saves
    assert state["hidden_layers"] == ["predictions"]
    assert state["layer_opacity"] == {"gt": 0.8}
    view.layer_opacity = {"gt": 0.1, "pred": 1.0}
    view.hidden_layers = ["gt", "gt", "predictions"]
    assert view.hidden_layers == ["gt", "predictions"]


def test_compare_takes_the_layer_state_too() -> None:
    view = nbimage.compare(np.random.default_rng(0).random((8, 8)), hidden_layers=["x"])
    assert view.hidden_layers == ["x"]


@pytest.mark.parametrize(
    ("state", "error", "message"),
    [
        ({"layer_opacity": {"gt": 1.5}}, ViewStateValueError, r"layer_opacity: \['gt'\] must be"),
        ({"layer_opacity": {"gt": float("nan")}}, ValueError, "layer_opacity"),
        ({"layer_opacity": {"gt": "half"}}, ViewStateTypeError, "layer_opacity"),
        ({"hidden_layers": ["gt", 3]}, ViewStateTypeError, r"hidden_layers\[1\]: expected a layer"),
    ],
)
def test_bad_layer_state_is_refused_naming_the_trait(
    state: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        nbimage.show(_two_layer_image(), **state)
    view = nbimage.show(_two_layer_image())
    with pytest.raises(error, match=message):
        for name, value in state.items():
            setattr(view, name, value)
    assert view.hidden_layers == [] and view.layer_opacity == {}


@pytest.mark.parametrize(
    ("data", "mode"),
    [
        (np.zeros((4, 5), np.uint8), "L"),
        (np.zeros((4, 5, 3), np.uint8), "RGB"),
        (np.zeros((4, 5, 4), np.uint8), "RGBA"),
        (torch.zeros(1, 4, 5), "L"),
    ],
)
def test_the_view_is_told_the_pictures_real_mode(data: Any, mode: str) -> None:
    (item,) = nbimage.show(data).items
    assert item["mode"] == mode
    assert item["batch"] is None


def test_a_batch_tells_the_view_its_grid_geometry_and_a_copy_keeps_it() -> None:
    batch = torch.rand(20, 3, 16, 24)  # 20 samples: rows of 8, the last row holds 4
    image = Image(batch)
    (item,) = nbimage.show(image).items
    assert item["batch"] == {
        "count": 20,
        "rows": 3,
        "columns": 8,
        "height": 16,
        "width": 24,
        "padding": 2,
    }
    assert (item["width"], item["height"]) == (8 * 26 + 2, 3 * 18 + 2)
    assert item["mode"] == "RGB"
    (copied,) = nbimage.show(Image(image, caption="again")).items
    assert copied["batch"] == item["batch"]
