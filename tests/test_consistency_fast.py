"""The consistency kind skips its scans when the strings the styles need leave fewer
than two styles possible: its findings equal those of scanning every style."""

from __future__ import annotations

import random

from mtcheck.checks import CheckContext, get_kind
from mtcheck.document import Document
from mtcheck.rules import load_rules


def _plain(doc, rule, styles):
    """The definition: every style's matches (outside protected spans), minority flagged."""
    hits = {}
    for name, pat in styles:
        ms = [m for m in pat.rx.finditer(doc.prose) if not doc.is_protected(m.start(), m.end())]
        if ms:
            hits[name] = ms
    if len(hits) < 2:
        return []
    order = sorted(hits, key=lambda n: (-len(hits[n]), hits[n][0].start()))
    return [(m.start(), m.end()) for name in order[1:] for m in hits[name]]


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
