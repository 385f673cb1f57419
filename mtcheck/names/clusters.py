"""One document's names: which spellings are one name, which is canonical, what to flag.

The unit is a name *word* ("Morozkinoi", "Dmitri"), not a whole mention, because MT garbles
one word at a time and the fix replaces one word.  Surnames, places and other name words
are clustered across the whole story; a known given name ("Dmitri") is compared only
with the given names written before the same surname, so that "Dmitri Peskov" and
"Dmitry Kozak" in one story are two men, not one inconsistency.

Canonical form, in order: the gazetteer (a mention that folds to a gazetteer form takes
that entry's canonical spelling), else the most frequent nominative-looking spelling in
the story, else the first one.  A spelling is flagged only when the story writes the name
in two or more ways: an alias the gazetteer accepts, used consistently, is house style.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import partial
from operator import attrgetter
from typing import Any

from ..document import Document
from .index import name_index
from .keys import NameRules
from .matching import STRENGTH, Cluster, Spelling, _UF, cluster_spellings, may_link
from .mentions import COMMON_ZIPF, PARTICLES, Mention, Record, _tuplegetter, extract_mentions, word_zipf
from .plan import words_to_compare


# Immutable per-word records are tuples with named fields (mentions.Record): several are
# built per name word of every story, and defining one costs a tenth of a NamedTuple.
class Occurrence(Record):
    __slots__ = ()
    _fields = ("start", "end", "text", "mention", "target", "entry")
    start = _tuplegetter(0, "offset in the document")
    end = _tuplegetter(1, "end offset")
    text = _tuplegetter(2, "the word as written")
    mention = _tuplegetter(3, "index into DocNames.mentions")
    target = _tuplegetter(4, "the gazetteer spelling of this word, when the mention is known")
    entry = _tuplegetter(5, "that gazetteer entry's canonical name")

    def __new__(cls, start: int, end: int, text: str, mention: int, target: str | None = None,
                entry: str | None = None) -> "Occurrence":
        return tuple.__new__(cls, (start, end, text, mention, target, entry))


class Flag(Record):
    """One occurrence to report: replace *occ.text* by *target*."""

    __slots__ = ()
    _fields = ("occ", "target", "fix", "gender")
    occ = _tuplegetter(0, "the Occurrence")
    target = _tuplegetter(1, "the spelling to write instead")
    fix = _tuplegetter(2, '"safe", "unsafe" or None')
    gender = _tuplegetter(3, "a masculine/feminine pair: info only")

    def __new__(cls, occ: Occurrence, target: str, fix: str | None, gender: bool = False) -> "Flag":
        return tuple.__new__(cls, (occ, target, fix, gender))


class NameGroup:
    """Spellings of one name in one document.  (A plain class: defining a dataclass costs
    ~0.3 ms of every cold start.)"""

    __slots__ = ("canonical", "spellings", "occurrences", "source", "gender_ambiguous", "kinds",
                 "flags")

    def __init__(self, canonical: str, spellings: list[tuple[str, int]], occurrences: list[Occurrence],
                 source: str, gender_ambiguous: bool = False, kinds: set[str] | None = None,
                 flags: list[Flag] | None = None) -> None:
        self.canonical = canonical
        self.spellings = spellings          # (display spelling, count), canonical first
        self.occurrences = occurrences
        self.source = source                # "gazetteer" or "document"
        self.gender_ambiguous = gender_ambiguous
        self.kinds: set[str] = kinds if kinds is not None else set()
        self.flags: list[Flag] = flags if flags is not None else []

    def __repr__(self) -> str:
        return f"NameGroup({self.summary!r}, flags={self.flags!r})"

    @property
    def summary(self) -> str:
        parts = [f"{s} ×{n}" if n > 1 else s for s, n in self.spellings]
        return f"{self.canonical} written {len(self.spellings)} ways: {', '.join(parts)}"


class DocNames(Record):
    __slots__ = ()
    _fields = ("mentions", "groups", "words")
    mentions = _tuplegetter(0, "list[Mention]")
    groups = _tuplegetter(1, "list[NameGroup]: only names written two or more ways")
    words = _tuplegetter(2, "every name word spelling -> count (for corpus views)")

    def __new__(cls, mentions: list[Mention], groups: list[NameGroup], words: dict[str, int]) -> "DocNames":
        return tuple.__new__(cls, (mentions, groups, words))


_new_occurrence = partial(tuple.__new__, Occurrence)   # without the Python-level __new__
_text = attrgetter("text")


def _most_common(counts: Counter) -> Any:
    """The most frequent element, the first counted on a tie: Counter.most_common(1)
    without its heapq import (a cold-start cost)."""
    return max(counts.items(), key=lambda kv: kv[1])[0]


def _display(texts: list[str]) -> str:
    """The usual surface form of a spelling: the most common capitalized variant."""
    if len(texts) == 1:
        return texts[0]
    caps = [t for t in texts if t[:1].isupper() and not t.isupper()]
    return _most_common(Counter(caps or texts))


def analyze(doc: Document, gazetteer: Any, rules: NameRules) -> DocNames:
    """Find every name written more than one way in *doc*, with what to flag."""
    zipf = word_zipf

    tables = name_index(gazetteer, rules)
    mentions = extract_mentions(doc, tables)
    known_words = tables.person_place

    word_occ: list[Occurrence] = []
    given_occ: list[tuple[Occurrence, int]] = []   # (occurrence, index of its surname occurrence)
    plans = tables.plans
    new_occ = _new_occurrence
    for mi, m in enumerate(mentions):
        mw = m.words
        texts = tuple(map(_text, mw))
        plan = plans.get(texts)
        if plan is None:
            if len(plans) >= 30_000:   # ~10 MB; 1,000 articles make ~2,500
                plans.clear()
            plan = plans[texts] = words_to_compare(texts, tables, gazetteer, rules)
        last = None   # index in word_occ of this mention's surname
        for wi, given, target, entry, surname in plan:
            w = mw[wi]
            occ = new_occ((w.start, w.end, w.text, mi, target, entry))
            if given:
                given_occ.append((occ, last))
            else:
                word_occ.append(occ)
                if surname:
                    last = len(word_occ) - 1
    word_lows = [o.text.lower() for o in word_occ]
    counts = Counter(word_lows)
    counts.update(o.text.lower() for o, _ in given_occ)

    groups: list[NameGroup] = []
    # surnames, places and other name words: clustered across the story
    by_lower: dict[str, list[Occurrence]] = defaultdict(list)
    for o, low in zip(word_occ, word_lows):
        by_lower[low].append(o)
    lowers = list(by_lower)
    keys = [rules.key(lw) for lw in lowers]
    zipfs = [zipf(lw) for lw in lowers]
    cluster_of: dict[str, int] = {}
    aliases = _alias_links(lowers, by_lower)
    if not aliases and not may_link(list(zip(keys, zipfs)), rules):
        # most stories: no two spellings could be one name, every spelling is its own
        cluster_of = {lw: i for i, lw in enumerate(lowers)}
    else:
        spellings = [Spelling(_display([o.text for o in by_lower[lw]]), keys[i], len(by_lower[lw]),
                              zipfs[i], any(o.text in known_words for o in by_lower[lw]), i)
                     for i, lw in enumerate(lowers)]
        clusters = cluster_spellings(spellings, rules)
        if aliases:
            clusters = _merge_aliases(clusters, aliases)
        for ci, c in enumerate(clusters):
            for i in c.members:
                cluster_of[lowers[i]] = ci
            if len(c.members) > 1:
                given_of = _given_names(mentions, tables.given) if c.gender_ambiguous else None
                groups.append(_group(c, spellings, {i: by_lower[lowers[i]] for i in c.members}, rules,
                                     given_of))

    # given names: compared only before the same surname (cluster)
    by_person: dict[tuple[int, str], dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
    for o, last in given_occ:
        surname = cluster_of.get(word_lows[last], -1)
        by_person[(surname, rules.given_key(o.text))][o.text.lower()].append(o)
    for (_surname, key), variants in by_person.items():
        if len(variants) < 2:
            continue
        lows = list(variants)
        sps = [Spelling(_display([o.text for o in variants[lw]]), key, len(variants[lw]), zipf(lw),
                        False, min(o.start for o in variants[lw])) for lw in lows]
        order = sorted(range(len(sps)), key=lambda i: sps[i].order)
        c = Cluster(members=order, edges=[(order[0], i, "romanization") for i in order[1:]])
        groups.append(_group(c, sps, {i: variants[lw] for i, lw in enumerate(lows)}, rules))
    groups = [g for g in groups if g.flags]
    groups.sort(key=lambda g: min(o.start for o in g.occurrences))
    return DocNames(mentions=mentions, groups=groups, words=dict(counts))


def _alias_links(lowers: list[str], by_lower: dict[str, list[Occurrence]]) -> list[tuple[int, int]]:
    """Pairs of spellings (indexes into *lowers*) that the gazetteer resolves to one
    single-word entry: "Kiev" and "Kyiv", "Kharkov" and "Kharkiv".  Their keys are too far
    apart for romanization or fuzzy matching, but the gazetteer lists one as an alias of
    the other, so a story that writes both writes one name two ways.  Only occurrences
    whose gazetteer spelling is the entry's whole name count: the words of a multi-word
    alias ("Russian National Guard") are not variants of a one-word one ("Rosgvardia")."""
    first: dict[str, int] = {}
    pairs: list[tuple[int, int]] = []
    for i, lw in enumerate(lowers):
        for entry in {o.entry for o in by_lower[lw] if o.target is not None and o.target == o.entry}:
            j = first.setdefault(entry, i)
            if j != i:
                pairs.append((j, i))
    return pairs


def _merge_aliases(clusters: list[Cluster], pairs: list[tuple[int, int]]) -> list[Cluster]:
    """*clusters* with those joined that hold the two spellings of an alias pair."""
    where = {m: ci for ci, c in enumerate(clusters) for m in c.members}
    uf = _UF(len(clusters))
    for a, b in pairs:
        uf.union(where[a], where[b])
    if all(uf.find(ci) == ci for ci in range(len(clusters))):
        return clusters
    merged: dict[int, Cluster] = {}
    for ci, c in enumerate(clusters):
        root = uf.find(ci)
        if root not in merged:
            merged[root] = c
            continue
        into = merged[root]
        into.members = sorted(into.members + c.members)
        into.edges = into.edges + c.edges
        into.oblique |= c.oblique
        into.endings.update(c.endings)
        into.gender_ambiguous = into.gender_ambiguous or c.gender_ambiguous
    for a, b in pairs:
        root = merged[uf.find(where[a])]
        root.edges.append((a, b, "romanization"))   # another romanization, per the gazetteer
    return [merged[r] for r in sorted(merged)]


def _given_names(mentions: list[Mention], given_names: frozenset[str]) -> Any:
    """A function: the given name (or initial) written before a surname occurrence in its
    mention, or None ("Anna" for the "Sorokina" of "Anna Sorokina").  The first word
    that can be a given name counts: a known one, an initial, or a word rarer in English
    than COMMON_ZIPF (not "Foreign Minister"), so a patronymic after it does not."""
    zipf = word_zipf

    def given_of(o: Occurrence) -> str | None:
        words = mentions[o.mention].words
        if len(words) < 2 or words[-1].start != o.start:
            return None
        for w in words[:-1]:
            t = w.text
            if t in PARTICLES:
                continue
            if len(t) == 1 or t in given_names or zipf(t) < COMMON_ZIPF:
                return t
        return None
    return given_of


def _same_given(a: str, b: str, rules: NameRules) -> bool:
    """May *a* and *b* name one person: one name, or one in two cases, or an initial
    that fits ("N." and "Natalia"), or two that begin alike, as an MT system's garbled
    spellings of one name do ("Alesiya", "Alena" for Алеся)?"""
    if len(a) == 1 or len(b) == 1:
        return a[0].lower() == b[0].lower() or rules.key(a)[:1] == rules.key(b)[:1]
    ka, kb = rules.given_key(a), rules.given_key(b)
    return ka[:3] == kb[:3] or not rules.case_forms(ka).isdisjoint(rules.case_forms(kb))


def _masculine_case_form(c: Cluster, i: int, spellings: list[Spelling], rules: NameRules) -> tuple[int, bool] | None:
    """When member *i* of a masculine/feminine cluster was joined as a case form with an
    ending only a masculine surname takes (-ym, -om: "Sorokinym" next to "Sorokin" and
    "Sorokina"), the member that is the masculine nominative of its stem, and
    whether that reading is only a guess (-u is also a feminine accusative); else None."""
    ending = c.endings.get(i)
    if ending is None or ending not in rules.masculine_oblique:
        return None
    stem = spellings[i].key[:-len(ending)] if ending else spellings[i].key
    masculine = rules.masculine_endings
    for j in c.members:
        if j != i and j not in c.oblique and any(
                s == stem and e in masculine for s, e in rules.readings(spellings[j].key)[0]):
            return j, rules.masculine_oblique[ending]
    return None


def _group(c: Cluster, spellings: list[Spelling], occ_by_member: dict[int, list[Occurrence]],
           rules: NameRules, given_of: Any = None) -> NameGroup:
    """Pick the canonical spelling of one cluster and decide what to flag.

    In a cluster with a masculine and a feminine surname (Sorokin, Sorokina) a spelling
    is reported as a pair (MT602, info) unless it is plainly one name with another
    member: a romanization of the canonical spelling, or a case form only a masculine
    surname takes (MT601, as a variant of the masculine nominative).  A pair whose
    mentions carry different given names ("Oleg Sorokin", "Anna Sorokina") is two
    people and is not reported at all."""
    all_occ = [o for i in c.members for o in occ_by_member[i]]
    confirmed = Counter(o.target for o in all_occ if o.target)
    lower_to_member = {spellings[i].text.lower(): i for i in c.members}
    ambiguous = False
    if confirmed:
        canonical = _most_common(confirmed)
        ambiguous = len({t.lower() for t in confirmed}) > 1
        source = "gazetteer"
    else:
        # The most frequent nominative-looking spelling (a case form of another member is
        # never preferred), then the first; a tie is a guess.
        nominative = [i for i in c.members if i not in c.oblique] or list(c.members)
        best = max(nominative, key=lambda i: (spellings[i].count, -spellings[i].order))
        ties = [i for i in nominative if spellings[i].count == spellings[best].count and i != best]
        # Unambiguous: the winner is strictly the most frequent spelling, or a nominative
        # against a name the story declines two ways (Morozkina / -oi / -u) or with an
        # ending no foreign name has (-oi, -ogo).  "Pisterean" once and "Pistereanu" once
        # is a coin toss: Romanian names end in -u.
        most = all(spellings[best].count > spellings[i].count for i in c.members if i != best)
        declined = best not in c.oblique and (
            len({spellings[i].key for i in c.oblique}) >= 2
            or any(len(e) >= 2 and not e.startswith("~") for e in c.endings.values()))
        ambiguous = bool(ties) or not (most or declined)
        canonical = spellings[best].text
        source = "document"
    root = lower_to_member.get(canonical.lower())
    if root is None:
        key = rules.key(canonical)
        root = next((i for i in c.members if spellings[i].key == key), c.members[0])
    links = c.link_to(root)
    ordered = sorted(c.members, key=lambda i: (i != root, -spellings[i].count, spellings[i].order))
    group = NameGroup(canonical=canonical,
                      spellings=[(spellings[i].text, spellings[i].count) for i in ordered],
                      occurrences=sorted(all_occ, key=lambda o: o.start), source=source,
                      gender_ambiguous=c.gender_ambiguous, kinds=c.kinds)
    pair_givens: set[str] | None = None
    if c.gender_ambiguous:
        canon_key = rules.key(canonical)
        masculine_of = {i: _masculine_case_form(c, i, spellings, rules) for i in c.members}
        if given_of is not None:
            pair_givens = {g for i in c.members if spellings[i].key == canon_key
                           for o in occ_by_member[i] if (g := given_of(o)) is not None}
    for i in c.members:
        givens: set[str] | None = None
        for o in occ_by_member[i]:
            target = o.target or canonical
            if o.text.lower() == target.lower():
                continue
            link = links.get(i, "fuzzy")
            if c.gender_ambiguous and o.target is None and spellings[i].key != canon_key:
                masc = masculine_of[i]
                if masc is not None:
                    j, guess = masc
                    link = c.link_to(j).get(i, "fuzzy")
                    group.flags.append(Flag(o, _match_case(o.text, spellings[j].text),
                                            "unsafe" if guess or STRENGTH[link] > 1 else "safe"))
                    continue
                if pair_givens:
                    if givens is None:
                        givens = {g for x in occ_by_member[i] if (g := given_of(x)) is not None}
                    if givens and not any(_same_given(a, b, rules) for a in givens for b in pair_givens):
                        continue   # two people: "Oleg Sorokin", "Anna Sorokina"
                group.flags.append(Flag(o, target, None, gender=True))
                continue
            if o.target is not None:
                fix = "safe"
            else:
                fix = "safe" if STRENGTH[link] <= 1 and not ambiguous else "unsafe"
            group.flags.append(Flag(o, _match_case(o.text, target), fix))
    return group


def _match_case(found: str, target: str) -> str:
    if found.isupper() and len(found) > 1:
        return target.upper()
    return target


def __getattr__(name: str) -> Any:
    """``may_have_groups`` lived here; it is in precheck.py now, imported only when asked
    for (the first story of a process is analyzed without it)."""
    if name == "may_have_groups":
        from .precheck import may_have_groups
        return may_have_groups
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
