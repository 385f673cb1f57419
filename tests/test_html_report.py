"""The HTML report: highlights where the findings are, all text escaped, self-contained.

Two layers.  The pure-Python tests parse the report with html.parser and run anywhere.
The browser tests load the report of the seeds (plus a hostile article) from a file in
headless Chromium (Debian's ``chromium`` + ``chromium-driver``, driven by selenium),
read the highlights back from the live DOM, tab to a highlight and check its tooltip
shows, and save screenshots under tests/artifacts/ (gitignored).  They skip, with one
reason, when the browser is not installed.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS
from mtcheck.api import FileResult, Linter
from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.report import render
from mtcheck.report.html import render_html
from mtcheck.report.nesting import nest, walk

HOSTILE = ('Officials said <script>document.title="pwned"</script> on Monday.\n'
           'A second <img src=x onerror="document.title=\'pwned2\'"> line & "quotes" &amp; more.\n'
           '</div></mark><!-- not a comment --> Читайте также\n')
ARTIFACTS = ROOT / "tests" / "artifacts"


def _finding(rule: str, category: str, start: int, end: int, **kw) -> Finding:
    return Finding(rule, f"rule-{rule.lower()}", category, kw.pop("severity", Severity.WARNING),
                   kw.pop("message", f"message of {rule}"), start, end, **kw)


def _result(text: str, findings: list[Finding], path: str = "story.txt") -> FileResult:
    return FileResult(path, sorted(findings, key=lambda f: f.sort_key), doc=Document.from_text(text, path))


@pytest.fixture(scope="module")
def seed_results() -> list[FileResult]:
    linter = Linter()
    return [linter.lint_file(str(p)) for p in sorted(SEEDS.glob("*.txt"))]


# -- reading a report back without a browser ------------------------------------------------
class ReportParser(HTMLParser):
    """Collects each article's text as parsed, every highlight fragment and its text,
    and anything that could load or run something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = {}          # article id -> text content of div.text
        self.fragments: list[dict] = []          # attrs + "text" + "article"
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self._article: str | None = None
        self._in_text = False
        self._buf: list[str] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "section" and "article" in (a.get("class") or ""):
            self._article = a["id"]
        if tag == "div" and a.get("class") == "text":
            self._in_text, self._buf = True, []
        if tag == "mark":
            frag = {**a, "text": [], "article": self._article}
            self._open.append(frag)
            self.fragments.append(frag)

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open.pop()
        elif tag == "div" and self._in_text:
            self._in_text = False
            self.texts[self._article] = "".join(self._buf)

    def handle_data(self, data):
        if self._in_text:
            self._buf.append(data)
        for frag in self._open:
            frag["text"].append(data)


def parse(page: str) -> ReportParser:
    p = ReportParser()
    p.feed(page)
    p.close()
    for f in p.fragments:
        f["text"] = "".join(f["text"])
    return p


_BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _as_tip(message: str) -> str:
    """A message as a tooltip shows it: bidi controls as "⟨U+202E⟩" (they would reorder it)."""
    return "".join(f"\u27e8U+{ord(c):04X}\u27e9" if c in _BIDI_CONTROLS else c for c in message)


def check_highlights(page: str, results: list[FileResult]) -> ReportParser:
    """Every fragment shows exactly text[start:end]; the fragments of each finding cover
    exactly its span; the first is focusable and described by an existing element."""
    p = parse(page)
    for i, r in enumerate(results, 1):
        art = f"a{i}"
        assert p.texts[art] == r.doc.text
        frags = [f for f in p.fragments if f["article"] == art]
        for f in frags:
            s, e = int(f["data-start"]), int(f["data-end"])
            assert f["text"] == r.doc.text[s:e], f
        for j, finding in enumerate(r.findings, 1):
            mine = sorted((int(f["data-start"]), int(f["data-end"]), f) for f in frags
                          if f["data-finding"] == f"{art}-f{j}")
            assert mine, f"no highlight for finding {j} of {r.path}"
            assert mine[0][0] == finding.start and mine[-1][1] == finding.end
            for (_, e1, _), (s2, _, _) in zip(mine, mine[1:]):
                assert e1 == s2, "fragments of one finding must be contiguous"
            first = mine[0][2]
            assert first.get("tabindex") == "0" and first.get("id") == f"{art}-f{j}"
            assert first["aria-describedby"] in p.ids
            assert finding.rule in first["data-tip"] and _as_tip(finding.message) in first["data-tip"]
            for _, _, other in mine[1:]:
                assert "tabindex" not in other
    return p


