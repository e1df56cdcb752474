"""Diagnostics: what happened to the data on its way to the picture, as stable codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Diagnostic:
    """One finding about an image: a stable `code`, its `severity` and a human `message`."""

    code: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"[{self.severity}] {self.code}: {self.message}"
