"""The widgets of counsel's terminal UI, one class a file."""
