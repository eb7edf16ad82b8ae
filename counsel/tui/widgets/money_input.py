"""An amount of money typed as text ($1,234.50), read by the rules' one money parser."""

from __future__ import annotations

from decimal import Decimal

from textual import events
from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from counsel.rules.errors import RuleInputError
from counsel.rules.money import parse_money
from counsel.tui.text import PICTURED


def sentence(message: str) -> str:
    """A rules message as the field shows it: a capital first letter and a full stop."""
    message = message[:1].upper() + message[1:]
    return message if message.endswith(".") else message + "."


def check_money(text: str) -> tuple[Decimal | None, str | None]:
    """(amount, None), or (None, what is wrong and how to type it), by counsel.rules.money."""
    try:
        return parse_money(text), None
    except RuleInputError as exc:
        return None, sentence(exc.message)


class _MoneyValidator(Validator):
    def __init__(self, required: bool) -> None:
        super().__init__()
        self.required = required

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success() if not self.required else self.failure("An amount is required.")
        _, problem = check_money(value)
        return self.failure(problem) if problem else self.success()


class MoneyInput(Input):
    """An Input for dollars and cents.

    It keeps every character typed or pasted (no `restrict`, no length cap): a character
    silently refused would turn "1o45.00" into 145.00, a wrong amount that parses. What
    cannot be read stays on screen with the message saying why.
    """

    def __init__(
        self, value: str = "", *, required: bool = True, widget_id: str | None = None
    ) -> None:
        super().__init__(
            value=value,
            placeholder="0.00",
            validators=[_MoneyValidator(required)],
            valid_empty=not required,
            id=widget_id,
            compact=True,
            highlighter=PICTURED,
        )

    def _on_paste(self, event: events.Paste) -> None:
        paste_whole(self, event)


def paste_whole(field: Input, event: events.Paste) -> None:
    """Paste all of the text, line breaks as spaces (Input keeps only the first line, which
    would drop what follows the break without a word)."""
    if event.text:
        text = " ".join(event.text.splitlines())
        selection = field.selection
        if selection.is_empty:
            field.insert_text_at_cursor(text)
        else:
            field.replace(text, *selection)
    event.stop()
    event.prevent_default()  # Input's own handler would paste the first line a second time
