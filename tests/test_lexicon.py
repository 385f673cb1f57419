"""Behaviour of the shipped English lexicon (mtcheck/data/en_lexicon.wt).

These tests read only the built artifact; wordfreq is not needed here.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck import lexicon


def test_zipf_ordering_follows_real_frequency() -> None:
    assert lexicon.zipf("the") > lexicon.zipf("government") > lexicon.zipf("sesquipedalian") > 0.0
    assert lexicon.zipf("qzxvbrtlk") == 0.0


def test_zipf_is_case_and_apostrophe_insensitive() -> None:
    assert lexicon.zipf("Government") == lexicon.zipf("government") == lexicon.zipf("GOVERNMENT")
    assert lexicon.zipf("don\u2019t") == lexicon.zipf("don't") > 3.0


@pytest.mark.parametrize("word", ["minister", "quixotic", "sesquipedalian", "o'clock", "café", "naïve"])
def test_real_words_are_english(word: str) -> None:
    assert lexicon.is_english(word, min_zipf=lexicon.min_zipf())


def test_is_english_threshold() -> None:
    assert lexicon.is_english("quixotic")  # rare but above the default floor
    assert not lexicon.is_english("quixotic", min_zipf=4.0)
    assert not lexicon.is_english("qzxvbrtlk")
    assert not lexicon.is_english("")


def test_words_is_large_lowercase_and_clean() -> None:
    ws = lexicon.words()
    assert isinstance(ws, frozenset)
    assert len(ws) > 200_000
    assert "government" in ws
    sample = list(ws)[:5000]
    assert all(w == w.lower() for w in sample)
    assert not any(ch.isdigit() or ch.isspace() for w in sample for ch in w)


def test_hyphenated_compounds_are_not_entries() -> None:
    """wordfreq tokenises on hyphens, so callers must look up the parts."""
    assert lexicon.zipf("well-known") == 0.0
    assert lexicon.is_english("well") and lexicon.is_english("known")


def test_min_zipf_is_the_floor() -> None:
    assert 1.0 < lexicon.min_zipf() < 1.5


def test_runtime_does_not_import_wordfreq() -> None:
    """wordfreq is a build-time dependency only: loading the lexicon must not pull it in."""
    code = (
        "import sys; from mtcheck import lexicon; lexicon.zipf('the'); "
        "print('wordfreq' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "False"
