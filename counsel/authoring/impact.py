"""`counsel templates impact`: what cites a section, what changed, which documents differ."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counsel.authoring.sources import Use
from counsel.errors import UsageError

if TYPE_CHECKING:
    from counsel.law import Section, Store
    from counsel.office import Office
    from counsel.render.core import Renderer


@dataclass(frozen=True)
class DocumentChange:
    """One example document that reads differently after the change, with the text diff."""

    example: str
    interview: str
    document: str
    diff: str
    wording_changed: bool
    """False when only the version the document cites changed (its citation list at the end),
    not the words of the document itself."""

    def to_json(self) -> dict[str, str]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class ImpactReport:
    citation: str
    section: str
    from_: dt.date
    to: dt.date
    old: str
    """The version in force on `from_`: effective date and source line."""
    new: str
    uses: tuple[Use, ...]
    findings: tuple[tuple[str, str], ...]
    """(example file, finding name) for each finding computed from an example that cites it."""
    diff: str
    changed: tuple[DocumentChange, ...]
    unchanged: tuple[str, ...]
    """"example: document" for each example document that reads the same."""
    errors: tuple[str, ...]
    """Examples that could not be rendered (named, with the reason)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "citation": self.citation,
            "section": self.section,
            "from": self.from_.isoformat(),
            "to": self.to.isoformat(),
            "old_version": self.old,
            "new_version": self.new,
            "cited_by": [dataclasses.asdict(u) for u in self.uses],
            "findings": [{"example": e, "finding": f} for e, f in self.findings],
            "diff": self.diff,
            "documents_changed": [c.to_json() for c in self.changed],
            "documents_unchanged": list(self.unchanged),
            "errors": list(self.errors),
        }

    def human(self) -> str:
        out = [
            f"Impact of {self.section} between {self.from_.isoformat()} and {self.to.isoformat()}",
            f"  before: {self.old}",
            f"  after:  {self.new}",
            "",
        ]
        for kind, title in (
            ("interview", "Interviews"),
            ("template", "Templates"),
            ("element", "Required elements"),
            ("rule", "Rules"),
            ("parameter", "Parameters"),
        ):
            places = [u for u in self.uses if u.kind == kind]
            out.append(f"{title} citing it ({len(places)}):")
            out += [f"  {u.where}  {u.citation}" for u in places] or ["  (none)"]
        out.append(f"Findings citing it ({len(self.findings)}):")
        out += [f"  {f} (from {e})" for e, f in self.findings] or ["  (none)"]
        out += ["", "Change in the section's text:"]
        out.append(self.diff.rstrip() if self.diff else "  (no change in the stored text)")
        out += ["", f"Example documents that render differently ({len(self.changed)}):"]
        for change in self.changed:
            what = "wording changes" if change.wording_changed else "only the cited version"
            out.append(f"  {change.example}: {change.document} ({what})")
        for change in self.changed:
            out += ["", f"--- {change.example}: {change.document}", change.diff.rstrip()]
        if self.unchanged:
            out += ["", f"Unchanged ({len(self.unchanged)}): " + ", ".join(self.unchanged)]
        if self.errors:
            out += ["", "Examples not rendered:"] + [f"  {e}" for e in self.errors]
        return "\n".join(out)


def default_dates(
    section: Section, from_: dt.date | None, to: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date]:
    """Missing dates default to the section's latest change: the day before it, and the day."""
    if from_ is not None and to is not None:
        if from_ > to:
            raise UsageError("must be on or before the end date", what="from", fix_with="to")
        return from_, to
    dated = [v.effective for v in section.versions if v.effective is not None]
    if to is None:
        if from_ is not None:
            later = [d for d in dated if d > from_]
            to = later[0] if later else today
            return from_, to
        if not dated:
            # No dated version: the store holds one text for every date, so there is no change
            # to show, but who cites the section is still worth the author's asking.
            return today, today
        to = dated[-1]
    if from_ is None:
        in_force = section.as_of(to).effective
        from_ = (in_force or to) - dt.timedelta(days=1)
    if from_ > to:
        raise UsageError("must be on or before the end date", what="from", fix_with="to")
    return from_, to


def _describe(section: Section, on: dt.date) -> str:
    try:
        version = section.as_of(on)
    except Exception as exc:  # NotInForceError: nothing in force yet
        return f"not in force ({exc})"
    when = version.effective_iso or "unknown date"
    source = version.source or f"no source line; text from {version.origin or 'unknown'}"
    return f"version effective {when}, {source}"


def section_as_of(store: Store, key: str, on: dt.date) -> Store:
    """A view of the store in which one section holds only its versions effective on or before
    `on`; every other section is as stored, so two renders differ because of this one alone."""
    from counsel.law import Store

    class SectionAsOf(Store):
        def section(self, citation: Any) -> Section:
            found = super().section(citation)
            if found.citation != key:
                return found
            kept = tuple(v for v in found.versions if v.effective is None or v.effective <= on)
            return dataclasses.replace(found, versions=kept or found.versions[:1])

    # Same data folder as `store` (read only); a new Store keeps its own parse cache.
    return SectionAsOf(store._root)  # noqa: SLF001


def example_files(examples_dir: Path) -> list[Path]:
    if not examples_dir.is_dir():
        raise UsageError(f"{examples_dir} is not a folder of example answers", what="examples")
    return sorted(p for p in examples_dir.glob("*.toml") if p.name != "office.toml" and p.is_file())


def default_examples_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "examples"


