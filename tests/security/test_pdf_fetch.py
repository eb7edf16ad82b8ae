"""WeasyPrint fetches nothing but the package stylesheet: every load goes through counsel's
restricted fetcher, which refuses file:, http:, data: and relative URLs; no attachment is
embedded; a hostile document finishes (refused) in well under a second."""

from __future__ import annotations

import socket
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from counsel.render.pdf import PACKAGE_URL, STYLESHEET, PdfWriter
from tests.security import helpers, tally

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<img src="/etc/passwd">',
    '<img src="../../../../etc/passwd">',
    '<img src="counsel-package:../../etc/passwd">',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
    '<img src="http://127.0.0.1:9/x.png">',
    '<link rel="attachment" href="file:///etc/passwd">',
    '<a rel="attachment" href="file:///etc/passwd">x</a>',
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    "<style>@import url(http://127.0.0.1:9/);</style><p>x</p>",
    "<style>@import 'file:///etc/passwd';</style><p>x</p>",
    '<p style="background: url(file:///etc/passwd)">x</p>',
    "<style>@font-face{font-family:X;src:url(file:///etc/passwd)} p{font-family:X}</style><p>x</p>",
    '<base href="file:///etc/"><img src="passwd">',
    '<object data="file:///etc/passwd"></object>',
    '<embed src="file:///etc/passwd">',
    '<svg width="10" height="10"><image href="file:///etc/passwd"/></svg>',
    '<ul><li style="list-style-image: url(http://127.0.0.1:9/)">x</li></ul>',
]


@pytest.fixture(scope="module")
def writer() -> PdfWriter:
    return PdfWriter()


@pytest.fixture
def spy(writer: PdfWriter, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[Any]]]:
    """Records every URL the restricted fetcher sees, and any use of urllib or sockets."""
    seen: dict[str, list[Any]] = {"fetcher": [], "urllib": [], "socket": []}
    original = type(writer.fetcher).fetch

    def fetch(self: Any, url: str, headers: Any = None) -> Any:
        seen["fetcher"].append(url)
        return original(self, url, headers)

    def urllib_open(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen["urllib"].append(args)
        raise AssertionError("urllib was used")

    def connect(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen["socket"].append(args)
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(type(writer.fetcher), "fetch", fetch)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", urllib_open)
    monkeypatch.setattr(socket.socket, "connect", connect)
    yield seen


@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_html_fetches_nothing(
    writer: PdfWriter, spy: dict[str, list[Any]], fragment: str
) -> None:
    tally.attack()
    html = f"<!DOCTYPE html><html><head></head><body><p>before</p>{fragment}</body></html>"
    start = time.monotonic()
    pdf: bytes | None = None
    try:
        pdf = writer.write_html(html, "hostile")
    except BaseException as exc:  # WeasyPrint's FatalURLFetchingError is a BaseException
        assert type(exc).__name__ == "FatalURLFetchingError", repr(exc)
    assert time.monotonic() - start < 5.0
    # The one load the fragment asks for went through the restricted fetcher and was refused.
    assert spy["fetcher"], "the URL never reached counsel's fetcher"
    assert all(url != PACKAGE_URL + STYLESHEET for url in spy["fetcher"])
    assert spy["urllib"] == [] and spy["socket"] == []
    if pdf is not None:
        assert b"/EmbeddedFile" not in pdf and b"root:x:" not in pdf


def test_the_package_stylesheet_is_the_one_url_served(writer: PdfWriter) -> None:
    response = writer.fetcher.fetch(PACKAGE_URL + STYLESHEET)
    assert b"@page" in response.read()
    for url in (PACKAGE_URL + "documents.toml", PACKAGE_URL + STYLESHEET + "?x", "style.css"):
        with pytest.raises(ValueError):
            writer.fetcher.fetch(url)


def test_every_html_and_css_load_uses_the_restricted_fetcher(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Spy on WeasyPrint's HTML and CSS constructors through a real render of an example:
    each is given counsel's fetcher, and the fetcher is asked only for the stylesheet."""
    import weasyprint

    made: list[tuple[str, Any]] = []
    for cls in (weasyprint.HTML, weasyprint.CSS):
        original = cls.__init__

        def init(
            self: Any, *args: Any, _orig: Any = original, _name: str = cls.__name__, **kwargs: Any
        ) -> None:
            made.append((_name, kwargs.get("url_fetcher")))
            _orig(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", init)
    urls: list[str] = []
    writer = PdfWriter()
    original_fetch = writer.fetcher.fetch

    def fetch(url: str, headers: Any = None) -> Any:
        urls.append(url)
        return original_fetch(url, headers)

    monkeypatch.setattr(writer.fetcher, "fetch", fetch)
    interview_id, raw = helpers.example("registration")
    built = helpers.renderer().build(
        interview_id, helpers.typed(interview_id, raw), helpers.office()
    )
    for doc in built:
        pdf = writer.write(doc.model, doc.provenance.metadata(), doc.provenance.digest)
        assert b"/EmbeddedFile" not in pdf
    kinds = {name for name, _ in made}
    assert kinds == {"HTML", "CSS"}
    assert all(fetcher is writer.fetcher for _, fetcher in made)
    assert set(urls) <= {PACKAGE_URL + STYLESHEET}


@pytest.mark.parametrize(
    "value",
    [
        "<img src=file:///etc/passwd>",
        '<link rel=attachment href="file:///etc/passwd">',
        "<style>@import url(http://127.0.0.1:9/);</style>",
        "url(file:///etc/passwd)",
    ],
)
def test_markup_in_answers_is_printed_not_fetched(
    writer: PdfWriter, spy: dict[str, list[Any]], value: str
) -> None:
    tally.attack()
    interview_id, raw = helpers.example("track-judicial")
    answers = helpers.typed(interview_id, {**raw, "obligor_name": f"Zed {value} Roe"})
    built = helpers.renderer().build(interview_id, answers, helpers.office())
    start = time.monotonic()
    pdf = writer.write(built[0].model, built[0].provenance.metadata(), built[0].provenance.digest)
    assert time.monotonic() - start < 10.0
    assert spy["fetcher"] == [] and spy["urllib"] == [] and spy["socket"] == []
    assert b"/EmbeddedFile" not in pdf
    assert (
        "Zed" in helpers.pdf_text(pdf)
        and "file:///etc/passwd" in helpers.pdf_text(pdf)
        or ("127.0.0.1" in helpers.pdf_text(pdf))
    )
