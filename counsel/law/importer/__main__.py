"""`python -m counsel.law.importer ../shared`: import the statute texts into counsel/statutes."""

from __future__ import annotations

from counsel.law.importer import main

if __name__ == "__main__":  # importing this module (e.g. walking the package) runs nothing
    raise SystemExit(main())
