"""Behaviour of the romanized-Russian detector (mtcheck.romanized).

Reads only the shipped artifacts (romanized_model.wt, en_lexicon.wt):
wordfreq is not needed at test time.  The romanized examples below are
ordinary Russian news vocabulary written with the common schemes.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck import romanized

ROMANIZED = [
    "gosudarstvennoy",   # государственной (BGN / MT style)
    "gosudarstvennoj",   # same word, GOST/informal "j"
    "ministerstva",      # министерства
    "zayavil",           # заявил
    "sotrudnichestva",   # сотрудничества
    "vneshnikh",         # внешних
    "pravitelstvo",      # правительство
    "bezopasnosti",      # безопасности
    "predsedatelya",     # председателя
    "obshchestvennost",  # общественность
    "vystuplenii",       # выступлений
    "segodnya",          # сегодня
]

ENGLISH = [
    "sesquipedalian", "quixotic", "government", "rhythm", "strengths",
    "consolidation", "serendipitous", "bureaucracy", "lieutenant", "xylophone",
    "eavesdropping", "photosynthesis", "mischievous", "unfriendly",
    "floccinaucinihilipilification", "zeitgeist", "schadenfreude",
]


@pytest.mark.parametrize("word", ROMANIZED)
def test_romanized_russian_is_flagged(word: str) -> None:
    assert romanized.romanized_score(word) > 0.5
    assert romanized.is_romanized_russian(word)


@pytest.mark.parametrize("word", ENGLISH)
def test_english_is_not_flagged(word: str) -> None:
    assert not romanized.is_romanized_russian(word)


@pytest.mark.parametrize("word", ["sesquipedalian", "quixotic", "rhythm", "knighthood", "syzygy"])
def test_english_letter_shapes_score_negative(word: str) -> None:
    """The character model itself, without the lexicon guard, reads these as English."""
    assert romanized.romanized_score(word) < 0.0


def test_any_case_is_accepted() -> None:
    assert romanized.is_romanized_russian("Zayavil")
    assert romanized.is_romanized_russian("ZAYAVIL")
    assert romanized.romanized_score("Zayavil") == romanized.romanized_score("zayavil")


@pytest.mark.parametrize("word", ["nyet", "vlad", "ukaz", "rf", ""])
def test_short_tokens_are_never_flagged(word: str) -> None:
    assert not romanized.is_romanized_russian(word, threshold=-100.0)


@pytest.mark.parametrize("word", ["oblast", "oblasts", "siloviki", "perestroika", "dachas", "pogrom"])
def test_established_loanwords_are_not_flagged(word: str) -> None:
    assert romanized.is_accepted_loanword(word)
    assert not romanized.is_romanized_russian(word)


def test_non_letters_are_not_flagged() -> None:
    for tok in ("zayavil2", "za-yavil", "zayavil's", "заявил"):
        assert not romanized.is_romanized_russian(tok, threshold=-100.0)


def test_threshold_is_respected() -> None:
    assert romanized.is_romanized_russian("ministerstva", threshold=0.0)
    assert not romanized.is_romanized_russian("ministerstva", threshold=10.0)


@pytest.mark.parametrize(
    ("token", "cyrillic"),
    [
        ("gosudarstvennoy", "государственной"),
        ("gosudarstvennoj", "государственной"),
        ("ministerstva", "министерства"),
        ("zayavil", "заявил"),
        ("sotrudnichestva", "сотрудничества"),
        ("vneshnikh", "внешних"),
        ("vneshnih", "внешних"),  # informal х -> h
        ("Segodnya", "сегодня"),
    ],
)
def test_back_transliteration(token: str, cyrillic: str) -> None:
    assert romanized.back_transliterate(token) == cyrillic


@pytest.mark.parametrize("token", ["qzxvbrtlk", "sesquipedalian", "ministerstwa"])
def test_back_transliteration_unknown(token: str) -> None:
    assert romanized.back_transliterate(token) is None


def test_russian_zipf_of_back_transliteration() -> None:
    assert romanized.russian_zipf("zayavil") > 4.0
    assert romanized.russian_zipf("qzxvbrtlk") == 0.0


def test_runtime_does_not_import_wordfreq() -> None:
    code = (
        "import sys; from mtcheck import romanized as r; "
        "r.is_romanized_russian('zayavil'); r.back_transliterate('zayavil'); "
        "print('wordfreq' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("walk", ["memo", "c"])
def test_windowed_logprob_equals_direct_backoff_walk(walk, monkeypatch):
    """Both fast walks of _logprob, the window memo (Python) and the C walk
    (_textscan.ngram_logprob), give the same integers as walking the back-off chain at
    every position, for English words, romanized Russian forms, and strings with
    characters neither model has seen (1- to 4-byte UTF-8); asked twice, so memo hits
    are compared too."""
    import random

    from mtcheck import lexicon
    from mtcheck import romanized as rz

    if walk == "memo":
        monkeypatch.setattr(rz, "_NATIVE_LOGPROB", None)
    elif rz._NATIVE_LOGPROB is None:
        pytest.skip("the C module is not in use (not built, stale, or MTCHECK_PURE_PYTHON=1)")
    m = rz._model()
    rng = random.Random(6)
    lex, forms = lexicon.table(), m.forms
    words = [lex.key(rng.randrange(len(lex))) for _ in range(400)]
    words += [forms.key(rng.randrange(len(forms))) for _ in range(400)]
    words += ["".join(rng.choice("abcxyzščžё'-q\u4e2d\U0001f600") for _ in range(rng.randrange(1, 14)))
              for _ in range(200)]
    words += ["", "a", "dipvedomstva", "ministry", "x" * 80]
    for _ in range(2):
        for w in words:
            padded = m.bos * (m.order - 1) + w + m.eos
            for lm in (m.ru, m.en):
                assert rz._logprob(lm, m.order, padded) == rz._logprob_direct(lm, m.order, padded), w
