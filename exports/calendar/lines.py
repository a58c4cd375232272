"""RFC 5545 content lines: the parts `ics` 0.7 leaves undone (folding, CRLF, a valid zero trigger)."""

from __future__ import annotations

import re

_FOLD_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_EMPTY_TRIGGER = re.compile(r"^TRIGGER:-?P(?=\r\n|$)", re.MULTILINE)


def plain_text(text: str) -> str:
    """Text a TEXT value may carry: one kind of line break, no control characters.

    `ics` escapes a carriage return as `\\r`, which RFC 5545 does not define, and passes other
    control characters through, which it forbids.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(" ", text)


def valid_trigger(alarm: str) -> str:
    """`ics` writes a zero offset as `TRIGGER:P` (no duration at all); RFC 5545 needs `PT0S`."""
    return _EMPTY_TRIGGER.sub("TRIGGER:PT0S", alarm)


def insert_before_end(component: str, lines: list[str]) -> str:
    """Put lines (properties or whole sub-components) just before a component's END line."""
    head, sep, end = component.rpartition("\r\nEND:")
    if not sep:
        raise ValueError("not a serialised component")
    return "\r\n".join([head, *lines]) + sep + end


def fold(line: str) -> str:
    """Fold one content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= _FOLD_OCTETS:
        return line
    pieces = []
    start, room = 0, _FOLD_OCTETS
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            cut -= 1
        pieces.append(data[start:cut])
        start, room = cut, _FOLD_OCTETS - 1  # continuation lines begin with a space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def file_bytes(parts: list[str]) -> bytes:
    """The file from serialised parts (one or more lines each, joined by CRLF): every line folded
    and ended with CRLF, including the last, which `ics` leaves without one."""
    lines = "\r\n".join(parts).split("\r\n")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
