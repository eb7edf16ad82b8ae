"""The importer on the real seeds and sources: counts, Source lines, dates, cuts, provenance."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest

from counsel.law.importer import (
    SEED_305,
    SEED_750_24,
    Imported,
    build,
    dump_section,
    main,
    parse_ilga,
    write,
)
from counsel.law.labels import NOT_IN_SOURCE
from counsel.law.loader import parse_section

STATUTES = Path(__file__).resolve().parents[3] / "counsel" / "statutes"


@pytest.fixture(scope="module")
def built(shared: Path) -> dict[str, Imported]:
    return build(shared)


@pytest.fixture(scope="module")
def seed_004(shared: Path) -> list[Imported]:
    return parse_ilga((shared / SEED_305).read_text(encoding="utf-8"), SEED_305)


def test_seed_004_every_block_is_a_section(shared: Path, seed_004: list[Imported]) -> None:
    raw = (shared / SEED_305).read_text(encoding="utf-8")
    blocks = re.findall(r"(?m)^\(305 ILCS 5/([^)]+)\)", raw)
    assert len(blocks) == 82 == len(seed_004)
    assert len({s.citation for s in seed_004}) == 82
    assert seed_004[0].citation == "305 ILCS 5/9-6.3"
    assert seed_004[-1].citation == "305 ILCS 5/10-17"
    articles = [s.citation for s in seed_004 if "Art." in s.citation]
    assert articles == ["305 ILCS 5/Art. IXA", "305 ILCS 5/Art. X"]


def test_seed_004_source_lines_kept_whole(shared: Path, seed_004: list[Imported]) -> None:
    raw = (shared / SEED_305).read_text(encoding="utf-8")
    sources = [
        " ".join(s.split()).replace(" .)", ".)") for s in re.findall(r"\(Source:[^)]*\)", raw)
    ]
    stored = [s.versions[0].source for s in seed_004 if s.versions[0].source]
    assert stored == sources  # every Source line, in order, none lost or invented
    assert len(stored) == 80  # the two article headings have none


def test_seed_004_cut_items_all_marked(shared: Path, seed_004: list[Imported]) -> None:
    raw = (shared / SEED_305).read_text(encoding="utf-8")
    lines = [line.rstrip() for line in raw.split("\n")]
    cut_lines = sum(1 for line in lines if line.endswith("| ||") and line != "| ||")
    texts = [s.versions[0].text for s in seed_004]
    assert sum(t.count(NOT_IN_SOURCE) for t in texts) == cut_lines == 104
    assert not any("| ||" in t for t in texts)
    for s in seed_004:
        v = s.versions[0]
        assert v.complete == (NOT_IN_SOURCE not in v.text), s.citation


@pytest.mark.parametrize(
    ("citation", "effective", "truncated", "repealed"),
    [
        ("305 ILCS 5/10-11.1", dt.date(2002, 7, 1), ("(b)(1)", "(b)(2)"), False),
        ("305 ILCS 5/10-16.5", dt.date(2019, 8, 9), (), False),
        ("305 ILCS 5/10-15.1", dt.date(2017, 8, 18), None, False),
        ("305 ILCS 5/9-6.3", dt.date(1997, 7, 1), (), True),
        ("305 ILCS 5/9-7", None, (), False),  # (Source: P.A. 77-1802.): no date given
        ("305 ILCS 5/9-8", dt.date(2004, 2, 1), ("(1)", "(2)"), False),
        ("305 ILCS 5/10-16.7", dt.date(2016, 1, 1), ("(e)(1)", "(e)(2)", "(e)(3)"), False),
        ("305 ILCS 5/10-17", dt.date(2021, 8, 20), (), False),
    ],
)
def test_seed_004_sections(
    seed_004: list[Imported],
    citation: str,
    effective: dt.date | None,
    truncated: tuple[str, ...] | None,
    repealed: bool,
) -> None:
    section = next(s for s in seed_004 if s.citation == citation)
    v = section.versions[0]
    assert v.effective == effective
    assert v.repealed is repealed
    if truncated is not None:
        assert v.truncated == truncated
    assert v.origin == SEED_305


def test_10_15_1_cut_items_and_labels(seed_004: list[Imported]) -> None:
    v = next(s for s in seed_004 if s.citation == "305 ILCS 5/10-15.1").versions[0]
    assert v.source == "(Source: P.A. 99-471, eff. 8-27-15; 100-201, eff. 8-18-17.)"
    for label in ("(a)(1)", "(d-5)(1)", "(e)(1)", "(i)(1)", "(i)(6)", "(f)", "(k)"):
        assert label in v.labels
    assert {"(a)(1)", "(d-5)(1)", "(e)(1)", "(i)(1)"} <= set(v.truncated)
    assert "(f)" not in v.truncated
    assert not v.complete


def test_seed_002_sections(shared: Path) -> None:
    raw = (shared / SEED_750_24).read_text(encoding="utf-8")
    sections = parse_ilga(raw, SEED_750_24, dedent=True)
    assert [s.citation for s in sections] == [
        f"750 ILCS 24/{n}" for n in (1, 5, 10, 15, 20, 25, 30, 35, 905, 910, 915, 920)
    ]
    by = {s.citation: s.versions[0] for s in sections}
    # citations and dates normalized to "-", the text kept as ILGA wrote it
    assert by["750 ILCS 24/1"].source == "(Source: P.A. 92-876, eff. 6-1-03.)"
    assert by["750 ILCS 24/1"].effective == dt.date(2003, 6, 1)
    assert by["750 ILCS 24/5"].effective == dt.date(2007, 8, 21)
    assert "IV\u2011D Child Support Program" in by["750 ILCS 24/5"].text
    assert "(b)(4)" in by["750 ILCS 24/15"].labels and "(b)(19)" in by["750 ILCS 24/15"].labels
    assert "judicial or administrative processes" in by["750 ILCS 24/15"].text
    assert all(v.complete for v in by.values())
    assert by["750 ILCS 24/905"].source == "(Source: P.A. 92-876, eff. 6-1-03; text omitted.)"


def test_sources_keep_provenance_and_completeness(built: dict[str, Imported]) -> None:
    v = built["305 ILCS 5/10-17.1"].versions[-1]
    assert v.origin == "sources/305-ILCS-5-10-17.1.txt"
    assert v.source == "(Source: P.A. 97-186, eff. 7-22-11.)"
    assert v.effective == dt.date(2011, 7, 22)
    assert v.complete
    assert any("030500050K10-17.1.htm" in p for p in v.provenance)

    v = built["305 ILCS 5/10-25"].versions[-1]
    assert not v.complete and v.truncated == ("(c)",) and v.effective is None
    assert "[... cut; remainder of Section not retrieved ...]" in v.text
    assert any("099-0157" in p for p in v.provenance)

    v = built["89 Ill. Adm. Code 160.70"].versions[-1]
    assert "(g)(1)(A)(i)" in v.labels and "(g)(1)(C)" in v.labels
    # (f), (f)(2), (f)(2)(C): cited (IRG 9, Q25) but not in the sources, so recorded as cut.
    assert v.truncated == ("(b)(2)(A)(i)", "(f)", "(f)(2)", "(f)(2)(C)", "(g)(1)(D)")
    assert "IRG 9, Q25" in v.note

    v = built["735 ILCS 5/2-1303"].versions[-1]
    assert "9% per annum" in v.text and not v.complete


def test_every_sources_file_is_imported(shared: Path, built: dict[str, Imported]) -> None:
    origins = {(v.origin.split(" ")[0]) for s in built.values() for v in s.versions} | {
        p for s in built.values() for v in s.versions for p in v.provenance
    }
    for path in sorted((shared / "sources").glob("*.txt")):
        assert f"sources/{path.name}" in origins, path.name


def test_seed_text_wins_over_partial_source_copy(built: dict[str, Imported]) -> None:
    section = built["305 ILCS 5/10-16.5"]
    current = section.versions[-1]
    assert current.origin == SEED_305  # no conflicting version from sources/
    assert "sources/305-ILCS-5-10-16.5.txt" in current.provenance
    assert "The Department may provide, by rule" in current.text


def test_version_histories(built: dict[str, Imported]) -> None:
    interest = built["305 ILCS 5/10-16.5"].versions
    assert [v.effective for v in interest] == [None, dt.date(2019, 8, 9)]
    assert "remains unpaid for 30 days or more" in interest[0].text
    assert interest[0].origin.startswith("seeds/001_")
    assert not interest[0].complete

    registration = built["305 ILCS 5/10-15.1"].versions
    assert [v.effective for v in registration] == [None, dt.date(2015, 8, 27), dt.date(2017, 8, 18)]
    enacted, amended, compiled = registration
    assert "administrative paternity order" not in enacted.text
    assert enacted.heading == "Judicial registration of administrative support orders"
    assert "administrative paternity order" in amended.text
    assert amended.truncated == ("(a)(4)",) and not amended.complete
    assert "(f)" not in amended.labels  # unknown in the 2015 wording
    assert compiled.origin == SEED_305


@pytest.mark.parametrize(
    "citation",
    [
        "5 ILCS 70/1.11",
        "750 ILCS 46/802",
        "735 ILCS 5/1-109",
        "42 U.S.C. 654",
        "45 CFR 303.21",
        "5 ILCS 179",
        "20 ILCS 1005/1005-130",
    ],
)
def test_citation_only_records(built: dict[str, Imported], citation: str) -> None:
    (v,) = built[citation].versions
    assert v.text == "" and not v.complete
    assert v.note.startswith("text not in the project's sources")


def test_committed_data_is_the_importers_output(built: dict[str, Imported], tmp_path: Path) -> None:
    write(built, tmp_path, fresh=True)
    made = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.toml")}
    committed = {
        p.name: p.read_text(encoding="utf-8")
        for p in STATUTES.glob("*.toml")
        if p.name != "parameters.toml"
    }
    assert sorted(made) == sorted(committed)
    for name, text in made.items():
        assert committed[name] == text, f"{name} differs: run `make statutes`"


def test_import_appends_a_changed_text_and_keeps_history(
    built: dict[str, Imported], tmp_path: Path
) -> None:
    sections = built
    write(sections, tmp_path, fresh=True)
    item = sections["305 ILCS 5/10-16.5"]
    newer = replace(
        item.versions[-1],
        effective=dt.date(2030, 1, 1),
        source="(Source: P.A. 101-336, eff. 8-9-19; 106-1, eff. 1-1-30.)",
        text=item.versions[-1].text + "\nA new sentence.",
    )
    write({item.citation: Imported(item.citation, item.heading, [newer])}, tmp_path)
    stored = parse_section("x", (tmp_path / "305_ILCS_5__10-16.5.toml").read_text())
    assert [v.effective for v in stored.versions] == [
        None,
        dt.date(2019, 8, 9),
        dt.date(2030, 1, 1),
    ]
    assert stored.versions[1].text == item.versions[-1].text  # the old text is untouched


def test_import_refuses_to_overwrite_a_stored_version(
    built: dict[str, Imported], tmp_path: Path
) -> None:
    sections = built
    write(sections, tmp_path, fresh=True)
    item = sections["305 ILCS 5/10-11.1"]
    changed = replace(item.versions[-1], text="Different words, same date.")
    with pytest.raises(SystemExit, match="refusing to overwrite history"):
        write({item.citation: Imported(item.citation, item.heading, [changed])}, tmp_path)


def test_reimport_is_idempotent(built: dict[str, Imported], tmp_path: Path) -> None:
    write(built, tmp_path, fresh=True)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    write(built, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_dump_round_trips_awkward_text() -> None:
    from counsel.law.model import Version

    text = "ends with a quote '\nhas ''' triple\nand a tab\tand \\ backslash"
    v = Version(effective=None, source="", origin="o", heading="h", text=text)
    again = parse_section("x", dump_section(Imported("5 ILCS 179", "h", [v])))
    assert again.versions[0].text == text


def test_main_rejects_a_folder_without_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "no seeds/ folder" in capsys.readouterr().err


def test_fuller_items_in_a_sources_copy_are_named_not_merged(built: dict[str, Imported]) -> None:
    v = built["305 ILCS 5/10-11.2"].versions[-1]
    assert v.origin == SEED_305
    assert "(c)(1)" in v.truncated  # the seed's cut stays a cut
    assert "That copy has the text of (b)(1), (b)(2), (c)(1), (c)(2), (c)(3)," in v.note
    assert "sources/305-ILCS-5-10-11.2.txt" in v.provenance


def test_make_statutes_changes_nothing_in_the_committed_data(
    built: dict[str, Imported], tmp_path: Path
) -> None:
    """`make statutes` (merge mode, over the stored history) is a no-op on the committed data."""
    import shutil

    shutil.copytree(STATUTES, tmp_path / "s")
    write(built, tmp_path / "s")
    for path in STATUTES.glob("*.toml"):
        assert (tmp_path / "s" / path.name).read_bytes() == path.read_bytes(), path.name
