"""Shortcuts of the single-pass speed work give the answers of what they replace.

Each test computes the plain definition next to the shortcut and compares.
"""

from __future__ import annotations

import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.document import Document

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@given(st.text(alphabet=string.printable + "AZaz'-", max_size=80))
@settings(max_examples=400, deadline=None)
def test_ascii_token_split_equals_the_unicode_definition(text):
    """Pure-ASCII prose is split with [A-Za-z] instead of [^\\W\\d_]: same tokens,
    digits and underscores included as separators."""
    doc = Document.from_text(text)
    want = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(doc.prose)
            if not any(p.start < m.end() and m.start() < p.end for p in doc.protected)]
    assert list(zip(doc.token_starts, doc.token_ends, doc.token_words)) == want


def test_lexicon_memo_by_lookup_key_answers_like_a_fresh_lookup():
    """zipf() memoizes by the word and by its normalized key; the cached answer for any
    spelling equals a direct table lookup of the normalized word, whichever spelling
    came first.  (normalize is idempotent, which is what makes sharing sound.)"""
    from mtcheck import lexicon

    tab, scale = lexicon.table(), lexicon.scale()

    def direct(w):
        i = tab.index(lexicon.normalize(w))
        return tab.value(i) / scale if i >= 0 else 0.0

    words = ["Moscow", "moscow", "MOSCOW", "don’t", "don't", "DON’T", "İzmir", "izmir", "Straße",
             "STRASSE", "the", "The", "qwzxv", "Ministry", "ministry"]
    lexicon._MEMO.clear()
    for w in words + words[::-1]:
        assert lexicon.normalize(lexicon.normalize(w)) == lexicon.normalize(w)
        assert lexicon.zipf(w) == direct(w), w


def test_capitalization_prefix_test_changes_no_finding(monkeypatch):
    """MT201-203 skip a candidate whose next characters begin none of the forms of its
    first word (inlined in the check loop); with that test off (every form compared),
    the findings are the same, on texts made of forms that share a first word, cased
    right, lower-cased, upper-cased and cut short."""
    import random

    from mtcheck.api import Linter
    from mtcheck.checks import casing

    linter = Linter()
    rules = [r for r in linter.ruleset.rules if r.code in ("MT201", "MT202", "MT203")]
    rng = random.Random(3)
    texts = []
    for rule in rules:
        state = linter.prepare(rule)
        crowded = [forms for forms in state.by_first.values() if len(forms) >= casing._FEW_FORMS]
        assert crowded   # the shortcut is exercised
        for forms in rng.sample(crowded, min(8, len(crowded))):
            parts = []
            for f in rng.sample(forms, min(6, len(forms))):
                variant = rng.choice([f.form, f.form.lower(), f.form.upper(), f.form[:-2], f.form + "-based"])
                parts.append(f"Officials said {variant} met {f.form.lower()} on Monday.")
            texts.append(" ".join(parts))

    def run():
        return [[(f.rule, f.start, f.end, f.replacements) for f in linter.lint_text(t)] for t in texts]

    fast = run()
    monkeypatch.setattr(casing, "_FEW_FORMS", 10 ** 9)
    assert run() == fast
    assert any(fast)   # some texts have findings to compare


def test_romanized_check_defers_capitalized_tokens_without_changing_findings(monkeypatch):
    """MT104 judges a token that is one capitalized Latin run only in an article that
    also writes it in lower case (elsewhere its finding would be dropped anyway).  A
    sequence of articles, where such words appear capitalized only, then in both cases,
    then lower case only, gives the same MT104 findings as judging every token."""
    import random
    from pathlib import Path

    from mtcheck import romanized as rz
    from mtcheck.api import Linter
    from mtcheck.checks import romanized as check_mod

    forms = rz._model().forms
    rng = random.Random(11)
    words = [w for w in (forms.key(rng.randrange(len(forms))) for _ in range(400))
             if w.isalpha() and w.isascii() and len(w) >= 6][:60]
    clean = Path(__file__).parent.joinpath("data", "clean_en_sample.txt").read_text(encoding="utf-8")
    texts = []
    for i, w in enumerate(words):
        cap = w.capitalize()
        texts.append(f"{cap} officials met on Monday. Reports say the {cap} office agreed.")
        texts.append(f"{cap} is here. Officials said {w} was fine, and {w}-based staff too.")
        texts.append(f"Officials said {w} was fine.")
        texts.append(clean[i * 400:(i + 1) * 400])

    def run():
        linter = Linter()
        rules = [r for r in linter.ruleset.rules if r.code == "MT104"]
        out = [[(f.start, f.end, f.message) for f in linter.lint_document(Document.from_text(t), rules)]
               for t in texts]
        return out, rules[0]._state

    deferred, state = run()
    assert state.caps - state.clean.union(state.flagged)   # some capitalized tokens were never judged
    assert sum(map(len, deferred)) > 20
    monkeypatch.setattr(check_mod, "_DEFER", False)
    judged_all, _ = run()
    assert deferred == judged_all