# -- pure-Python tests ------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=12))
def test_nest_fragments_nest_and_cover_each_span(raw):
    spans = [(s, s + n) for s, n in raw]
    roots = nest(spans)
    frags = list(walk(roots))

    def check(children, lo, hi):
        prev = lo
        for c in children:
            assert lo <= c.start <= c.end <= hi and c.start >= prev
            prev = c.end
            check(c.children, c.start, c.end)
    check(roots, 0, 10 ** 9)
    for key, (s, e) in enumerate(spans):
        mine = sorted((f.start, f.end) for f in frags if f.key == key)
        if s == e:
            assert mine == [(s, s)]
            continue
        assert all(a < b for a, b in mine), "no empty fragments for a non-empty span"
        assert mine[0][0] == s and mine[-1][1] == e
        assert all(b == c for (_, b), (c, _) in zip(mine, mine[1:]))
        assert sum(f.first for f in frags if f.key == key) == 1


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'\r\n\t;#/-—Жé😀")), max_size=60),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20), st.sampled_from(["casing", "garbled",
                                                                                   "name-variant"])),
                max_size=8))
def test_any_text_and_spans_round_trip_through_the_page(text, raw):
    fs = [_finding(f"MT{100 + i}", cat, min(s, len(text)), min(s + n, len(text)),
                   message=f"msg <{i}> & \"q\"", replacements=(text[s:s + n] + "<x>",))
          for i, (s, n, cat) in enumerate(raw)]
    r = _result(text, fs)
    p = check_highlights(render_html([r], compute_scores=False), [r])
    assert not [t for t, _ in p.tags if t in ("script", "img", "x")]


def test_seed_report_highlights_every_finding(seed_results):
    assert sum(len(r.findings) for r in seed_results) > 10  # the seeds are full of artifacts
    page = render("html", seed_results, color=False, statistics=False)
    check_highlights(page, seed_results)


def test_overlapping_and_nested_findings_split_cleanly():
    text = "Minister of foreign Affairs Sergey lavrov spoke.\r\nSecond line."
    fs = [_finding("MT201", "casing", 12, 27),           # "foreign Affairs"
          _finding("MT601", "name-variant", 20, 41),     # "Affairs Sergey lavrov": crosses the first
          _finding("MT202", "casing", 35, 41),           # "lavrov": nested in the second
          _finding("MT401", "punctuation", 48, 48)]      # zero width, at the CR
    r = _result(text, fs)
    p = check_highlights(render_html([r], compute_scores=False), [r])
    crossing = [f for f in p.fragments if f["data-finding"] == "a1-f2"]
    assert [f["text"] for f in crossing] == ["Affairs", " Sergey lavrov"]
    assert "\r\n" in p.texts["a1"]


def test_article_text_is_escaped_and_page_is_self_contained():
    text = HOSTILE
    start = text.index("<script>")
    r = _result(text, [_finding("MT101", "untranslated", start, start + 8),
                       _finding("MT102", "untranslated", text.index("Читайте"), len(text) - 1)],
                path='evil<b>"name".txt')
    page = render_html([r], title="t <script>alert(1)</script>", compute_scores=False)
    p = check_highlights(page, [r])
    names = [t for t, _ in p.tags]
    assert "script" not in names and "img" not in names and "link" not in names and "iframe" not in names
    assert "&lt;script&gt;" in page and "<script>" not in page
    for tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "src" not in attrs
        assert attrs.get("href", "#").startswith("#"), "links stay inside the page"
    assert not re.search(r"@import|url\(", page)
    assert 'evil&lt;b&gt;"name".txt' in page


