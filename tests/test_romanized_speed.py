"""MT104's shortcuts give the plain path's answers.

The romanized check avoids work in five ways: ASCII tokens skip ``unicodedata`` and the
``regex`` Latin-script class, verdicts are memoized per process, capitalized tokens wait
until an article also writes them in lower case, frequent English words are settled by
one set intersection (``romanized.frequent_english``), and an article's name evidence is
read from a candidate's occurrences only.  Each test below compares a shortcut with the
plain computation on many words or articles, and fails if the shortcut changes a single
answer.
"""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest
import regex

from mtcheck import lexicon
from mtcheck import romanized as rz
from mtcheck.api import Linter
from mtcheck.checks import romanized as check_mod
from mtcheck.config import Config
from mtcheck.document import Document

DATA = Path(__file__).parent / "data"
_LATIN = regex.compile(r"\p{Latin}+")


def _plain_is_romanized(token: str, threshold: float | None = None) -> bool:
    """The documented rules of ``is_romanized_russian``, spelled out with no fast path:
    NFC + lower case, the ``regex`` Latin-script class, the loanword list, the English
    frequency guard, the score and its two adjustments."""
    t = unicodedata.normalize("NFC", token).lower()
    if len(t) < rz.MIN_LENGTH or not _LATIN.fullmatch(t):
        return False
    if rz.is_accepted_loanword(t):
        return False
    en = lexicon.zipf(t)
    if en >= rz.ENGLISH_MIN_ZIPF:
        return False
    limit = rz.DEFAULT_THRESHOLD if threshold is None else threshold
    score = rz.romanized_score(t)
    if en == 0.0:
        if score >= limit:
            return True
        if score < limit - rz.KNOWN_RUSSIAN_BONUS:
            return False
        return rz.russian_zipf(t) >= rz.KNOWN_RUSSIAN_MIN_ZIPF
    if score < limit:
        return False
    if score >= limit + rz.RARE_ENGLISH_MARGIN:
        return True
    return rz.russian_zipf(t) >= en + 1.0


def _words(n: int, seed: int) -> list[str]:
    """English words (frequent and rare), romanized Russian forms, in three cases, plus
    accented, decomposed, Turkish-dotted, Cyrillic and mixed strings."""
    rng = random.Random(seed)
    lex, forms = lexicon.table(), rz._model().forms
    out = [lex.key(rng.randrange(len(lex))) for _ in range(n)]
    out += [forms.key(rng.randrange(len(forms))) for _ in range(n)]
    out += [w.capitalize() for w in out[::3]] + [w.upper() for w in out[1::7]]
    alphabet = "abcdefghijklmnopqrstuvwxyzščžéèëïöüñçİıßæøåĳﬁ-'’2 ё\u0301\u030c"
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14))) for _ in range(n)]
    out += ["", "zayavil", "Zayavil", "ZAYAVIL", "oblasts", "dachas", "İstanbul",
            "sotrudnichestva", "zaya\u030cvil", "ministerstvá", "ｍｉｎｉｓｔｅｒｓｔｖａ"]
    return out


def test_latin_word_test_equals_the_regex_class_on_every_ascii_string_shape():
    for c in map(chr, range(128)):
        assert rz._is_latin_word(c) == bool(_LATIN.fullmatch(c)), repr(c)
        assert rz._is_latin_word(c * 3) == bool(_LATIN.fullmatch(c * 3)), repr(c)
    for w in _words(300, 1):
        assert rz._is_latin_word(w) == bool(_LATIN.fullmatch(w)), w


def test_latin_tables_are_the_regex_class():
    """Every code point the tables settle is settled as ``\\p{Latin}`` would."""
    for c in rz._chars(rz._LATIN_BLOCKS):
        assert _LATIN.fullmatch(c), hex(ord(c))
    for c in rz._chars(rz._NOT_LATIN_BLOCKS):
        assert not _LATIN.fullmatch(c), hex(ord(c))
    # what the check passes in: runs of [A-Za-z\u00C0-\u024F], normalized, all settled
    rz._is_latin_word("é")
    for c in map(chr, range(0xC0, 0x250)):
        t = rz._normalize(c)
        assert set(t) <= rz._LATIN_CHARS or not set(t).isdisjoint(rz._NOT_LATIN_CHARS), hex(ord(c))


