"""The Renderer: answers + findings + office -> checked document models -> PDF/DOCX bytes.

Beside it: which documents an interview produces (specs.py), cite()/quote() (citer.py), what
must stay private (privacy.py). Files are written, and recorded, by counsel.case.issue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from counsel.case.identity import as_of_date
from counsel.errors import CounselError, UsageError
from counsel.office import Office
from counsel.render import checks
from counsel.render.caption import caption_for
from counsel.render.citer import Citer, StatuteStore
from counsel.render.elements import Element, load_elements, required_elements
from counsel.render.env import PackageLoader, make_environment, plain, read_package_text
from counsel.render.model import Document, Metadata
from counsel.render.parse import StructureError, parse_html, visible
from counsel.render.privacy import protected_values, served_on_other, without_answers
from counsel.render.provenance import Provenance, answers_hash
from counsel.render.specs import CAPTIONS, SERVED_ON, DocumentSpec, load_document_specs

if TYPE_CHECKING:
    from counsel.rules.findings import Finding

__all__ = [
    "CAPTIONS",
    "CONTEXT_GLOBALS",
    "SERVED_ON",
    "BuiltDocument",
    "Citer",
    "DocumentSpec",
    "DocumentWriter",
    "FindingsFor",
    "RenderError",
    "Renderer",
    "StatuteStore",
    "load_document_specs",
    "protected_values",
    "served_on_other",
]

# Names the renderer puts in every template context beside the answers and findings.
CONTEXT_GLOBALS = frozenset(
    {"findings", "office", "attorney", "caption", "document", "recipient", "cite", "quote", "on"}
)


class RenderError(UsageError):
    """One or more checks failed; `problems` lists every one. Nothing was written."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s); nothing was written"
        super().__init__(head + "\n  " + "\n  ".join(self.problems))


@dataclass(frozen=True)
class BuiltDocument:
    """A checked document model with its provenance and output file stem."""

    spec: DocumentSpec
    model: Document
    provenance: Provenance
    stem: str
    html: str = field(default="", repr=False, compare=False)
    """The template's rendered HTML (before parsing), for debugging and the linter."""


class DocumentWriter(Protocol):
    """A document model to file bytes: counsel.render.pdf.PdfWriter, docx_writer.DocxWriter."""

    def write(self, doc: Document, meta: dict[str, str], identifier: str) -> bytes: ...


FindingsFor = Callable[[str, Mapping[str, Any], Office, dt.date], Mapping[str, "Finding"]]
"""(interview id, typed answers, office, date) -> findings by name."""


def _default_store() -> StatuteStore:
    from counsel.law import get_store

    return get_store()


def _default_findings(
    interview_id: str, answers: Mapping[str, Any], office: Office, on: dt.date
) -> Mapping[str, Finding]:
    from counsel.interviewer import load_interview

    return load_interview(interview_id).findings(answers, office, on)


