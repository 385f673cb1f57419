"""Built-in patterns written with possessive repeats (for speed: no backtracking into a
letter run that can only be followed by a non-letter) match exactly what the same
pattern without them matches."""

from __future__ import annotations

import random
import re

import regex

from mtcheck.rules import load_rules

_POSSESSIVE = re.compile(r"(\{\d*,?\d*\}|[*+?])\+")


def _patterns():
    for rule in load_rules().rules:
        pats = rule.params.get("pattern")
        for p in [pats] if isinstance(pats, str) else (pats or []):
            if _POSSESSIVE.search(p):
                yield rule, p


def _texts(rule, rng):
    pieces = [str(e) for key in ("bad", "good") for e in rule.examples.get(key) or []]
    extra = ["refus...", "Tehr…", "made... MOSCOW, July 30.", "a... b", "x…", "É...", "word-…", "word_...",
             "12...", "…", "...", "\n", " ", "\t", "MOSCOW, ", "Ab", "ВЕСТИ, "]
    for _ in range(400):
        yield "".join(rng.choice(pieces + extra) for _ in range(rng.randint(1, 8)))


def test_possessive_patterns_match_like_plain_ones():
    rng = random.Random(5)
    found = list(_patterns())
    assert found, "no built-in pattern uses a possessive repeat any more: drop this test"
    for rule, p in found:
        fast = regex.compile(p, regex.MULTILINE)
        plain = regex.compile(_POSSESSIVE.sub(r"\1", p), regex.MULTILINE)
        assert plain.pattern != fast.pattern
        for text in _texts(rule, rng):
            got = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
            assert got == [(m.span(), m.groupdict()) for m in plain.finditer(text)], (rule.code, text)
