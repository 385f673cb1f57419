"""The casing checks' shortcuts (issue 6, round two) give the answers of the plain way.

MT205 (case consistency) now looks for mixed phrases first, only around the few
lower-case tokens ``_may_mix`` lets through, and collects titles only for those phrases'
keys; MT201-203 (capitalization) read their candidate tokens from one scan of the
Document shared by all three (``casing_scan``).  Each test below runs the plain
definition (the code as it was before, kept here) next to the check on many generated
texts and compares every finding, and checks that the texts exercise the shortcut (some
texts skipped, some findings).
"""

from __future__ import annotations

import random
from bisect import bisect_right

import pytest

from mtcheck.api import Linter
from mtcheck.checks import casing
from mtcheck.checks.casing import CONNECTORS, CaseConsistency, _is_shout
from mtcheck.checks.casing_phrases import whole
from mtcheck.document import Document


# --- MT205, the plain way -------------------------------------------------------------
def _plain_case_consistency(doc: Document, max_words: int) -> list[tuple[int, int, str, str]]:
    """Every title in the article first (from every capitalized token), then every mixed
    occurrence of a title's key, both whole phrases (casing_phrases.whole): the
    definition, token by token."""
    words, lows = doc.token_words, doc.token_lows
    n_tok = len(words)
    capital = [w[0].isupper() for w in words]
    conn = [w in CONNECTORS for w in lows]
    prose, starts, ends = doc.prose, doc.token_starts, doc.token_ends
    initial, headlines = doc.initial_offsets, doc.headline_lines
    sent_ends = [s.end for s in doc.sentences]

    def capped(k: int) -> bool:
        return capital[k] and not (words[k].isupper() and _is_shout(words[k]))

    def spans(i: int) -> list[int]:
        k = bisect_right(sent_ends, starts[i])
        if k >= len(sent_ends) or conn[i]:
            return []
        if headlines and doc.position(starts[i])[0] in headlines:
            return []
        out = []
        for n in range(2, max_words + 1):
            j = i + n - 1
            if j >= n_tok or ends[j] > sent_ends[k] or prose[ends[j - 1]:starts[j]].strip():
                break
            if not conn[j]:
                out.append(j)
        return out

    def classify(i: int, j: int) -> str:
        first = starts[i] in initial
        content = caps = lows_ = 0
        all_capital = True
        for k in range(i, j + 1):
            if conn[k]:
                continue
            content += 1
            all_capital = all_capital and capital[k]
            if k == i and first:
                continue
            caps += capped(k)
            lows_ += words[k][0].islower()
        if content < 2 or not caps:
            return ""
        if not lows_ and caps >= 2 and caps == content - first and all_capital:
            return "title"
        return "mixed" if lows_ else ""

    titles: dict[str, str] = {}
    for i in range(n_tok - 1):
        if not (capital[i] and (capital[i + 1] or conn[i + 1])):
            continue
        j = i + 1
        while j < n_tok and j < i + max_words and conn[j]:
            j += 1
        if j >= n_tok or j >= i + max_words or not capital[j]:
            continue
        for j in spans(i):
            if classify(i, j) == "title" and whole(doc, i, j, True, capital, conn):
                titles.setdefault(" ".join(lows[i:j + 1]), prose[starts[i]:ends[j]])
    mixed = []
    for i in range(n_tok):
        for j in spans(i):
            key = " ".join(lows[i:j + 1])
            if key in titles and classify(i, j) == "mixed" and whole(doc, i, j, False, capital, conn):
                mixed.append((starts[i], ends[j], prose[starts[i]:ends[j]], titles[key]))
    mixed.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out, last_end = [], -1
    for start, end, phrase, title in mixed:
        if start >= last_end:
            out.append((start, end, phrase, title))
            last_end = end
    return out


_PHRASES = ["Security Council", "Foreign Ministry", "Ministry of Foreign Affairs", "State Duma",
            "Central Bank of Russia", "Red Cross", "World Health Organization", "Bank of the Volga",
            "Day of Women and Girls in Science", "He Said", "As The Crow", "Migration Service",
            "Irkutsk Region", "President Putin", "New York Times"]
_FILLER = ["the", "said", "on", "Monday", "he", "This", "As", "it", "that", "of", "and", "a",
           "security", "council", "Council", "women", "Science", "region", "NATO", "UN", "U.S."]


