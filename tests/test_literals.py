"""The one-pass literal index (checks/literals.py) reports exactly the registered strings
a text holds, with the C module's search and with the Aho-Corasick automaton, and pattern
pre-checks answer the same with it as with substring tests."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.checks import get_kind, literals
from mtcheck.checks.literals import LiteralIndex
from mtcheck.checks.phrases import _Compiled
from mtcheck.checks.needs import COLD_USES
from mtcheck.document import Document
from mtcheck.rules import load_rules

_STRINGS = ["in", "said in", "aid", "d i", "…", "...", "..", "”", "«", "Кремль", "ль", "é", "é", "ß", "ss",
            "İ", "i̇", " ", "  ", "USA", "US", "A"]


def _doc(text: str) -> Document:
    return Document.from_text(text, "a.txt", "text")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_STRINGS + ["x", "S", "said", "\n", "Кр", "емль"]), max_size=30).map("".join))
def test_present_is_exact(text):
    for native in {literals._NATIVE, None}:
        saved, literals._NATIVE = literals._NATIVE, native
        try:
            index = LiteralIndex("t.present", cold_uses=0)
            index.register(_STRINGS)
            assert index.present(_doc(text), text) == {s for s in _STRINGS if s in text}
        finally:
            literals._NATIVE = saved


def test_the_c_search_answers_from_the_first_article():
    """With the C module the index needs no warming up: its table costs ~0.1 ms, so even a
    one-article run tests each need by set operations (and never imports the automaton)."""
    if literals._NATIVE is None:
        pytest.skip("the C module is not in use here")
    index = LiteralIndex("t.first", cold_uses=1 << 62)
    index.register(["said", "told"])
    doc = _doc("He said it.")
    assert index.present(doc, doc.prose) == {"said"}
    index.register(["it"])
    assert index.present(doc, doc.prose) == {"said", "it"}   # a stale answer is recomputed


def test_cold_then_warm_and_stale_answers_recomputed(monkeypatch):
    monkeypatch.setattr(literals, "_NATIVE", None)   # the automaton's way: substring tests first
    index = LiteralIndex("t.cold", cold_uses=2)
    index.register(["said", "told"])
    docs = [_doc(f"He said it {i}.") for i in range(4)]
    assert [index.present(d, d.prose) for d in docs[:2]] == [None, None]
    assert index.present(docs[0], docs[0].prose) is None           # a cold article stays cold
    assert index.present(docs[2], docs[2].prose) == {"said"}
    index.register(["it"])                                         # a rule prepared later
    assert index.present(docs[2], docs[2].prose) == {"said", "it"}
    assert index.present(docs[3], docs[3].prose) == {"said", "it"}


def _texts(n: int, seed: int) -> list[str]:
    """Texts built from the built-in rules' own examples, cut and mixed."""
    rng = random.Random(seed)
    pieces = []
    for rule in load_rules().rules:
        for key in ("bad", "good"):
            for e in rule.examples.get(key) or []:
                pieces.append(e if isinstance(e, str) else str(e))
    out = []
    for _ in range(n):
        parts = rng.sample(pieces, rng.randint(1, 4))
        text = " ".join(parts)
        if rng.random() < 0.5:
            a, b = sorted(rng.sample(range(len(text) + 1), 2))
            text = text[:a] + rng.choice(["\n", " ", "", "İ", "…"]) + text[b:]
        out.append(text)
    return out


def test_pattern_prechecks_agree_with_substring_tests(monkeypatch, literal_search):
    pats = []
    for rule in load_rules().rules:
        if rule.kind in ("existence", "substitution"):
            state = get_kind(rule.kind).prepare(rule, None)
            pats += state.patterns if isinstance(state, _Compiled) else [item[0] for item in state]   # (pattern, right, wrong)
    assert sum(1 for p in pats for t in p.tests if getattr(t, "index", None) is not None) > 20
    texts = _texts(600, 7)
    # the substring path: indexes that never warm up (and no C search)
    native = literals._NATIVE
    monkeypatch.setattr(literals, "_NATIVE", None)
    for name in ("PLAIN", "FOLDED"):
        monkeypatch.setattr(getattr(literals, name), "_cold_uses", 1 << 62)
        monkeypatch.setattr(getattr(literals, name), "_find", None)
    for t in (t for p in pats for t in p.tests):   # warm: a cold CoreNeed answers "may match"
        t._uses = COLD_USES
    plain = [[p.may_match(d) for p in pats] for d in map(_doc, texts)]
    monkeypatch.setattr(literals, "_NATIVE", native if literal_search == "c" else None)
    for name in ("PLAIN", "FOLDED"):
        monkeypatch.setattr(getattr(literals, name), "_find", None)
        monkeypatch.setattr(getattr(literals, name), "_cold_uses", 0)
        monkeypatch.setattr(getattr(literals, name), "_articles", 0)
    indexed = [[p.may_match(d) for p in pats] for d in map(_doc, texts)]
    assert indexed == plain
    assert 0 < sum(map(sum, plain)) < len(pats) * len(texts)   # the tests do decide something


def test_requires_lists_answer_as_substring_tests_cold_and_warm(monkeypatch, literal_search):
    """A rule's `requires:` strings go through the same index: the answer is still
    "does the text hold one of them", before and after the index warms up."""
    from mtcheck.checks.phrases import _Filters

    rules = [r for r in load_rules().rules if r.params.get("requires")]
    assert len(rules) >= 3
    texts = _texts(300, 11) + ["said ,", "( x )", "a,, b", "Plain text."]
    expected = [[any(s in t for s in r.params["requires"]) for r in rules] for t in texts]
    native = literals._NATIVE
    monkeypatch.setattr(literals, "_NATIVE", None)
    monkeypatch.setattr(literals.PLAIN, "_cold_uses", 1 << 62)
    monkeypatch.setattr(literals.PLAIN, "_find", None)
    assert [[_Filters.applies(_doc(t), r) for r in rules] for t in texts] == expected
    monkeypatch.setattr(literals, "_NATIVE", native if literal_search == "c" else None)
    monkeypatch.setattr(literals.PLAIN, "_find", None)
    monkeypatch.setattr(literals.PLAIN, "_cold_uses", 0)
    monkeypatch.setattr(literals.PLAIN, "_articles", 0)
    assert [[_Filters.applies(_doc(t), r) for r in rules] for t in texts] == expected
    assert 0 < sum(map(sum, expected)) < len(rules) * len(texts)
