"""Comparison keys for romanized names, driven by ``rules/romanization.yml``.

Why a key and not plain fuzzy matching: "Dmitry" and "Dmitri" differ by one letter, and
so do "Petrov" and "Betrov", which are not the same man.  Folding only the differences
that romanization systems actually make (y/i/j, kh/h, x/ks, doubled letters…) makes
the first pair *equal* and leaves the second pair apart, so fuzzy matching is needed
only for the leftovers.  The folding rules and the Russian case endings are data, so
that a newsroom can add its own scheme without touching code.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import Any


_REPLACE, _TRANSLATE, _REGEX, _REGEX_TEMPLATE = 0, 1, 2, 3


def _plain_class(pattern: str) -> str | None:
    """The characters of a regex class of plain characters ("[jy]" -> "jy"; no ranges,
    escapes or negation), else None."""
    inner = pattern[1:-1]
    if len(pattern) > 2 and pattern[0] == "[" and pattern[-1] == "]" and not any(c in "]\\^-[" for c in inner):
        return inner
    return None


class NameRules:
    """Romanization data: folding substitutions and case endings.  (A plain class, not a
    dataclass: defining one costs ~0.3 ms of every cold start.)"""

    def __init__(self) -> None:
        self.fold: list[tuple[str, str]] = []   # (regex, replacement), applied in order
        self.nominative: tuple[tuple[str, re.Pattern[str] | None], ...] = (("", None),)
        self.oblique: tuple[str, ...] = ()
        self.soft: tuple[str, ...] = ()
        self.masculine_feminine: tuple[tuple[str, str, re.Pattern[str] | None], ...] = ()
        # case ending (folded) -> True when the masculine reading is only a guess
        self.masculine_oblique: dict[str, bool] = {}
        self.min_stem = 4
        # given-name key -> the key of the first form of its given_name_pairs entry
        self.given_pairs: dict[str, str] = {}
        self._cache: dict[str, str] = {}
        self._readings: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, bool], ...]]] = {}

    @classmethod
    def from_data(cls, docs: list[dict[str, Any]]) -> "NameRules":
        """Merge every ``kind: romanization`` document (built-in first, then user files)."""
        rules = cls()
        nominative: list[tuple[str, re.Pattern[str] | None]] = []
        oblique: list[str] = []
        soft: list[str] = []
        pairs: list[tuple[str, str, re.Pattern[str] | None]] = []
        for doc in docs:
            for item in doc.get("fold") or ():
                rules.fold.append((str(item[0]), str(item[1])))
            endings = doc.get("endings") or {}
            for e in endings.get("nominative") or ():
                if isinstance(e, list):   # [ending, regex the stem must match]
                    nominative.append((str(e[0] or ""), re.compile(str(e[1])) if len(e) > 1 else None))
                else:
                    nominative.append((str(e or ""), None))
            oblique += [str(e or "") for e in endings.get("oblique") or ()]
            soft += [str(e or "") for e in endings.get("soft") or ()]
            for item in doc.get("masculine_feminine") or ():
                stem_rx = re.compile(str(item[2])) if len(item) > 2 and item[2] else None
                pairs.append((str(item[0] or ""), str(item[1] or ""), stem_rx))
            for item in doc.get("masculine_oblique") or ():
                ending, *how = item if isinstance(item, list) else [item]
                rules.masculine_oblique[str(ending or "")] = "guess" in how
            if "min_stem" in doc:
                rules.min_stem = int(doc["min_stem"])
            for forms in doc.get("given_name_pairs") or ():
                keys = [rules.key(str(f)) for f in forms]
                for k in keys[1:]:
                    rules.given_pairs[k] = keys[0]
        rules.nominative = tuple(dict.fromkeys(nominative or [("", None)]))
        # Longest first, so that "ogo" is tried before "o".
        rules.oblique = tuple(sorted(set(oblique), key=lambda e: (-len(e), e)))
        rules.soft = tuple(sorted(set(soft), key=lambda e: (-len(e), e)))
        rules.masculine_feminine = tuple(pairs)
        return rules

    @classmethod
    def from_ruleset(cls, ruleset: Any) -> "NameRules":
        docs = [doc for _path, doc in (ruleset.data.get("romanization", []) if ruleset else [])]
        return cls.from_data(docs)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the folding rules, for caches of folded gazetteer forms (names/index.py)."""
        from ..diskmemo import checksum

        return checksum(repr(self.fold).encode())

    @classmethod
    def builtin(cls) -> "NameRules":
        from ..rules import load_rules
        return cls.from_ruleset(load_rules())

    # ------------------------------------------------------------------------------
    def key(self, word: str) -> str:
        """The folded comparison key of one name word ("Dmitry" -> "dmitri")."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        text = word.lower()
        if not text.isascii():   # accents off: "Dmitrí" -> "dmitri" (ASCII has none to strip)
            text = unicodedata.normalize("NFKD", text)
            text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("-", " ")
        for how, what, repl in self._steps:
            if how == _REPLACE:
                text = text.replace(what, repl)
            elif how == _TRANSLATE:
                text = text.translate(what)
            elif how == _REGEX or what.search(text):
                text = what.sub(repl, text)
        if len(self._cache) < 200_000:
            self._cache[word] = text
        return text

    @cached_property
    def given_pair_keys(self) -> frozenset[str]:
        """Every key that is one form of a given_name_pairs entry (the precheck marks them)."""
        return frozenset(self.given_pairs) | frozenset(self.given_pairs.values())

    def given_key(self, word: str) -> str:
        """The key of a given name, with its Ukrainian and Russian romanizations made one
        ("Volodymyr" -> "vladimir"): only given names are compared this way, and only
        before the same surname (names/clusters.py), because "Vladimir" and "Volodymyr" are
        one name but "Vladimir Putin" and "Volodymyr Zelensky" two men."""
        k = self.key(word)
        return self.given_pairs.get(k, k)

    @cached_property
    def _steps(self) -> list[tuple[int, Any, str]]:
        """The fold as (how, what, replacement) steps.  A substitution with no regex syntax
        ("kh" -> "h") is a str.replace and one of a plain character class ("[jy]" -> "i")
        one str.replace per character (when the replacement holds none of them, so that no
        replace sees another's output) or else a str.translate: all replace the same
        non-overlapping matches as re.sub, run faster and need no compiling on a cold
        start.  The rest are compiled regexes; one whose replacement is a template
        ("\\1") is searched first, because re.sub expands the template on every call,
        match or not (1.5 us of the 2 a key spends in "(.)\\1+" -> "\\1"), and most
        words have no match."""
        steps: list[tuple[int, Any, str]] = []
        for pattern, repl in self.fold:
            literal_repl = "\\" not in repl
            chars = _plain_class(pattern)
            if literal_repl and re.escape(pattern) == pattern:
                steps.append((_REPLACE, pattern, repl))
            elif literal_repl and chars and not set(chars) & set(repl):
                steps += [(_REPLACE, c, repl) for c in dict.fromkeys(chars)]
            elif literal_repl and chars:
                steps.append((_TRANSLATE, {ord(c): repl for c in chars}, repl))
            else:
                steps.append((_REGEX if literal_repl else _REGEX_TEMPLATE, re.compile(pattern), repl))
        return steps

    def full_key(self, words: list[str] | tuple[str, ...]) -> str:
        """Key of a multi-word name: word keys joined by spaces."""
        return " ".join(self.key(w) for w in words)

    def readings(self, key: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, bool], ...]]:
        """(nominative_stems(key), splits(key)), memoized: names recur across stories."""
        got = self._readings.get(key)
        if got is None:
            got = (tuple(self.nominative_stems(key)), tuple(self.splits(key)))
            if len(self._readings) < 50_000:
                self._readings[key] = got
        return got

    def splits(self, key: str) -> list[tuple[str, str, bool]]:
        """Every (stem, ending, soft) reading of *key* with a known oblique ending: the
        oblique endings longest first, then the soft ones.  Of the endings of one length
        only the one *key* ends with can match, so each length is one slice and one set
        lookup instead of an endswith per ending."""
        out = []
        room = min(len(key), len(key) - self.min_stem)   # the longest ending that leaves a stem
        for length, endings, soft in self._ending_table:
            if length <= room:
                e = key[-length:]
                if e in endings:
                    out.append((key[:-length], e, soft))
        return out

    @cached_property
    def _ending_table(self) -> tuple[tuple[int, frozenset[str], bool], ...]:
        """(length, endings of that length, soft) in the order splits() reports them."""
        table = []
        for endings, soft in ((self.oblique, False), (self.soft, True)):
            lengths = sorted({len(e) for e in endings if e}, reverse=True)
            table += [(n, frozenset(e for e in endings if len(e) == n), soft) for n in lengths]
        return tuple(table)

    @property
    def all_endings(self) -> tuple[str, ...]:
        return tuple(e for e in (*self.oblique, *self.soft) if e)

    def gendered(self, stem: str, endings: set[str]) -> bool:
        """True if *endings* on *stem* include a masculine and a feminine nominative."""
        return any(m in endings and f in endings and (rx is None or rx.search(stem))
                   for m, f, rx in self.masculine_feminine)

    @cached_property
    def masculine_endings(self) -> frozenset[str]:
        """The nominative endings of masculine surnames (the first of each masculine_feminine pair)."""
        return frozenset(m for m, _f, _rx in self.masculine_feminine)

    @cached_property
    def feminine_endings(self) -> frozenset[str]:
        """The nominative endings of feminine surnames (the second of each pair)."""
        return frozenset(f for _m, f, _rx in self.masculine_feminine)

    @cached_property
    def place_endings(self) -> frozenset[str]:
        """Endings that make a nominative only after certain stems: the place names in
        -ovo/-evo/-ino (romanization.yml), which are no case forms of a surname."""
        return frozenset(e for e, stem_rx in self.nominative if stem_rx is not None)

    def case_forms(self, key: str) -> set[str]:
        """The stems *key* reads as (itself, its nominative stems, its stems before a case
        ending): two given names with one in common may be one name in two cases
        ("Larisa", "Larisy"; "Aleksandr", "Aleksandra"), or are two names ("Larisa", "Sergei")."""
        noms, splits = self.readings(key)
        return {key} | {s for s, _e in noms} | {s for s, _e, _soft in splits}

    def nominative_stems(self, key: str) -> list[tuple[str, str]]:
        """(stem, ending) readings of *key* as a nominative form: "sorokina" -> ("sorokin", "a")."""
        out = []
        for e, stem_rx in self.nominative:
            if key.endswith(e) and len(key) - len(e) >= self.min_stem:
                stem = key[: len(key) - len(e)] if e else key
                if stem_rx is None or stem_rx.search(stem):
                    out.append((stem, e))
        return out
