"""Names across many articles: in-article variants, house-style inconsistencies, learning.

``mtcheck lint`` judges one story at a time, so "Dmitri Peskov" in one article and
"Dmitry Peskov" in the next are both fine there.  An archive wants one spelling per
person: this module collects every full name of every article under its folded key
(keys.py) and reports keys written more than one way across files.  ``learn`` turns
the same data into a gazetteer file (``kind: gazetteer``) for an editor to review.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .clusters import DocNames, NameGroup
from .index import NameIndex, name_index
from .keys import NameRules
from .mentions import _SURNAME_MAX_ZIPF, COMMON_ZIPF, PARTICLES, Mention, Word, east_asian_given, word_zipf


@dataclass
class CorpusName:
    """One name (folded key) across the corpus, with every spelling and where it occurs."""

    key: str
    counts: Counter = field(default_factory=Counter)                       # spelling -> count
    files: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # spelling -> paths
    gazetteer: str | None = None   # the gazetteer's canonical form, if known
    known_forms: frozenset[str] = frozenset()   # that entry's accepted forms, lower-cased
    display: dict[str, str] = field(default_factory=dict)  # lower-cased -> first spelling seen
    #: spelling -> the forms it was actually written in ("Kim Jong-un", "Donald trump"),
    #: with counts; the spelling itself is the folded view (hyphens as spaces, the
    #: first capitalization seen), which clusters but hides house-style drift
    written: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    written_files: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # form -> paths

    @property
    def canonical(self) -> str:
        if self.gazetteer:
            return self.gazetteer
        return max(self.counts, key=lambda s: (self.counts[s], -min(len(p) for p in self.files[s]), s))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def all_files(self) -> set[str]:
        return set().union(*self.files.values()) if self.files else set()

    @property
    def inconsistent(self) -> bool:
        return len(self.counts) > 1

    @property
    def written_inconsistent(self) -> bool:
        """Written two or more ways across the corpus, capitals aside: "Kim Jong-un" here
        and "Kim Jong Un" there is house-style drift even though both fold to one
        spelling; "Donald trump" is a casing slip (lint's MT2xx), not a spelling."""
        forms = {" ".join(f.lower().split()) for c in self.written.values() for f in c}
        return len(forms) > 1

    @property
    def drifts(self) -> bool:
        """Worth an editor's look as house style: spelled, or written, several ways."""
        return self.inconsistent or self.written_inconsistent

    def spellings(self) -> list[tuple[str, int, list[str]]]:
        canon = self.canonical.lower()
        order = sorted(self.counts, key=lambda s: (s.lower() != canon, -self.counts[s], s))
        return [(s, self.counts[s], sorted(self.files[s])) for s in order]

    def written_forms(self, spelling: str) -> list[tuple[str, int, list[str]]]:
        """How *spelling* was actually written: (form, count, files), most frequent first."""
        forms = self.written.get(spelling) or Counter({spelling: self.counts[spelling]})
        canon = self.canonical.lower()
        order = sorted(forms, key=lambda f: (f.lower() != canon, -forms[f], f))
        return [(f, forms[f], sorted(self.written_files.get(f) or self.files[spelling])) for f in order]

    def usual_form(self, spelling: str) -> str:
        """The most frequent written form of *spelling* with capitals where a name has
        them (not "Donald trump"), for a learned gazetteer; the spelling if none."""
        forms = self.written.get(spelling)
        if not forms:
            return spelling
        proper = [f for f in forms if all(w[:1].isupper() or w in PARTICLES for w in f.replace("-", " ").split())]
        return max(proper or [spelling], key=lambda f: (forms.get(f, 0), f))


@dataclass
class Corpus:
    """Everything `mtcheck entities` reports."""

    in_document: list[tuple[str, NameGroup]] = field(default_factory=list)
    names: dict[str, CorpusName] = field(default_factory=dict)
    files: int = 0

    def across_files(self) -> list[CorpusName]:
        """Names spelled (or written) two or more ways in the corpus, most frequent first."""
        out = [n for n in self.names.values() if n.drifts]
        out.sort(key=lambda n: (-n.total, n.canonical))
        return out


#: A one-word name this common in English ("Moon", "Park", "Sun"; not "Putin", 4.1)
#: needs the article to show it is a name (see CorpusBuilder.add).
_PLAIN_WORD_ZIPF = 4.5


def name_tail(m: Mention, tables: NameIndex) -> list[str]:
    """The part of a mention that is a name: "Foreign Minister Dmitry Peskov" -> Dmitry Peskov.

    Walks back from the last word while words look like names (not common English words
    unless the gazetteer knows them as a person or place word), stopping at a place name
    in front of a person's name.
    """
    zipf = word_zipf
    known = tables.person_place
    places = tables.places
    words: list[str] = []
    lowered = tables.lower_words
    mw = m.words
    given_pair = False   # words holds just a hyphenated East Asian given name ("Jae In")
    for i in range(len(mw) - 1, -1, -1):
        w = mw[i]
        t = w.text
        # the last word and the one before it may be an East Asian given name: "Jae-in"
        # (its "in" is a syllable, not the English word), "Sun Yat-sen"
        pair_tail = (not words and i > 0 and _hyphen_joined(mw[i - 1], w)
                     and east_asian_given(f"{mw[i - 1].text}-{t}"))
        if t.islower() and t not in PARTICLES and (pair_tail or t in lowered):
            t = t[:1].upper() + t[1:]   # "Donald trump" is Donald Trump (its casing is MT201's)
        if words and t in places and not all(x in places for x in words):
            break   # "Russia Sergey Peskov": a place before a person's name is not part of it
        if len(t) < 2 or t.isupper() or not t[:1].isupper():
            if words and t in PARTICLES:   # "Ursula von der Leyen"
                words.append(t)
                continue
            break
        if given_pair and len(words) == 2:
            # the surname before the given name, even an English word ("Sun Yat-sen",
            # "Moon Jae-in") though not a function word ("The"); nothing before it
            # belongs to the name
            if zipf(t) < _SURNAME_MAX_ZIPF:
                words.append(t)
            break
        if not pair_tail and t not in known and zipf(t) >= COMMON_ZIPF:
            break
        words.append(t)
        given_pair = given_pair or pair_tail
    while words and words[-1].islower():
        words.pop()
    return list(reversed(words))


def _hyphen_joined(a: Word, b: Word) -> bool:
    """Whether words *a* and *b* of a mention may be the two halves of one hyphenated
    token ("Jae-in"): one character apart.  The character is not known here (the
    mention holds no text), so "Jae In" passes too, which is the same name spaced."""
    return b.start == a.end + 1


class CorpusBuilder:
    """Feed documents one by one (memory stays per-name, not per-article)."""

    def __init__(self, rules: NameRules, gazetteer: Any) -> None:
        self.rules = rules
        self.gazetteer = gazetteer
        self.corpus = Corpus()
        self._tables = name_index(gazetteer, rules)
        # mention words -> (spelling, folded key, number of words) of its name, or None:
        # the same mentions recur in article after article
        self._names: dict[tuple[str, ...], tuple[str, str, int] | None] = {}
        self._surnames: dict[str, dict[str, set[str]]] | None = None   # see _surname_entry

    def _name(self, m: Mention) -> tuple[str, str, int] | None:
        texts = tuple(w.text for w in m.words)
        got = self._names.get(texts, False)
        if got is False:
            words = name_tail(m, self._tables)
            if not words or (len(words) == 1 and len(words[0]) < 4):
                got = None
            else:
                got = (" ".join(words), self.rules.full_key(words), len(words))
            if len(self._names) < 100_000:
                self._names[texts] = got
        return got

    def _surname_entry(self, key: str) -> tuple[str, frozenset[str]] | None:
        """For a one-word name: (the surname as the gazetteer writes it, its accepted
        forms lower-cased) when the people of the gazetteer whose surname folds to *key*
        all spell it one way ("Trump" for Donald and Melania; not Novák and Novak); else
        None.  Why: "Zelenskyy" alone folds to no full form of the gazetteer ("Volodymyr
        Zelensky"), so the house-style report named the cluster after its most frequent
        spelling ("Zelenskyy"), while lint (MT601, which links a surname to the full name
        in the article) calls that spelling a variant of "Zelensky"."""
        if self.gazetteer is None:
            return None
        if self._surnames is None:
            table: dict[str, dict[str, set[str]]] = {}
            for e in self.gazetteer.section("people"):
                # the last word of the name as spaced: "Ban Ki-moon" ends in "Ki-moon", whose
                # key holds a space and never equals a one-word name's ("moon"); aliases
                # add spellings of that word only ("Zelenskyy"), not other words
                words = e.name.split()
                if len(words) < 2 or not words[-1][:1].isupper():
                    continue
                last = self.rules.key(words[-1])
                forms = table.setdefault(last, {}).setdefault(e.name, {words[-1]})
                forms.update(w[-1] for w in map(str.split, e.aliases)
                             if len(w) >= 2 and self.rules.key(w[-1]) == last)
            self._surnames = table
        people = self._surnames.get(key)
        if not people:
            return None
        spelt = {name.split()[-1] for name in people}
        if len(spelt) != 1:   # people whose surnames fold alike but are spelt apart (Novák, Novak)
            return None
        return spelt.pop(), frozenset(f.lower() for forms in people.values() for f in forms)

    def _single_ok(self, spelling: str, key: str) -> bool:
        """Whether a one-word name seen only at sentence starts still counts: a word not
        that common in English ("Peskov said", "Putin said"), or a gazetteer entry of its
        own ("China")."""
        return word_zipf(spelling) < _PLAIN_WORD_ZIPF or self._tables.entry(self.gazetteer, key) is not None

    def add(self, path: str, names: DocNames, surfaces: list[str] | None = None) -> None:
        """Count the names of one article.  *surfaces*: each mention's text as written in
        it (``doc.prose[m.start:m.end]``, see ``surfaces``), so the report can show the
        forms actually written; without them the folded spelling stands in."""
        self.corpus.files += 1
        for g in names.groups:
            if any(not f.gender for f in g.flags):
                self.corpus.in_document.append((path, g))
        found = [self._name(m) for m in names.mentions]
        # words this article shows to be names: capitalized mid-sentence somewhere, or
        # part of a longer name ("Moon" of "Moon Jae-in")
        vouched = {w.text.lower() for m, name in zip(names.mentions, found) if name is not None
                   for w in m.words[-name[2]:] if w.informative or name[2] > 1}
        for mi, m in enumerate(names.mentions):
            name = found[mi]
            if name is None:
                continue
            spelling, key, n_words = name
            if n_words == 1 and spelling.lower() not in vouched and not self._single_ok(spelling, key):
                # "Moon landing", "Park rangers" opening sentences: an English word whose
                # capital says nothing, known to the gazetteer only inside a person's
                # name (Moon Jae-in, Park Geun-hye), and never a name in this article
                continue
            entry = self.corpus.names.get(key)
            if entry is None:
                entry = self.corpus.names[key] = CorpusName(key)
                known = self._tables.entry(self.gazetteer, key)
                if known is not None:
                    entry.gazetteer = known.name
                    entry.known_forms = frozenset(f.lower() for f in known.forms)
                elif n_words == 1:
                    surname = self._surname_entry(key)
                    if surname is not None:
                        entry.gazetteer, entry.known_forms = surname
            # case-only differences are casing problems (MT2xx), not spellings
            spelling = entry.display.setdefault(spelling.lower(), spelling)
            entry.counts[spelling] += 1
            entry.files[spelling].add(path)
            if surfaces is not None:
                # the name's part of the mention ("Foreign Minister Dmitry Peskov" ->
                # "Dmitry Peskov"), whitespace as one space (a name wrapped in the text)
                cut = m.words[-n_words].start - m.start
                form = " ".join(surfaces[mi][cut:].split())
                entry.written[spelling][form] += 1
                entry.written_files[form].add(path)


def surfaces(text: str, names: DocNames) -> list[str]:
    """Each mention of *names* as written in *text* (the article's prose view: its
    text with Markdown/HTML markup blanked, same offsets), for
    ``CorpusBuilder.add``: computed where the article is read (a worker with --jobs), so
    the whole text need not travel back."""
    return [text[m.start:m.end] for m in names.mentions]


def learn(corpus: Corpus, gazetteer: Any = None, rules: NameRules | None = None,
          min_count: int = 2, min_words: int = 2) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A gazetteer document (``kind: gazetteer``) of the corpus's people, for review.

    Each multi-word name seen at least *min_count* times becomes an entry: the most
    frequent spelling as ``name``, the other romanizations as ``aliases``.  Names the
    gazetteer already has with every spelling seen are left out.  Returns (document,
    unsure): entries whose first word is a known given name go to ``people``; the others
    (clubs, ships, border crossings…) are returned apart, for the editor to sort.
    """
    given_keys: set[str] = set()
    if gazetteer is not None and rules is not None:
        given_keys = {rules.key(g) for g in name_index(gazetteer, rules).given}
    people, unsure = [], []
    for n in sorted(corpus.names.values(), key=lambda n: (-n.total, n.canonical)):
        words = n.canonical.split()
        if n.total < min_count or len(words) < min_words:
            continue
        if n.gazetteer and all(s.lower() in n.known_forms for s in n.counts):
            continue
        if n.gazetteer:
            name = n.gazetteer
        else:   # as the articles write it most ("Jean-Claude Juncker", not the folded "Jean Claude Juncker")
            name = n.usual_form(max(n.counts, key=lambda s: (n.counts[s], s)))
        aliases = [n.usual_form(s) for s, _c, _f in n.spellings()]
        aliases = [a for a in dict.fromkeys(aliases) if a.lower() != name.lower()]
        item: dict[str, Any] = {"name": name}
        if aliases:
            item["aliases"] = aliases
        item["note"] = f"learned: {n.total} mentions in {len(n.all_files)} files"
        is_person = not given_keys or (rules is not None and rules.key(words[0]) in given_keys)
        (people if is_person else unsure).append(item)
    return {"kind": "gazetteer", "people": people}, unsure


def dump_learned(doc: dict[str, Any], sources: int, unsure: list[dict[str, Any]] = ()) -> str:
    """YAML text of a learned gazetteer, with a header telling the editor what to do."""
    import yaml

    header = (
        "# Learned by `mtcheck entities --learn` from "
        f"{sources} file{'s' * (sources != 1)}.\n"
        "# Review before committing: keep real people, fix the canonical spelling (`name`),\n"
        "# delete aliases that are not the same person.  Use with `mtcheck lint --entities FILE`\n"
        "# or the `entities` config key.\n"
    )
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
    if unsure:
        tail = yaml.safe_dump({"people": list(unsure)}, allow_unicode=True, sort_keys=False, width=100)
        body += ("# Names whose first word is not a known given name: people, or places, clubs,\n"
                 "# products?  Uncomment the real people (into the list above) or delete them.\n")
        body += "".join(f"# {line}\n" for line in tail.splitlines()[1:])
    return header + body
