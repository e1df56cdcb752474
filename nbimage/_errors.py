"""One way to word argument errors: name the argument, what was received, what is accepted.

`describe` and `short` never fail and stay short, whatever they are given: deeply nested
lists, ints of a million digits, objects whose `repr` raises or would be megabytes long
(issue 19: the error formatter itself used to raise RecursionError inside an error).
"""

from __future__ import annotations

import math
from typing import Any

_SHOWN_CHARS = 80  # of a received value's repr
_SHOWN_ITEMS = 4  # of a list, tuple, dict or set
_SHOWN_DEPTH = 3  # levels of nesting
_SHOWN_DIGITS = 30  # an int longer than this is described by its size


def _int_text(value: int) -> str:
    """An int as text, or its size when printing it would be long (or refused: Python will
    not turn an int of over 4300 digits into text)."""
    if value.bit_length() <= 3 * _SHOWN_DIGITS:  # < ~27 digits: print it
        return repr(value)
    digits = int(value.bit_length() * math.log10(2)) + 1
    return f"{'-' if value < 0 else ''}<an int of about {digits} digits>"


def _short_repr(value: Any, depth: int) -> str:
    """A bounded repr: containers cut after a few items and levels, never recursing deep."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return _int_text(value)
    if isinstance(value, str):
        return repr(value[: _SHOWN_CHARS + 1])
    if isinstance(value, (bytes, bytearray)):
        text = repr(bytes(value[:_SHOWN_CHARS]))
        return text if len(value) <= _SHOWN_CHARS else text + f"... ({len(value)} bytes)"
    containers = (list, tuple, set, frozenset, dict)
    if isinstance(value, containers):
        if depth >= _SHOWN_DEPTH:
            return "[...]" if isinstance(value, list) else f"{type(value).__name__}(...)"
        if isinstance(value, dict):
            parts = [
                f"{_short_repr(k, depth + 1)}: {_short_repr(v, depth + 1)}"
                for k, v in list(value.items())[:_SHOWN_ITEMS]
            ]
        else:
            parts = [_short_repr(item, depth + 1) for item in list(value)[:_SHOWN_ITEMS]]
        if len(value) > _SHOWN_ITEMS:
            parts.append(f"... {len(value)} items")
        inner = ", ".join(parts)
        if isinstance(value, dict):
            return "{" + inner + "}"
        if isinstance(value, tuple):
            return "(" + inner + ("," if len(value) == 1 else "") + ")"
        if isinstance(value, list):
            return "[" + inner + "]"
        return "{" + inner + "}" if value else f"{type(value).__name__}()"
    try:
        return repr(value)
    except Exception:  # a repr that raises (or recurses) must not hide the real error
        return f"<{type(value).__name__} object>"


def short(value: Any) -> str:
    """A value's repr, at most about 80 characters, whatever the value."""
    text = _short_repr(value, 0)
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 3] + "..."
    return text


def describe(value: Any) -> str:
    """A short, deterministic description of a received value for an error message."""
    try:
        shape = getattr(value, "shape", None)
        dtype = getattr(value, "dtype", None)
        if shape is not None and dtype is not None:
            kind = type(value).__module__.split(".")[0] + "." + type(value).__name__
            return f"{kind} of shape {tuple(int(s) for s in shape)} and dtype {dtype}"
    except Exception:  # a shape that is not a sequence of ints: describe it as a value
        pass
    return f"{short(value)} ({type(value).__name__})"


def bad_type(argument: str, received: Any, accepted: str) -> TypeError:
    """`argument` got a value of the wrong type."""
    return TypeError(f"{argument}: expected {accepted}, got {describe(received)}")


def bad_value(argument: str, problem: str, fix: str | None = None) -> ValueError:
    """`argument` has the right type but an unusable value; `problem` says what and how much."""
    message = f"{argument}: {problem}"
    if fix:
        message += f"; {fix}"
    return ValueError(message)