def test_summary_counts_categories_rules_and_renders_scores_and_clusters():
    text = "Butina met Butinai. Then Butino left. The UN security Council met.\n"
    fs = [_finding("MT601", "name-variant", 11, 18, replacements=("Butina",), fix="safe",
                   data={"canonical": "Butina", "source": "document",
                         "cluster": [{"spelling": "Butina", "count": 1}, {"spelling": "Butinai", "count": 1},
                                     {"spelling": "Butino", "count": 1}]}),
          _finding("MT601", "name-variant", 25, 31, replacements=("Butina",), fix="safe"),
          _finding("MT205", "casing", text.index("security"), text.index(" met.\n"),
                   replacements=("Security Council",))]
    r = _result(text, fs)
    score = {"score": 61.5, "segments": [{"score": 90, "start": 0, "end": 19}, {"score": 40}, 75],
             "components": {"casing": {"value": 1.2, "penalty": 6.0}, "boilerplate": {"value": 0, "penalty": 0}}}
    page = render_html([r], scores={"story.txt": score})
    check_highlights(page, [r])
    assert re.search(r"Fluency <strong>62</strong>", page)
    assert len(re.findall(r"<rect ", page)) == 3
    assert "Sentence 1: 90 — Butina met Butinai." in page
    assert "−6.0 points" in page and "boilerplate</th>" not in page
    assert re.search(r"<strong>Butina</strong>: Butina ×1, Butinai ×1, Butino ×1 "
                     r'<span class="muted">\(canonical form from the document\)', page)
    row = re.search(r'<td class="code">MT601</td>.*?</tr>', page).group(0)
    assert re.findall(r'<td class="n">(\d+)</td>', row) == ["2", "1"]   # 2 findings, 1 article
    assert re.search(r"name variant</span> <span class=\"muted\">\(double underline\) 2<", page)
    # A plain number and a sequence aligned with the results are accepted too.
    assert "Fluency <strong>80</strong>" in render_html([r], scores=[80])
    assert "<svg" not in render_html([r], compute_scores=False)


def test_real_score_results_render_with_one_bar_per_sentence(seed_results):
    score = pytest.importorskip("mtcheck.score")
    r = seed_results[-1]
    result = score.score_document(r.doc, r.findings)
    page = render_html([r], scores={r.path: result})
    assert f"Fluency <strong>{result.score:.0f}</strong>" in page
    assert len(re.findall(r"<rect ", page)) == len(result.segments) > 3
    # Computed by the report itself when no scores are given: the same numbers.
    assert f"Fluency <strong>{result.score:.0f}</strong>" in render_html([r])


def test_clusters_without_data_group_by_replacement():
    text = "Sergey Lavrov spoke. Sergei Lavrov left. Sergey Lavrov came back.\n"
    fs = [_finding("MT602", "name-variant", 21, 34, replacements=("Sergey Lavrov",))]
    page = render_html([_result(text, fs)], compute_scores=False)
    assert "<strong>Sergey Lavrov</strong>: Sergey Lavrov ×2, Sergei Lavrov ×1" in page


def test_errors_and_notices_render():
    page = render_html([FileResult("gone.txt", error="no such file <x>"),
                        FileResult("big.txt", notice="skipped: larger than 5 MB")], compute_scores=False)
    assert "Could not be linted: no such file &lt;x&gt;" in page
    assert "skipped: larger than 5 MB" in page and "1 could not be read" in page


def test_cli_writes_html_report_to_output_file(tmp_path, cli):
    out = tmp_path / "report.html"
    r = cli("lint", "--format", "html", "-o", str(out), *sorted(str(p) for p in SEEDS.glob("*.txt")))
    assert r.returncode == 1, r.stderr   # the seeds have findings
    assert r.stdout == b""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count('tabindex="0"') >= 10


