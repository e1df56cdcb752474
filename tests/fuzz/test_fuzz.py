"""The fuzz suite (issue 19): junk for every argument and structure, and what must hold.

Each test draws inputs from `fuzz_inputs` and runs them through `fuzz_check.run_case`,
which asserts the invariants listed in `fuzz_check`'s docstring. Seeded in `make test`;
`make fuzz` searches deeper (see conftest.py and the README's "Fuzzing" section).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from fuzz_check import check_image, check_view, run_case
from fuzz_inputs import (
    VIEW_VALUES,
    arrays,
    box_layers,
    classes,
    data_or_path,
    denormalize_values,
    image_kwargs,
    junk,
    layer_names,
    mask_layers,
    mostly,
    texts,
    view_state,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import nbimage
from nbimage import BoundingBoxes2D, Classes, Image, ImageMask

settings.load_profile("nbimage-fuzz")

IMAGE_ARGUMENTS = (
    "data_or_path",
    "mode",
    "caption",
    "grouping",
    "classes",
    "boxes",
    "masks",
    "file_type",
    "normalize",
)
VIEW_ARGUMENTS = ("obj", "columns", "page_size", "sync_zoom", *VIEW_VALUES)


@st.composite
def pictures(draw: st.DrawFn) -> np.ndarray:
    """A valid small picture for the overlay tests (overlays are what they vary)."""
    height, width = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    channels = draw(st.sampled_from([None, 3, 4]))
    shape = (height, width) if channels is None else (height, width, channels)
    return np.random.default_rng(draw(st.integers(0, 99))).random(shape, dtype=np.float32)


def _close(value: Any) -> None:
    closer = getattr(value, "close", None)
    if callable(closer) and hasattr(value, "fileno"):
        closer()


@given(
    data=data_or_path(),
    extra=st.fixed_dictionaries(
        {},
        optional={
            "mode": st.sampled_from([None, "L", "RGB", "RGBA", "LA", "P", "CMYK", "F", "I", "1"]),
            "normalize": st.booleans(),
            "file_type": st.sampled_from(["png", "jpg", "bmp"]),
        },
    ),
)
def test_any_data(data: Any, extra: dict[str, Any]) -> None:
    """Arrays, tensors, PIL images, paths, bytes, file objects and junk as data_or_path."""
    try:
        run_case("any_data", IMAGE_ARGUMENTS, data, lambda: Image(data, **extra), check_image)
    finally:
        _close(data)


@given(picture=pictures(), data=st.data())
def test_any_overlays_and_arguments(picture: np.ndarray, data: st.DataObject) -> None:
    """Boxes, masks, classes, captions and the other Image arguments, over a valid picture."""
    kwargs = data.draw(image_kwargs(picture.shape[:2]))
    run_case(
        "overlays_and_arguments",
        IMAGE_ARGUMENTS,
        kwargs,
        lambda: Image(picture, **kwargs),
        check_image,
    )


@given(layer=box_layers(), key=layer_names())
def test_any_box_layer(layer: Any, key: Any) -> None:
    """The helper type on its own, then attached to a picture."""

    def build() -> Image:
        return Image(np.zeros((5, 7, 3), np.uint8), boxes={"b": BoundingBoxes2D(layer, key)})

    run_case("box_layer", ("key", "boxes"), layer, build, check_image)


@given(data=st.data(), key=layer_names(), shape=st.tuples(st.integers(1, 6), st.integers(1, 6)))
def test_any_mask_layer(data: st.DataObject, key: Any, shape: tuple[int, int]) -> None:
    layer = data.draw(mask_layers(shape))

    def build() -> Image:
        return Image(np.zeros((*shape, 3), np.uint8), masks={"m": ImageMask(layer, key)})

    run_case("mask_layer", ("key", "masks"), layer, build, check_image)


@given(class_set=classes())
def test_any_classes(class_set: Any) -> None:
    def build() -> Image:
        return Image(np.zeros((3, 3), np.uint8), classes=Classes(class_set))

    run_case("classes", ("classes",), class_set, build, check_image)


@given(
    obj=mostly(
        st.one_of(pictures(), st.lists(pictures(), min_size=1, max_size=4)),
        st.one_of(st.lists(st.one_of(pictures(), arrays(), junk(1)), max_size=3), data_or_path()),
    ),
    columns=mostly(st.integers(0, 4), junk(1)),
    page_size=mostly(st.integers(1, 3), junk(1)),
    state=view_state(),
)
def test_any_show(obj: Any, columns: Any, page_size: Any, state: dict[str, Any]) -> None:
    """`show` of one picture, a grid, junk; with junk view state."""
    inputs = (obj, columns, page_size, state)

    def build() -> Any:
        return nbimage.show(obj, columns=columns, page_size=page_size, **state)

    try:
        run_case("show", VIEW_ARGUMENTS, inputs, build, check_view)
    finally:
        _close(obj)


@given(
    data=mostly(st.one_of(pictures(), arrays()), data_or_path()),
    denormalize=denormalize_values(),
    era=mostly(st.sampled_from(["0.19", "0.22", "0.31"]), st.one_of(texts, junk(1))),
    state=view_state(),
)
def test_any_compare(data: Any, denormalize: Any, era: Any, state: dict[str, Any]) -> None:
    """`compare` of any data, with any denormalization, era and view state."""
    names = ("data_or_path", "obj", "denormalize", "era", "sync_zoom", *VIEW_VALUES)
    names += IMAGE_ARGUMENTS

    def build() -> Any:
        return nbimage.compare(data, denormalize=denormalize, era=era, **state)

    try:
        run_case("compare", names, (data, denormalize, state), build, check_view)
    finally:
        _close(data)


# Traits that `show(**view_state)` does not take but a person or notebook may set.
TRAIT_VALUES = {
    "columns": st.integers(0, 5),
    "sync_zoom": st.booleans(),
    "era": st.sampled_from(["0.19", "0.22", "0.31"]),
    "denormalize": st.sampled_from(["none", "imagenet", "pm1", "custom"]),
    "custom_mean": st.lists(st.floats(-1, 1), min_size=1, max_size=4),
    "custom_std": st.lists(st.floats(0.1, 2), min_size=1, max_size=4),
}
TRAITS = (*VIEW_VALUES, *TRAIT_VALUES)


@given(name=st.sampled_from(TRAITS), compare=st.booleans(), data=st.data())
def test_any_view_trait(name: str, compare: bool, data: st.DataObject) -> None:
    """A person (or a notebook) sets any trait to anything: named error or a valid view."""
    value = data.draw(mostly({**VIEW_VALUES, **TRAIT_VALUES}[name], junk()))
    picture = np.linspace(-1, 1, 48, dtype=np.float32).reshape(4, 4, 3)
    view = nbimage.compare(picture) if compare else nbimage.show([picture, picture])

    def assign() -> Any:
        setattr(view, name, value)
        return view

    run_case("view_trait", (name,), value, assign, check_view)


@given(message=junk())
def test_any_custom_message(message: Any) -> None:
    """Whatever the browser sends on the custom channel, the handler never raises."""
    view = nbimage.show(np.zeros((3, 4), np.float32))

    def handle() -> Any:
        view._on_custom_message(view, message, [])
        if isinstance(message, dict):
            view._on_custom_message(view, {"type": "inspect", **message}, [])
        return view

    run_case("custom_message", (), message, handle, check_view)
