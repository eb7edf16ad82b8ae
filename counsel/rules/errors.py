"""The one error the rules raise for bad input: a ValueError that names the field."""

from __future__ import annotations


class RuleInputError(ValueError):
    """Input a rule cannot use; `field` names it and the message says the fix (no values)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