def _vary(rng: random.Random, phrase: str) -> str:
    ws = phrase.split()
    pick = rng.random()
    if pick < 0.35:
        return phrase
    if pick < 0.45:
        return phrase.lower()
    if pick < 0.5:
        return phrase.upper()
    k = rng.randrange(len(ws))
    ws[k] = ws[k].lower() if rng.random() < 0.8 else ws[k].upper()
    if rng.random() < 0.2:
        k = rng.randrange(len(ws))
        ws[k] = ws[k][:1].upper() + ws[k][1:]
    return " ".join(ws)


def _mt205_texts(n: int, seed: int) -> list[str]:
    """Articles of sentences that mix the phrases (as titles, lower case, mixed, capitals)
    with filler, at sentence starts, after colons and quotes, across punctuation, in
    headline lines, and at the very end of the text."""
    rng = random.Random(seed)
    seps = [" ", " ", " ", ", ", ": ", " - ", " \"", "\n", ". "]
    texts = []
    for _ in range(n):
        phrases = rng.sample(_PHRASES, rng.randint(1, 3))
        parts = []
        for _ in range(rng.randint(2, 9)):
            bits = []
            for _ in range(rng.randint(1, 6)):
                bits.append(_vary(rng, rng.choice(phrases)) if rng.random() < 0.45 else rng.choice(_FILLER))
                bits.append(rng.choice(seps))
            sentence = "".join(bits).strip()
            if rng.random() < 0.15:   # a headline-cased line
                sentence = " ".join(w[:1].upper() + w[1:] for w in sentence.split())
            parts.append(sentence + rng.choice([".", ".", "", "?", ":"]))
        texts.append(rng.choice([" ", "\n", "\n\n"]).join(parts))
    return texts


def _mt205_findings(kind: CaseConsistency, rule, doc: Document, max_words: int):
    return [(f.start, f.end, doc.prose[f.start:f.end], f.replacements[0])
            for f in kind.check(doc, rule, max_words, None)]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def test_case_consistency_equals_the_plain_definition(linter, monkeypatch):
    """On 1,500 generated articles and every max_words from 2 to 5, the check's findings
    are the plain definition's; ``_may_mix`` skipped some articles and the rest had
    findings to compare."""
    rule = next(r for r in linter.ruleset.rules if r.code == "MT205")
    kind = CaseConsistency()
    texts = _mt205_texts(1500, seed=205)
    real = casing._may_mix
    said: list[bool] = []
    monkeypatch.setattr(casing, "_may_mix", lambda *a: said.append(bool(real(*a))) or real(*a))
    found = 0
    for max_words in (2, 3, 4, 5):
        for text in texts:
            doc = Document.from_text(text)
            got = _mt205_findings(kind, rule, doc, max_words)
            assert got == _plain_case_consistency(doc, max_words), (max_words, text)
            found += bool(got)
    assert found > 300
    assert said.count(False) > 200 and said.count(True) > 300


def test_case_consistency_forced_past_the_pre_check_finds_the_same(linter, monkeypatch):
    """With ``_may_mix`` answering True (every lower-case token a candidate), the check
    finds what it finds with the pre-check."""
    rule = next(r for r in linter.ruleset.rules if r.code == "MT205")
    kind = CaseConsistency()
    docs = [Document.from_text(t) for t in _mt205_texts(600, seed=7)]
    fast = [_mt205_findings(kind, rule, d, 4) for d in docs]
    monkeypatch.setattr(casing, "_may_mix", lambda *a: True)
    docs = [Document.from_text(d.text) for d in docs]
    assert [_mt205_findings(kind, rule, d, 4) for d in docs] == fast
    assert sum(map(bool, fast)) > 100


