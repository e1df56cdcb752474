"""Hypothesis strategies for junk: every argument and structure nbimage takes.

Each strategy mixes values that are valid, nearly valid (one field off) and hostile (lone
surrogates, ints of 5000 digits, ±1e308, NaN, 100-level nested lists, tensors on the meta
device, FIFOs, truncated files). Inputs are built while drawing, so warnings that building
them raises (torch's quantized-tensor deprecation) happen outside the checked call.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import PIL.Image
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nbimage.views import VIEW_OPTIONS

FOLDER = Path(tempfile.mkdtemp(prefix="nbimage-fuzz-"))

# --- scalars and text ---------------------------------------------------------------------

# 10**5000 is built, not listed: hypothesis prints strategies, and Python will not print it.
HUGE_INTS = st.one_of(
    st.sampled_from([2**53, 2**64, 10**400, -(10**400)]), st.builds(lambda: 10**5000)
)
EXTREME_FLOATS = st.sampled_from(
    [1e308, -1e308, 1.7976931348623157e308, 5e-324, float("nan"), float("inf"), -float("inf")]
)
ints = st.one_of(st.integers(-300, 300), HUGE_INTS)
floats = st.one_of(st.floats(-1e4, 1e4), EXTREME_FLOATS, st.floats())
# Text as it arrives from files and models: with lone surrogates (badly decoded names),
# control characters, HTML, right-to-left marks, very long.
texts = st.one_of(
    st.text(max_size=20),
    st.text(st.characters(codec=None, categories=None), max_size=20),
    st.sampled_from(
        ["\ud800", "a\udcffb", "<b>x</b>", "\u202eevil", "\x00", "caf\u00e9", "猫", "x" * 400]
    ),
)


def mostly(valid: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`valid` five times in six: so that several arguments at once still often pass, and
    what is accepted gets displayed, encoded and inspected too."""
    return st.integers(0, 5).flatmap(lambda n: bad if n == 5 else valid)


def junk(depth: int = 0) -> st.SearchStrategy[Any]:
    """Any small value: numbers of every kind, text, containers, arrays, objects."""
    leaves: st.SearchStrategy[Any] = st.one_of(
        st.none(),
        st.booleans(),
        ints,
        floats,
        texts,
        st.binary(max_size=8),
        st.sampled_from(
            [np.int64(3), np.float32(0.5), np.bool_(True), np.float64("nan"), np.uint8(255)]
        ),
        st.sampled_from([torch.tensor(0.25), torch.tensor(7), torch.tensor(True)]),
        st.just(object()),
        st.just(deep_list(200)),
    )
    if depth >= 2:
        return leaves
    inner = junk(depth + 1)
    return st.one_of(
        leaves,
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(texts, ints), inner, max_size=3),
    )


def deep_list(levels: int) -> list[Any]:
    outer: list[Any] = []
    current = outer
    for _ in range(levels):
        nested: list[Any] = []
        current.append(nested)
        current = nested
    return outer


# --- arrays and tensors -------------------------------------------------------------------

REAL_DTYPES = ["bool", "uint8", "uint16", "uint32", "int8", "int16", "int32", "int64"]
REAL_DTYPES += ["float16", "float32", "float64", ">f4", ">u2", "uint8", "float32"]
ODD_DTYPES = ["complex64", "object", "U3", "datetime64[s]", "V4"]


