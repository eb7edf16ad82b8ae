"""Citation parsing: the accepted forms, their normalization, and the refused forms."""

from __future__ import annotations

import pytest

from counsel.errors import UsageError
from counsel.law import Citation, CitationError, parse_citation


@pytest.mark.parametrize(
    ("text", "normalized", "code", "section", "pinpoint"),
    [
        (
            "305 ILCS 5/10-11.1(b)(1)",
            "305 ILCS 5/10-11.1(b)(1)",
            "305 ILCS 5",
            "10-11.1",
            ("b", "1"),
        ),
        ("750 ILCS 24/15(b)(4)", "750 ILCS 24/15(b)(4)", "750 ILCS 24", "15", ("b", "4")),
        ("305 ilcs 5/10-16.5", "305 ILCS 5/10-16.5", "305 ILCS 5", "10-16.5", ()),
        (
            "  305   ILCS 5 / 10-16.5 ( a ) ",
            "305 ILCS 5/10-16.5(a)",
            "305 ILCS 5",
            "10-16.5",
            ("a",),
        ),
        (
            "305 ILCS 5/10-15.1(d-5)(1)",
            "305 ILCS 5/10-15.1(d-5)(1)",
            "305 ILCS 5",
            "10-15.1",
            ("d-5", "1"),
        ),
        ("305 ILCS 5/9A-2a", "305 ILCS 5/9A-2a", "305 ILCS 5", "9A-2a", ()),
        ("5 ILCS 70/1.11", "5 ILCS 70/1.11", "5 ILCS 70", "1.11", ()),
        ("5 ILCS 179", "5 ILCS 179", "5 ILCS 179", "", ()),
        ("20 ILCS 1005/1005-130", "20 ILCS 1005/1005-130", "20 ILCS 1005", "1005-130", ()),
        ("305 ILCS 5/art. x", "305 ILCS 5/Art. X", "305 ILCS 5", "Art. X", ()),
        # ILGA's non-breaking hyphen (U+2011) and no-break space
        ("750\u00a0ILCS 24/15(b)(4)", "750 ILCS 24/15(b)(4)", "750 ILCS 24", "15", ("b", "4")),
        ("305 ILCS 5/10\u201116.5", "305 ILCS 5/10-16.5", "305 ILCS 5", "10-16.5", ()),
        (
            "89 Ill. Adm. Code 160.70(g)(1)(A)",
            "89 Ill. Adm. Code 160.70(g)(1)(A)",
            "89 Ill. Adm. Code",
            "160.70",
            ("g", "1", "A"),
        ),
        ("89 ill adm code 160.70", "89 Ill. Adm. Code 160.70", "89 Ill. Adm. Code", "160.70", ()),
        (
            "89 IAC 160.60(a)(1)",
            "89 Ill. Adm. Code 160.60(a)(1)",
            "89 Ill. Adm. Code",
            "160.60",
            ("a", "1"),
        ),
        ("Ill. S. Ct. R. 138(c)", "Ill. S. Ct. R. 138(c)", "Ill. S. Ct. R.", "138", ("c",)),
        ("ill s ct r 10", "Ill. S. Ct. R. 10", "Ill. S. Ct. R.", "10", ()),
        ("Illinois Supreme Court Rule 131", "Ill. S. Ct. R. 131", "Ill. S. Ct. R.", "131", ()),
        ("42 U.S.C. 654(26)", "42 U.S.C. 654(26)", "42 U.S.C.", "654", ("26",)),
        ("42 USC 654(26)", "42 U.S.C. 654(26)", "42 U.S.C.", "654", ("26",)),
        ("45 CFR 303.21", "45 CFR 303.21", "45 CFR", "303.21", ()),
        ("45 C.F.R. 303.21(a)", "45 CFR 303.21(a)", "45 CFR", "303.21", ("a",)),
        (
            "efileil electronic document standards",
            "eFileIL Electronic Document Standards",
            "eFileIL Electronic Document Standards",
            "",
            (),
        ),
    ],
)
def test_good_forms(
    text: str, normalized: str, code: str, section: str, pinpoint: tuple[str, ...]
) -> None:
    c = parse_citation(text)
    assert (c.code, c.section, c.pinpoint) == (code, section, pinpoint)
    assert str(c) == normalized
    assert parse_citation(str(c)) == c  # normalization is a fixed point


def test_contract_example() -> None:
    c = parse_citation("750 ILCS 24/15(b)(4)")
    assert c == Citation(code="750 ILCS 24", section="15", pinpoint=("b", "4"))
    assert c.section_key == "750 ILCS 24/15"
    assert c.label == "(b)(4)"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("Sec. 10-16.5", "does not name its Act"),
        ("section 10-16.5", "does not name its Act"),
        ("10-16.5", "not a form counsel knows"),
        ("ILCS 5/10-16.5", "not a form counsel knows"),
        ("305 ILCS 5/10-16.5 (a", "not a form counsel knows"),
        ("305 ILCS 5(a)", "subsection but no section"),
        ("Ill. Adm. Code 160.70", "not a form counsel knows"),
        ("IRG 9 Q11", "not a form counsel knows"),
    ],
)
def test_bad_forms(text: str, fragment: str) -> None:
    with pytest.raises(CitationError) as info:
        parse_citation(text)
    assert fragment in str(info.value)
    assert "305 ILCS 5/10-11.1(b)(1)" in str(info.value)  # the message shows a good form
    assert isinstance(info.value, UsageError) and info.value.exit_code == 2
