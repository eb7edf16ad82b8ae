"""counsel: guided child support interviews and filed-ready documents for Illinois."""

from __future__ import annotations

__version__ = "0.1.0"
