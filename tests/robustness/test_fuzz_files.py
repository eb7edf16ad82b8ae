"""Fuzzing the files counsel reads besides sheets: office profiles, answers files, drafts and
the register. Damage gives the documented error (UsageError, DraftError) or, for drafts,
a file set aside with its previous version restored; never a crash."""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counsel.errors import UsageError
from tests.security import helpers, tally

FUZZ = settings(
    max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
OFFICE_TEXT = (helpers.EXAMPLES / "office.toml").read_text("utf-8")

toml_value = st.recursive(
    st.one_of(
        st.none().map(lambda _: ""),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.text(max_size=20),
        st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="counsel-fuzz-"))


@FUZZ
@given(
    changes=st.dictionaries(
        st.sampled_from(
            [
                "county",
                "circuit",
                "attorneys",
                "closures",
                "older_child_age",
                "review_date",
                "phone",
                "address",
                "register_path",
                "unknown_key",
            ]
        ),
        toml_value,
        max_size=3,
    )
)
def test_office_profile_with_any_values(changes: dict[str, Any]) -> None:
    from counsel.office import parse_office

    tally.fuzz()
    data = {**tomllib.loads(OFFICE_TEXT), **changes}
    try:
        parse_office(data, "office.toml")
    except UsageError as exc:
        assert str(exc).startswith("office.toml")


@FUZZ
@given(data=st.binary(max_size=400) | st.text(max_size=300).map(str.encode))
def test_office_and_answers_files_of_any_bytes(data: bytes) -> None:
    from counsel.interviewer import load_answers_file
    from counsel.office import load_office

    tally.fuzz()
    path = _folder() / "file.toml"
    path.write_bytes(data)
    for load in (load_office, load_answers_file):
        try:
            load(path)
        except UsageError:
            pass


@FUZZ
@given(data=st.binary(max_size=600), keep_prev=st.booleans())
def test_damaged_drafts_are_set_aside_never_fatal(data: bytes, keep_prev: bool) -> None:
    from counsel.drafts import list_drafts, load_draft, new_draft, save_draft

    tally.fuzz()
    folder = _folder()
    draft = new_draft("lien").with_answer("obligor_name", "Good Name")
    path = save_draft(draft, folder)
    if keep_prev:
        save_draft(draft.with_answer("county", "Cook"), folder)
    path.write_bytes(data)
    listing = list_drafts(folder)  # never raises
    if listing.problems:
        assert len(listing.problems) == 1 and listing.problems[0].moved_to.exists()
        assert listing.problems[0].restored_previous == keep_prev
        if keep_prev:  # the kept previous version stands in
            assert load_draft(draft.id, folder).answers["obligor_name"] == "Good Name"
    else:
        assert len(listing.drafts) == 1  # the bytes happened to be a valid draft


@settings(FUZZ, max_examples=30)
@given(data=st.binary(max_size=4096))
def test_a_register_path_holding_garbage_is_a_usage_error(data: bytes) -> None:
    from counsel.register import Register

    tally.fuzz()
    path = _folder() / "register.sqlite3"
    path.write_bytes(data)
    try:
        with Register.open(path) as reg:
            assert reg.list() == [] or reg.count() >= 0
    except UsageError as exc:
        # A RegisterError naming the file; the CLI adds "--register:" (test_register_cli.py).
        from counsel.register import RegisterError

        assert isinstance(exc, RegisterError) and str(path) in str(exc)
