"""Element marks: each element a document must state is marked data-provision="id"."""

from __future__ import annotations

import re
from collections.abc import Collection

from counsel.authoring.lint.problems import Problem

_PROVISION_ATTR = re.compile(r"data-provision\s*=\s*([\"'])(.*?)\1", re.S)


def provision_marks(source: str) -> list[tuple[str, int]]:
    """Every provision id marked with data-provision in the source, with its line."""
    out: list[tuple[str, int]] = []
    for m in _PROVISION_ATTR.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        out.extend((pid, line) for pid in m.group(2).split() if "{" not in pid)
    return out


def check_provisions(
    name: str, source: str, required: Collection[str], known: Collection[str]
) -> list[Problem]:
    """Each required provision is marked; no mark names a provision that does not exist."""
    marks = provision_marks(source)
    problems = [
        Problem(
            name,
            line,
            "provision",
            f"data-provision {pid!r} is not a provision id (known: {', '.join(sorted(known))})",
        )
        for pid, line in marks
        if pid not in known
    ]
    marked = {pid for pid, _ in marks}
    for pid in required:
        if pid not in marked:
            problems.append(
                Problem(
                    name,
                    1,
                    "provision",
                    f"the document must state provision {pid!r} but no element is marked "
                    f'data-provision="{pid}"',
                )
            )
    return problems
