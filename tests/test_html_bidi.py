"""Bidi control characters in the HTML report (report/bidi.py): shown as a visible
⟨U+202E⟩ marker, unable to reorder the page, with the text content and the highlight
offsets still those of the article.  The browser test skips without headless Chromium."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.report.bidi import BIDI_CONTROLS
from mtcheck.report.html import render_html
from test_html_report import _browser, _finding, _result, check_highlights

RLO, PDF, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"
TEXT = f"Officials said abc {RLO}def ghi{PDF} jkl and {RLI}mno{PDI} pqr.\n"


class _Exposed(HTMLParser):
    """Bidi controls that a browser would lay out: in text outside a ``hidden`` element,
    or in any attribute value; and the markers shown for them."""

    VOID = {"meta", "br", "img", "input", "link", "hr", "line", "rect"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []     # per open element: hidden?
        self.exposed: list[str] = []
        self.markers: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.exposed += [f"{tag}[{k}]" for k, v in attrs if v and any(c in v for c in BIDI_CONTROLS)]
        if a.get("class") == "bidi":
            self.markers.append(a)
        if tag not in self.VOID:
            self.stack.append((self.stack[-1] if self.stack else False) or "hidden" in a)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.exposed += [f"text U+{ord(c):04X}" for c in data if c in BIDI_CONTROLS]


def _exposed(page: str) -> _Exposed:
    p = _Exposed()
    p.feed(page)
    p.close()
    return p


def _bidi_result():
    s = TEXT.index("def")
    fs = [_finding("MT101", "untranslated", s, s + 3, message=f"quoted {RLO}def ghi{PDF}",
                   replacements=(f"x{RLO}y",)),
          _finding("MT102", "untranslated", TEXT.index("ghi"), TEXT.index("ghi") + 3),
          _finding("MT201", "casing", TEXT.index(RLO), TEXT.index(RLO) + 1)]   # the control itself
    return _result(TEXT, fs, path=f"story{RLO}txt.html")


def test_bidi_controls_are_marked_and_inert_and_offsets_hold():
    r = _bidi_result()
    page = render_html([r], title=f"report {RLO}x", compute_scores=False)
    check_highlights(page, [r])   # the text content and every highlight: still the article's
    p = _exposed(page)
    assert p.exposed == []
    cps = [m["data-cp"] for m in p.markers]
    assert {"U+202E", "U+202C", "U+2067", "U+2069"} <= set(cps)
    assert all("bidirectional control" in m["title"] for m in p.markers)
    assert "right-to-left override" in next(m["title"] for m in p.markers if m["data-cp"] == "U+202E")
    assert "\u27e8U+202E\u27e9" in page    # the tooltip's and the title's text form


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <&\r\n") + list(BIDI_CONTROLS)), max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10)), max_size=6))
def test_any_text_with_bidi_controls_round_trips(text, raw):
    fs = [_finding(f"MT{100 + i}", "garbled", min(s, len(text)), min(s + n, len(text)),
                   message=f"m{i} " + text[s:s + n].replace("\r", "")) for i, (s, n) in enumerate(raw)]
    r = _result(text, fs)
    page = render_html([r], compute_scores=False)
    check_highlights(page, [r])
    assert _exposed(page).exposed == []


# -- in a real browser --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bidi_page(tmp_path_factory):
    drv = _browser()
    path = tmp_path_factory.mktemp("bidi") / "report.html"
    path.write_text(render_html([_bidi_result()], compute_scores=False), encoding="utf-8")
    drv.get(path.as_uri())
    yield drv
    drv.quit()


def test_browser_keeps_the_order_and_shows_the_marker(bidi_page):
    drv = bidi_page
    marks = drv.execute_script(
        "return Array.from(document.querySelectorAll('mark.hl')).map(m => {"
        " const r = m.getBoundingClientRect(); return [m.dataset.rule, r.left, r.width * r.height]; })")
    left = {rule: x for rule, x, _ in marks}
    # an override would lay "def ghi" out right to left: "ghi" left of "def"
    assert left["MT101"] < left["MT102"]
    assert all(area > 0 for _, _, area in marks)   # the control's own highlight shows its marker
    assert drv.execute_script("return document.querySelector('.text').textContent") == TEXT
    shown = drv.execute_script("return document.querySelector('.text').innerText")
    assert RLO not in shown and "def ghi" in shown
    before = drv.execute_script("return getComputedStyle(document.querySelector('.bidi'), '::before').content")
    assert "U+202E" in before


def test_the_arabic_letter_mark_is_marked_too():
    """U+061C ARABIC LETTER MARK is an invisible bidi mark like RLM (it reorders the
    digits and punctuation around it), but only LRM and RLM were on the list: it went
    into the page raw."""
    text = "Turnout was 40 \u061c% and 12 \u061c- 3.\n"
    s = text.index("40")
    r = _result(text, [_finding("MT101", "untranslated", s, s + 2)])
    page = render_html([r], compute_scores=False)
    check_highlights(page, [r])
    p = _exposed(page)
    assert p.exposed == []
    assert [m["data-cp"] for m in p.markers].count("U+061C") == 2
