"""One way to word argument errors: name the argument, what was received, what is accepted."""

from __future__ import annotations

from typing import Any


def describe(value: Any) -> str:
    """A short, deterministic description of a received value for an error message."""
    shape = getattr(value, "shape", None)
    dtype = getattr(value, "dtype", None)
    if shape is not None and dtype is not None:
        kind = type(value).__module__.split(".")[0] + "." + type(value).__name__
        return f"{kind} of shape {tuple(shape)} and dtype {dtype}"
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{text} ({type(value).__name__})"


def bad_type(argument: str, received: Any, accepted: str) -> TypeError:
    """`argument` got a value of the wrong type."""
    return TypeError(f"{argument}: expected {accepted}, got {describe(received)}")


def bad_value(argument: str, problem: str, fix: str | None = None) -> ValueError:
    """`argument` has the right type but an unusable value; `problem` says what and how much."""
    message = f"{argument}: {problem}"
    if fix:
        message += f"; {fix}"
    return ValueError(message)
