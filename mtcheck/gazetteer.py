"""The gazetteer: known people, places, institutions and acronyms (``rules/entities.yml``).

One list serves every check: casing (canonical capitalization), names (canonical
spelling and aliases), the romanized-word detector (never flag a known name) and the
source-aware checks (Cyrillic originals).  Users add entries in their own
``kind: gazetteer`` files (``--entities FILE`` or a rule directory).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

SECTIONS = ("people", "countries", "capitals", "cities", "institutions")
PLACE_SECTIONS = ("countries", "capitals", "cities")


@dataclass(frozen=True)
class Entry:
    name: str
    section: str
    aliases: tuple[str, ...] = ()
    cyrillic: str | None = None
    note: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class Gazetteer:
    entries: list[Entry] = field(default_factory=list)
    acronyms: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, docs: Iterable[tuple[Any, dict]]) -> "Gazetteer":
        entries: list[Entry] = []
        acronyms: set[str] = set()
        for _path, doc in docs:
            for section in SECTIONS:
                for item in doc.get(section) or []:
                    if isinstance(item, str):
                        item = {"name": item}
                    if not isinstance(item, dict) or not item.get("name"):
                        continue
                    entries.append(Entry(
                        name=str(item["name"]), section=section,
                        aliases=tuple(str(a) for a in item.get("aliases") or ()),
                        cyrillic=item.get("cyrillic"), note=item.get("note"),
                    ))
            acronyms.update(str(a) for a in doc.get("acronyms") or ())
        return cls(entries=entries, acronyms=frozenset(acronyms))

    @classmethod
    def from_ruleset(cls, ruleset: Any, extra_files: tuple[str, ...] = ()) -> "Gazetteer":
        docs: list[tuple[Any, dict]] = list(ruleset.data.get("gazetteer", [])) if ruleset else []
        for f in extra_files:
            from .rules import RuleError, _strip_lines, load_yaml
            doc = load_yaml(Path(f))
            if not isinstance(doc, dict) or doc.get("kind") != "gazetteer":
                raise RuleError(f"{f}:1: an entities file needs 'kind: gazetteer' at the top")
            docs.append((Path(f), _strip_lines(doc)))
        return cls.from_data(docs)

    def section(self, *names: str) -> list[Entry]:
        return [e for e in self.entries if e.section in names]

    @property
    def name_words(self) -> frozenset[str]:
        """Every word of every known name form (for "is this token a known name?")."""
        if not hasattr(self, "_name_words"):
            words = set()
            for e in self.entries:
                for form in e.forms:
                    for w in form.replace("-", " ").split():
                        words.add(w.strip(".,'’"))
            self._name_words = frozenset(w for w in words if w)
        return self._name_words

    def is_name_word(self, word: str) -> bool:
        return word in self.name_words or word.capitalize() in self.name_words

    # -- name matching (used by the names check and `mtcheck entities`) -----------------
    def person_place_words(self) -> frozenset[str]:
        """Words of people's names and one-word place names ("Ministry" is no name, and
        neither are "United" or "The" although they sit in "United States", "The Hague")."""
        if not hasattr(self, "_pp_words"):
            from .lexicon import zipf
            words = set()
            for e in self.section("people"):
                for form in e.forms:
                    words.update(w.strip(".,'’") for w in form.replace("-", " ").split())
            # "Moon Jae In" must not make "In" a name word: drop function words
            words = {w for w in words if zipf(w) < 6.0}
            words.update(f for e in self.section(*PLACE_SECTIONS) for f in e.forms if " " not in f)
            self._pp_words = frozenset(w for w in words if w)
        return self._pp_words

    def place_words(self) -> frozenset[str]:
        """One-word place names that are not also words of a person's name."""
        if not hasattr(self, "_place_words"):
            people = set()
            for e in self.section("people"):
                for form in e.forms:
                    people.update(form.replace("-", " ").split())
            self._place_words = frozenset(f for e in self.section(*PLACE_SECTIONS) for f in e.forms
                                          if " " not in f and f not in people)
        return self._place_words

    def given_names(self) -> frozenset[str]:
        """Every non-final word of a person's name form ("Dmitry", "Dmitri", "Kim", "Jong")."""
        if not hasattr(self, "_given"):
            words = set()
            for e in self.section("people"):
                for form in e.forms:
                    parts = form.split()
                    words.update(p for p in parts[:-1] if p[:1].isupper())
            self._given = frozenset(words)
        return self._given

    def key_index(self, fold: Any) -> dict[str, list[tuple[Entry, str]]]:
        """Folded full form -> [(entry, form)], for any folding function (see names/keys.py).

        Why keyed by a folded form: "Dmitri Peskov" and "Dmitry Peskov" must find the same
        entry whatever romanization the story uses.  Cached per folding function.
        """
        cache = self.__dict__.setdefault("_key_index", {})
        owner = getattr(fold, "__self__", fold)   # a bound method is a new object each time
        ident = id(owner)
        if ident not in cache or cache[ident][0] is not owner:
            index: dict[str, list[tuple[Entry, str]]] = {}
            for e in self.entries:
                for form in e.forms:
                    words = form.replace("-", " ").split()
                    index.setdefault(" ".join(fold(w) for w in words), []).append((e, form))
            cache[ident] = (owner, index)
        return cache[ident][1]

    @property
    def lower_name_words(self) -> frozenset[str]:
        """Lower-cased forms of people's and places' name words ("trump" for "Trump"); not
        institution words, which are ordinary English ("election", "the")."""
        if not hasattr(self, "_lower_name_words"):
            self._lower_name_words = frozenset(w.lower() for w in self.person_place_words()
                                               if w[:1].isupper() and not w.isupper())
        return self._lower_name_words

    @property
    def lower_name_pairs(self) -> frozenset[str]:
        """The last two words of people's names, lower-cased ("donald trump"): a lower-case
        surname counts as a name only right after its own given name."""
        if not hasattr(self, "_lower_name_pairs"):
            pairs = set()
            for e in self.section("people"):
                for form in e.forms:
                    words = form.replace("-", " ").split()
                    if len(words) >= 2:
                        pairs.add(" ".join(words[-2:]).lower())
            self._lower_name_pairs = frozenset(pairs)
        return self._lower_name_pairs
