"""Hypothesis strategies for the model-output APIs (issue 16), the channel grid and window
(issue 14) and the matplotlib / wandb inputs (issue 15): valid, nearly valid and hostile.

Same mix as `fuzz_inputs`: most draws are valid (so that several arguments at once still
often pass and what passes is displayed), the rest are junk for one argument.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from fuzz_inputs import EXTREME_FLOATS, arrays, floats, junk, mostly, tensors, texts
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

FLOAT32_EXTREMES = st.sampled_from([float("nan"), float("inf"), -float("inf"), 3e38, -3e38, 1e-45])
COLORMAP_NAMES = ["gray", "viridis", "magma", "inferno", "turbo", "diverging"]
JUNK_ARRAYS = st.sampled_from(
    [
        "nan",
        "inf",
        "huge",
        "bool",
        "complex",
        "object",
        "empty",
        "empty-rows",
        "zero-d",
        "n5",
        "one-row",
        "ragged",
        "strings",
        "tensor-nan",
        "tensor-bool",
        "tensor-meta",
        "tensor-complex",
    ]
)


def _special(kind: str) -> Any:
    """A hostile N×4-ish value (built fresh: the test checks it is not modified)."""
    return {
        "nan": lambda: np.array([[0.0, 0.0, np.nan, 2.0]]),
        "inf": lambda: np.array([[0.0, 0.0, np.inf, 2.0]]),
        "huge": lambda: np.array([[0.0, 0.0, 1e308, 1e308], [-1e308, -1e308, 1e308, 1e308]]),
        "bool": lambda: np.ones((2, 4), dtype=bool),
        "complex": lambda: np.ones((2, 4), dtype=np.complex64),
        "object": lambda: np.array([[1, 2, 3, "4"]], dtype=object),
        "empty": lambda: np.zeros((0,)),
        "empty-rows": lambda: np.zeros((0, 4)),
        "zero-d": lambda: np.array(3.0),
        "n5": lambda: np.array([[0.0, 0.0, 2.0, 2.0, 0.9]]),
        "one-row": lambda: np.array([0.0, 0.0, 2.0, 2.0]),
        "ragged": lambda: [[0, 0, 2, 2], [1, 1]],
        "strings": lambda: np.array([["a", "b", "c", "d"]]),
        "tensor-nan": lambda: torch.tensor([[0.0, 0.0, float("nan"), 2.0]]),
        "tensor-bool": lambda: torch.ones((1, 4), dtype=torch.bool),
        "tensor-meta": lambda: torch.zeros((1, 4), device="meta"),
        "tensor-complex": lambda: torch.ones((1, 4), dtype=torch.complex64),
    }[kind]()


# --- BoundingBoxes2D.from_array ---------------------------------------------------------


@st.composite
def box_arrays(draw: st.DrawFn) -> tuple[Any, int]:
    """(boxes, N): mostly valid N×4 corners (x1 <= x2), as numpy or torch, any real dtype."""
    if draw(st.integers(0, 4)) == 0:
        value = draw(st.one_of(JUNK_ARRAYS.map(_special), arrays(), tensors(), junk(1)))
        shape = getattr(value, "shape", None)
        count = int(shape[0]) if shape is not None and len(shape) >= 1 else 1
        return value, count
    count = draw(st.integers(0, 35))
    scale = draw(st.sampled_from([1.0, 40.0, 1e6, 1e300]))
    starts = draw(hnp.arrays(np.float64, (count, 2), elements=st.floats(-0.2, 1)))
    sizes = draw(hnp.arrays(np.float64, (count, 2), elements=st.floats(0, 1)))
    coords = np.concatenate([starts, starts + sizes], axis=1) * scale
    dtype = draw(st.sampled_from(["float64", "float32", "float16", "int64", "uint8"]))
    with np.errstate(all="ignore"):
        typed = coords.astype(dtype) if dtype.startswith("float") else np.rint(coords % 250)
    if not dtype.startswith("float"):
        typed = np.sort(typed.reshape(count, 2, 2), axis=1).reshape(count, 4)
        typed = typed[:, [0, 2, 1, 3]].astype(dtype)
    if draw(st.booleans()):
        tensor = torch.from_numpy(np.ascontiguousarray(typed))
        kind = draw(st.sampled_from(["plain", "bfloat16", "grad", "transposed-back"]))
        if kind == "bfloat16" and tensor.dtype.is_floating_point:
            tensor = tensor.to(torch.bfloat16)
        elif kind == "grad" and tensor.dtype.is_floating_point:
            tensor = tensor.to(torch.float32).requires_grad_(True) * 1
        elif kind == "transposed-back":
            tensor = tensor.t().contiguous().t()  # a non-contiguous view of the same boxes
        return tensor, count
    return typed, count


def per_box(count: int, valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A per-box argument: mostly `count` of `valid`, else the wrong length or junk."""
    wrong = st.integers(0, 6).filter(lambda n: n != count)
    return mostly(
        st.lists(valid, min_size=count, max_size=count),
        st.one_of(wrong.flatmap(lambda n: st.lists(valid, min_size=n, max_size=n)), junk(1)),
    )


