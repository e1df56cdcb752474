"""What every fuzz case must satisfy (issue 19), whatever it was given.

- It either succeeds or raises TypeError / ValueError / FileNotFoundError whose message
  starts with the argument's name (with the path into it) and stays short.
- It ends within PER_CASE_SECONDS (a FIFO opened for reading would block forever).
- No warning (numpy, PIL, torch or ours) reaches the user.
- What was accepted can be displayed (`_repr_mimebundle_`, a view whose state serializes
  as the comm sends it: strict JSON, UTF-8), encoded (`to_bytes`) and inspected (the
  inspector's reply at corners, centre and outside the picture).
- The caller's inputs are unchanged afterwards.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import math
import re
import signal
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import PIL.Image
import PIL.ImageFile
import torch
from fuzz_outcomes import OUTCOMES
from ipywidgets.widgets.widget import _remove_buffers

import nbimage
from nbimage.widget import ImageView

ALLOWED = (TypeError, ValueError, FileNotFoundError)
PER_CASE_SECONDS = 30
MAX_MESSAGE = 1500  # characters: a bounded repr keeps every message well under this
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class Hang(BaseException):
    """The case ran past PER_CASE_SECONDS."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(_signum: int, _frame: Any) -> None:
        raise Hang(f"the case ran longer than {seconds} s (a hang)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def comm_bytes(message: Any) -> bytes:
    """A message serialized as the comm does, but strictly: jupyter_client's packer falls
    back (with a warning) where this raises, so a fallback counts as a failure here."""
    return json.dumps(message, ensure_ascii=False, allow_nan=False).encode("utf-8")


# --- no mutation --------------------------------------------------------------------------


def fingerprint(value: Any, depth: int = 0) -> Any:
    """A comparable snapshot of a user input (arrays by bytes, floats by repr)."""
    if depth > 40:
        return ("deep", id(value))
    if isinstance(value, np.ndarray):
        values = value.tobytes() if value.dtype.kind != "O" else repr(value.tolist())
        return ("ndarray", value.dtype.str, value.shape, value.strides, values)
    if isinstance(value, torch.Tensor):
        return ("tensor", _tensor_print(value))
    if isinstance(value, PIL.Image.Image):
        pixels: Any = "file-backed"  # reading a lazily opened file is not changing it
        if not isinstance(value, PIL.ImageFile.ImageFile):
            try:
                pixels = value.tobytes()
            except ValueError:  # closed
                pixels = "closed"
        return ("pil", value.mode, value.size, sorted(map(str, value.info)), pixels)
    if isinstance(value, dict):
        return (
            "dict",
            [(fingerprint(k, depth + 1), fingerprint(v, depth + 1)) for k, v in value.items()],
        )
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [fingerprint(v, depth + 1) for v in value])
    if isinstance(value, float):
        return ("float", repr(value))
    if isinstance(value, (int, str, bytes, bool, type(None))):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return ("buffer", bytes(value))
    return (type(value).__name__, id(value))


def _tensor_print(tensor: torch.Tensor) -> Any:
    meta = (str(tensor.dtype), tuple(tensor.shape), str(tensor.layout), str(tensor.device))
    if tensor.is_meta:
        return meta
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = tensor.detach()
        if plain.layout != torch.strided:
            plain = plain.to_dense()
        if plain.is_quantized:
            plain = plain.int_repr()
        plain = plain.resolve_neg().resolve_conj().cpu()
        if plain.dtype in (torch.bfloat16, torch.float8_e4m3fn, torch.uint16):
            plain = plain.to(torch.float32)
        return (*meta, tensor.requires_grad, plain.contiguous().numpy().tobytes())


# --- one case -------------------------------------------------------------------------------


def names_argument(message: str, names: Sequence[str]) -> bool:
    """The message starts with the argument (`boxes['pred'].box_data[3]...: ...`), or is
    traitlets' own sentence about the trait (`The 'page' trait of an ImageView ...`)."""
    pattern = "|".join(re.escape(name) for name in names)
    own = re.match(rf"(?:{pattern})(?:[\s:\[.(]|$)", message)
    return own is not None or re.match(rf"The '(?:{pattern})' trait", message) is not None


def run_case(
    test: str,
    names: Sequence[str],
    inputs: Any,
    call: Callable[[], Any],
    check: Callable[[Any], None],
) -> Any:
    """Run `call()`; check its error or, when it succeeds, `check(result)`; then that
    `inputs` are unchanged and no warning was raised. Returns the result or None."""
    before = fingerprint(inputs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with time_limit(PER_CASE_SECONDS):
            try:
                result = call()
            except ALLOWED as error:
                message = str(error)
                assert names_argument(message, names), (
                    f"{type(error).__name__} does not start with one of {list(names)}: "
                    f"{message[:300]!r}"
                )
                assert len(message) <= MAX_MESSAGE, f"message of {len(message)} chars"
                message.encode("utf-8")  # printable in any terminal
                result = None
                OUTCOMES[test][type(error).__name__] += 1
            else:
                check(result)
                OUTCOMES[test]["accepted"] += 1
    shown = [f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})" for w in caught]
    assert not shown, f"warnings reached the user: {shown}"
    assert fingerprint(inputs) == before, "the caller's input was modified"
    return result


# --- what an accepted input must allow ------------------------------------------------------


def check_image(image: nbimage.Image) -> None:
    """Displayed, encoded and inspected."""
    assert isinstance(image, nbimage.Image)
    repr(image)
    for diagnostic in image.diagnostics:
        diagnostic.message.encode("utf-8")
    bundle = image._repr_mimebundle_()
    if isinstance(bundle, tuple):  # (data, metadata), as hosts that keep metadata want it
        bundle = bundle[0]
    assert WIDGET_MIME in bundle and "image/png" in bundle and "text/plain" in bundle
    fallback = PIL.Image.open(io.BytesIO(base64.b64decode(bundle["image/png"])))
    fallback.load()
    encoded = image.to_bytes()
    assert encoded
    if image.source != "path":  # a path's file is logged as it is
        with PIL.Image.open(io.BytesIO(encoded)) as logged:
            logged.load()
            assert logged.size == (image.width, image.height)
    check_view(nbimage.show(image))


def check_view(view: ImageView) -> None:
    """The state goes through the comm; every item answers the inspector."""
    assert isinstance(view, ImageView)
    state, _paths, _buffers = _remove_buffers(view.get_state())
    comm_bytes(state)
    data, _metadata = view._repr_mimebundle_() or ({}, {})
    if "image/png" in data:
        PIL.Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).load()
    for index, item in enumerate(view.items):
        width, height = item["width"], item["height"]
        points = [(0, 0), (width - 1, height - 1), (width // 2, height // 2), (width - 1, 0)]
        points += [(-1, 0), (width, height - 1), (0, height)]
        for x, y in points:
            request = {"type": "inspect", "item": index, "x": x, "y": y, "request_id": 7}
            reply = view.inspect_reply(request)
            comm_bytes(reply)
            inside = 0 <= x < width and 0 <= y < height
            # A channel panel answers with every channel's raw value, no displayed level.
            if view.view != "channels":
                assert bool(reply["shown"]) == inside, reply
            assert all(isinstance(v, int) and 0 <= v <= 65535 for v in reply["shown"]), reply
            for value in reply["raw"] or []:
                special = value in ("NaN", "+Inf", "-Inf")  # JSON has no NaN: said in words
                assert value is None or special or math.isfinite(value), reply
        view._on_custom_message(view, {"type": "inspect", "item": index, "x": "a"}, [])
