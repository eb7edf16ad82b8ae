"""Why a TOML file fails on a date written without quotes: the line, the key, what is wrong."""

from __future__ import annotations

import re
import tomllib

from counsel.rules.dates import FORMATS, parse_date
from counsel.rules.errors import RuleInputError

# tomllib (Python 3.11) gives no line attribute: its message ends "(at line N, column M)".
_AT = re.compile(r"\(at line (?P<line>\d+), column (?P<col>\d+)\)")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'")
# A bare value that starts like a date: 2026-13-45, 2026-1-5, 12/01/2026, 2026-02-30T09:00.
_BARE_DATE = re.compile(
    r"(?P<key>[A-Za-z0-9_-]+)\s*=\s*"
    r"(?P<value>[0-9]{1,4}[-/][0-9]{1,2}[-/][0-9]{1,4}(?:[T ][0-9:.]+)?)"
)
_TOML_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def toml_error_message(exc: tomllib.TOMLDecodeError, text: str) -> str:
    """The decoder's complaint, or, when the line it stops on holds a date without quotes,
    which key's date is wrong and how. Never the value itself (it may be a birth date)."""
    at = _AT.search(str(exc))
    if at is not None:
        number = int(at.group("line"))
        lines = text.splitlines()
        if 1 <= number <= len(lines):
            problem = _date_problem(_QUOTED.sub('""', lines[number - 1]))
            if problem is not None:
                return f"line {number}: {problem}"
    return f"not valid TOML ({exc})"


def _date_problem(line: str) -> str | None:
    for m in _BARE_DATE.finditer(line):
        key, value = m.group("key"), m.group("value")
        if "T" in value or " " in value:
            return f"{key}: give a date without a time, written {FORMATS}"
        try:
            parse_date(value)
        except RuleInputError as exc:
            return f"{key}: the date is {exc.message}"
        if not _TOML_DATE.fullmatch(value):
            return (
                f"{key}: a date without quotes must be written YYYY-MM-DD with a two-digit "
                'month and day (2026-03-05); or put it in quotes ("3/5/2026")'
            )
    return None
