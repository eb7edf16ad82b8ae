"""The reviewer's table of a document: each required element, its source line, its template
line, and the words as rendered for an example."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.errors import CounselError, UsageError
from counsel.render.elements import Element, elements_of, marked_text

if TYPE_CHECKING:
    from counsel.office import Office
    from counsel.render.core import BuiltDocument, DocumentSpec

DEFAULT_EXAMPLES = Path("examples")
WIDTH = 88


def _dates_of(e: Element, on: dt.date | None) -> list[str]:
    """The document dates an element applies to, as a reviewer reads them: its first date (a
    parameter's value as of `on`, else its latest, named too) and the date it stops applying
    (exclusive)."""
    out = []
    if e.starts_parameter:
        start = e.starts_on(on or dt.date.max)
        shown = start.isoformat() if start else "?"
        out.append(f"from {shown} ({e.starts_parameter})")
    elif e.starts:
        out.append(f"from {e.starts.isoformat()}")
    if e.until:
        out.append(f"before {e.until.isoformat()}")
    return out


@dataclass(frozen=True)
class TraceRow:
    """One element of a document, where the law and the template write it, and as rendered."""

    element: Element
    template_at: str
    """"templates/<file>:<line>" of its data-provision mark, or "" when no template marks it."""
    status: str
    """"rendered", or why the example shows no text for it (not required, not produced)."""
    rendered: str = ""

    def to_json(self) -> dict[str, Any]:
        e = self.element
        return {
            "element": e.id,
            "title": e.title,
            "citation": e.citation,
            "source": e.source,
            "source_text": e.source_text,
            "words": list(e.words),
            "when": e.when,
            "from": e.starts.isoformat() if e.starts else e.starts_parameter,
            "until": e.until.isoformat() if e.until else "",
            "template": self.template_at,
            "status": self.status,
            "rendered": self.rendered,
        }


@dataclass(frozen=True)
class Trace:
    """The table for one document."""

    spec: DocumentSpec
    example: str
    on: dt.date | None
    rows: tuple[TraceRow, ...]
    note: str = ""

    def human(self) -> str:
        s = self.spec
        head = f"{s.name} ({s.interview}/{s.id}, templates/{s.template})"
        lines = [head, "=" * min(len(head), WIDTH)]
        if self.example:
            when = self.on.isoformat() if self.on else "its document date"
            lines.append(f"Rendered from {self.example}, the law as of {when}.")
        if self.note:
            lines.append(self.note)
        if not self.rows:
            lines.append("(no required elements listed in templates/elements.toml)")
        for row in self.rows:
            e = row.element
            lines += ["", f"{e.id}: {e.title}"]
            lines.append(f"  law:      {e.citation}; {e.source}")
            lines += _wrap(f'"{e.source_text}"', "            ")
            applies = []
            if e.when:
                applies.append(f"when {e.when}")
            applies += _dates_of(e, self.on)
            if applies:
                lines.append(f"  applies:  {'; '.join(applies)}")
            lines.append(f"  template: {row.template_at or 'NOT MARKED in the template'}")
            lines.append(f"  must say: {', '.join(repr(w) for w in e.words)}")
            if row.status == "rendered":
                lines += _wrap(row.rendered, "            ", "  rendered: ")
            else:
                lines.append(f"  rendered: ({row.status})")
        return "\n".join(lines)

    def markdown(self) -> str:
        s = self.spec
        out = [
            f"**{s.title}** (`{s.interview}/{s.id}`, `templates/{s.template}`)"
            + (f", rendered from `{self.example}`" if self.example else ""),
            "",
            "| element | source line | template | as rendered |",
            "|---|---|---|---|",
        ]
        for row in self.rows:
            e = row.element
            rendered = row.rendered if row.status == "rendered" else f"({row.status})"
            cells = [
                f"`{e.id}`: {e.title} ({e.citation})",
                f"`{e.source}`: \u201c{e.source_text}\u201d",
                f"`{row.template_at}`" if row.template_at else "NOT MARKED",
                rendered,
            ]
            out.append(
                "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"
            )
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.spec.id,
            "interview": self.spec.interview,
            "name": self.spec.name,
            "template": self.spec.template,
            "example": self.example,
            "as_of": self.on.isoformat() if self.on else None,
            "note": self.note,
            "elements": [r.to_json() for r in self.rows],
        }


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    out: list[str] = []
    for n, part in enumerate(text.split("\n")):
        lead = first if first is not None and n == 0 else indent
        out += textwrap.wrap(part, WIDTH, initial_indent=lead, subsequent_indent=indent) or [lead]
    return out


def mark_lines(template: str) -> dict[str, str]:
    """Element id -> "templates/<file>:<line>" of its first mark in the template or a partial."""
    from counsel.authoring.lint import provision_marks, referenced
    from counsel.authoring.sources import template_source
    from counsel.render.env import PackageLoader, make_environment

    env = make_environment(PackageLoader())
    out: dict[str, str] = {}
    for name in referenced(env, template):
        for pid, line in provision_marks(template_source(name)):
            out.setdefault(pid, f"templates/{name}:{line}")
    return out


def find_documents(name: str | None) -> list[DocumentSpec]:
    """Documents a name picks: document id, output name or template file (None: every one)."""
    from counsel.render.core import load_document_specs

    specs = [s for documents in load_document_specs().values() for s in documents]
    if name is None:
        return specs
    picked = [
        s for s in specs if name in (s.id, s.name, s.template, s.template.removesuffix(".html"))
    ]
    if not picked:
        known = ", ".join(s.id for s in specs)
        raise UsageError(f"no document {name!r} (documents: {known})", what="document")
    return picked


def _example_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if p.name != "office.toml")


def _build(
    spec: DocumentSpec, example: Path, office: Office, on: dt.date | None
) -> tuple[BuiltDocument | None, dt.date | None, str]:
    """The document built from the example (first recipient of a for_each), or why not."""
    from counsel.interviewer import load_answers_file, load_interview
    from counsel.render.core import Renderer

    interview_id, raw = load_answers_file(example)
    if interview_id != spec.interview:
        return None, None, f"{example} answers the {interview_id} interview"
    result = load_interview(interview_id).validate(raw, office)
    if result.errors:
        return None, None, f"{example} does not validate ({result.errors[0]})"
    answers = dict(result.answers)
    when = on or answers.get("document_date") or dt.date.today()
    try:
        built = Renderer(manifest={interview_id: (spec,)}).build(
            interview_id, answers, office, when
        )
    except CounselError as exc:
        return None, when, f"the renderer refuses it: {str(exc).splitlines()[-1].strip()}"
    if not built:
        return None, when, f"{example} does not produce this document (its `when`)"
    return built[0], when, ""


def trace(
    spec: DocumentSpec,
    office: Office,
    *,
    example: Path | None = None,
    examples_dir: Path = DEFAULT_EXAMPLES,
    on: dt.date | None = None,
) -> Trace:
    """The reviewer's table for one document, rendered from `example` (else the first file in
    `examples_dir` that produces the document)."""
    elements = elements_of(spec.id)
    marks = mark_lines(spec.template)
    candidates = [example] if example is not None else _example_files(examples_dir)
    built, when, note = None, on, ""
    used = ""
    for path in candidates:
        built, when, why = _build(spec, path, office, on)
        if built is not None:
            used = str(path)
            break
        if example is not None:
            note = f"Not rendered: {why}."
    if built is None and example is None:
        note = f"No example in {examples_dir} produces this document; nothing rendered."
    rows = []
    for e in elements:
        at = marks.get(e.id, "")
        if built is None:
            rows.append(TraceRow(e, at, "no example rendered"))
            continue
        assert when is not None
        if not e.in_force(when):
            rows.append(TraceRow(e, at, f"not in force on {when.isoformat()}"))
            continue
        text = marked_text(built.model, e.id)
        if not text.strip():
            status = f"not required for this example: when {e.when}" if e.when else "not marked"
            rows.append(TraceRow(e, at, status))
            continue
        rows.append(TraceRow(e, at, "rendered", " ".join(text.split())))
    return Trace(spec, used, when if built is not None else on, tuple(rows), note)
