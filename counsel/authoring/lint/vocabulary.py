"""The HTML vocabulary check: every tag, attribute and class one the writers understand."""

from __future__ import annotations

from html.parser import HTMLParser

from counsel.authoring.lint.problems import Problem
from counsel.authoring.lint.source import blank_jinja

# The documented HTML vocabulary (counsel/templates/README.md; parsed by counsel.render.parse).
BLOCK_TAGS = frozenset(
    {"h1", "h2", "h3", "p", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"}
    | {"hr", "div", "section"}
)
INLINE_TAGS = frozenset({"strong", "b", "em", "i", "u", "span", "br"})
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "data-provision"}),
    "ol": frozenset({"type"}),
    "div": frozenset({"data-rule"}),
}


def _classes() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    from counsel.render.parse import DIV_CLASSES, PARAGRAPH_CLASSES

    by_tag = {
        "p": frozenset(PARAGRAPH_CLASSES),
        "div": DIV_CLASSES,
        "section": DIV_CLASSES,
        "hr": frozenset({"page-break"}),
        "td": frozenset({"", "num"}),
        "th": frozenset({"", "num"}),
    }
    return by_tag, frozenset({""})


class _TagScanner(HTMLParser):
    """Start tags with their line and the classes of the divs around them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], int, tuple[str, ...]]] = []
        self._open: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        around = tuple(cls for t, cls in self._open if t in ("div", "section"))
        self.tags.append((tag, values, self.getpos()[0], around))
        if tag not in ("br", "hr"):
            self._open.append((tag, values.get("class", "").strip()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        around = tuple(cls for t, cls in self._open if t in ("div", "section"))
        self.tags.append((tag, values, self.getpos()[0], around))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                return


def check_vocabulary(name: str, source: str) -> list[Problem]:
    """Every tag, attribute and class is in the documented vocabulary (static scan)."""
    by_tag, other = _classes()
    scanner = _TagScanner()
    scanner.feed(blank_jinja(source))
    scanner.close()
    problems: list[Problem] = []
    for tag, attrs, line, around in scanner.tags:
        if tag not in BLOCK_TAGS | INLINE_TAGS:
            problems.append(
                Problem(
                    name,
                    line,
                    "vocabulary",
                    f"<{tag}> is not in the template vocabulary (see counsel/templates/README.md)",
                )
            )
            continue
        allowed = ALLOWED_ATTRS["*"] | ALLOWED_ATTRS.get(tag, frozenset())
        for attr in attrs:
            if attr not in allowed:
                problems.append(
                    Problem(
                        name,
                        line,
                        "vocabulary",
                        f"<{tag}> has attribute {attr!r}, which the writers ignore "
                        f"(allowed: {', '.join(sorted(allowed))})",
                    )
                )
        cls = attrs.get("class", "").strip()
        classes = by_tag.get(tag, other)
        if tag == "p" and {"caption", "signature"} & set(around):
            # Lines of a caption or signature block (counsel.render.parse: lines()).
            if cls not in ("", "indent"):
                problems.append(
                    Problem(
                        name,
                        line,
                        "vocabulary",
                        f"<p> class {cls!r}: a line of a caption or signature block takes "
                        'only class="indent"',
                    )
                )
        elif tag in by_tag and cls not in classes:
            shown = ", ".join(repr(c) for c in sorted(classes) if c)
            problems.append(
                Problem(name, line, "vocabulary", f"<{tag}> has unknown class {cls!r} ({shown})")
            )
        if tag == "ol" and attrs.get("type", "1") not in ("1", "a"):
            problems.append(Problem(name, line, "vocabulary", '<ol> type must be "1" or "a"'))
    return problems