@st.composite
def arrays(draw: st.DrawFn, max_side: int = 6) -> np.ndarray:
    """Arrays of odd dtypes, shapes (0-D to 5-D, empty sides) and values, some as views."""
    odd = draw(st.integers(0, 7)) == 0
    dtype = np.dtype(draw(st.sampled_from(ODD_DTYPES if odd else REAL_DTYPES)))
    shape = draw(
        mostly(
            st.one_of(
                hnp.array_shapes(min_dims=2, max_dims=4, min_side=1, max_side=max_side),
                st.sampled_from([(3, 4, 5), (1, 3, 4, 5), (5, 4, 3), (4, 5, 1), (2, 4, 5, 4)]),
            ),
            hnp.array_shapes(min_dims=0, max_dims=5, min_side=0, max_side=3),
        )
    )
    if dtype.kind == "f":
        elements = st.one_of(
            st.floats(width=min(64, dtype.itemsize * 8), allow_subnormal=False),
            st.sampled_from([0.0, 1.0, -1.0, 255.0, 0.5]),
        )
        if dtype.itemsize == 8:
            elements = st.one_of(elements, EXTREME_FLOATS)
        array = draw(hnp.arrays(dtype, shape, elements=elements))
    elif dtype.kind in "OUMV":
        array = np.zeros(shape, dtype=dtype)
    else:
        array = draw(hnp.arrays(dtype, shape))
    view = draw(st.sampled_from(["plain", "transposed", "strided", "readonly"]))
    if view == "transposed" and array.ndim >= 2:
        array = array.swapaxes(0, 1)
    elif view == "strided" and array.ndim >= 1 and array.shape[0] > 1:
        array = array[::2]
    elif view == "readonly":
        array.flags.writeable = False
    return array


TORCH_DTYPES = {
    "uint8": torch.uint8,
    "int8": torch.int8,
    "int16": torch.int16,
    "int32": torch.int32,
    "int64": torch.int64,
    "bool": torch.bool,
    "float16": torch.float16,
    "float32": torch.float32,
    "float64": torch.float64,
}


