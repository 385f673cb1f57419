"""The stored regex programs (rxprog.compile) give the very pattern regex.compile
gives: same matches, groups and expansions on every built-in phrase pattern, timeouts
still enforced, bad patterns still reported."""

from __future__ import annotations

import marshal

import pytest
import regex

from mtcheck import rxprog
from mtcheck.checks import phrases
from mtcheck.diskmemo import DiskMemo
from mtcheck.rxprog import _program, compile as cached_compile, engine as _engine
from mtcheck.rules import load_rules


def _builtin_patterns() -> list[tuple[str, int, list[str]]]:
    out = []
    for rule in load_rules().rules:
        if rule.kind not in ("existence", "substitution"):
            continue
        flags = regex.MULTILINE | (regex.IGNORECASE if rule.params.get("ignorecase") else 0)
        texts = [e if isinstance(e, str) else str(e) for key in ("bad", "good")
                 for e in (rule.examples.get(key) or [])]
        pats = phrases._as_list(rule.params.get("pattern"))
        if rule.params.get("tokens"):
            pats.append(phrases._tokens_pattern(rule.params["tokens"]))
        for wrong in (rule.params.get("swap") or {}):
            pats.append(wrong if any(c in wrong for c in "\\[(?*+|^$") else phrases._tokens_pattern([wrong]))
        out.extend((p, flags, texts) for p in pats)
    return out


def _answers(rx, texts: list[str]) -> list:
    got = []
    for t in texts:
        for m in rx.finditer(t, timeout=2.0):
            got.append((m.span(), m.groups(), m.groupdict(), m.expand(r"<\g<0>>")))
    return got


def test_stored_programs_match_like_a_fresh_compile():
    cases = _builtin_patterns()
    assert len(cases) > 15
    for pattern, flags, texts in cases:
        args = _program(pattern, flags)
        assert args is not None, pattern
        stored = _engine().compile(*marshal.loads(marshal.dumps(args)))   # as read back from disk
        fresh = regex.compile(pattern, flags)
        assert stored.pattern == fresh.pattern and stored.flags == fresh.flags
        assert stored.groupindex == fresh.groupindex
        assert _answers(stored, texts) == _answers(fresh, texts), pattern


def test_cached_compile_reads_the_memo(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    memo = DiskMemo("regexprog-test", rxprog.__file__)
    monkeypatch.setattr(rxprog, "_PROGRAMS", memo)
    rx = cached_compile(r"(?P<w>\w+)\s+said", regex.IGNORECASE)
    assert len(memo._data) == 1
    again = cached_compile(r"(?P<w>\w+)\s+said", regex.IGNORECASE)
    assert again is not rx and again.search("Ivan SAID so").group("w") == "Ivan"


def test_timeouts_still_stop_a_catastrophic_pattern():
    rx = cached_compile(r"(\w+)(?:\s+\w+)*\s+\1\d", regex.MULTILINE)   # backtracks on every word
    rx = cached_compile(rx.pattern, regex.MULTILINE)                      # the stored program
    with pytest.raises(TimeoutError):
        list(rx.finditer("abcdefghij " * 2000, timeout=0.05))


def test_bad_pattern_is_still_an_error_and_not_stored(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    memo = DiskMemo("regexprog-test", rxprog.__file__)
    monkeypatch.setattr(rxprog, "_PROGRAMS", memo)
    with pytest.raises(regex.error):
        cached_compile(r"(unclosed", 0)
    assert not memo._data
