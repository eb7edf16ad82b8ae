"""One road for a case, used by every front end: prepare (validate, find, build, check) and
issue (write files and sidecars, record one register row).

`counsel render`, the TUI's render screen, each batch worker, `counsel register verify` and
`counsel templates preview` go through here; no front end builds a register row, a sidecar or
a document itself. Importing this package is cheap: the renderer loads on first use.
"""

from __future__ import annotations

from counsel.case.errors import (
    AnswersInvalid,
    NothingToIssue,
    OutputClash,
    OutputExists,
    UnknownFormat,
)
from counsel.case.identity import (
    CASE_FIELDS,
    as_of_date,
    case_identifier,
    case_identifier_field,
    case_numbers,
)
from counsel.case.issue import (
    FORMATS,
    Format,
    Issued,
    IssuedDocument,
    OutputFile,
    Outputs,
    issue,
    parse_formats,
    render_outputs,
    write_outputs,
)
from counsel.case.prepare import Prepared, prepare
from counsel.case.record import DocumentFile, RecordSink, RegisterRow, Source, record_row

__all__ = [
    "CASE_FIELDS",
    "FORMATS",
    "AnswersInvalid",
    "DocumentFile",
    "Format",
    "Issued",
    "IssuedDocument",
    "NothingToIssue",
    "OutputClash",
    "OutputExists",
    "OutputFile",
    "Outputs",
    "Prepared",
    "RecordSink",
    "RegisterRow",
    "Source",
    "UnknownFormat",
    "as_of_date",
    "case_identifier",
    "case_identifier_field",
    "case_numbers",
    "issue",
    "parse_formats",
    "prepare",
    "record_row",
    "render_outputs",
    "write_outputs",
]
