"""Text shown to a person (captions, box captions, class names) made safe to send.

A lone surrogate ('\\ud800', what a badly decoded file name leaves in a str) cannot be
encoded as UTF-8, so the comm could not send the view and the cell showed only the text
repr (issue 19). Such characters are replaced by U+FFFD and a `text-replaced` diagnostic
says where.
"""

from __future__ import annotations

import re

from nbimage.diagnostics import Diagnostic

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> tuple[str, int]:
    """`text` with every lone surrogate replaced, and how many were."""
    if text.isascii():  # the common case: nothing to scan
        return text, 0
    return _SURROGATE.subn(REPLACEMENT, text)


def has_surrogates(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def replaced_diagnostic(places: list[str]) -> Diagnostic:
    """One `text-replaced` warning naming where text was changed (a few, then a count)."""
    shown = ", ".join(places[:3]) + (f" and {len(places) - 3} more" if len(places) > 3 else "")
    return Diagnostic(
        "text-replaced",
        "warning",
        f"{shown} held lone surrogates (characters that are not valid Unicode text, e.g. "
        f"from a badly decoded file name); they are shown as {REPLACEMENT!r} -> decode the "
        "bytes with the right encoding, or errors='replace'",
    )
