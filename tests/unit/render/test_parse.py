"""The HTML vocabulary parser: every construct maps to the model; anything else is refused."""

from __future__ import annotations

import pytest

from counsel.render.model import Caption, Heading, ListBlock, PageBreak, Paragraph, Signature, Table
from counsel.render.parse import StructureError, parse_html


def test_headings_paragraphs_and_inline_styles() -> None:
    blocks, marks = parse_html(
        "<h1>Order</h1>\n<p class='noindent'>Pay <strong>now</strong>, <em>in</em> <u>full</u></p>"
    )
    assert blocks[0] == Heading(1, blocks[0].runs)  # type: ignore[union-attr]
    para = blocks[1]
    assert isinstance(para, Paragraph) and para.kind == "noindent"
    assert [(r.text, r.bold, r.italic, r.underline) for r in para.runs] == [
        ("Pay ", False, False, False),
        ("now", True, False, False),
        (", ", False, False, False),
        ("in", False, True, False),
        (" ", False, False, False),
        ("full", False, False, True),
    ]
    assert marks == frozenset()


def test_whitespace_collapses_like_html_and_br_breaks_lines() -> None:
    (para,), _ = parse_html("<p>  one\n   two <br>  three  </p>")
    assert isinstance(para, Paragraph)
    assert "".join(r.text for r in para.runs) == "one two\nthree"


def test_entities_become_literal_text() -> None:
    (para,), _ = parse_html("<p>&lt;b&gt;bold?&lt;/b&gt; &amp; {{ x }}</p>")
    assert isinstance(para, Paragraph)
    assert para.runs[0].text == "<b>bold?</b> & {{ x }}"


def test_xml_control_characters_become_visible_escapes() -> None:
    (para,), _ = parse_html("<p>a\x07b\x00c</p>")
    assert isinstance(para, Paragraph)
    assert para.runs[0].text == "a\\x07b\\x00c"


def test_lists_nest_and_keep_their_kind() -> None:
    (lst,), _ = parse_html('<ol type="a"><li>one<ol><li>sub</li></ol></li><li>two</li></ol>')
    assert isinstance(lst, ListBlock) and lst.kind == "lettered"
    assert [i.runs[0].text for i in lst.items] == ["one", "two"]
    assert lst.items[0].children[0].kind == "numbered"
    (bul,), _ = parse_html("<ul><li>x</li></ul>")
    assert isinstance(bul, ListBlock) and bul.kind == "bulleted"


def test_provision_marks_count_only_when_the_element_has_text() -> None:
    _, marks = parse_html(
        '<div data-provision="payment_to_sdu"><p>Pay the SDU.</p></div>'
        '<p data-provision="interest_statement"></p>'
        '<ol><li data-provision="termination_date">Ends.</li></ol>'
        '<p>Also <span data-provision="income_withholding">withholding</span>.</p>'
    )
    assert marks == {"payment_to_sdu", "termination_date", "income_withholding"}


def test_caption_signature_table_and_page_break() -> None:
    blocks, _ = parse_html(
        '<div class="caption"><div class="court">A<br>B</div>'
        '<div class="parties"><p>X,</p><p class="indent">Petitioner,</p></div>'
        '<div class="number"><p>No. 1</p></div></div>'
        '<table><tr><th>a</th><th class="num">b</th></tr><tr><td>1</td><td>2</td></tr></table>'
        '<hr class="page-break">'
        '<div class="signature" data-rule="no"><p>Name</p><p>Title</p></div>'
    )
    cap, table, brk, sig = blocks
    assert isinstance(cap, Caption)
    assert [r[0].text for r in cap.court] == ["A", "B"]
    assert cap.indented == (1,)
    assert isinstance(table, Table) and table.rows == (("a", "b"), ("1", "2"))
    assert table.header and table.numeric == (1,)
    assert isinstance(brk, PageBreak)
    assert isinstance(sig, Signature) and not sig.rule and len(sig.lines) == 2


def test_every_problem_is_listed_with_its_line() -> None:
    with pytest.raises(StructureError) as exc:
        parse_html(
            '<p>ok</p>\n<img src="file:///etc/passwd">\n<p class="huge">x</p>\n'
            "<script>alert(1)</script>\nloose text\n<ol><p>bad</p></ol>"
        )
    problems = exc.value.problems
    assert any("line 2: <img>" in p for p in problems)
    assert any("line 3: <p> has unknown class 'huge'" in p for p in problems)
    assert any("<script>" in p for p in problems)
    assert any("text outside a paragraph" in p for p in problems)
    assert any("only <li>" in p for p in problems)
    assert len(problems) >= 5


def test_unclosed_and_stray_tags_are_errors() -> None:
    with pytest.raises(StructureError, match="never closed"):
        parse_html("<p>open")
    with pytest.raises(StructureError, match="stray </div>"):
        parse_html("<p>x</p></div>")


def test_caption_needs_all_three_parts() -> None:
    with pytest.raises(StructureError, match='caption lacks <div class="number">'):
        parse_html(
            '<div class="caption"><div class="court">A</div><div class="parties">B</div></div>'
        )


def test_any_answer_text_comes_back_literally() -> None:
    """Whatever a value holds (markup, entities, Jinja, control characters), the sandbox
    escapes it and the parser returns it as text: collapsed like HTML whitespace, with
    characters XML cannot carry shown as visible escapes."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from counsel.render.parse import visible

    env = ImmutableSandboxedEnvironment(autoescape=True)
    template = env.from_string("<p>{{ v }}</p>")

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
    def check(value: str) -> None:
        blocks, _ = parse_html(template.render(v=value))
        text = "".join(r.text for b in blocks for r in b.runs)  # type: ignore[union-attr]
        # html.parser turns a lone CR into LF like a browser; whitespace then collapses
        expected = re.sub(r"[ \t\r\n\f]+", " ", visible(value)).strip(" ")
        assert text == expected

    check()
