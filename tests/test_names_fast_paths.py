"""The names analysis's shortcuts give the answers of the long way round.

Speed work (issue 6) added shortcuts to the name-variant analysis: a pre-check that skips
clustering when no two spellings can be one name, a fuzzy pass that rejects pairs before
scoring them, a pure-Python one-edit test, literal folds done with str.replace/translate,
and gazetteer tables cached on disk.  Each test here compares a shortcut with the slow
computation it replaces, on generated or real inputs, so a shortcut that changes an
answer fails.
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata

from mtcheck.gazetteer import Gazetteer
from mtcheck.names import index as name_index_mod
from mtcheck.names import matching
from mtcheck.names.index import build, name_index
from mtcheck.names.keys import NameRules
from mtcheck.names.matching import Spelling, cluster_spellings
from mtcheck.rules import load_rules

RULES = NameRules.builtin()


# -- the fuzzy pass: rejecting before scoring gives the links scoring everything gives -------
def test_fuzzy_links_same_for_small_and_big_blocks(monkeypatch):
    rng = random.Random(3)
    base = ["".join(rng.choice("aeioubdklmnrstv") for _ in range(rng.randint(6, 10))) for _ in range(150)]
    keys = sorted({"k" + b for b in base} | {"k" + b[:3] + rng.choice("aeiou") + b[4:] for b in base})
    spellings = [Spelling(k, k, 1, 0.0, False, i) for i, k in enumerate(keys)]

    def partition() -> list[list[int]]:
        return sorted(sorted(c.members) for c in cluster_spellings(spellings, RULES, fuzzy_cutoff=85.0))

    monkeypatch.setattr(matching, "SMALL_BLOCK", 10_000)
    small = partition()                       # pairs filtered in Python, then fuzz.ratio
    monkeypatch.setattr(matching, "SMALL_BLOCK", 2)
    big = partition()                         # every pair scored by process.cdist
    assert small == big
    assert any(len(c) > 1 for c in small)


# -- the garbled-ending test --------------------------------------------------------------
def test_one_edit_is_levenshtein_at_most_one():
    from rapidfuzz.distance import Levenshtein

    words = ["".join(p) for n in range(5) for p in itertools.product("aio", repeat=n)]
    for a in words:
        for b in words:
            assert matching._one_edit(a, b) == (Levenshtein.distance(a, b) <= 1), (a, b)


# -- folding: literal steps behave as the regexes they replace -----------------------------
def _slow_key(rules: NameRules, word: str) -> str:
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("-", " ")
    for pattern, repl in rules.fold:
        text = re.sub(pattern, repl, text)
    return text


def test_fold_steps_match_plain_regex_substitution():
    rules = NameRules.from_data([{"fold": [["[jy]", "i"], ["kh", "h"], ["[.$|]", "-"], ["(.)\\1+", "\\1"],
                                           ["ii", "i"], ["[a-c]", "x"], ["x", ""]]}])
    words = ["Yakhyaev", "Jekaterina", "Il'ich", "Dmitrí", "Khkhii", "a.b$c|d", "Abba-Yaya", "Ǆore",
             "İlkay", "Zelenskyy", "Alexandr", ""]
    for word in words:
        assert rules.key(word) == _slow_key(rules, word), word
        assert RULES.key(word) == _slow_key(RULES, word), word


def test_builtin_folds_match_on_every_gazetteer_word():
    gaz = Gazetteer.from_ruleset(load_rules())
    fresh = NameRules.builtin()
    for e in gaz.entries:
        for word in " ".join(e.forms).replace("-", " ").split():
            assert fresh.key(word) == _slow_key(fresh, word), word


# -- the cached gazetteer tables -----------------------------------------------------------
def _gazetteer(tmp_path, text: str) -> Gazetteer:
    extra = tmp_path / "extra.yml"
    extra.write_text(text, encoding="utf-8")
    return Gazetteer.from_ruleset(load_rules(), (str(extra),))


def _tables(index) -> tuple:
    return tuple(getattr(index, f) for f in index.STORED)


def test_tables_are_cached_on_disk_and_reloaded_equal(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    text = "kind: gazetteer\npeople:\n  - {name: Pavel Yarovenko, aliases: [Pavel Jarovenko]}\n"
    first = name_index(_gazetteer(tmp_path, text), RULES)
    files = list((tmp_path / "cache" / "mtcheck").glob("names-*.marshal"))
    assert len(files) == 1
    gaz = Gazetteer.from_ruleset(load_rules(), (str(tmp_path / "extra.yml"),))
    again = name_index(gaz, NameRules.builtin())          # another process would do the same
    assert _tables(again) == _tables(first) == _tables(build(gaz, RULES))
    assert again.entry(gaz, RULES.full_key(["Pavel", "Jarovenko"])).name == "Pavel Yarovenko"
    assert "Yarovenko" in again.person_place and "yarovenko" in again.maybe_name


def test_changed_gazetteer_gets_new_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    a = name_index(_gazetteer(tmp_path, "kind: gazetteer\npeople:\n  - {name: Ivan Zabolotny}\n"), RULES)
    b = name_index(_gazetteer(tmp_path, "kind: gazetteer\npeople:\n  - {name: Ivan Zabolotnykh}\n"), RULES)
    assert "Zabolotny" in a.person_place and "Zabolotny" not in b.person_place
    assert "Zabolotnykh" in b.person_place
    assert len(list((tmp_path / "cache" / "mtcheck").glob("names-*.marshal"))) == 2


def test_corrupt_cache_file_is_rebuilt_and_no_cache_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    gaz = _gazetteer(tmp_path, "kind: gazetteer\ncities:\n  - Zlatoustovsk\n")
    path = name_index_mod._cache_path(gaz, RULES)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a table")
    assert "Zlatoustovsk" in name_index(gaz, RULES).places
    monkeypatch.setenv("MTCHECK_NO_RULE_CACHE", "1")
    assert name_index_mod._cache_path(gaz, RULES) is None


def test_gazetteer_made_in_memory_is_not_cached():
    from mtcheck.gazetteer import Entry

    gaz = Gazetteer(entries=[Entry("Ivan Zabolotny", "people")])
    assert gaz.fingerprint() is None
    assert "Zabolotny" in name_index(gaz, RULES).person_place


def test_old_cache_files_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    monkeypatch.setattr(name_index_mod, "KEEP_FILES", 2)
    for i in range(4):
        gaz = _gazetteer(tmp_path, f"kind: gazetteer\ncities:\n  - Zlatoust{'ovo' * (i + 1)}\n")
        name_index(gaz, RULES)
        newest = name_index_mod._cache_path(gaz, RULES)
    files = list((tmp_path / "cache" / "mtcheck").glob("names-*.marshal"))
    assert len(files) == 2 and newest in files
