"""Allow `python -m counsel`."""

from __future__ import annotations

from counsel.cli import main

raise SystemExit(main())
