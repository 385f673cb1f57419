"""The consistency kind skips its scans when the strings the styles need leave fewer
than two styles possible, scans the styles found in fewest articles first and stops
when too few are left for two to be found: its findings equal those of scanning every
style in the rule's order."""

from __future__ import annotations

import random

from mtcheck.checks import CheckContext, get_kind
from mtcheck.document import Document
from mtcheck.rules import load_rules


def _plain(doc, rule, styles, major=False):
    """The definition: every style's matches (outside protected spans), minority flagged
    (with *major*: each as (start, end, the majority style))."""
    hits = {}
    for name, pat in styles.styles:   # in the rule's order, every one
        ms = [m for m in pat.rx.finditer(doc.prose) if not doc.is_protected(m.start(), m.end())]
        if ms:
            hits[name] = ms
    if len(hits) < 2:
        return []
    order = sorted(hits, key=lambda n: (-len(hits[n]), hits[n][0].start()))
    return [(m.start(), m.end()) + ((order[0],) if major else ()) for name in order[1:] for m in hits[name]]


def test_findings_equal_scanning_every_style():
    rules = [r for r in load_rules().rules if r.kind == "consistency"]
    assert rules
    rng = random.Random(3)
    months = ["January", "July", "May", "may", "December", "Julys", "june"]
    pieces = ["On", "the", "talks", "ended", "per cent", "%", "at 10:30", ".", ",", "\n", "www.x.com/July-21",
              "#July21", "2017"]
    kind = get_kind("consistency")
    ctx = CheckContext(ruleset=None, options={})
    for rule in rules:
        styles = kind.prepare(rule, ctx)
        found = 0
        for _ in range(1500):
            words = []
            for _ in range(rng.randint(0, 14)):
                r = rng.random()
                if r < 0.25:
                    words.append(f"{rng.choice(months)} {rng.randint(1, 31)}")
                elif r < 0.5:
                    words.append(f"{rng.randint(1, 31)} {rng.choice(months)}")
                else:
                    words.append(rng.choice(pieces))
            doc = Document.from_text(" ".join(words), "a.txt", "text")
            got = [(f.start, f.end) for f in kind.check(doc, rule, styles, ctx)]
            assert got == _plain(doc, rule, styles), doc.text
            found += bool(got)
        assert found > 50


THREE_STYLES = """\
rules:
  - code: XY501
    name: percent-style
    category: consistency
    severity: info
    kind: consistency
    styles:
      "percent": '\\bpercent\\b'
      "per cent": '\\bper cent\\b'
      "sign": '(?<=\\d)%'
    message: "'{style}' here, '{major}' {major_count} times"
    why: One story, one way of writing percentages.
    examples:
      bad: ["Prices rose 5 percent in May and 4 per cent in June."]
      good: ["Prices rose 5 percent in May and 4 percent in June."]
"""


def test_three_styles_equal_scanning_every_style(tmp_path):
    """With three styles the scan stops only when fewer than two can still be found
    (after two scans without a hit), whatever order the counts put them in."""
    (tmp_path / "r.yml").write_text(THREE_STYLES, encoding="utf-8")
    rule = next(r for r in load_rules((str(tmp_path),)).rules if r.code == "XY501")
    kind = get_kind("consistency")
    ctx = CheckContext(ruleset=None, options={})
    styles = kind.prepare(rule, ctx)
    rng = random.Random(5)
    pieces = ["5 percent", "4 per cent", "3%", "rose", "fell", ".", "\n", "percentage", "per", "cent", "7 %"]
    found, orders = 0, set()
    for _ in range(2000):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 10))]
        doc = Document.from_text(" ".join(words), "a.txt", "text")
        got = [(f.start, f.end, f.message) for f in kind.check(doc, rule, styles, ctx)]
        orders.add(tuple(sorted(styles.found_in, key=styles.found_in.get)))
        want = _plain(doc, rule, styles, major=True)
        assert [(s, e) for s, e, _m in got] == [(s, e) for s, e, _major in want], doc.text
        assert all(m.startswith("'") and f", '{major}' " in m for (_s, _e, m), (_s2, _e2, major) in zip(got, want))
        found += bool(got)
    assert found > 200 and len(orders) > 1   # findings were made, and the scan order changed