@st.composite
def tensors(draw: st.DrawFn) -> torch.Tensor:
    """Tensors of every kind: dtypes numpy lacks, sparse, quantized, meta, views, grads."""
    array = draw(arrays())
    if array.dtype.kind not in "biuf" or array.dtype.name not in TORCH_DTYPES:
        array = np.zeros(array.shape, np.float32)
    tensor = torch.from_numpy(np.array(array, dtype=array.dtype.newbyteorder("=")))
    kind = draw(
        st.sampled_from(
            [
                *("plain", "bfloat16", "float8", "permuted", "grad", "neg", "sparse", "csr"),
                *("quantized", "meta", "complex", "uint16", "channels_last"),
            ]
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch's own warnings when building these inputs
        if kind == "bfloat16":
            tensor = tensor.to(torch.bfloat16)
        elif kind == "float8":
            tensor = tensor.to(torch.float32).clamp(-400, 400).to(torch.float8_e4m3fn)
        elif kind == "permuted" and tensor.ndim >= 2:
            tensor = tensor.transpose(0, 1)
        elif kind == "grad":
            tensor = tensor.to(torch.float32).requires_grad_(True) * 1
        elif kind == "neg" and tensor.dtype.is_floating_point:
            tensor = torch._neg_view(tensor)
        elif kind == "sparse" and tensor.ndim >= 1:
            tensor = tensor.to_sparse()
        elif kind == "csr" and tensor.ndim == 2:
            tensor = tensor.to(torch.float32).to_sparse_csr()
        elif kind == "quantized":
            values = torch.nan_to_num(tensor.to(torch.float32)).clamp(-1e3, 1e3)
            tensor = torch.quantize_per_tensor(values, 0.5, 3, torch.quint8)
        elif kind == "meta":
            tensor = torch.zeros(tuple(tensor.shape), device="meta")
        elif kind == "complex":
            tensor = tensor.to(torch.complex64)
        elif kind == "uint16":
            tensor = tensor.to(torch.int32).to(torch.uint16)
        elif kind == "channels_last" and tensor.ndim == 4:
            tensor = tensor.contiguous(memory_format=torch.channels_last)
    return tensor


# --- PIL images and files -----------------------------------------------------------------

PIL_MODES = [*PIL.Image.MODES, "I;16", "I;16B", "I;16L"]
FORMATS = ["PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP"]


@st.composite
def pil_images(draw: st.DrawFn) -> PIL.Image.Image:
    """PIL pictures of every mode, random bytes, odd sizes; some lazily opened, truncated or
    closed."""
    mode = draw(st.sampled_from(PIL_MODES))
    size = draw(
        st.one_of(
            st.tuples(st.integers(1, 9), st.integers(1, 9)),
            st.sampled_from([(65500, 1), (1, 2000), (65501, 1)]),
        )
    )
    if size[0] * size[1] > 70000 and mode in ("F", "I", "RGBA", "CMYK", "RGBX", "RGBa"):
        size = (size[0] // 16 or 1, size[1])
    picture = PIL.Image.new(mode, size)
    band_bytes = len(picture.tobytes())
    payload = draw(st.binary(min_size=min(band_bytes, 64), max_size=64))
    if payload:
        data = (payload * (band_bytes // len(payload) + 1))[:band_bytes]
        picture = PIL.Image.frombytes(mode, size, data)
    state = draw(st.sampled_from(["decoded", "lazy", "truncated", "closed", "info"]))
    if state in ("lazy", "truncated"):
        buffer = io.BytesIO()
        try:
            picture.save(buffer, "PNG" if mode not in ("CMYK", "YCbCr", "LAB", "HSV") else "TIFF")
        except (OSError, ValueError, KeyError):
            return picture
        content = buffer.getvalue()
        if state == "truncated":
            content = content[: max(8, len(content) // 2)]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # Pillow on damaged files, while building
                return PIL.Image.open(io.BytesIO(content))
        except (OSError, ValueError, SyntaxError):
            return picture
    if state == "closed":
        picture.close()
    if state == "info":
        picture.info["transparency"] = 0
    return picture


_COUNTER = iter(range(10**9))


def _fresh(name: str) -> Path:
    return FOLDER / f"{next(_COUNTER)}-{name}"


@st.composite
def file_bytes(draw: st.DrawFn) -> bytes:
    """Bytes of an image file: encoded in a random format, perhaps truncated or corrupted."""
    picture = draw(pil_images())
    fmt = draw(st.sampled_from(FORMATS))
    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            picture.convert("RGB").save(buffer, fmt)
        content = buffer.getvalue()
    except (OSError, ValueError, KeyError):
        content = b"\x89PNG\r\n\x1a\n"
    damage = draw(st.sampled_from(["none", "none", "truncated", "flipped", "junk", "empty"]))
    if damage == "truncated":
        content = content[: draw(st.integers(0, len(content)))]
    elif damage == "flipped" and content:
        at = draw(st.integers(0, len(content) - 1))
        content = content[:at] + bytes([content[at] ^ 0xFF]) + content[at + 1 :]
    elif damage == "junk":
        content = draw(st.binary(max_size=40))
    elif damage == "empty":
        content = b""
    return content


@st.composite
def paths(draw: st.DrawFn) -> Any:
    """Paths: image files of every kind, FIFOs, directories, missing, 300-char names."""
    kind = draw(
        st.sampled_from(
            [
                "file",
                "file",
                "file",
                "fifo",
                "dir",
                "missing",
                "long",
                "nul",
                "no-ext",
                "surrogate-name",
                "bytes-path",
                "devnull",
                "in-missing-dir",
            ]
        )
    )
    suffix = draw(st.sampled_from([".png", ".jpg", ".bmp", ".gif", ".tif", ".webp", ".xyz"]))
    if kind == "file":
        path = _fresh("picture" + suffix)
        path.write_bytes(draw(file_bytes()))
    elif kind == "no-ext":
        path = _fresh("noext")
        path.write_bytes(draw(file_bytes()))
    elif kind == "surrogate-name":
        path = _fresh("bad\udcff" + suffix)
        with contextlib.suppress(OSError, UnicodeEncodeError):
            path.write_bytes(draw(file_bytes()))
    elif kind == "fifo":
        path = _fresh("pipe" + suffix)
        os.mkfifo(path)
    elif kind == "dir":
        path = _fresh("folder" + suffix)
        path.mkdir()
    elif kind == "missing":
        path = _fresh("absent" + suffix)
    elif kind == "long":
        path = FOLDER / ("x" * 300 + suffix)
    elif kind == "nul":
        return f"{FOLDER}/a\0b.png"
    elif kind == "devnull":
        return "/dev/null"
    elif kind == "in-missing-dir":
        path = _fresh("file") / "below.png"
    else:
        return os.fsencode(_fresh("bytes" + suffix))
    return str(path) if draw(st.booleans()) else path


class _NotCallableRead:
    read = 3


class _RaisingRead:
    def read(self) -> bytes:
        raise OSError("device gone")


@st.composite
def file_objects(draw: st.DrawFn) -> Any:
    content = draw(file_bytes())
    kind = draw(st.sampled_from(["bytesio", "closed", "text", "not-callable", "raising", "file"]))
    if kind == "bytesio":
        return io.BytesIO(content)
    if kind == "closed":
        handle = io.BytesIO(content)
        handle.close()
        return handle
    if kind == "text":
        return io.StringIO("not bytes")
    if kind == "not-callable":
        return _NotCallableRead()
    if kind == "raising":
        return _RaisingRead()
    path = _fresh("opened.png")
    path.write_bytes(content)
    handle = open(path, "rb")  # noqa: SIM115 (the Image reads it; the test closes it)
    if draw(st.booleans()):
        handle.close()
    return handle


def data_or_path() -> st.SearchStrategy[Any]:
    """Anything as `data_or_path`."""
    return mostly(
        st.one_of(arrays(), tensors(), pil_images(), paths(), file_bytes(), file_objects()),
        st.one_of(
            file_bytes().map(bytearray),
            file_bytes().map(memoryview),
            junk(),
            st.just(deep_list(100_000)),
        ),
    )


# --- overlays -------------------------------------------------------------------------------


def numbers_or_junk() -> st.SearchStrategy[Any]:
    return mostly(
        st.one_of(st.floats(-0.5, 1.5), st.integers(-10, 10), st.just(1e308), st.just(-1e308)),
        st.one_of(floats, HUGE_INTS, junk(2)),
    )


@st.composite
def positions(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(junk())
    if draw(st.booleans()):
        position = {key: draw(numbers_or_junk()) for key in ("minX", "maxX", "minY", "maxY")}
        for low, high in (("minX", "maxX"), ("minY", "maxY")):
            a, b = position[low], position[high]
            plain = all(isinstance(v, (int, float)) and v == v for v in (a, b))
            if plain and draw(st.integers(0, 5)) > 0:  # mostly ordered, so more pass
                position[low], position[high] = min(a, b), max(a, b)
        return position
    middle = draw(
        st.one_of(
            st.lists(numbers_or_junk(), min_size=2, max_size=2),
            st.just(torch.tensor([0.5, 0.5])),
            st.just(np.array([0.5, 1e308])),
            junk(),
        )
    )
    return {"middle": middle, "width": draw(numbers_or_junk()), "height": draw(numbers_or_junk())}


@st.composite
def boxes(draw: st.DrawFn) -> dict[str, Any]:
    box: dict[str, Any] = {"position": draw(positions())}
    box["class_id"] = draw(mostly(st.integers(0, 200), st.one_of(ints, junk(1))))
    if draw(st.booleans()):
        box["scores"] = draw(mostly(st.dictionaries(texts, numbers_or_junk(), max_size=3), junk(1)))
    if draw(st.booleans()):
        box["box_caption"] = draw(mostly(texts, junk(1)))
    if draw(st.booleans()):
        box["domain"] = draw(mostly(st.sampled_from(["pixel", None]), junk(1)))
    if draw(st.integers(0, 15)) == 0:
        del box[draw(st.sampled_from(["position", "class_id"]))]
    return box


def class_labels() -> st.SearchStrategy[Any]:
    return mostly(
        st.dictionaries(st.integers(0, 300), texts, max_size=5),
        st.one_of(
            st.dictionaries(st.one_of(ints, texts, st.booleans()), st.one_of(texts, junk(2))),
            junk(1),
        ),
    )


@st.composite
def box_layers(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(junk())
    layer: dict[str, Any] = {"box_data": draw(st.lists(boxes(), max_size=4))}
    if draw(st.integers(0, 12)) == 0:
        layer["box_data"] = draw(junk())
    if draw(st.booleans()):
        layer["class_labels"] = draw(class_labels())
    return layer


def layer_names() -> st.SearchStrategy[Any]:
    return mostly(
        st.one_of(st.sampled_from(["pred", "ground_truth"]), texts),
        st.one_of(ints, st.just(("a",)), st.just("\ud800")),
    )


BF16_ETC = [torch.bfloat16, torch.float16, torch.uint8, torch.int32]


@st.composite
def mask_data(draw: st.DrawFn, shape: tuple[int, int]) -> Any:
    kind = draw(
        mostly(st.just("matching"), st.sampled_from(["array", "list", "ragged", "deep", "tensor"]))
    )
    if kind == "matching":
        dtype = draw(st.sampled_from(["uint8", "int64", "float32", "bool", "uint16"]))
        high = 2 if dtype == "bool" else draw(st.sampled_from([1, 3, 255, 300]))
        values = draw(hnp.arrays(np.int64, shape, elements=st.integers(0, high)))
        if draw(st.integers(0, 5)) == 0:
            return torch.from_numpy(values).to(draw(st.sampled_from(BF16_ETC)))
        return values.astype(dtype)
    if kind == "array":
        return draw(arrays(max_side=5))
    if kind == "list":
        return draw(st.lists(st.lists(st.one_of(st.integers(0, 9), junk(2)), max_size=3)))
    if kind == "ragged":
        return [[1, 2, 3], [4]]
    if kind == "deep":
        return deep_list(draw(st.sampled_from([3, 70, 5000])))
    return draw(tensors())


@st.composite
def mask_paths(draw: st.DrawFn, shape: tuple[int, int]) -> Any:
    if draw(st.integers(0, 2)) == 0:
        return draw(paths())
    height, width = shape
    mode = draw(st.sampled_from(["L", "P", "I", "I;16", "RGB", "1"]))
    picture = PIL.Image.new(mode, (width, height))
    path = _fresh("mask.tif" if mode == "I" else "mask.png")  # PNG has no 32-bit gray
    picture.save(path)
    return str(path)


@st.composite
def mask_layers(draw: st.DrawFn, shape: tuple[int, int]) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(junk())
    layer: dict[str, Any] = {}
    which = draw(mostly(st.sampled_from(["data", "data", "path"]), st.just("both")))
    if which in ("data", "both"):
        layer["mask_data"] = draw(mask_data(shape))
    if which in ("path", "both"):
        layer["path"] = draw(mask_paths(shape))
    if draw(st.booleans()):
        layer["class_labels"] = draw(class_labels())
    return layer


@st.composite
def classes(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 5)) == 0:
        return draw(junk())
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        entry: dict[str, Any] = {
            "id": draw(mostly(st.integers(0, 300), st.one_of(ints, texts, junk(2)))),
            "name": draw(mostly(texts, junk(2))),
        }
        if draw(st.integers(0, 10)) == 0:
            del entry[draw(st.sampled_from(["id", "name"]))]
        entries.append(entry)
    return entries


# --- the Image's other arguments, show, compare -------------------------------------------

MODES = [None, "L", "RGB", "RGBA", "LA", "P", "CMYK", "YCbCr", "La", "F", "I", "1"]


def image_kwargs(shape: tuple[int, int]) -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments of `Image` besides the data, each sometimes left out."""
    return st.fixed_dictionaries(
        {},
        optional={
            "mode": mostly(st.sampled_from(MODES), junk(1)),
            "caption": mostly(st.one_of(texts, st.integers(), st.floats()), junk(1)),
            "grouping": mostly(st.integers(0, 10), st.one_of(ints, junk(1))),
            "classes": classes(),
            "boxes": st.dictionaries(layer_names(), box_layers(), max_size=2),
            "masks": st.dictionaries(layer_names(), mask_layers(shape), max_size=2),
            "file_type": mostly(st.sampled_from(["png", "jpg", "jpeg", "bmp"]), junk(1)),
            "normalize": mostly(st.booleans(), junk(1)),
        },
    )


VIEW_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "page": mostly(st.integers(0, 1), st.one_of(st.integers(-1, 3), ints, junk())),
    "hidden_classes": mostly(
        st.dictionaries(texts, st.lists(st.integers(0, 9))),
        st.one_of(st.dictionaries(texts, st.lists(st.one_of(ints, junk(2)))), junk()),
    ),
    "mask_opacity": mostly(st.floats(0, 1), st.one_of(floats, ints, junk())),
    "score_thresholds": mostly(
        st.dictionaries(texts, st.floats(0, 1)),
        st.one_of(st.dictionaries(texts, st.one_of(floats, ints)), junk()),
    ),
    "show_box_labels": mostly(st.booleans(), junk()),
    "zoom": mostly(st.floats(0.1, 8), st.one_of(floats, ints, junk())),
    "center": mostly(
        st.lists(st.floats(0, 1), min_size=2, max_size=2),
        st.one_of(st.lists(st.one_of(st.floats(0, 1), floats, ints), max_size=3), junk()),
    ),
    "compare_mode": mostly(st.sampled_from(["side-by-side", "swipe"]), junk()),
    "swipe_pair": mostly(
        st.lists(st.integers(0, 1), min_size=2, max_size=2),
        st.one_of(st.lists(st.one_of(st.integers(-1, 4), ints), max_size=3), junk()),
    ),
    "swipe_position": mostly(st.floats(0, 1), st.one_of(floats, junk())),
    "show_marks": mostly(st.booleans(), junk()),
    "width": mostly(st.integers(0, 2000), st.one_of(ints, junk())),
    "confidence_thresholds": mostly(
        st.dictionaries(texts, st.floats(0, 1)),
        st.one_of(st.dictionaries(texts, st.one_of(floats, ints)), junk()),
    ),
    "heatmap_opacity": mostly(st.floats(0, 1), st.one_of(floats, ints, junk())),
    "hidden_heatmaps": mostly(st.lists(texts, max_size=3), junk()),
    "window": mostly(
        st.one_of(
            st.none(),
            st.tuples(st.floats(-10, 0), st.floats(0.1, 300)).map(list),
            st.sampled_from(["auto", "minmax", "p1-p99"]),
        ),
        st.one_of(st.lists(st.one_of(floats, ints), max_size=3), texts, junk()),
    ),
    "colormap": mostly(
        st.sampled_from([None, "gray", "viridis", "magma", "inferno", "turbo", "diverging"]),
        st.one_of(texts, junk()),
    ),
    "hidden_layers": mostly(st.lists(st.sampled_from(["pred", "gt"]), max_size=2), junk()),
    "layer_opacity": mostly(
        st.dictionaries(st.sampled_from(["pred", "gt"]), st.floats(0, 1)),
        st.one_of(st.dictionaries(texts, st.one_of(floats, ints)), junk()),
    ),
}
assert set(VIEW_VALUES) == set(VIEW_OPTIONS), "a view option has no strategy"


def view_state() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=VIEW_VALUES)


def denormalize_values() -> st.SearchStrategy[Any]:
    numbers = mostly(st.floats(0.01, 2), st.one_of(floats, ints, texts))
    return mostly(
        st.one_of(
            st.sampled_from([None, "imagenet", "pm1"]),
            st.tuples(numbers, numbers),
            st.tuples(st.lists(numbers, min_size=3, max_size=3), st.lists(numbers, max_size=4)),
        ),
        st.one_of(st.sampled_from(["ImageNet", ("a", "b")]), junk()),
    )
