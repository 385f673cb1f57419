"""The names pre-check (names/precheck.py) and may_link never hide a name variant.

MT601/MT602 run the full names analysis only on stories the pre-check lets through.  The
pre-check must be exact: wherever it says "no", the full analysis finds no group.  The
tests here check each step of that argument against the slow computation on generated
stories (gazetteer names, their romanization variants and case forms, common capitalized
words, lower-case name tails, particles, possessives, hyphens, headlines, URLs) and on
the committed real samples: the words analyze compares are a subset of the pre-check's
candidates; the pre-check's marks say "no" only where may_link does; may_link says "no"
only where cluster_spellings links nothing; and its pure-Python fuzz.ratio is rapidfuzz's.
"""

from __future__ import annotations

import json
import random

import pytest

from mtcheck.api import Linter
from mtcheck.document import Document
from mtcheck.names import precheck
from mtcheck.names.clusters import analyze
from mtcheck.names.index import name_index
from mtcheck.names.keys import NameRules
from mtcheck.names.matching import Spelling, _lcs_len, cluster_spellings, may_link

from conftest import DATA

LINTER = Linter()
GAZ = LINTER.ctx.gazetteer
RULES = NameRules.from_ruleset(LINTER.ruleset)
TABLES = name_index(GAZ, RULES)