@pytest.mark.parametrize("text, phrase", [
    ("Talks with the Foreign ministry went on. He met the Foreign Ministry", "Foreign ministry"),
    ("He said the Minister of the interior left. Later he met the Minister of the Interior.",
     "Minister of the interior"),
    ("Talks with the Harbour Board went on. Later a harbour Board", "harbour Board"),
    ("The Security Council met. Later the security Council voted", "security Council"),
    ("The security Council met. Later the Security Council voted", "security Council"),
    # the title's first token is the text's first token (a URL before it is no token)
    ("www.port.com Harbour Board met. Later the Harbour board met.", "Harbour board"),
])
def test_case_consistency_edges(linter, text, phrase):
    """Edges of the candidate search: the lower-case word at the text's end, reached from
    the title start across two connectors, a lower-case first word, the mixed phrase
    before the title, a title at token 0."""
    rule = next(r for r in linter.ruleset.rules if r.code == "MT205")
    doc = Document.from_text(text)
    got = _mt205_findings(CaseConsistency(), rule, doc, 4)
    assert got == _plain_case_consistency(doc, 4)
    assert [g[2] for g in got] == [phrase]


# --- MT201-203, the plain way ---------------------------------------------------------
def _plain_capitalization(doc: Document, rule, state) -> list[tuple]:
    """Every token that begins a form's first word, every form of it compared, then the
    bare surnames over every token: the definition, token by token."""
    from mtcheck.checks.casing import Capitalization, _heads, _name_context, _recase, _titles
    from mtcheck.commonwords import is_common_word

    lows, words, starts, ends = doc.token_lows, doc.token_words, doc.token_starts, doc.token_ends
    prose, by_first = doc.prose, state.by_first
    out: list[tuple] = []
    covered_until = -1
    for i, low in enumerate(lows):
        if low not in by_first or starts[i] < covered_until:
            continue
        start = starts[i]
        for form in by_first[low]:
            end = start + len(form.form)
            if prose[start:end].lower() != form.lower:
                continue
            if end < len(prose) and (prose[end].isalnum() or prose[end] == "-"):
                continue
            found = prose[start:end]
            covered_until = end
            if found == form.form or doc.position(start)[0] in doc.headline_lines:
                break
            initial = start in doc.initial_offsets
            if Capitalization._wrong(found, form, initial, _heads(rule)):
                fixed = _recase(found, form.form, initial)
                if fixed != found:
                    out.append((start, end, fixed, rule.fix))
            break
    if rule.params.get("surnames"):
        done = [(s, e) for s, e, *_ in out]
        for i, word in enumerate(words):
            if word not in state.surnames or not word.islower():
                continue
            start = starts[i]
            if any(s <= start < e for s, e in done):
                continue
            proper, canonical = state.surnames[word]
            common = is_common_word(word)
            if common:
                if not any(f in prose.lower() for f in state.full_forms.get(canonical, ())):
                    continue
                if not _name_context(doc, i, state, canonical, _titles(rule)):
                    continue
            out.append((start, ends[i], proper, "unsafe" if common else rule.fix))
    return out


def _cap_findings(rule, state, doc: Document) -> list[tuple]:
    from mtcheck.checks.casing import Capitalization

    return [(f.start, f.end, f.replacements[0], f.fix) for f in Capitalization().check(doc, rule, state, None)]


def _variant(rng: random.Random, form: str) -> str:
    """The form as written right, in lower or upper case, one word re-cased, with a
    look-alike letter (KELVIN SIGN for k, dotted capital I for i), or cut short."""
    pick = rng.random()
    if pick < 0.3:
        return form
    if pick < 0.45:
        return form.lower()
    if pick < 0.5:
        return form.upper()
    if pick < 0.75:
        ws = form.split(" ")
        k = rng.randrange(len(ws))
        ws[k] = rng.choice([ws[k].lower(), ws[k].upper(), ws[k].capitalize()])
        return " ".join(ws)
    if pick < 0.85:
        return form.replace("k", "\u212a", 1).replace("i", "\u0130", rng.randint(0, 1))
    return form[:-rng.randint(1, 3)] if len(form) > 4 else form


