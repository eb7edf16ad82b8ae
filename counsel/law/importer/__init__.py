"""Build counsel/statutes/*.toml from ../shared: `python -m counsel.law.importer ../shared`."""

# One module a job: versions (raw text -> Version), ilga (the compiled format of the seeds),
# sources (the sources/ files), supplements (a quoted older wording; sections cited but not
# held), build (merging them by citation), toml_out (the files, history kept).

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from counsel.law.importer.build import SEED_305, SEED_750_24, build
from counsel.law.importer.ilga import act_title, parse_ilga, split_ilga
from counsel.law.importer.sources import (
    SourceFile,
    import_10_15_1,
    import_sources,
    read_source_file,
    source_version,
)
from counsel.law.importer.supplements import (
    CITATION_ONLY,
    NO_TEXT_NOTE,
    OLD_10_16_5,
    SEED_IRG,
    citation_only,
    import_old_10_16_5,
)
from counsel.law.importer.toml_out import dump_section, merge_history, write
from counsel.law.importer.versions import (
    Imported,
    heading_of,
    make_version,
    parse_source_line,
    two_digit_year,
)

__all__ = [
    "CITATION_ONLY",
    "NO_TEXT_NOTE",
    "OLD_10_16_5",
    "SEED_305",
    "SEED_750_24",
    "SEED_IRG",
    "Imported",
    "SourceFile",
    "act_title",
    "build",
    "citation_only",
    "dump_section",
    "heading_of",
    "import_10_15_1",
    "import_old_10_16_5",
    "import_sources",
    "main",
    "make_version",
    "merge_history",
    "parse_ilga",
    "parse_source_line",
    "read_source_file",
    "source_version",
    "split_ilga",
    "two_digit_year",
    "write",
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m counsel.law.importer",
        description="Import the statute texts in SHARED (seeds/, sources/) into counsel/statutes.",
    )
    parser.add_argument("shared", type=Path, help="the shared folder, e.g. ../shared")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent.parent / "statutes",
        help="output folder (default: counsel/statutes)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="ignore the stored history in --out (rebuild each file from the sources only)",
    )
    args = parser.parse_args(argv)
    if not (args.shared / "seeds").is_dir():
        print(f"importer: error: SHARED has no seeds/ folder: {args.shared}", file=sys.stderr)
        return 2
    sections = build(args.shared)
    written = write(sections, args.out, fresh=args.fresh)
    print(f"wrote {len(written)} section files to {args.out}")
    return 0