def test_normalize_fast_path_equals_nfc_lower():
    for w in _words(300, 2):
        assert rz._normalize(w) == unicodedata.normalize("NFC", w).lower(), w


@pytest.mark.parametrize("threshold", [None, -1.0, 0.5])
def test_verdicts_equal_the_plain_rules(threshold):
    words = _words(700, 3)
    flagged = 0
    for w in words:
        got = rz.is_romanized_russian(w, threshold)
        assert got == _plain_is_romanized(w, threshold), w
        flagged += got
    assert flagged > 50   # the sample exercises both answers


def test_frequent_english_words_are_never_flagged():
    """Every word of the set is clean at any threshold, so settling it without the model
    is the same answer."""
    words = rz._select_frequent(rz.FREQUENT_MIN_ZIPF)
    assert len(words) > 5000 and {"government", "ministry", "president"} <= words
    for w in words:
        assert lexicon.zipf(w) >= rz.ENGLISH_MIN_ZIPF and rz._normalize(w) == w, w
        assert not rz.is_romanized_russian(w, -100.0), w


def test_frequent_english_is_kept_on_disk(tmp_path):
    """The first process computes the set and stores it; the next reads it (and would
    fail if it computed it again), and both equal the selection from the lexicon."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "MTCHECK_NO_RULE_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    code = ("import sys; from mtcheck import romanized as rz\n"
            "if sys.argv[1] == 'read': rz._select_frequent = None\n"
            "import zlib; w = rz.frequent_english()\n"
            "print(len(w), zlib.crc32('\\n'.join(sorted(w)).encode()))")
    root = Path(__file__).resolve().parent.parent
    first = subprocess.run([sys.executable, "-c", code, "compute"], env=env, cwd=root,
                           capture_output=True, text=True, check=True).stdout
    assert list(tmp_path.glob("mtcheck/frequent-english-*.marshal"))
    second = subprocess.run([sys.executable, "-c", code, "read"], env=env, cwd=root,
                            capture_output=True, text=True, check=True).stdout
    words = rz._select_frequent(rz.FREQUENT_MIN_ZIPF)
    assert first.split()[0] == second.split()[0] == str(len(words))
    import zlib
    assert first.split()[1] == second.split()[1] == str(zlib.crc32("\n".join(sorted(words)).encode()))


def _articles() -> list[str]:
    """Real MT excerpts and clean copy (tests/data), and synthetic stories where romanized
    forms appear capitalized only, then in both cases, then lower case only, inside
    hyphenated compounds, and next to accented spellings."""
    texts = [" ".join(e["sentences"]) for e in
             json.loads((DATA / "names_wmt23.json").read_text(encoding="utf-8"))["excerpts"]]
    clean = (DATA / "clean_en_sample.txt").read_text(encoding="utf-8")
    texts += [clean[i:i + 900] for i in range(0, min(len(clean), 27000), 900)]
    rng = random.Random(7)
    forms = rz._model().forms
    picked = [w for w in (forms.key(rng.randrange(len(forms))) for _ in range(600))
              if w.isalpha() and len(w) >= 5][:80]
    lex = lexicon.table()
    english = [w for w in (lex.key(rng.randrange(len(lex))) for _ in range(600)) if w.isalpha()][:80]
    for i, w in enumerate(picked):
        cap, e = w.capitalize(), english[i % len(english)]
        texts.append(f"{cap} officials met on Monday. Reports say the {cap} office agreed on {e}.")
        texts.append(f"{cap} is here. Officials said {w} was fine, and {w}-based {e} staff too.")
        texts.append(f"{e.capitalize()} rose. Officials said {w} was fine; {e} fell. {cap}?")
        texts.append(f"Pro-{w} and {e}-{w} camps met {w}á and {cap} in {e.upper()}.")
    return texts


def _mt104(linter: Linter):
    return next(r for r in linter.ruleset.rules if r.code == "MT104")


def _findings(linter: Linter, text: str, fresh: bool = False) -> list[tuple]:
    """MT104's findings on *text*; *fresh* drops the rule's prepared state first (rules,
    and so their per-process memos, are shared by every Linter of a process)."""
    rule = _mt104(linter)
    if fresh:
        rule._state = None
    return [(f.start, f.end, f.message) for f in linter.lint_document(Document.from_text(text), [rule])]


@pytest.mark.parametrize("memo_max", [1 << 19, 60])
def test_memoized_check_equals_judging_each_article_afresh(monkeypatch, memo_max):
    """One linter over a sequence of articles, with every shortcut on (and the frequent
    set loaded from the start; once with a memo so small that it is forgotten every few
    articles), reports what a fresh state per article reports with the shortcuts off:
    the memo, the deferral of capitalized tokens and the frequent set never change a
    finding."""
    texts = _articles()
    linter = Linter(Config(select=("MT104",), languagetool="off"))

    monkeypatch.setattr(check_mod, "_MEMO_MAX", memo_max)
    monkeypatch.setattr(check_mod, "_FREQUENT_AFTER", 0)
    fast = [_findings(linter, t, fresh=(i == 0)) for i, t in enumerate(texts)]
    state = _mt104(linter)._state
    assert state.frequent                          # the set was used
    assert state.waiting                           # some capitalized tokens were never judged
    assert len(state.clean) < 200 or memo_max > 200   # ... and the small memo was forgotten

    monkeypatch.setattr(check_mod, "_FREQUENT_AFTER", 10 ** 9)
    monkeypatch.setattr(check_mod, "_DEFER", False)
    plain = [_findings(linter, t, fresh=True) for t in texts]
    assert _mt104(linter)._state.frequent is None
    _mt104(linter)._state = None                # leave no state with the switches off behind
    assert fast == plain
    assert sum(map(len, plain)) > 100          # enough findings to compare
    # capitalized leftovers found only because their waiting token was woken
    assert sum(1 for found in plain for _s, _e, msg in found if msg[1].isupper()) > 20


def test_judge_equals_judging_every_latin_run():
    """The one-run ASCII path and the frequent-word skip of ``_judge`` find the runs that
    judging each Latin run of the token with the model finds."""
    state = check_mod._State(threshold=None, min_length=5)
    state.frequent = rz._select_frequent(rz.FREQUENT_MIN_ZIPF)
    plain_state = check_mod._State(threshold=None, min_length=5)
    tokens = _words(500, 4) + ["pro-pravitelstvo", "Gosudarstvennoy-ministerstva", "d'soobshchili"]
    for tok in tokens:
        expected = tuple((m.start(), m.group(0)) for m in check_mod._LATIN.finditer(tok)
                         if len(m.group(0)) >= 5 and not m.group(0).isupper()
                         and _plain_is_romanized(m.group(0)))
        assert check_mod._judge(tok, state, rz) == expected, tok
        assert check_mod._judge(tok, plain_state, rz) == expected, tok


def _name_forms_plain(doc: Document) -> set[str]:
    """The article's name evidence as a walk over every token: each word written
    capitalized mid-sentence (not at a sentence start, after a quote, colon or dash, nor
    in a headline line), lower-cased."""
    out = set()
    for start, word in zip(doc.token_starts, doc.token_words):
        if word[:1].isupper() and start not in doc.initial_offsets and \
                doc.position(start)[0] not in doc.headline_lines:
            out.add(word.lower())
    return out


def test_name_evidence_from_occurrences_equals_the_walk_over_every_token():
    """``_written_as_name`` looks only at the occurrences of one word; for every word of
    real and synthetic articles (headlines, quotes, colons, dashes, mixed case) it answers
    as membership in the set the full walk builds."""
    texts = _articles()[::3] + [
        "BREAKING: Pravitelstvo Acts\n\nThe pravitelstvo said: \u201cPravitelstvo will act.\u201d "
        "Later, officials of Pravitelstvo \u2014 Soobshchili \u2014 met PRAVITELSTVO and SoObShChili.",
        "Headline With Zayavil\n\nZayavil spoke. The zayavil said so; then Zayavil left.",
    ]
    checked = named = 0
    for text in texts:
        doc = Document.from_text(text)
        names = _name_forms_plain(doc)
        for low in set(doc.token_lows) | {"absent", "pravitelstvo", "zayavil"}:
            got = check_mod._written_as_name(doc, low)
            assert got == (low in names), (low, text[:80])
            checked += 1
            named += got
    assert checked > 2000 and named > 100


def test_occurrences_are_every_index_in_order():
    rng = random.Random(9)
    for _ in range(200):
        items = [rng.choice("abcde") for _ in range(rng.randrange(0, 30))]
        for x in "abcdef":
            assert check_mod._occurrences(items, x) == [i for i, y in enumerate(items) if y == x]