def _cap_texts(states: list, n: int, seed: int) -> list[str]:
    """Articles made of forms of the rules (every form that begins with a function word,
    and a sample of the others) and bare surnames, in contexts that matter: sentence
    starts, headline lines, after 'the'/'his'/'a', before "'s", "’s", "-based", digits,
    inside URLs, and the full name of a surname's person now and then."""
    rng = random.Random(seed)
    forms, surnames = [], []
    for st in states:
        firsts = sorted(st.by_first)
        for first in rng.sample(firsts, min(150, len(firsts))):
            forms.extend(f.form for f in st.by_first[first][:3])
        forms.extend(f.form for first in firsts if first in CONNECTORS for f in st.by_first[first])
        surnames.extend(sorted(st.surnames)[:: max(1, len(st.surnames) // 60)])
        surnames.extend(w for w in ("may", "power", "price", "trump", "brown") if w in st.surnames)
    tails = ["", "", "", "'s", "’s", "-based", "s", "1", " 2024", ".", ","]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(3, 10)):
            v = _variant(rng, rng.choice(forms)) + rng.choice(tails)
            shape = rng.random()
            if shape < 0.15 and surnames:
                s = rng.choice(surnames)
                v = rng.choice([f"his {s} card", f"{s} said", f"a {s}", f"the {s} of it", f"{s.upper()} spoke"])
            elif shape < 0.2:
                v = "see www." + v.replace(" ", "-").lower() + ".com/news"
            parts.append(rng.choice(["Officials in {} said on Monday", "{} met", "Talks with the {}.",
                                     "{}", "It was {} again", "To {} - and more"]).format(v))
        if rng.random() < 0.3:
            parts.insert(0, " ".join(w.capitalize() for w in rng.choice(forms).split()) + " Meets Here")
        if rng.random() < 0.3 and surnames:
            st = states[0]
            s = rng.choice(surnames)
            if s in st.surnames:
                parts.append("Later " + st.surnames[s][1] + " spoke.")
        texts.append(rng.choice([". ", "\n", " "]).join(parts))
    return texts


def test_capitalization_equals_the_plain_definition(linter):
    """MT201-203 on 1,200 generated articles give the plain definition's findings
    (span, replacement, fix kind), and the shared scan left most of the plain
    candidate tokens out."""
    from mtcheck.checks import casing_scan

    rules = [r for r in linter.ruleset.rules if r.code in ("MT201", "MT202", "MT203")]
    states = [linter.prepare(r) for r in rules]
    plain_candidates = scanned = found = 0
    for text in _cap_texts(states, 1200, seed=201):
        doc = Document.from_text(text)
        for rule, st in zip(rules, states):
            got = _cap_findings(rule, st, doc)
            assert got == _plain_capitalization(doc, rule, st), (rule.code, text)
            found += len(got)
            plain_candidates += sum(low in st.by_first for low in doc.token_lows)
            scanned += len(casing_scan.candidates(st, doc, casing._FEW_FORMS)[0])
    assert found > 1000
    assert scanned < plain_candidates * 0.6


def test_capitalization_with_a_user_rule_built_later(linter):
    """A rule with inline terms (non-ASCII forms, forms that begin with a function word
    and are shorter than the built-in ones) prepared after documents were scanned: the
    scan is remade, and both the built-in and the new rule keep the plain answers, on
    the same Documents before and after."""
    from mtcheck.records import replace

    from mtcheck.checks.casing import Capitalization

    rules = [r for r in linter.ruleset.rules if r.code in ("MT202", "MT203")]
    states = [linter.prepare(r) for r in rules]
    texts = _cap_texts(states, 200, seed=9)
    terms = ["The Kre", "the Quux Agency", "A Just", "\u0130zmir Port Authority", "To Lam", "New York",
             "Straße Board", "La Paz Group"]
    extra = replace(rules[0], code="MT999", params={"terms": terms}, _state=None)
    def lowered_first(term: str) -> str:   # the first content word in lower case
        ws = term.split(" ")
        k = 1 if ws[0].lower() in CONNECTORS else 0
        return " ".join(ws[:k] + [ws[k].lower()] + ws[k + 1:])

    texts += [f"{_variant(random.Random(i), t)} said {lowered_first(t)} and {t}." for i, t in enumerate(terms * 5)]
    docs = [Document.from_text(t) for t in texts]
    before = [[_cap_findings(r, s, d) for r, s in zip(rules, states)] for d in docs]
    extra_state = Capitalization().prepare(extra, linter.ctx)
    for d, was in zip(docs, before):
        assert [_cap_findings(r, s, d) for r, s in zip(rules, states)] == was
        assert was == [_plain_capitalization(d, r, s) for r, s in zip(rules, states)]
        assert _cap_findings(extra, extra_state, d) == _plain_capitalization(d, extra, extra_state), d.text
    assert sum(bool(_cap_findings(extra, extra_state, d)) for d in docs) > 10