def box_kwargs(count: int) -> st.SearchStrategy[dict[str, Any]]:
    numbers = st.one_of(st.floats(0, 1), EXTREME_FLOATS)
    labels = per_box(count, st.integers(0, 90)).flatmap(
        lambda v: st.sampled_from([v, np.array(v, dtype=np.int64) if _flat(v) else v])
    )
    scores = st.one_of(
        per_box(count, st.floats(0, 1)).map(lambda v: np.array(v) if _flat(v) else v),
        st.dictionaries(st.sampled_from(["score", "iou"]), per_box(count, numbers), max_size=2),
        st.dictionaries(junk(2), per_box(count, numbers), max_size=1),
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "format": mostly(
                st.sampled_from(["xyxy", "xywh", "cxcywh"]),
                st.one_of(texts, junk(1), st.just(np.array(["xyxy"])), st.just(["xyxy"])),
            ),
            "labels": mostly(st.none(), labels),
            "scores": mostly(st.none(), scores),
            "class_labels": mostly(
                st.one_of(
                    st.none(),
                    st.lists(texts, max_size=91),
                    st.dictionaries(st.integers(0, 90), texts, max_size=5),
                ),
                junk(1),
            ),
            "domain": mostly(
                st.sampled_from(["pixel", "fraction"]), st.one_of(texts, junk(1), st.just([]))
            ),
            "captions": mostly(st.none(), per_box(count, texts)),
            "key": mostly(st.sampled_from(["pred", "ground_truth"]), st.one_of(texts, junk(1))),
        },
    )


def _flat(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, (int, float)) for v in value)


# --- ImageMask.from_scores --------------------------------------------------------------


@st.composite
def score_arrays(draw: st.DrawFn) -> tuple[Any, dict[str, Any]]:
    """(scores, the arguments that fit them): C×H×W logits, H×W×C, H×W probabilities,
    1×C×H×W; or junk (>256 classes, NaN, odd dtypes) with arguments drawn anyway."""
    kwargs: dict[str, Any] = {}
    kind = draw(mostly(st.sampled_from(["chw", "hwc", "hw", "batch", "one"]), st.just("junk")))
    height, width = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    classes = draw(st.integers(2, 6))
    rng = np.random.default_rng(draw(st.integers(0, 999)))
    dtype = draw(st.sampled_from(["float32", "float64", "float16", "int16", "uint8"]))
    if kind == "junk":
        scores = draw(
            st.one_of(
                arrays(),
                tensors(),
                junk(1),
                st.sampled_from(["257", "nan", "inf", "empty", "hw1", "huge", "tiny"]).map(
                    _special_scores
                ),
            )
        )
        return scores, kwargs
    if kind == "hw":
        scores = rng.random((height, width))
        kwargs["activation"] = draw(st.sampled_from([None, "sigmoid"]))
    elif kind == "one":
        scores = rng.normal(size=(1, height, width)) * 4
        kwargs["activation"] = "sigmoid"
    else:
        scores = rng.normal(size=(classes, height, width)) * draw(st.sampled_from([1, 30, 1e4]))
        if kind == "hwc":
            scores = np.moveaxis(scores, 0, -1)
            kwargs["channel_axis"] = draw(st.sampled_from([-1, 2]))
        if kind == "batch":
            scores = scores[np.newaxis]
        if draw(st.booleans()):
            kwargs["activation"] = draw(st.sampled_from(["softmax", "sigmoid"]))
    with np.errstate(all="ignore"):
        typed = scores.astype(dtype) if dtype.startswith("float") else (scores * 10).astype(dtype)
    if not dtype.startswith("float") and kwargs.get("activation", 0) is None:
        typed = (typed > 0).astype(dtype)
    if draw(st.booleans()):
        return torch.from_numpy(np.ascontiguousarray(typed)), kwargs
    return typed, kwargs