# -- the pure-Python fuzz.ratio -----------------------------------------------------------
def _lcs_plain(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for ca in a:
        prev = 0
        for j, cb in enumerate(b):
            cur = row[j + 1]
            row[j + 1] = prev + 1 if ca == cb else max(row[j + 1], row[j])
            prev = cur
    return row[-1]


def test_bit_parallel_lcs_equals_dynamic_programming_and_rapidfuzz_ratio():
    from rapidfuzz import fuzz

    rng = random.Random(11)
    for _ in range(3000):
        a = "".join(rng.choice("aeiklnorsv") for _ in range(rng.randint(0, 16)))
        b = "".join(rng.choice("aeiklnorsv") for _ in range(rng.randint(0, 16)))
        assert _lcs_len(a, b) == _lcs_plain(a, b), (a, b)
        if a or b:
            total = len(a) + len(b)
            assert abs(100.0 * (1.0 - (total - 2 * _lcs_len(a, b)) / total) - fuzz.ratio(a, b)) < 1e-9


# -- may_link: False means cluster_spellings links nothing --------------------------------
def _random_spellings(rng: random.Random) -> list[Spelling]:
    stems = ["".join(rng.choice("bdgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 5)))
             for _ in range(4)]
    endings = ["", "a", "i", "o", "u", "e", "oi", "ai", "om", "im", "ogo", "omu", "ia", "iu", "ei", "aia",
               "ov", "ev", "in", "ski", "ego"]
    keys = set()
    for _ in range(rng.randint(2, 7)):
        k = rng.choice(stems) + rng.choice(endings)
        if rng.random() < 0.35 and len(k) > 3:   # one letter changed, added or dropped
            i = rng.randrange(1, len(k) - 1)
            k = k[:i] + rng.choice(["", rng.choice("aeiouklmnrst"), k[i] + rng.choice("aeiou")]) + k[i + 1:]
        keys.add(k)
    keys = sorted(keys)
    if rng.random() < 0.2:   # short keys (given names of three letters)
        keys += rng.sample(["ian", "ivan", "oleg", "ilia", "ali", "eli"], 2)
    if rng.random() < 0.15:  # two spellings with one key
        keys.append(rng.choice(keys))
    return [Spelling(k.capitalize(), k, 1 + (i % 3), rng.choice([0.0, 1.5, 2.99, 3.0, 4.5]),
                     rng.random() < 0.2, i) for i, k in enumerate(keys)]


def test_may_link_false_means_only_singletons():
    rng = random.Random(6)
    no = yes = linked = 0
    for _ in range(5000):
        sps = _random_spellings(rng)
        says = may_link([(s.key, s.zipf) for s in sps], RULES)
        clustered = any(len(c.members) > 1 for c in cluster_spellings(sps, RULES))
        if not says:
            no += 1
            assert not clustered, sps
        else:
            yes += 1
            linked += clustered
    assert no > 500 and yes > 500
    assert linked > 0.5 * yes   # it is tight: most of its "maybe"s are real links


@pytest.mark.parametrize("words", [
    ["Morozkina", "Morozkinoi"],      # case ending on a stem with a nominative
    ["Sorokin", "Sorokina"],          # masculine/feminine
    ["Kronstadt", "Kronshtadt"],      # fuzzy
    ["Dmitry", "Dmitri"],             # one key
    ["Dmitri", "Dmitriya"],           # soft ending after a nominative in -i
    ["Yan", "Ian"],                   # one short key: no stem, too short to compare fuzzily
])
def test_may_link_true_where_clustering_links(words):
    sps = [Spelling(w, RULES.key(w), 1, 0.0, False, i) for i, w in enumerate(words)]
    assert may_link([(s.key, s.zipf) for s in sps], RULES)
    assert len(cluster_spellings(sps, RULES)) == 1


def test_may_link_false_for_common_or_distant_words():
    # English words: a case ending needs a rare key; a fuzzy pair needs a close ratio
    assert not may_link([(RULES.key("Argentina"), 0.0), (RULES.key("Argentine"), 3.5)], RULES)
    assert not may_link([(RULES.key("Erdogan"), 2.0), (RULES.key("Yerevan"), 2.0)], RULES)
    assert not may_link([(RULES.key("Viktoriya"), 2.0), (RULES.key("Viktor"), 2.0)], RULES)


# -- the marks: "no shared mark" implies may_link says no ---------------------------------
def test_marks_say_no_only_where_may_link_does():
    rng = random.Random(7)
    quick_no = 0
    for _ in range(5000):
        sps = _random_spellings(rng)
        entries = [precheck._marks(s.key, s.zipf, RULES, precheck.FUZZY_CUTOFF) for s in sps]
        if precheck._no_shared_mark(entries):
            quick_no += 1
            assert not may_link([(s.key, s.zipf) for s in sps], RULES), sps
    assert quick_no > 500


# -- the pre-check over whole stories -------------------------------------------------------
def _variants(word: str, rng: random.Random) -> str:
    """A romanization variant, case form or misspelling of a name word."""
    how = rng.randrange(7)
    if how == 0:
        return word.replace("y", "i") if "y" in word else word.replace("i", "y", 1)
    if how == 1:
        return word + rng.choice(["a", "oi", "u", "ym", "ogo", "e", "om", "ai", "ia", "ei", "yu"])
    if how == 2 and len(word) > 5:
        i = rng.randrange(2, len(word) - 2)
        return word[:i] + word[i + 1:]
    if how == 3 and len(word) > 5:
        i = rng.randrange(2, len(word) - 2)
        return word[:i] + rng.choice("aeiou") + word[i + 1:]
    if how == 4:
        return word + word[-1]
    if how == 5:
        return word.replace("ks", "x").replace("v", "w")
    return word


def _stories() -> list[str]:
    rng = random.Random(12)
    people = [e.name for e in GAZ.entries if e.section == "people" and " " in e.name]
    places = [e.name for e in GAZ.entries if e.section != "people" and " " not in e.name]
    pairs = sorted(TABLES.lower_pairs)
    common = ["The", "President", "Minister", "Monday", "State", "Department", "Argentina", "Argentine",
              "Security", "Secretary", "Parliament", "Russia", "Russian", "Russians", "Maltese", "Marine"]
    made = ["Morozkin", "Pisterean", "Kuznetsov", "Abramovich", "Zakharov", "Belousov", "Grigoryev",
            "Plaksina", "Jovovich", "Solovey", "Kronstadt"]
    out = []
    for _ in range(700):
        parts = []
        for _ in range(rng.randint(2, 9)):
            kind = rng.randrange(9)
            if kind == 0:
                name = rng.choice(people).split()
                name[-1] = _variants(name[-1], rng)
                if rng.random() < 0.3:
                    name[0] = _variants(name[0], rng)
                parts.append(f"{' '.join(name)} said on Monday that talks went well.")
            elif kind == 1:
                parts.append(f"{rng.choice(common)} officials met in {_variants(rng.choice(places), rng)}.")
            elif kind == 2:
                w = rng.choice(made)
                parts.append(f"{rng.choice(['Anna', 'Dmitry', 'Dmitri', 'Yulia', 'Julia', 'Yan', 'Ian'])} "
                             f"{_variants(w, rng)}'s "
                             f"office said {w} was away.")
            elif kind == 3:   # a lower-case name tail after its first word
                first, last = rng.choice(pairs).split(" ", 1)
                parts.append(f"Officials said {first.capitalize()} {_variants(last, rng)} agreed.")
            elif kind == 4:
                parts.append(f"{rng.choice(common)} {rng.choice(common).lower()} was reported by "
                             f"{rng.choice(['Ursula von der', 'Mohammed bin', 'Abu al-'])} "
                             f"{_variants(rng.choice(made), rng)}.")
            elif kind == 5:   # a headline line, all capitals or title case
                name = rng.choice(people)
                parts.append("\n" + rng.choice([name.upper(), f"{name} Meets {rng.choice(common)}"]) + "\n")
            elif kind == 6:
                parts.append(f"See https://example.com/{rng.choice(made)} or @{rng.choice(made)}.")
            elif kind == 7:
                w = _variants(rng.choice(made), rng)
                parts.append(f"The {w}-{rng.choice(made)} plan and {w.lower()} followers grew.")
            else:
                parts.append(f"{rng.choice(common)} {rng.choice(['is', 'was'])} fine, {rng.choice(common)} said.")
        text = " ".join(parts)
        out.append(rng.choice([text, text, text, text.upper(), text.lower()]))
    samples = json.loads((DATA / "names_wmt23.json").read_text(encoding="utf-8"))["excerpts"]
    out += [" ".join(e["sentences"]) for e in samples]
    clean = (DATA / "clean_en_sample.txt").read_text(encoding="utf-8")
    out += [clean[i:i + 900] for i in range(0, len(clean), 450)]
    return out


def test_pre_check_candidates_hold_every_compared_word_and_never_hide_a_group():
    skipped = grouped = 0
    for text in _stories():
        doc = Document.from_text(text)
        result = analyze(doc, GAZ, RULES)
        cands = precheck.candidate_spellings(doc, GAZ, RULES)
        # every spelling analyze compares, with the key it compares
        for low in result.words:
            assert low in cands, (low, text)
            assert cands[low][0] == RULES.key(low)
        if not precheck.may_have_groups(doc, GAZ, RULES):
            skipped += 1
            assert result.groups == [], text
        grouped += bool(result.groups)
    assert skipped > 100 and grouped > 100   # both sides exercised


def test_pre_check_memo_follows_the_gazetteer():
    """Answers are memoized per token under one name index: another gazetteer (here
    none) gets its own, and going back gives the first answers again."""
    text = "Officials met Lavrov in Moscow. The President said Lavrova agreed."
    doc = Document.from_text(text)
    first = precheck.candidate_spellings(doc, GAZ, RULES)
    bare = precheck.candidate_spellings(doc, None, RULES)
    assert "president" not in bare      # a common word, and no gazetteer can resolve it
    assert precheck.candidate_spellings(doc, GAZ, RULES) == first
    assert precheck.may_have_groups(doc, GAZ, RULES) and analyze(doc, GAZ, RULES).groups


# -- the folding steps ---------------------------------------------------------------------
def _slow_key(rules: NameRules, word: str) -> str:
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("-", " ")
    for pattern, repl in rules.fold:
        text = re.sub(pattern, repl, text)
    return text


@pytest.mark.parametrize("fold", [
    [["[ab]", "ba"]],                    # the replacement holds a class character: translate
    [["[ab]", "x"], ["x", "ab"]],        # one str.replace per character
    [["(.)\\1+", "\\1"], ["(a)(b)", "\\2\\1"]],   # templates: searched first
    [["[jy]", "i"], ["(?<=[aeiou])i(?=[eo])", ""], ["(.)\\1+", "\\1"]],
])
def test_fold_steps_equal_plain_regex_substitution(fold):
    rules = NameRules.from_data([{"fold": fold}])
    rng = random.Random(3)
    words = ["Abba", "Baab", "Yakhyaev", "Andreyev", "Zelenskyy", "aab-bba", "Dmitrí", ""]
    words += ["".join(rng.choice("abjyeio") for _ in range(rng.randint(1, 9))) for _ in range(300)]
    for word in words:
        assert rules.key(word) == _slow_key(rules, word), (fold, word)


# -- the fuzzy pass scores small blocks itself ------------------------------------------------
@pytest.mark.parametrize("cutoff", [90.0, 85.0, 88.0, 93.75])
def test_fuzzy_links_scored_in_python_equal_rapidfuzz_cdist(monkeypatch, cutoff):
    from mtcheck.names import matching

    rng = random.Random(int(cutoff))
    base = ["".join(rng.choice("aeioubdklmnrstv") for _ in range(rng.randint(6, 12))) for _ in range(150)]
    keys = sorted({"k" + b for b in base} | {"k" + b[:3] + rng.choice("aeiou") + b[4:] for b in base}
                  | {"k" + b[:4] + b[5:] for b in base[:40]})
    spellings = [Spelling(k, k, 1, 0.0, False, i) for i, k in enumerate(keys)]

    def partition() -> list[list[int]]:
        return sorted(sorted(c.members) for c in cluster_spellings(spellings, RULES, fuzzy_cutoff=cutoff))

    monkeypatch.setattr(matching, "SMALL_BLOCK", 10_000)
    small = partition()                       # scored by _lcs_len, rapidfuzz only when too close
    monkeypatch.setattr(matching, "SMALL_BLOCK", 2)
    big = partition()                         # every pair scored by rapidfuzz's process.cdist
    assert small == big
    assert any(len(c) > 1 for c in small)


def test_fuzzy_score_at_the_cutoff_is_left_to_rapidfuzz(monkeypatch):
    import rapidfuzz.fuzz

    calls = []
    real = rapidfuzz.fuzz.ratio
    monkeypatch.setattr(rapidfuzz.fuzz, "ratio", lambda *a, **k: calls.append(a) or real(*a, **k))
    # ten letters, one changed: fuzz.ratio is exactly 90, the cutoff
    sps = [Spelling("Barabanova", "barabanova", 1, 0.0, False, 0),
           Spelling("Barabonova", "barabonova", 1, 0.0, False, 1)]
    assert len(cluster_spellings(sps, RULES)) == 1 and calls
    calls.clear()
    sps = [Spelling("Kronstadt", "kronstadt", 1, 0.0, False, 0),
           Spelling("Kronshtadt", "kronshtadt", 1, 0.0, False, 1)]
    assert len(cluster_spellings(sps, RULES)) == 1 and not calls   # 94.7: decided without it


# -- the records: tuples with named fields, picklable (entities --jobs sends DocNames) --------
def test_records_behave_like_named_tuples_and_pickle():
    import pickle

    from mtcheck.names.clusters import DocNames, Flag, Occurrence

    text = "Dmitry Peskov met Dmitri Peskov. Maria Morozkina and Morozkinoi spoke to Morozkinu."
    names = analyze(Document.from_text(text), GAZ, RULES)
    assert isinstance(names, DocNames) and names.groups
    back = pickle.loads(pickle.dumps(names))
    assert type(back) is DocNames and back.words == names.words
    assert [m.text for m in back.mentions] == [m.text for m in names.mentions]
    assert [(g.summary, g.flags) for g in back.groups] == [(g.summary, g.flags) for g in names.groups]
    flag = names.groups[0].flags[0]
    assert pickle.loads(pickle.dumps(flag)) == flag and type(pickle.loads(pickle.dumps(flag))) is Flag
    o = Occurrence(1, 5, "Abcd", 0)
    assert o == (1, 5, "Abcd", 0, None, None) and o.target is None and o.text == "Abcd"
    assert repr(Flag(o, "X", "safe")).startswith("Flag(occ=Occurrence(start=1, end=5, text='Abcd'")
    s = Spelling("Peskov", "peskov")
    assert (s.count, s.zipf, s.known, s.order) == (1, 0.0, False, 0)
    start, end, *_ = o
    assert (start, end) == (1, 5)