class Renderer:
    """Loads templates, the stylesheet and fonts once; renders many cases (batch workers reuse
    one per process). Thread-safe for `build`; the writers serialize on their own locks."""

    def __init__(
        self,
        *,
        store: StatuteStore | None = None,
        findings: FindingsFor | None = None,
        elements: Sequence[Element] | None = None,
        manifest: Mapping[str, tuple[DocumentSpec, ...]] | None = None,
    ) -> None:
        self._store = store
        self._findings = findings or _default_findings
        self.elements = tuple(elements) if elements is not None else load_elements()
        """What the law requires of each document (templates/elements.toml)."""
        self.manifest = dict(manifest) if manifest is not None else load_document_specs()
        self.loader = PackageLoader()
        self.env = make_environment(self.loader)
        self._lock = threading.Lock()
        self._pdf: DocumentWriter | None = None
        self._docx: DocumentWriter | None = None
        self._hashes: dict[str, str] = {}
        self._exprs: dict[str, Any] = {}
        self._css_hash = hashlib.sha256(read_package_text("style.css").encode()).hexdigest()

    @property
    def store(self) -> StatuteStore:
        if self._store is None:
            self._store = _default_store()
        return self._store

    # -- writers (created on first use: WeasyPrint costs ~0.8 s to import) ----------------
    @property
    def pdf_writer(self) -> DocumentWriter:
        with self._lock:
            if self._pdf is None:
                from counsel.render.pdf import PdfWriter

                self._pdf = PdfWriter()
            return self._pdf

    @property
    def docx_writer(self) -> DocumentWriter:
        with self._lock:
            if self._docx is None:
                from counsel.render.docx_writer import DocxWriter

                self._docx = DocxWriter()
            return self._docx

    def documents_for(self, interview_id: str) -> tuple[DocumentSpec, ...]:
        try:
            return self.manifest[interview_id]
        except KeyError:
            known = ", ".join(sorted(self.manifest))
            raise UsageError(
                f"interview '{interview_id}' has no documents (known: {known})"
            ) from None

    def template_hash(self, template: str) -> str:
        if template not in self._hashes:
            h = hashlib.sha256()
            h.update(self.loader.source_hash(template).encode())
            h.update(self._css_hash.encode())
            self._hashes[template] = h.hexdigest()
        return self._hashes[template]

    # -- building ------------------------------------------------------------------------
    def context(
        self,
        answers: Mapping[str, Any],
        findings: Mapping[str, Any],
        office: Office,
        on: dt.date,
    ) -> dict[str, Any]:
        """The plain-data context every document of a case shares (answers at top level)."""
        ctx: dict[str, Any] = {k: plain(v, k) for k, v in answers.items()}
        plain_findings = {k: plain(v, f"findings.{k}") for k, v in findings.items()}
        for name, value in plain_findings.items():
            ctx.setdefault(name, value)
        ctx["findings"] = plain_findings
        ctx["office"] = plain(office, "office")
        ctx["attorney"] = ctx["office"]["attorneys"][0]
        ctx["on"] = on
        return ctx

    def build(
        self,
        interview_id: str,
        answers: Mapping[str, Any],
        office: Office,
        on: dt.date | None = None,
        *,
        findings: Mapping[str, Any] | None = None,
        only: Iterable[str] | None = None,
    ) -> list[BuiltDocument]:
        """Every document of the interview (or the manifest ids in `only`), rendered, parsed
        and checked.

        Raises RenderError listing every problem in every document (nothing is returned
        half-checked).
        """
        specs = self.documents_for(interview_id)
        if only is not None:
            wanted = set(only)
            unknown = wanted - {s.id for s in specs}
            if unknown:
                raise UsageError(f"interview '{interview_id}' has no document '{min(unknown)}'")
            specs = tuple(s for s in specs if s.id in wanted)
        on = as_of_date(answers, on)
        if findings is None:
            findings = self._findings(interview_id, answers, office, on)
        base = self.context(answers, findings, office, on)
        snapshot = str(self.store.snapshot_hash())
        a_hash = answers_hash(answers)
        problems: list[str] = []
        built: list[BuiltDocument] = []
        for spec in specs:
            try:
                if spec.when and not self._expr(spec.when, base):
                    continue
                if spec.refuse_if and self._expr(spec.refuse_if, base):
                    problems.append(f"{spec.id}: {spec.refuse_message or 'refused'}")
                    continue
                items: list[Any] = [None]
                if spec.for_each:
                    items = list(self._expr(spec.for_each, base) or [])
                for n, item in enumerate(items, start=1):
                    stem = spec.name if not spec.for_each else f"{spec.name}-{n}"
                    doc, doc_problems = self._build_one(spec, base, answers, office, on, item, stem)
                    problems.extend(doc_problems)
                    if doc is not None:
                        prov = Provenance(
                            document_id=stem,
                            interview_id=interview_id,
                            template_id=spec.template,
                            template_hash=self.template_hash(spec.template),
                            statute_snapshot=snapshot,
                            answers_hash=a_hash,
                            document_date=on.isoformat(),
                        )
                        built.append(BuiltDocument(spec, doc[0], prov, stem, doc[1]))
            except CounselError as exc:
                problems.append(f"{spec.id}: {exc}")
        if problems:
            raise RenderError(problems)
        return built

    def _expr(self, source: str, ctx: Mapping[str, Any]) -> Any:
        compiled = self._exprs.get(source)
        if compiled is None:  # compiling costs more than evaluating: once per manifest entry
            compiled = self._exprs[source] = self.env.compile_expression(
                source, undefined_to_none=False
            )
        return compiled(**ctx)

    def _build_one(
        self,
        spec: DocumentSpec,
        base: Mapping[str, Any],
        answers: Mapping[str, Any],
        office: Office,
        on: dt.date,
        item: Any,
        stem: str,
    ) -> tuple[tuple[Document, str] | None, list[str]]:
        from jinja2 import TemplateError

        track = str(answers.get("track") or "")
        citer = Citer(self.store, on, stem)
        ctx = dict(base)
        caption_kind = track if spec.caption == "track" else spec.caption
        if caption_kind:
            ctx["caption"] = caption_for(caption_kind, answers, office)
        ctx["recipient"] = item
        ctx["document"] = {
            "id": spec.id,
            "title": spec.title,
            "date": on,
            "served_on": spec.served_on,
            "confidential": spec.confidential,
        }
        ctx["cite"] = citer.cite
        ctx["quote"] = citer.quote
        try:
            html = self.env.get_template(spec.template).render(ctx)
        except TemplateError as exc:
            # Mostly a missing name or an unsafe attribute; but `table[answer]` makes Jinja
            # quote the answer as the missing key, so the text is checked first.
            message = without_answers(f"{exc.__class__.__name__}: {exc}", answers)
            return None, [f"{stem}: template {spec.template}: {message}"]
        except (TypeError, ValueError, ArithmeticError) as exc:
            # ArithmeticError: decimal's InvalidOperation from `|money` on a non-number.
            message = without_answers(f"{exc.__class__.__name__}: {exc}", answers)
            return None, [f"{stem}: template {spec.template}: {message}"]
        try:
            blocks, provisions = parse_html(html)
        except StructureError as exc:
            return None, [f"{stem}: {spec.template}: {p}" for p in exc.problems]
        subject = str(answers.get("court_case_number") or answers.get("iv_d_case_number") or "")
        model = Document(
            doc_id=stem,
            metadata=Metadata(
                title=spec.title,
                # visible(): an XML-illegal character in a case number or office name would
                # otherwise crash the DOCX writer (the body text is escaped the same way).
                author=visible(office.office_name),
                subject=visible(subject),
                keywords=(spec.interview, spec.id),
                date=on.isoformat(),
                pdf_variant=office.pdf_variant,
            ),
            blocks=tuple(blocks),
            provisions=provisions,
        )
        problems = list(citer.problems)
        for citation in checks.citations_in_text(model):
            if citation not in citer.cited:
                citer.cite(citation)
        problems.extend(p for p in citer.problems if p not in problems)
        required = required_elements(spec.id, on, lambda expr: self._expr(expr, ctx), self.elements)
        problems += checks.missing_elements(model, required)
        if not spec.confidential:
            problems += checks.rule_138(model, answers)
        problems += checks.family_violence(
            model,
            protected_values(answers, spec.served_on),
            served_on_other(spec.served_on, answers),
        )
        return (model, html), problems

    # -- bytes (files are written by counsel.case.issue) ----------------------------------
    def to_pdf(self, built: BuiltDocument) -> bytes:
        meta = built.provenance.metadata()
        data: bytes = self.pdf_writer.write(built.model, meta, built.provenance.digest)
        return data

    def to_docx(self, built: BuiltDocument) -> bytes:
        meta = built.provenance.metadata()
        data: bytes = self.docx_writer.write(built.model, meta, built.provenance.digest)
        return data