def _special_scores(kind: str) -> Any:
    return {
        "257": lambda: np.zeros((257, 2, 2), np.float32),
        "nan": lambda: np.array([[[0.0, np.nan]], [[1.0, 0.0]]]),
        "inf": lambda: np.array([[[0.0, np.inf]], [[1.0, -np.inf]]]),
        "empty": lambda: np.zeros((3, 0, 4)),
        "hw1": lambda: np.zeros((4, 4, 1)),
        "huge": lambda: np.array([[[1e308, -1e308]], [[-1e308, 1e308]]]),
        "tiny": lambda: np.full((2, 1, 1), 5e-324),
    }[kind]()


def score_kwargs() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "class_labels": mostly(
                st.one_of(st.lists(texts, max_size=8), st.dictionaries(st.integers(0, 9), texts)),
                junk(1),
            ),
            "activation": mostly(st.sampled_from(["softmax", "sigmoid", None]), junk(1)),
            "channel_axis": mostly(st.sampled_from([0, -1, 2, -3]), st.one_of(junk(1), ints3())),
            "threshold": mostly(
                st.one_of(st.none(), st.floats(0, 1)),
                st.one_of(floats, st.just(True), st.just(np.float32(0.5)), junk(1)),
            ),
            "key": mostly(st.just("pred"), st.one_of(texts, junk(1))),
        },
    )


def ints3() -> st.SearchStrategy[Any]:
    return st.one_of(st.integers(-6, 6), st.just(np.int64(0)), st.just(10**30))


# --- heatmaps -----------------------------------------------------------------------------


@st.composite
def heatmap_data(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.one_of(arrays(), tensors(), junk(1)))
    height, width = draw(st.integers(1, 14)), draw(st.integers(1, 14))
    elements = mostly(st.floats(-5, 5), st.one_of(FLOAT32_EXTREMES, st.floats(width=32)))
    values = draw(hnp.arrays(np.float32, (height, width), elements=elements))
    shape = draw(st.sampled_from(["hw", "1hw", "hw1", "11hw"]))
    values = {
        "hw": values,
        "1hw": values[np.newaxis],
        "hw1": values[..., np.newaxis],
        "11hw": values[np.newaxis, np.newaxis],
    }[shape]
    return torch.from_numpy(values.copy()) if draw(st.booleans()) else values


def colormaps() -> st.SearchStrategy[Any]:
    return mostly(
        st.sampled_from(COLORMAP_NAMES),
        st.one_of(texts, junk(1), st.sampled_from(["Viridis", "jet", "gray\x00"])),
    )


def value_ranges() -> st.SearchStrategy[Any]:
    return mostly(
        st.one_of(st.none(), st.tuples(st.floats(-10, 0), st.floats(0.5, 10)), st.just([0, 1e308])),
        st.one_of(
            st.lists(st.one_of(floats, st.integers(), junk(2)), max_size=3),
            st.just(np.array([0.0, 1.0])),
            st.just(torch.tensor([0.0, 1.0])),
            st.just((1, 1)),
            junk(1),
        ),
    )


# --- channels -------------------------------------------------------------------------------


@st.composite
def channel_data(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.one_of(arrays(), tensors(), junk(1)))
    count = draw(st.sampled_from([1, 2, 3, 5, 8, 13]))
    height, width = draw(st.integers(1, 10)), draw(st.integers(1, 10))
    batch = draw(st.sampled_from([0, 0, 1, 3]))
    shape = (count, height, width) if not batch else (batch, count, height, width)
    elements = mostly(st.floats(-3, 3), st.one_of(FLOAT32_EXTREMES, st.floats(width=32)))
    values = draw(hnp.arrays(np.float32, shape, elements=elements))
    if draw(st.booleans()):
        return torch.from_numpy(values)
    return np.moveaxis(values, -3, -1) if draw(st.booleans()) else values


def render_requests() -> st.SearchStrategy[Any]:
    """What the view sends for a window/level or colormap rendering; junk fields too."""
    from fuzz_inputs import VIEW_VALUES

    request = st.fixed_dictionaries(
        {"type": st.just("render")},
        optional={
            "request_id": mostly(st.integers(0, 99), junk(1)),
            "item": mostly(st.integers(0, 3), st.one_of(st.integers(-3, 9), junk(1))),
            "window": mostly(st.sampled_from(["full", "p1-99"]), VIEW_VALUES["window"]),
            "colormap": VIEW_VALUES["colormap"],
            "channel_window": mostly(st.sampled_from(["per-channel", "shared"]), junk(1)),
            "max_side": mostly(st.integers(1, 4000), st.one_of(floats, junk(1))),
        },
    )
    return mostly(request, junk())
