"""Every example of every rule is a test (the sqlfluff habit).

bad   -> the rule reports at least one finding;
good  -> the rule reports nothing;
fixed -> applying the rule's own fixes (safe and unsafe) to the bad text gives exactly this.
"""

from __future__ import annotations

import pytest

from mtcheck.api import Linter
from mtcheck.config import Config
from mtcheck.fix import apply_fixes
from mtcheck.rules import load_rules

RULES = load_rules().rules
# Rules that need an external service or input are exercised by their own tests.
EXTERNAL_KINDS = {"languagetool", "source"}

_linter = Linter(Config())


def _cases():
    for rule in RULES:
        if rule.kind in EXTERNAL_KINDS:
            continue
        for i, text in enumerate(rule.examples["bad"]):
            fixed = rule.examples["fixed"][i] if rule.examples["fixed"] else None
            yield pytest.param(rule, "bad", text, fixed, id=f"{rule.code}-bad-{i}")
        for i, text in enumerate(rule.examples["good"]):
            yield pytest.param(rule, "good", text, None, id=f"{rule.code}-good-{i}")


def _lint(rule, text):
    return [f for f in _linter.lint_text(text, config=Config(select=(rule.code,)))
            if f.rule == rule.code]


@pytest.mark.parametrize("rule,kind,text,fixed", list(_cases()))
def test_rule_example(rule, kind, text, fixed):
    findings = _lint(rule, text)
    if kind == "good":
        assert findings == [], f"{rule.code} flagged a good example: {[(f.message) for f in findings]}"
        return
    assert findings, f"{rule.code} did not flag its bad example: {text!r}"
    if fixed is not None:
        new = text
        for _ in range(5):  # fixes that overlap are applied over successive passes
            out, applied = apply_fixes(new, _lint(rule, new), unsafe=True)
            if not applied:
                break
            new = out
        assert new == fixed


def test_every_rule_has_examples_and_why():
    assert RULES, "no rules loaded"
    for rule in RULES:
        assert rule.examples["bad"] and rule.examples["good"], rule.code
        assert len(rule.why.split()) >= 12, f"{rule.code}: the why-paragraph should explain the rule"
        if rule.fix and rule.kind not in EXTERNAL_KINDS:
            assert rule.examples["fixed"], f"{rule.code} has a fix but no fixed examples"


def test_codes_are_unique_and_categories_valid():
    from mtcheck.findings import CATEGORIES
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert all(r.category in CATEGORIES for r in RULES)


def _as_crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _where(text: str, findings) -> list[tuple]:
    """Each finding as a reader sees it: line and column of both ends, message, suggestions."""
    def at(offset: int) -> tuple[int, int]:
        line_start = text.rfind("\n", 0, offset) + 1
        return text.count("\n", 0, offset) + 1, offset - line_start + 1
    return sorted((f.rule, at(f.start), at(f.end), f.message, f.replacements) for f in findings)


def _fixed(rule, text: str) -> str:
    for _ in range(5):
        out, applied = apply_fixes(text, _lint(rule, text), unsafe=True)
        if not applied:
            break
        text = out
    return text


@pytest.mark.parametrize("rule,kind,text,fixed", list(_cases()))
def test_rule_example_with_crlf_line_ends(rule, kind, text, fixed):
    """Every example, its lines ended by CRLF (Windows editors, CMS exports), gives the
    findings the LF text gives, at the same lines and columns, and its fixes keep CRLF.
    Each example also ends in a line break here, so that a rule anchored at a line's
    end (``[ \\t]*$``) meets the CR it missed before (an agency "-0-", "5 minutes ago")."""
    lf = text + "\n"
    crlf = _as_crlf(lf)
    assert _where(crlf, _lint(rule, crlf)) == _where(lf, _lint(rule, lf))
    if fixed is not None:
        assert _fixed(rule, crlf) == _as_crlf(_fixed(rule, lf))
