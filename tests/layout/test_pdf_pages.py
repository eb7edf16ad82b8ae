"""The PDF as a clerk reads it: no stranded signature, no headless table row, true margins."""

from __future__ import annotations

from counsel.render.html_out import SIGNATURE_RULE
from counsel.render.measure import CELL_PADDING, column_widths
from counsel.render.model import Signature, Table, runs_text
from tests.layout.conftest import Case
from tests.layout.readback import FIRST_TOP, MARGIN, PAGE_H, PAGE_W, Row, flat, matches_row


def _signature_lines(case: Case) -> list[str]:
    lines = [SIGNATURE_RULE]
    for block in case.built.model.blocks:
        if isinstance(block, Signature):
            lines += [flat(runs_text(line)) for line in block.lines]
    return lines


def _in_signature(row: Row, lines: list[str]) -> bool:
    return any(row.text in line for line in lines)  # a long line may wrap in the block


def test_every_document_was_rendered(cases: list[Case]) -> None:
    names = {c.name.split("/")[0] for c in cases}
    assert len(cases) >= 40 and "prior-period-judicial-long" in names and "sweep-lien-0" in names


def test_no_page_holds_only_a_signature_block(cases: list[Case]) -> None:
    stranded = []
    for case in cases:
        lines = _signature_lines(case)
        for page in case.pages:
            body = page.body
            if body and all(_in_signature(r, lines) for r in body):
                stranded.append(f"{case.name} page {page.number}")
    assert not stranded, stranded


def test_the_sweeps_put_a_signature_at_a_page_top(cases: list[Case]) -> None:
    """The sweeps are worth running only if some signature does cross a page break."""
    crossed = 0
    for case in cases:
        if not case.name.startswith("sweep-"):
            continue
        lines = _signature_lines(case)
        for page in case.pages[1:]:
            if any(_in_signature(r, lines) for r in page.body[:6]):
                crossed += 1
    assert crossed >= 3


def _tables(case: Case) -> list[Table]:
    return [b for b in case.built.model.blocks if isinstance(b, Table) and b.header and b.rows]


def test_no_table_row_tops_a_page_without_its_header(cases: list[Case]) -> None:
    problems = []
    for case in cases:
        for table in _tables(case):
            body_rows = table.rows[1:]
            for page in case.pages:
                rows = page.body
                if not rows:
                    continue
                if page.number > 1 and any(matches_row(rows[0], r) for r in body_rows):
                    problems.append(f"{case.name} p{page.number}: a row tops the page, no header")
                if matches_row(rows[-1], table.rows[0]):
                    problems.append(f"{case.name} p{page.number}: the header ends the page")
                if page.number > 1 and matches_row(rows[0], table.rows[0]):
                    on_page = {
                        i for i, r in enumerate(body_rows) for row in rows if matches_row(row, r)
                    }
                    if len(on_page) < min(2, len(body_rows)):
                        problems.append(
                            f"{case.name} p{page.number}: one row alone under the header"
                        )
    assert not problems, problems


def test_tables_do_break_across_pages(cases: list[Case]) -> None:
    """The long answers files make the segment table run over a page (else the test above
    proves nothing): a repeated header tops some page."""
    repeated = [
        case.name
        for case in cases
        for table in _tables(case)
        for page in case.pages[1:]
        if page.body and matches_row(page.body[0], table.rows[0])
    ]
    assert len(repeated) >= 2, repeated


def test_margins_and_footer(cases: list[Case]) -> None:
    problems = []
    for case in cases:
        count = len(case.pages)
        for page in case.pages:
            body = page.body
            top = FIRST_TOP if page.number == 1 else MARGIN
            where = f"{case.name} p{page.number}"
            if not body:
                problems.append(f"{where}: empty page")
                continue
            first = min(r.y0 for r in body)
            # text starts at the margin (a glyph's top sits a little under its line's top)
            if not top <= first <= top + 24:
                problems.append(f"{where}: text starts {first:.1f} pt from the top, not {top}")
            if max(r.y1 for r in body) > PAGE_H - MARGIN + 0.5:
                problems.append(f"{where}: text runs into the bottom margin")
            if (
                min(r.x0 for r in body) < MARGIN - 0.5
                or max(r.x1 for r in body) > PAGE_W - MARGIN + 0.5
            ):
                problems.append(f"{where}: text outside the side margins")
            footer = page.footer
            if [r.text for r in footer] != [f"Page {page.number} of {count}"]:
                problems.append(f"{where}: footer {[r.text for r in footer]}")
                continue
            f = footer[0]
            if not (PAGE_H - MARGIN <= f.y0 and f.y1 <= PAGE_H - 18):
                problems.append(f"{where}: footer not inside the bottom margin")
            if abs((f.x0 + f.x1) / 2 - PAGE_W / 2) > 3:
                problems.append(f"{where}: footer not centred")
    assert not problems, problems[:20]


def test_column_widths_are_the_ones_the_docx_grid_gets(cases: list[Case]) -> None:
    """Each header cell's text starts (or, right-aligned, ends) where the shared widths put
    its column, so the DOCX grid (tested in test_docx_properties) wraps the same cells."""
    checked = 0
    for case in cases:
        for table in _tables(case):
            widths = column_widths(table)
            row = next(r for p in case.pages for r in p.body if matches_row(r, table.rows[0]))
            runs = iter(row.words)
            edge = MARGIN
            for i, (cell, width) in enumerate(zip(table.rows[0], widths, strict=True)):
                words = cell.split()
                first = last = next(runs)
                for _ in words[1:]:
                    last = next(runs)
                if i in table.numeric:
                    assert abs(last.x1 - (edge + width - CELL_PADDING)) < 1.5, (case.name, cell)
                else:
                    assert abs(first.x0 - (edge + CELL_PADDING)) < 1.5, (case.name, cell)
                edge += width
                checked += 1
    assert checked >= 20
