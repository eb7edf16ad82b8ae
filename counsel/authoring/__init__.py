"""Template-author tools: lint, preview, the impact of a statute change, and statutes check."""
