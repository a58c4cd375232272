"""Free text that reaches a terminal, a text file, a calendar or paper: which characters may not."""

from __future__ import annotations

import unicodedata

# Control (ESC, NUL, BEL), format (bidirectional overrides such as U+202E, zero-width), private-use,
# surrogate and unassigned characters, and line or paragraph separators.
_UNSAFE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})


def unsafe_char(char: str) -> bool:
    """A tab is a control character too, but harmless: printed text turns it into a space."""
    return char != "\t" and unicodedata.category(char) in _UNSAFE


def first_unsafe(text: str) -> str | None:
    return next((c for c in text if unsafe_char(c)), None)
