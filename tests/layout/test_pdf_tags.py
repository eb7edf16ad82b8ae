"""Every PDF is tagged (PDF/UA-1 structure); PDF/A for the register copy on request."""

from __future__ import annotations

import dataclasses
import io
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.layout.conftest import ON, ROOT, Case


def _structure(data: bytes) -> tuple[Any, Counter[str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    kinds: Counter[str] = Counter()

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                kinds[str(node["/S"])] += 1
                if node["/S"] == "/TH":
                    # a header's scope is determinable (PDF/UA-1 7.5)
                    kinds["TH scope " + str(node["/A"].get("/Scope"))] += 1
            kids = node.get("/K")
            if kids is not None:
                walk(kids)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(root["/StructTreeRoot"])
    return root, kinds


def test_every_pdf_is_tagged_with_title_and_language(cases: list[Case]) -> None:
    for case in cases:
        root, kinds = _structure(case.pdf)
        assert root["/MarkInfo"]["/Marked"], case.name
        assert root["/Lang"] == "en", case.name
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], case.name
        assert kinds["/P"] > 0 and kinds["/H1"] + kinds["/P"] > 3, case.name
        model = case.built.model
        if any(type(b).__name__ == "ListBlock" for b in model.blocks):
            assert kinds["/L"] and kinds["/LI"] and kinds["/Lbl"] and kinds["/LBody"], case.name
        tables = [b for b in model.blocks if type(b).__name__ == "Table"]
        if tables:
            assert kinds["/Table"] >= len(tables) and kinds["/TH"] and kinds["/TD"], case.name
            assert kinds["TH scope /Column"] == kinds["/TH"], case.name
        else:
            # the caption is a layout: never announced to a screen reader as a table
            assert not kinds["/Table"], case.name


def test_pdfinfo_says_tagged(cases: list[Case]) -> None:
    for case in cases[:: max(1, len(cases) // 8)]:
        out = subprocess.run(
            ["pdfinfo", "-"], input=case.pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "Tagged:          yes" in out, case.name
        meta = subprocess.run(
            ["pdfinfo", "-meta", "-"], input=case.pdf, capture_output=True, check=True
        ).stdout.decode()
        assert 'pdfuaid:part="1"' in meta, "PDF/UA-1 by default"


def _fonts_embedded(data: bytes) -> None:
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True)
    rows = out.stdout.decode().splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), rows


@pytest.mark.parametrize(("variant", "part"), [("pdf/a-2b", "2"), ("pdf/a-3b", "3")])
def test_register_copy_as_pdf_a(variant: str, part: str) -> None:
    """What an archival copy needs and a reader can check without a validator here:
    identification in the XMP, an sRGB output intent, every font embedded, no encryption,
    and still tagged. (No PDF/A validator installs from this machine's registries.)"""
    from pypdf import PdfReader

    from counsel.interviewer import load_answers_file, load_interview
    from counsel.office import load_office
    from counsel.render.core import Renderer

    office = load_office(ROOT / "examples" / "office.toml")
    office = dataclasses.replace(office, pdf_variant=variant)
    interview_id, raw = load_answers_file(ROOT / "examples" / "prior-period-judicial.toml")
    answers = load_interview(interview_id).validate(raw, office).answers
    renderer = Renderer()
    built = renderer.build(interview_id, answers, office, ON, only=["prior-period-judicial"])[0]
    data = renderer.to_pdf(built)
    assert data == renderer.to_pdf(built), "deterministic"
    meta = subprocess.run(
        ["pdfinfo", "-meta", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert f'pdfaid:part="{part}"' in meta and 'pdfaid:conformance="B"' in meta
    reader = PdfReader(io.BytesIO(data))
    assert not reader.is_encrypted
    root = reader.trailer["/Root"]
    intents = root["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert root["/MarkInfo"]["/Marked"]
    _fonts_embedded(data)


def test_render_cli_writes_the_variant_asked_for_and_the_register_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from counsel.cli import main
    from counsel.register import Register

    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    register = tmp_path / "register.sqlite3"
    args = ["render", "track", "--answers", str(ROOT / "examples" / "track-judicial.toml")]
    args += ["--office", str(ROOT / "examples" / "office.toml"), "--format", "pdf"]
    args += ["--out", str(tmp_path / "out"), "--register", str(register), "--json"]
    assert main([*args, "--pdf-variant", "pdf/a-3b"]) == 0
    entry = json.loads(capsys.readouterr().out)["register_entry"]
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(tmp_path / "out" / "case-assessment.pdf")],
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert 'pdfaid:part="3"' in meta
    with Register.open(register) as reg:
        assert reg.get(entry).office["pdf_variant"] == "pdf/a-3b", "verify re-renders PDF/A"
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--pdf-variant", "pdf/x-9"])
    assert exit_.value.code == 2
    assert "--pdf-variant: invalid choice" in capsys.readouterr().err


def test_office_profile_names_a_bad_variant() -> None:
    from counsel.errors import UsageError
    from counsel.office import load_office, parse_office
    from counsel.register.model import office_snapshot

    data = office_snapshot(load_office(ROOT / "examples" / "office.toml"))
    data["closures"] = []
    data.pop("review_date", None)
    data["pdf_variant"] = "pdf/a-1"
    with pytest.raises(UsageError, match="'pdf_variant' must be one of pdf/ua-1"):
        parse_office(data)
