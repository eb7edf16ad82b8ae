"""Lay out every DOCX with LibreOffice and compare it with counsel's own PDF (make docx-check).

    .venv/bin/python tools/docx_check.py [--keep DIR] [--json]

Renders every example answers file and the layout tests' answers files (tests/layout/answers)
to PDF and DOCX, converts each DOCX to PDF with LibreOffice (`soffice --headless`), and
compares, document by document, the page count and the words (list markers, page footers and
a table header the PDF repeats on a later page set aside). Exit 0 when every document has the
same pages and words; 1 when any differs; 2 when LibreOffice is not installed (Debian:
`apt-get install libreoffice-writer-nogui`). Not part of CI: LibreOffice is a large install.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ON = dt.date(2026, 11, 23)
MARKER = re.compile(r"\(?[0-9a-z]{1,4}[.)]|•|–")
FOOTER = re.compile(r"Page \d+ of \d+")


def _pdf_pages_text(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def _words(pages: list[str], headers: list[list[str]]) -> Counter[str]:
    words: list[str] = []
    for page in pages:
        page = FOOTER.sub(" ", page)
        # pdftotext joins a word broken at a line-end hyphen, dropping the hyphen
        words += [w.replace("-", "") for w in page.split() if not MARKER.fullmatch(w)]
    for head in headers:
        found = [i for i in range(len(words)) if words[i : i + len(head)] == head]
        for i in reversed(found[1:]):
            del words[i : i + len(head)]
    return Counter(words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("docx-check: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
        return 2

    from counsel.interviewer import load_answers_file, load_interview
    from counsel.office import load_office
    from counsel.render.core import Renderer
    from counsel.render.model import Table

    office = load_office(ROOT / "examples" / "office.toml")
    renderer = Renderer()
    sources = [p for p in sorted((ROOT / "examples").glob("*.toml")) if p.name != "office.toml"]
    sources += sorted((ROOT / "tests" / "layout" / "answers").glob("*.toml"))
    work = args.keep or Path(tempfile.mkdtemp(prefix="docx-check-"))
    work.mkdir(parents=True, exist_ok=True)
    docs: list[tuple[str, Path, Path, list[list[str]]]] = []
    for path in sources:
        interview_id, raw = load_answers_file(path)
        answers = load_interview(interview_id).validate(raw, office).answers
        for built in renderer.build(interview_id, answers, office, ON):
            name = f"{path.stem}--{built.stem}"
            pdf, docx = work / f"{name}.pdf", work / f"{name}.docx"
            pdf.write_bytes(renderer.to_pdf(built))
            docx.write_bytes(renderer.to_docx(built))
            headers = [
                [w.replace("-", "") for w in " ".join(b.rows[0]).split()]
                for b in built.model.blocks
                if isinstance(b, Table) and b.header and b.rows
            ]
            docs.append((name, pdf, docx, headers))
    lo_dir = work / "libreoffice"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(lo_dir)]
        + [str(d) for _, _, d, _ in docs],
        capture_output=True,
        check=True,
        timeout=600,
    )
    rows: list[dict[str, Any]] = []
    for name, pdf, _, headers in docs:
        ours = _pdf_pages_text(pdf)
        theirs = _pdf_pages_text(lo_dir / f"{name}.pdf")
        a, b = _words(ours, headers), _words(theirs, headers)
        rows.append(
            {
                "document": name,
                "pdf_pages": len(ours),
                "docx_pages_libreoffice": len(theirs),
                "same_pages": len(ours) == len(theirs),
                "same_words": a == b,
                "only_in_pdf": sorted((a - b).elements())[:8],
                "only_in_docx": sorted((b - a).elements())[:8],
            }
        )
    ok = all(r["same_pages"] and r["same_words"] for r in rows)
    if args.json:
        print(json.dumps({"ok": ok, "documents": rows}, indent=2))
    else:
        print(f"{'document':70} {'pdf':>3} {'docx':>4}  words")
        for r in rows:
            words = (
                "same" if r["same_words"] else f"pdf {r['only_in_pdf']} docx {r['only_in_docx']}"
            )
            pages = f"{r['pdf_pages']:>3} {r['docx_pages_libreoffice']:>4}"
            print(f"{r['document']:70.70} {pages}  {words}")
        same = sum(r["same_pages"] for r in rows)
        print(
            f"{len(rows)} documents: {same} with the same page count, "
            f"{sum(r['same_words'] for r in rows)} with the same words"
        )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
