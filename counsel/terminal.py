"""Text for a terminal: control characters in stored or typed text shown, never obeyed."""

from __future__ import annotations

import re

# C0 controls but line feed and tab, DEL, C1 controls (U+009B is an 8-bit CSI that some
# terminals obey), and the bidirectional controls that make a terminal show characters in
# another order than they are stored (a case number read backwards).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# In JSON text the C0 controls are already escaped by `json.dumps`; the rest is not.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character a terminal would act on written as `\\xNN` or
    `\\uNNNN` (escape sequences, carriage return, backspace, bell, bidi overrides).

    Line feeds and tabs stay: counsel's own output is laid out with them.
    """
    return _UNSAFE.sub(_escape, text)


def printable_json(text: str) -> str:
    """JSON text (from `json.dumps`) with DEL, C1 and bidi controls as `\\uNNNN` escapes.

    Such characters can only stand inside JSON strings, where the escape means the same
    character: a JSON reader gets the value unchanged, a terminal gets nothing to obey.
    """
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
