"""The strict loader: one broken fixture per error, each message naming the file and the key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from counsel.errors import UsageError
from counsel.law import StatuteDataError, Store
from counsel.law.loader import parse_parameters, parse_section, slug, unslug

DATA = Path(__file__).resolve().parents[2] / "data" / "statutes"

SECTION_CASES = {
    "bad_unknown_key.toml": ("repealed_by", "unknown key"),
    "bad_unknown_version_key.toml": ("versions[1].renumbered", "unknown key"),
    "bad_missing_field.toml": ("versions[1].origin", "missing"),
    "bad_missing_heading.toml": ("heading", "missing"),
    "bad_type.toml": ("versions[1].complete", "must be a bool"),
    "bad_effective_string.toml": ("versions[1].effective", "TOML date"),
    "bad_effective_datetime.toml": ("versions[1].effective", "TOML date"),
    "bad_unsorted_dates.toml": ("versions[2].effective", "sorted oldest first"),
    "bad_duplicate_dates.toml": ("versions[2].effective", "duplicate effective date 2019-08-09"),
    "bad_unknown_after_dated.toml": ("versions[1].effective", "before every dated entry"),
    "bad_truncated_not_a_label.toml": ("versions[1].truncated[0]", "not in this version's labels"),
    "bad_complete_but_truncated.toml": ("versions[1].complete", "must be false"),
    "bad_label_form.toml": ("versions[1].labels[0]", "must look like '(a)'"),
    "bad_label_type.toml": ("versions[1].labels[1]", "must be a string"),
    "bad_no_versions.toml": ("versions", "at least one"),
    "bad_version_not_table.toml": ("versions[0]", "must be a table"),
    "bad_citation_pinpoint.toml": ("citation", "normalized section citation"),
    "bad_citation_not_normalized.toml": ("citation", "'305 ILCS 5/10-16.5'"),
    "bad_citation_form.toml": ("citation", "does not name its Act"),
    "bad_toml_syntax.toml": ("(file)", "not valid TOML"),
}

PARAMETER_CASES = {
    "bad_params_unknown_key.toml": ("parameters[0].units", "unknown key"),
    "bad_params_missing_field.toml": ("parameters[0].source_note", "missing"),
    "bad_params_float_value.toml": ("parameters[0].values[0].value", "decimal in a string"),
    "bad_params_bool_value.toml": ("parameters[0].values[0].value", "must be an integer"),
    "bad_params_not_decimal.toml": ("parameters[0].values[0].value", "must be an integer"),
    "bad_params_duplicate_name.toml": ("parameters[1].name", "duplicate parameter name"),
    "bad_params_unknown_after_dated.toml": ("parameters[0].values[1].effective", "before every"),
    "bad_params_unsorted.toml": ("parameters[0].values[1].effective", "sorted oldest first"),
    "bad_params_duplicate_dates.toml": ("parameters[0].values[1].effective", "duplicate"),
    "bad_params_citation.toml": ("parameters[0].citation", "not a form counsel knows"),
    "bad_params_name.toml": ("parameters[0].name", "dotted snake_case"),
    "bad_params_top_key.toml": ("parameter", "unknown key"),
    "bad_params_no_values.toml": ("parameters[0].values", "at least one"),
}


def test_every_fixture_has_a_case() -> None:
    bad = {p.name for p in DATA.glob("bad_*.toml")}
    assert bad == set(SECTION_CASES) | set(PARAMETER_CASES)


@pytest.mark.parametrize(("name", "expected"), sorted(SECTION_CASES.items()))
def test_bad_section(name: str, expected: tuple[str, str]) -> None:
    key, problem = expected
    with pytest.raises(StatuteDataError) as info:
        parse_section(name, (DATA / name).read_bytes())
    message = str(info.value)
    assert message.startswith(f"{name}: {key}: "), message
    assert problem in message
    assert info.value.key == key and info.value.file == name
    assert isinstance(info.value, UsageError)
    assert "\n" not in message


@pytest.mark.parametrize(("name", "expected"), sorted(PARAMETER_CASES.items()))
def test_bad_parameters(name: str, expected: tuple[str, str]) -> None:
    key, problem = expected
    with pytest.raises(StatuteDataError) as info:
        parse_parameters(name, (DATA / name).read_bytes())
    message = str(info.value)
    assert message.startswith(f"{name}: {key}: "), message
    assert problem in message


def test_good_section() -> None:
    section = parse_section("good_section.toml", (DATA / "good_section.toml").read_bytes())
    assert section.citation == "305 ILCS 5/10-16.5"
    assert [v.effective for v in section.versions] == [None, dt.date(2019, 8, 9)]
    assert section.versions[0].heading == "Interest on support obligations"  # defaulted
    assert section.versions[1].complete and section.versions[1].note == ""


def test_good_parameters() -> None:
    params = parse_parameters("good_parameters.toml", (DATA / "good_parameters.toml").read_bytes())
    (name,) = params
    assert [p.value for p in params[name]] == [1000, 1500]
    assert [p.effective for p in params[name]] == [None, dt.date(2030, 1, 1)]


def test_decimal_parameter_value() -> None:
    text = (
        '[[parameters]]\nname = "interest.rate"\ncitation = "735 ILCS 5/2-1303(a)"\n'
        'source_note = "x"\n[[parameters.values]]\neffective = "unknown"\nvalue = "0.09"\n'
    )
    (p,) = parse_parameters("p.toml", text)["interest.rate"]
    assert p.value == Decimal("0.09") and isinstance(p.value, Decimal)


def test_file_name_must_match_citation(tmp_path: Path) -> None:
    (tmp_path / "305_ILCS_5__10-16.6.toml").write_bytes((DATA / "good_section.toml").read_bytes())
    store = Store(tmp_path)
    with pytest.raises(StatuteDataError, match="does not match the file name"):
        store.section("305 ILCS 5/10-16.6")


def test_store_over_a_folder_loads_lazily(tmp_path: Path) -> None:
    (tmp_path / "305_ILCS_5__10-16.5.toml").write_bytes((DATA / "good_section.toml").read_bytes())
    (tmp_path / "305_ILCS_5__10-1.toml").write_text("this is not TOML [")
    store = Store(tmp_path)
    # the broken file is not read until asked for
    assert store.section("305 ILCS 5/10-16.5").as_of(dt.date(2020, 1, 1)).text == "(a) New words."
    with pytest.raises(StatuteDataError, match="305_ILCS_5__10-1.toml"):
        store.section("305 ILCS 5/10-1")
    assert store.parameter_names() == []  # no parameters.toml: no parameters


@pytest.mark.parametrize(
    "key",
    [
        "305 ILCS 5/10-16.5",
        "89 Ill. Adm. Code 160.70",
        "Ill. S. Ct. R. 138",
        "5 ILCS 179",
        "OCSE Notice of Lien (OMB 0970-0153)",
        "305 ILCS 5/Art. IXA",
    ],
)
def test_slug_round_trip(key: str) -> None:
    assert unslug(slug(key)) == key
    assert "/" not in slug(key) and " " not in slug(key)
