"""The token patterns of mtcheck.textscan are written for speed (possessive repeats, a
first letter on its own); they must match exactly what the plain definition of a token
matches: letters, joined by single hyphens or apostrophes."""

from __future__ import annotations

import random
import re
from pathlib import Path

from mtcheck import textscan
from mtcheck.document import Document

PLAIN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
PLAIN_SPLIT = re.compile(r"([^\W\d_]+(?:[-'’][^\W\d_]+)*)")
PLAIN_SPLIT_ASCII = re.compile(r"([A-Za-z]+(?:['-][A-Za-z]+)*)")

ROOT = Path(__file__).resolve().parent.parent
# letters of several scripts, the joiners, and what ends a token (digits, underscore, space,
# punctuation), drawn often enough that every combination of joiners and ends turns up
ALPHABET = "abcXYZéДжё" + "-'’" * 3 + "09_ .,;:\"“”()\n\t" + "–—"
ASCII_ALPHABET = "abcXYZ" + "-'" * 3 + "09_ .,;:\"()\n\t"

EDGE = [
    "", "-", "'", "a", "a-", "-a", "a--b", "a-'b", "a-b-c", "don't", "rock'n'roll", "x'-y",
    "o’Neil’s", "state-of-the-art.", "co-", "'tis", "A_b", "a1b", "ДипВедомства-ru", "café-au-lait",
    "e-mail--me", "a-b- c", "ab'", "’", "a’’b", "Ж-2", "z-ё",
]


def _samples(alphabet: str, n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [''.join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(n)]


def _texts() -> list[str]:
    out = list(EDGE)
    for d in ("seeds", "tests/data"):
        for p in sorted((ROOT / d).rglob("*")):
            if p.is_file() and p.suffix in (".txt", ".md", ".html", ".json", ".yml"):
                out.append(p.read_text(encoding="utf-8", errors="replace"))
    return out


def test_split_patterns_match_the_plain_definition() -> None:
    texts = _texts() + _samples(ALPHABET, 20000, 1)
    for text in texts:
        assert textscan._TOKEN_SPLIT.split(text) == PLAIN_SPLIT.split(text), text
        assert textscan.TOKEN.findall(text) == PLAIN.findall(text), text
        for i in range(0, len(text), 7):   # search from inside the text too (initial_offsets)
            a, b = textscan.TOKEN.search(text, i), PLAIN.search(text, i)
            assert (a and a.span()) == (b and b.span()), (text, i)


def test_ascii_split_pattern_matches_the_plain_definition() -> None:
    texts = [t for t in _texts() if t.isascii()] + _samples(ASCII_ALPHABET, 20000, 2)
    for text in texts:
        assert textscan._TOKEN_SPLIT_ASCII.split(text) == PLAIN_SPLIT_ASCII.split(text), text
        assert textscan._TOKEN_SPLIT_ASCII.split(text) == PLAIN_SPLIT.split(text), text


def test_token_table_is_the_plain_tokens() -> None:
    for text in _texts()[:60] + _samples(ALPHABET, 500, 3) + _samples(ASCII_ALPHABET, 500, 4):
        doc = Document.from_text(text)
        want = [(m.start(), m.end(), m.group(0)) for m in PLAIN.finditer(doc.prose)
                if not doc.is_protected(m.start(), m.end())]
        assert list(zip(doc.token_starts, doc.token_ends, doc.token_words)) == want


def test_token_set_is_the_distinct_token_texts_and_is_released() -> None:
    for text in _texts()[:60] + _samples(ALPHABET, 300, 5):
        doc = Document.from_text(text)
        assert doc.token_set == set(doc.token_words)
        assert isinstance(doc.token_set, frozenset)   # shared by checks: nobody may change it
        doc.release()
        assert "token_set" not in doc.__dict__
