"""Round three of the casing shortcuts (issue 6) against the plain way.

* ``casing_phrases.capitals``: in all-ASCII prose a token's capital initial is read by
  one string comparison (``"a" > word``); it must equal ``word[0].isupper()`` for every
  token, in ASCII and non-ASCII prose alike.
* ``casing_scan.Shared.present``: the function words ("the", "to", "la" ...) whose forms
  a lower-cased text holds, searched with one regex per word with many forms (after a
  few texts) and with contained forms dropped; it must equal "any form, as the
  gazetteer index lists it, is a substring of the text".
"""

from __future__ import annotations

import random

import pytest

from mtcheck.api import Linter
from mtcheck.checks import casing_phrases, casing_scan
from mtcheck.document import Document

WORDS = ("the a to la el al Kremlin kremlin Hague hague white House house just Russia russia "
         "Taliban paz Lam gore Salvador aaiun iPhone McCain O'Neil well-known Zürich Éire "
         "ǅemal Ωmega ßtraße İzmir \u212aelvin said on Monday in and of").split()


def _texts(n: int, seed: int, forms: list[str]) -> list[str]:
    """Sentences of the words above and of the function words' forms, re-cased at random,
    with URLs (protected: their tokens are dropped), digits and punctuation."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(5, 40)):
            pick = rng.random()
            if pick < 0.2 and forms:
                f = rng.choice(forms)
                parts.append(rng.choice([f, f.upper(), f.title(), f[:-1], f.replace(" ", "  ")]))
            elif pick < 0.25:
                parts.append("see https://example.com/" + rng.choice(WORDS))
            elif pick < 0.3:
                parts.append(rng.choice(["2024", "-", ",", ".", "'s", "’s", "(", ")"]))
            else:
                w = rng.choice(WORDS)
                parts.append(rng.choice([w, w.lower(), w.upper(), w.capitalize()]))
        out.append(rng.choice([" ", "\n"]).join(parts))
    return out


def test_capital_initials_equal_the_first_letter_case():
    texts = _texts(600, seed=3, forms=[])
    ascii_docs = 0
    for text in texts + [t.encode("ascii", "ignore").decode() for t in texts]:
        doc = Document.from_text(text)
        ascii_docs += doc.prose.isascii()
        plain = [w[0].isupper() for w in doc.token_words]
        assert casing_phrases.capitals(doc) == plain, text
        assert doc.memo["casing.capital"] is casing_phrases.capitals(doc)   # made once
    assert 500 < ascii_docs < 1200   # both ways exercised


@pytest.fixture(scope="module")
def shared() -> casing_scan.Shared:
    linter = Linter()
    rules = [r for r in linter.ruleset.rules if r.code in ("MT201", "MT202", "MT203")]
    for r in rules:
        linter.prepare(r)
    casing_scan.view(Document.from_text("The Kremlin said."))   # makes the union
    return casing_scan._SHARED


def _plain_present(shared: casing_scan.Shared, low: str) -> set[str]:
    """Every form of every function word, as the live indexes list it."""
    got = set()
    for first in shared.rare:
        forms = [f.lower for ix in shared.live() if first in ix.by_first for f in ix.by_first[first]]
        if any(f in low for f in forms):
            got.add(first)
    return got


def test_function_word_forms_found_as_form_by_form(shared, literal_search):
    assert len(shared.rare.get("the", ())) > 1 and any(len(fs) == 1 for fs in shared.rare.values())
    forms = [f.lower for ix in shared.live() for first in shared.rare
             if first in ix.by_first for f in ix.by_first[first]]
    texts = [t.lower() for t in _texts(400, seed=5, forms=forms)]
    shared.rare_ac, shared.texts = None, 0   # the first texts form by form, then the automaton
    ways, sizes = [], set()
    for low in texts:
        plain = _plain_present(shared, low)
        ways.append(shared.rare_ac is None)
        assert shared.present(low) == plain, low
        sizes.add(len(plain))
    # texts met with no one-pass search yet: the automaton's form-by-form ones and the one
    # that builds it; the C search is built at the first
    assert sum(ways) == (casing_scan.COLD_TEXTS + 1 if literal_search == "automaton" else 1)
    assert shared.rare_ac is not None
    assert {0, 1, 2, 3} <= sizes


def test_only_the_kelvin_sign_lower_cases_to_one_ascii_character():
    """The premise of casing_scan.ascii_lower, over all of Unicode."""
    import sys

    got = [c for c in range(0x80, sys.maxunicode + 1)
           if not 0xD800 <= c <= 0xDFFF and len(chr(c).lower()) == 1 and chr(c).lower().isascii()]
    assert got == [0x212A]


def test_ascii_lower_keeps_every_ascii_form_match(shared):
    """Wherever a slice of the text lower-cases to an ASCII form (with KELVIN SIGN,
    dotted capital I, sharp s, curly quotes, Greek around), the form is in
    ascii_lower(text); ASCII text is lowered as str.lower does."""
    forms = sorted({f for fs in shared.rare.values() for f in fs} | {"ok", "kiss", "is", "i"})
    rng = random.Random(11)
    texts = _texts(300, seed=13, forms=forms)
    texts += [t.replace("k", "\u212a").replace("K", "\u212a") for t in texts[:100]]
    texts += [t.replace("i", "\u0130", 2).replace(" ", rng.choice(["’", "“", "Σ", "ß"]), 3) for t in texts[:100]]
    matched = 0
    for text in texts:
        low = casing_scan.ascii_lower(text)
        if text.isascii():
            assert low == text.lower()
        for f in forms:
            if any(text[p:p + len(f)].lower() == f for p in range(len(text) - len(f) + 1)):
                matched += 1
                assert f in low, (f, text)
    assert matched > 500


def test_view_tokens_and_keys_equal_the_plain_scan(shared, literal_search):
    """The View of a Document: the tokens whose lower case is a watched word or a
    function word one of whose forms the text holds (both ways: a second pass over the
    tokens in the first texts, one union later), and after each the next n characters
    lower-cased wherever that tells something (an ASCII key of ASCII text)."""
    forms = [f.lower for ix in shared.live() for first in shared.rare
             if first in ix.by_first for f in ix.by_first[first]]
    texts = _texts(200, seed=17, forms=forms)
    texts += [t.replace("k", "\u212a") for t in texts[:50]]
    shared.rare_ac, shared.texts = None, 0
    ways, function_words = [], 0
    for text in texts:
        doc = Document.from_text(text)
        ways.append(shared.rare_ac is None)
        v = casing_scan.view(doc)
        low = casing_scan.ascii_lower(doc.prose)
        present = _plain_present(shared, low)
        lows = doc.token_lows
        want = [i for i, w in enumerate(lows) if w in shared.watched or w in present]
        assert v.idx == want, text
        function_words += sum(lows[i] in present for i in want)
        for i, key in zip(v.idx, v.keys):
            start, n = doc.token_starts[i], shared.length[lows[i]]
            plain = doc.prose[start:start + n].lower()
            if plain.isascii():
                assert key == plain, (text, i)
    assert sum(ways) == (casing_scan.COLD_TEXTS + 1 if literal_search == "automaton" else 1) and function_words > 200