def impact(
    citation: str,
    *,
    from_: dt.date | None = None,
    to: dt.date | None = None,
    office: Office,
    examples_dir: Path | None = None,
    template_dir: Path | None = None,
    today: dt.date | None = None,
    store: Store | None = None,
) -> ImpactReport:
    """Who cites the section, the diff between its versions on two dates, and which example
    documents read differently when only this section moves from `from_` to `to`."""
    from counsel.authoring.statutes_check import collect_uses
    from counsel.law import CitationError, NotInForceError, get_store, parse_citation

    store = store if store is not None else get_store()
    parsed = parse_citation(citation)
    section = store.section(parsed)
    key = section.citation
    today = today or dt.date.today()
    from_, to = default_dates(section, from_, to, today)

    uses: list[Use] = []
    for use in collect_uses(template_dir):
        try:
            if parse_citation(use.citation).section_key == key:
                uses.append(use)
        except CitationError:
            continue

    try:
        diff = store.diff(key, from_, to)
    except NotInForceError:
        # A section with one stored version (most of them): by default `from_` is the day
        # before it took effect, when the store holds nothing. The change is then the whole
        # text; who cites the section is still the answer the author came for.
        diff = "".join(
            line if line.endswith("\n") else line + "\n"
            for line in difflib.unified_diff(
                [],
                section.as_of(to).text.splitlines(keepends=True),
                f"{key} (not in force on {from_.isoformat()})",
                f"{key} as of {to.isoformat()}",
            )
        )
    from counsel.render.core import Renderer

    views = {
        side: section_as_of(store, key, day) for side, day in (("before", from_), ("after", to))
    }
    renderers = {side: Renderer(store=view) for side, view in views.items()}

    changed: list[DocumentChange] = []
    unchanged: list[str] = []
    errors: list[str] = []
    findings: list[tuple[str, str]] = []
    for path in example_files(examples_dir or default_examples_dir()):
        try:
            interview_id, answers, on = _load_example(path)
            findings += _citing_findings(path.name, interview_id, answers, office, on, key)
            before = _texts(renderers["before"], views["before"], interview_id, answers, office, on)
            after = _texts(renderers["after"], views["after"], interview_id, answers, office, on)
        except Exception as exc:  # one bad example must not hide the others' results
            errors.append(f"{path.name}: {type(exc).__name__}: {exc}")
            continue
        if isinstance(before, str) and isinstance(after, str):
            errors.append(f"{path.name}: not rendered under either version: {after}")
            continue
        # A render refused under one version only (a pinpoint that did not exist yet, say)
        # is itself the change: each document reads as the refusal on that side.
        if isinstance(before, str):
            assert isinstance(after, dict)
            before = {doc_id: before for doc_id in after}
        if isinstance(after, str):
            after = {doc_id: after for doc_id in before}
        for doc_id in sorted(set(before) | set(after)):
            old, new = before.get(doc_id, ""), after.get(doc_id, "")
            if old == new:
                unchanged.append(f"{path.name}: {doc_id}")
                continue
            text_diff = "".join(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    new.splitlines(keepends=True),
                    f"{doc_id} with {key} as of {from_.isoformat()}",
                    f"{doc_id} with {key} as of {to.isoformat()}",
                )
            )
            body_changed = _body(old) != _body(new)
            changed.append(DocumentChange(path.name, interview_id, doc_id, text_diff, body_changed))
    return ImpactReport(
        citation=str(parsed),
        section=key,
        from_=from_,
        to=to,
        old=_describe(section, from_),
        new=_describe(section, to),
        uses=tuple(uses),
        findings=tuple(findings),
        diff=diff,
        changed=tuple(changed),
        unchanged=tuple(unchanged),
        errors=tuple(errors),
    )


def _body(preview: str) -> str:
    """The document's own words: the preview text without the citation list at its end."""
    from counsel.authoring.preview import CITATIONS_RULE

    return preview.rsplit("\n" + CITATIONS_RULE + "\n", 1)[0]


def _load_example(path: Path) -> tuple[str, dict[str, Any], dt.date]:
    from counsel.interviewer import load_answers_file, load_interview

    interview_id, raw = load_answers_file(path)
    result = load_interview(interview_id).validate(raw)
    if result.errors:
        fields = ", ".join(e.field for e in result.errors[:5])
        raise UsageError(f"answers do not validate (fields: {fields})")
    answers = dict(result.answers)
    on = answers.get("document_date")
    if not isinstance(on, dt.date):
        raise UsageError("document_date: the example needs one")
    return interview_id, answers, on


def _citing_findings(
    example: str,
    interview_id: str,
    answers: dict[str, Any],
    office: Office,
    on: dt.date,
    key: str,
) -> list[tuple[str, str]]:
    from counsel.interviewer import load_interview
    from counsel.law import CitationError, parse_citation

    out: list[tuple[str, str]] = []
    for name, finding in sorted(load_interview(interview_id).findings(answers, office, on).items()):
        for cited in finding.citations:
            try:
                if parse_citation(cited).section_key == key:
                    out.append((example, name))
                    break
            except CitationError:
                continue
    return out


def _texts(
    renderer: Renderer,
    store: Store,
    interview_id: str,
    answers: dict[str, Any],
    office: Office,
    on: dt.date,
) -> dict[str, str] | str:
    """Each document's preview text, or the renderer's refusal (its problems) as one text."""
    from counsel.authoring.preview import preview_text
    from counsel.render.core import RenderError

    try:
        built = renderer.build(interview_id, answers, office, on)
    except RenderError as exc:
        return "RENDER REFUSED:\n" + "\n".join(exc.problems) + "\n"
    return {b.model.doc_id: preview_text(b.model, on, store) for b in built}
