"""Ill. S. Ct. R. 138 reads the text as a reader sees it: a full SSN written with soft hyphens,
zero-width spaces, Unicode hyphens, minus signs, dashes or odd spaces between its digits is still
the full number (what pdftotext prints), and no document but the Notice of Confidential
Information may carry it (issue 16, item 1)."""

from __future__ import annotations

import functools
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counsel.render.checks import reader_text, rule_138
from counsel.render.model import Document, Metadata, Paragraph, Run, document_text
from tests.security import helpers, tally

SSN = "900-00-0002"
DIGITS = "900000002"
CONFIDENTIAL = "notice-of-confidential-information"


def _chars(*categories: str) -> list[str]:
    return [
        chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) in categories
    ]


# Every Unicode dash (Pd) and the minus signs a reader takes for a hyphen.
DASHES = _chars("Pd") + ["\u2212", "\u2043", "\u02d7", "\u2796", "\u207b", "\u208b"]
# Every Unicode space separator, line and paragraph separator, and whitespace control but "\n".
SPACES = sorted(
    set(_chars("Zs", "Zl", "Zp")) | {chr(c) for c in range(0x100) if chr(c).isspace()} - {"\n"}
)
# Every format character (soft hyphen, zero-width space and joiners, bidi marks, BOM, ...).
FORMATS = _chars("Cf")
EVERY = DASHES + SPACES + FORMATS


def _doc(text: str) -> Document:
    return Document("probe", Metadata("T", "A", "S"), (Paragraph((Run(text),)),))


def _between_every_digit(sep: str, keep_dashes: bool) -> str:
    """The SSN with `sep` between every pair of adjacent digits (after its own hyphens too)."""
    out = DIGITS[0]
    for i, d in enumerate(DIGITS[1:], start=1):
        out += ("-" if keep_dashes and i in (3, 5) else "") + sep + d
    return out


def test_the_classes_are_what_the_issue_names() -> None:
    assert {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"} <= set(FORMATS)
    assert {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"} <= set(DASHES)
    assert {"\u00a0", "\u2009", "\u202f", "\u3000", "\t"} <= set(SPACES)
    assert len(EVERY) > 200


@pytest.mark.parametrize("keep_dashes", [True, False])
def test_every_dash_space_and_format_character_between_every_digit_pair(
    keep_dashes: bool,
) -> None:
    """Exhaustive over the classes: the answered SSN is found whatever sits between digits."""
    missed = []
    for ch in EVERY:
        text = f"Respondent SSN {_between_every_digit(ch, keep_dashes)} (full)"
        problems = rule_138(_doc(text), {"obligor_ssn": SSN})
        if not any("obligor_ssn" in p for p in problems):
            missed.append(f"U+{ord(ch):04X}")
        assert all(DIGITS not in p and "0002" not in p for p in problems)
    tally.attack(len(EVERY))
    assert missed == []


@pytest.mark.parametrize("ch", DASHES + SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_an_ssn_shape_with_any_dash_or_space_is_refused_without_the_answer(ch: str) -> None:
    """Not the obligor's number (say, the obligee's, typed into a name): the shape decides."""
    tally.attack()
    text = f"SSN 900{ch}00{ch}0002"
    problems = rule_138(_doc(text), {})
    assert any("Social Security" in p for p in problems), reader_text(text)


@pytest.mark.parametrize("ch", FORMATS, ids=lambda c: f"U+{ord(c):04X}")
def test_format_characters_anywhere_leave_the_shape_a_reader_sees(ch: str) -> None:
    tally.attack()
    text = "SSN " + ch.join("900-00-0002") + ch
    assert reader_text(text) == "SSN 900-00-0002"
    assert any("Social Security" in p for p in rule_138(_doc(text), {}))


def test_the_issue_example_reads_as_the_number() -> None:
    assert reader_text("SSN 9\u00ad00\u201100\u20130002") == "SSN 900-00-0002"
    assert reader_text("\uff19\uff10\uff10\u2212\U0001d7ce\U0001d7ce") == "900-00"
    assert reader_text("\u0669\u0660\u0660") == "900"  # Arabic-Indic digits read as digits


# -- every document of every interview, through the renderer --------------------------------


@functools.cache
def _cases() -> list[tuple[str, str, dict[str, Any], frozenset[str]]]:
    """(example, interview, typed answers with the SSN, documents that must refuse)."""
    out = []
    for path in helpers.example_files():
        interview_id, raw = helpers.example(path.stem)
        answers = helpers.typed(interview_id, {**raw, "obligor_ssn": SSN})
        answers["obligor_name"] = "Ann Probe"
        built = helpers.renderer().build(interview_id, answers, helpers.office())
        printing = frozenset(
            b.stem
            for b in built
            if not b.spec.confidential and "Ann Probe" in document_text(b.model)
        )
        # Positive control: the probe field reaches every document that is not the notice.
        assert printing == {b.stem for b in built if not b.spec.confidential}, path.stem
        out.append((path.stem, interview_id, answers, printing))
    return out


separators = st.lists(
    st.text(st.sampled_from(EVERY), max_size=2), min_size=len(DIGITS) - 1, max_size=len(DIGITS) - 1
)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=st.integers(0, 9), seps=separators, dashes=st.booleans(), where=st.integers(0, 1))
def test_every_document_refuses_the_number_however_it_is_written(
    case: int, seps: list[str], dashes: bool, where: int
) -> None:
    """Property: the SSN with any dash, space or format characters between its digits, in a
    free-text answer, makes every document but the confidential notice refuse to render; the
    refusal never repeats the number."""
    from counsel.render import RenderError

    tally.fuzz()
    cases = _cases()
    name, interview_id, answers, printing = cases[case % len(cases)]
    number = DIGITS[0]
    for i, (sep, d) in enumerate(zip(seps, DIGITS[1:], strict=True), start=1):
        number += ("-" if dashes and i in (3, 5) else "") + sep + d
    text = f"Ann SSN {number} Probe" if where else f"Ann Probe {number}"
    probe = {**answers, "obligor_name": text}
    with pytest.raises(RenderError) as info:
        helpers.renderer().build(interview_id, probe, helpers.office())
    refused = {p.split(":", 1)[0] for p in info.value.problems if "138" in p}
    assert refused >= printing, (name, sorted(printing - refused))
    assert not any(stem.startswith(CONFIDENTIAL) for stem in refused)
    assert DIGITS not in str(info.value) and number not in str(info.value)


def test_render_both_formats_writes_nothing_for_the_issue_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's input, end to end: a factor answer holding "SSN 9\\u00ad00-00-0002"; exit 2 and
    neither a PDF nor a DOCX is written."""
    from counsel.cli import main
    from tests.security import canary

    monkeypatch.setenv("COUNSEL_DATA_DIR", str(tmp_path / "data"))
    tally.attack()
    interview_id, raw = helpers.example("prior-period-judicial")
    raw = {**raw, "factor_reason_for_delay": "See SSN 9\u00ad00\u201100\u20130002."}
    answers = tmp_path / "answers.toml"
    canary.write_answers(answers, interview_id, raw)
    out = tmp_path / "out"
    code = main(helpers.render_argv(interview_id, answers, out))
    assert code == 2
    assert not out.exists() or not any(out.iterdir())