def test_score_html_shows_the_reference_figures_the_json_has(tmp_path, cli):
    """`score --format html --ref` carries each article's BLEU/chrF++/TER against its
    reference, the same figures as the JSON report, with sacrebleu's signatures."""
    import html as _html
    import re as _re
    hyp, ref = tmp_path / "a.txt", tmp_path / "ref.txt"
    hyp.write_text("The talks in USA ended on Friday.\nDonald trump said so.\n", encoding="utf-8")
    ref.write_text("The talks in the USA ended on Friday.\nDonald Trump said so.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    r = cli("score", "--languagetool", "off", "--format", "html", "-o", str(out), str(hyp), "--ref", str(ref))
    assert r.returncode == 0, r.stderr
    j = json.loads(cli("score", "--languagetool", "off", "--format", "json", str(hyp), "--ref", str(ref)).stdout)
    article = j["files"][0]["reference"]["article"]
    page = out.read_text(encoding="utf-8")
    shown = dict(_re.findall(r'<th scope="row">([^<]+)</th><td class="n" title="[^"]*">([0-9.]+)</td>', page))
    assert shown == {"BLEU": f"{article['bleu']['score']:.1f}", "chrF++": f"{article['chrf++']['score']:.1f}",
                     "TER": f"{article['ter']['score']:.1f}", "TER (cased)": f"{article['ter-cased']['score']:.1f}"}
    assert _html.escape(article["bleu"]["signature"], quote=True) in page


# -- in a real browser --------------------------------------------------------------------------
def _browser():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    binary = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if not binary or not driver:
        pytest.skip("headless Chromium not installed (apt-get install chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1200,1600", f"--user-data-dir={tempfile.mkdtemp(prefix='mtcheck-chromium-')}"):
        opts.add_argument(flag)
    return webdriver.Chrome(options=opts, service=Service(driver))


@pytest.fixture(scope="module")
def browser():
    drv = _browser()
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def loaded_report(seed_results, browser, tmp_path_factory):
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    results = seed_results + [Linter().lint_file(str(hostile))]
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render("html", results, color=False, statistics=False), encoding="utf-8")
    browser.get(path.as_uri())
    return results


def test_browser_highlights_are_where_the_findings_say(browser, loaded_report):
    marks = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.hl')).map(m => {"
        " const r = m.getBoundingClientRect();"
        " return [m.closest('section.article').id, m.dataset.finding, +m.dataset.start, +m.dataset.end,"
        " m.textContent, m.tabIndex, r.width * r.height]; })")
    assert marks
    arts = {f"a{i}": r for i, r in enumerate(loaded_report, 1)}
    for art, fid, s, e, text, _, area in marks:
        assert text == arts[art].doc.text[s:e], (fid, s, e, text)
        if e > s and text.strip():
            assert area > 0, f"{fid} is not visible"
    for art, r in arts.items():
        assert browser.execute_script(f"return document.querySelector('#{art} .text').textContent") == r.doc.text
        for j, f in enumerate(r.findings, 1):
            mine = sorted((s, e, tab) for a, fid, s, e, _, tab, _ in marks if fid == f"{art}-f{j}")
            assert (mine[0][0], mine[-1][1]) == (f.start, f.end)
            assert mine[0][2] == 0


def test_browser_never_runs_article_script(browser, loaded_report):
    assert browser.title == "mtcheck report"
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return document.images.length") == 0
    last = f"a{len(loaded_report)}"
    shown = browser.execute_script(f"return document.querySelector('#{last} .text').innerText")
    assert '<script>document.title="pwned"</script>' in shown
    assert "onerror=" in shown


def test_browser_keyboard_focus_shows_tooltip_and_screenshot(browser, loaded_report):
    from selenium.webdriver.common.keys import Keys

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "html_report.png"))
    browser.execute_script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    for _ in range(400):   # tab through the page's links until the first highlight
        el = browser.switch_to.active_element
        if el.tag_name == "mark":
            break
        el.send_keys(Keys.TAB)
    else:
        pytest.fail("no highlight reachable with the Tab key")
    assert el.get_attribute("id") == "a1-f1"
    tip = browser.execute_script("const s = getComputedStyle(arguments[0], '::after');"
                                 "return [s.display, s.content]", el)
    first = loaded_report[0].findings[0]
    assert tip[0] == "block" and first.rule in tip[1]
    described = browser.find_element("id", el.get_attribute("aria-describedby")).text
    assert first.rule in described
    browser.save_screenshot(str(ARTIFACTS / "html_report_focus.png"))
    assert (ARTIFACTS / "html_report_focus.png").stat().st_size > 1000