def _name_texts() -> list[str]:
    """Real MT excerpts with names written several ways, clean English copy, and
    synthetic stories: declined surnames, romanization variants, fuzzy misspellings,
    given names before one surname, and the same in upper and lower case."""
    import json
    import random
    from pathlib import Path

    data = Path(__file__).parent / "data"
    texts = [" ".join(e["sentences"]) for e in
             json.loads((data / "names_wmt23.json").read_text(encoding="utf-8"))["excerpts"]]
    clean = (data / "clean_en_sample.txt").read_text(encoding="utf-8")
    texts += [clean[i:i + 700] for i in range(0, min(len(clean), 14000), 700)]
    rng = random.Random(5)
    stems = ["Morozkin", "Pisterean", "Kuznetsov", "Abramovich", "Zakharov", "Belousov", "Grigoryev"]
    forms = ["{s}", "{s}a", "{s}oi", "{s}u", "{s}ym", "{s}ogo", "{s}e", "{s}s"]
    given = ["Dmitry", "Dmitri", "Dmitrij", "Yulia", "Julia", "Iuliia", "Sergei", "Sergey"]
    for _ in range(120):
        s = rng.choice(stems)
        words = [rng.choice(forms).format(s=s) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            words.append(s[:3] + s[4:])   # a dropped letter: only a fuzzy link
        parts = [f"{rng.choice(given)} {w} said on Monday that talks went well." for w in words]
        text = " ".join(parts)
        texts.append(rng.choice([text, text.upper(), text.lower(), text]))
    # one-word gazetteer entries and their aliases (clusters._alias_links), words of
    # multi-word aliases, and hyphenated and possessive forms of them
    places = ["Kiev", "Kyiv", "Kharkov", "Kharkiv", "Odessa", "Odesa", "Lvov", "Lviv", "Nikolaev",
              "Mykolaiv", "Zaporozhye", "Zaporizhzhia", "Rosgvardia", "Russian National Guard",
              "Zaporozhye NPP", "Kyiv-based", "Kiev's", "Moscow"]
    for _ in range(80):
        picks = [rng.choice(places) for _ in range(rng.randint(2, 4))]
        text = " ".join(f"Officials in {p} said on Monday that talks went well." for p in picks)
        texts.append(rng.choice([text, text, text.upper()]))
    return texts


def test_names_pre_check_never_hides_a_group():
    """MT601/MT602 skip the names analysis of a story when may_have_groups says no two
    spellings could form a group; wherever it says so, the full analysis finds none."""
    from mtcheck.api import Linter
    from mtcheck.document import Document
    from mtcheck.names.clusters import analyze, may_have_groups
    from mtcheck.names.keys import NameRules

    linter = Linter()
    gaz, rules = linter.ctx.gazetteer, NameRules.from_ruleset(linter.ruleset)
    skipped = grouped = 0
    for text in _name_texts():
        doc = Document.from_text(text)
        groups = analyze(doc, gaz, rules).groups
        if not may_have_groups(doc, gaz, rules):
            skipped += 1
            assert groups == [], text
        grouped += bool(groups)
    assert skipped > 10 and grouped > 10   # both sides exercised


def _case_texts() -> list[str]:
    import random

    rng = random.Random(8)
    phrases = ["Foreign Ministry", "Security Council", "Ministry of Foreign Affairs", "State Duma",
               "Central Bank of Russia", "Federal Security Service", "United Nations", "Red Square"]

    def mix(p: str) -> str:
        ws = p.split()
        k = rng.randrange(len(ws))
        ws[k] = ws[k].lower()
        return " ".join(ws)

    texts = []
    for _ in range(300):
        p = rng.choice(phrases)
        parts = [rng.choice([p, mix(p), p.upper(), p.lower()]) for _ in range(rng.randint(1, 3))]
        sentences = [rng.choice(["The {} said so.", "{} officials met.", "Talks with the {}", "{}"]).format(x)
                     for x in parts]
        sep = rng.choice([" ", "\n", ". ", ": "])
        texts.append(sep.join(sentences))
    # edges: the lower-cased word is the text's last token; or it is reached from the
    # title start only across two connectors
    texts += ["Talks with the Foreign ministry went on. He met the Foreign Ministry",
              "He said the Minister of the interior left. Later he met the Minister of the Interior.",
              "Talks with the Harbour Board went on. Later a harbour Board"]
    return texts + _name_texts()


def test_case_consistency_pre_check_never_hides_a_finding(monkeypatch):
    """MT205 returns early when no pair of neighbouring words occurs both with a word
    capitalized near a possible title start and with that word's initial in lower case;
    with the pre-check forced to say yes, the
    findings are the same (phrases mixed at every position, at the end of the text, in
    headlines, in capitals), and the pre-check did skip some texts."""
    from mtcheck.api import Linter
    from mtcheck.checks import casing

    linter = Linter()
    texts = _case_texts()
    skipped = []
    real = casing._may_mix

    def spy(*args):
        got = real(*args)
        skipped.append(not got)
        return got

    monkeypatch.setattr(casing, "_may_mix", spy)
    fast = [[(f.start, f.end, f.replacements) for f in linter.lint_text(t)] for t in texts]
    monkeypatch.setattr(casing, "_may_mix", lambda *a: True)
    slow = [[(f.start, f.end, f.replacements) for f in linter.lint_text(t)] for t in texts]
    assert fast == slow
    assert any(skipped) and not all(skipped)
    assert sum(1 for f in slow if f) > 20
