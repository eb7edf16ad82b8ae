"""What lint reports: one Problem per defect (file, line, kind, fix) and the LintReport."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("syntax", "unknown-name", "citation", "provision", "vocabulary", "documents", "element")


@dataclass(frozen=True, order=True)
class Problem:
    """One lint finding: the file and line, the kind of defect, and how to fix it."""

    file: str
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "kind": self.kind, "message": self.message}


@dataclass(frozen=True)
class LintReport:
    """Problems across the templates linted (exit 1 when there is any)."""

    templates: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def human(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(
            f"{len(self.templates)} template(s) linted: "
            + (f"{len(self.problems)} problem(s)" if self.problems else "no problems")
        )
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "templates": list(self.templates),
            "ok": self.ok,
            "problems": [p.to_json() for p in self.problems],
        }
