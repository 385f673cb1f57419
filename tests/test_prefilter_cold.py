"""The pre-check's first articles in a process (needs.COLD_USES): alternatives tested
as substrings instead of a compiled scan, the core scan not compiled yet ("may match").
Both are necessary conditions still, so findings are those of the compiled tests."""

from __future__ import annotations

import random

import pytest

from mtcheck.api import Linter
from mtcheck.checks import needs, prefilter
from mtcheck.checks.needs import CoreNeed, Need


def _example_texts(linter: Linter) -> list[str]:
    return [str(t) for r in linter.ruleset.rules for key in ("bad", "good")
            for t in (r.examples.get(key) or [])]


def test_cold_alternatives_give_the_scans_answers():
    rng = random.Random(6)
    alts = frozenset({"Moscow", "Kremlin", "“Yes", "READ MORE", "Tass"})
    texts = [" ".join(rng.choice(["the", "Moscow", "kremlin", "READ", "MORE", "“Yes", "Tas", "x"])
                      for _ in range(rng.randint(0, 6))) for _ in range(200)]
    need = Need(alts)
    assert need.one_scan
    reference = Need(alts)
    reference._uses = needs.COLD_USES          # compiled from the first text
    got = [need.found(t) for t in texts]
    assert got == [reference.found(t) for t in texts]
    assert got == [any(a in t for a in alts) for t in texts]
    assert need._rx is not None                    # compiled once warm


def test_cold_core_says_may_match_then_scans():
    core = CoreNeed(r"\-(?:(?:[A-Z]){2,})")
    answers = [core.found("no caps here") for _ in range(needs.COLD_USES)]
    assert answers == [True] * needs.COLD_USES and core._rx is None
    assert core.found("no caps here") is False and core.found("Kim Jong-UN") is True


@pytest.mark.parametrize("cold", [0, 8, 10_000])
def test_findings_do_not_depend_on_the_cold_start(monkeypatch, cold):
    texts = _example_texts(Linter())
    expected = [[(f.rule, f.start, f.end) for f in Linter().lint_text(t)] for t in texts]
    monkeypatch.setattr(needs, "COLD_USES", cold)
    linter = Linter()
    for rule in linter.ruleset.rules:
        rule._state = None     # fresh pre-check objects under this setting
    got = [[(f.rule, f.start, f.end) for f in linter.lint_text(t)] for t in texts]
    assert got == expected


@pytest.mark.parametrize("pattern", [
    r"^[ \t]*\K(?:read also|see also)\b[^\n]*",
    r"(?P<q>[”\"]),\K[ \t]*[–—-][ \t]+said\b",
])
def test_keep_is_read_as_its_pattern_without_it(pattern):
    """\\K moves where a match is reported, not whether the text holds one: the
    pre-check needs the same literals and core as the pattern without it (the standard
    library's parser, which reads them, does not know \\K)."""
    plain = pattern.replace("\\K", "")
    assert prefilter.required_literals(pattern) == prefilter.required_literals(plain) != []
    assert prefilter.required_core(pattern) == prefilter.required_core(plain)


def test_a_core_scan_that_rules_nothing_out_is_retired(monkeypatch):
    """A core scan that almost never fails over its first articles stops scanning
    ("may match", always sound); one that does rule articles out keeps scanning."""
    idle = CoreNeed(r"said")
    useful = CoreNeed(r"\-(?:(?:[A-Z]){2,})")
    idle._uses = useful._uses = needs.COLD_USES   # compiled from the first text
    assert all(idle.found("he said so") for _ in range(needs.RETIRE_AFTER))
    assert idle.found("nothing here") is True          # retired
    assert not any(useful.found("no capitals here") for _ in range(needs.RETIRE_AFTER))
    assert useful.found("no capitals here") is False and useful.found("Kim Jong-UN") is True


@pytest.mark.parametrize("after,below", [(1, 1), (2, 1_000_000)])
def test_findings_do_not_depend_on_retiring_core_scans(monkeypatch, after, below):
    texts = _example_texts(Linter())
    expected = [[(f.rule, f.start, f.end) for f in Linter().lint_text(t)] for t in texts]
    monkeypatch.setattr(needs, "COLD_USES", 0)
    monkeypatch.setattr(needs, "RETIRE_AFTER", after)
    monkeypatch.setattr(needs, "RETIRE_BELOW", below)
    linter = Linter()
    for rule in linter.ruleset.rules:
        rule._state = None
    got = [[(f.rule, f.start, f.end) for f in linter.lint_text(t)] for t in texts * 3]
    assert got == expected * 3
