"""The gazetteer: known people, places, institutions and acronyms (``rules/entities.yml``).

One list serves every check: casing (canonical capitalization), names (canonical
spelling and aliases), the romanized-word detector (never flag a known name) and the
source-aware checks (Cyrillic originals).  Users add entries in their own
``kind: gazetteer`` files (``--entities FILE`` or a rule directory).
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, NamedTuple

SECTIONS = ("people", "countries", "capitals", "cities", "institutions")
#: the disk memos of derived tables (name_words), one per set of source files, made on first use
_MEMOS: dict[tuple[str, ...], Any] = {}
PLACE_SECTIONS = ("countries", "capitals", "cities")


class Entry(NamedTuple):
    """One known name.  A NamedTuple, not a frozen dataclass: the built-in gazetteer has
    1,600 entries and every cold run builds them (3x faster this way)."""

    name: str
    section: str
    aliases: tuple[str, ...] = ()
    cyrillic: str | None = None
    note: str | None = None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def check_doc(doc: dict, path: Any) -> None:
    """Refuse a gazetteer file whose sections are not lists of names (a string or a
    mapping with a ``name``): ``people: "Ivan Petrov"`` was read letter by letter, as ten
    one-letter people.  (Raised as RuleError with the line, like a rule file's errors.)"""
    from .rules import RuleError
    lines = doc.get("__lines__") or {}
    for section in SECTIONS:
        if section not in doc:
            continue
        items = doc[section]
        where = f"{path}:{lines.get(section, 1)}"
        if items is None:
            continue
        if not isinstance(items, list):
            raise RuleError(f"{where}: '{section}' must be a list of names (got {type(items).__name__})")
        for item in items:
            if isinstance(item, str) and item.strip():
                continue
            if isinstance(item, dict):
                line = item.get("__line__", lines.get(section, 1))
                if not isinstance(item.get("name"), str) or not item["name"].strip():
                    raise RuleError(f"{path}:{line}: each '{section}' entry needs a 'name' (a string)")
                aliases = item.get("aliases")
                if aliases is not None and (not isinstance(aliases, list)
                                            or not all(isinstance(a, str) for a in aliases)):
                    raise RuleError(f"{path}:{line}: 'aliases' of {item['name']!r} must be a list of strings")
                continue
            raise RuleError(f"{where}: each '{section}' entry is a name or a mapping with 'name' (got {item!r})")


class Gazetteer:
    """Known names.  A plain class, not a dataclass (each ``@dataclass`` costs ~0.5 ms of
    every cold start); equal when entries and acronyms are (the sources do not count)."""

    def __init__(self, entries: list[Entry] | None = None, acronyms: frozenset[str] = frozenset(),
                 sources: list[tuple[Any, dict]] | None = None) -> None:
        #: (path, parsed document) of every file the entries came from, in order:
        #: identifies this gazetteer for caches of tables derived from it (``fingerprint``)
        self.sources: list[tuple[Any, dict]] = [] if sources is None else sources
        # Given no entries but sources, both are read from the sources on first use:
        # building the ~1,600 built-in entries costs ~2.5 ms, and a one-article run whose
        # name and casing tables come from the disk caches never needs them.
        self._entries: list[Entry] | None = entries if entries is not None or sources else []
        self._acronyms: frozenset[str] | None = acronyms if not sources else None

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = self._read_entries()
        return self._entries

    @property
    def acronyms(self) -> frozenset[str]:
        if self._acronyms is None:
            self._acronyms = frozenset(str(a) for _path, doc in self.sources for a in doc.get("acronyms") or ())
        return self._acronyms

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Gazetteer)
                and (self.entries, self.acronyms) == (other.entries, other.acronyms))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Gazetteer({len(self.entries)} entries, {len(self.acronyms)} acronyms)"

    @classmethod
    def from_data(cls, docs: Iterable[tuple[Any, dict]]) -> "Gazetteer":
        return cls(sources=list(docs))

    def _read_entries(self) -> list[Entry]:
        entries: list[Entry] = []
        for _path, doc in self.sources:
            for section in SECTIONS:
                for item in doc.get(section) or []:
                    if isinstance(item, str):
                        item = {"name": item}
                    if not isinstance(item, dict) or not item.get("name"):
                        continue
                    aliases = item.get("aliases")
                    entries.append(Entry(
                        str(item["name"]), section,
                        tuple(map(str, aliases)) if aliases else (),
                        item.get("cyrillic"), item.get("note"),
                    ))
        return entries

    @classmethod
    def from_ruleset(cls, ruleset: Any, extra_files: tuple[str, ...] = ()) -> "Gazetteer":
        docs: list[tuple[Any, dict]] = list(ruleset.data.get("gazetteer", [])) if ruleset else []
        for f in extra_files:
            from .rules import RuleError, _strip_lines, load_yaml
            doc = load_yaml(Path(f), what="entities file")
            if not isinstance(doc, dict) or doc.get("kind") != "gazetteer":
                raise RuleError(f"{f}:1: an entities file needs 'kind: gazetteer' at the top")
            check_doc(doc, f)
            docs.append((Path(f), _strip_lines(doc)))
        return cls.from_data(docs)

    def section(self, *names: str) -> list[Entry]:
        return [e for e in self.entries if e.section in names]

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of every known name form (for "is this token a known name?").

        Kept on disk for a gazetteer read from files: it takes ~1.5 ms to build, in
        every one-article run that meets a candidate word.  A memo file per set of
        source files (every checkout or installation has its own paths), holding their
        fingerprint: an edited file replaces its entry instead of adding one.  One file
        for all of them was read whole by every run: a dozen checkouts had made it
        300 kB, ~5 ms of each one-article run."""
        fingerprint = self.fingerprint()
        if fingerprint is None:
            return self._name_words()
        paths = tuple(str(path) for path, _ in self.sources)
        memo = _MEMOS.get(paths)
        if memo is None:
            from .diskmemo import DiskMemo
            memo = _MEMOS[paths] = DiskMemo("gazetteer", __file__, salt="\0".join(paths))
        key = "name_words"
        stored = memo.peek(key)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == fingerprint:
            return stored[1]
        words = self._name_words()
        memo.put(key, (fingerprint, words))
        return words

    def _name_words(self) -> frozenset[str]:
        entries = self.entries
        text = " ".join([e.name for e in entries] + [a for e in entries for a in e.aliases])
        words = {w.strip(".,'’") for w in set(text.replace("-", " ").split())}
        words.discard("")
        return frozenset(words)

    def is_name_word(self, word: str) -> bool:
        words = self.name_words
        return word in words or word.capitalize() in words

    def fingerprint(self) -> str | None:
        """A string that changes whenever the gazetteer's data may have changed, or None
        for a gazetteer made in memory.

        Why not a hash of the entries: that costs as much as the tables it would key.  A
        source file is identified the way the rule cache identifies it (path, size,
        mtime); a document that comes from no file (tests, the API) by its content.
        """
        if not self.sources:
            return None
        import stat

        parts = []
        for path, doc in self.sources:
            try:
                st = os.stat(path)
            except (OSError, TypeError, ValueError):
                st = None
            if st is not None and stat.S_ISREG(st.st_mode):
                parts.append(f"{Path(path).resolve()}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}")
            else:
                import hashlib
                import pickle
                parts.append(hashlib.sha256(pickle.dumps(doc, protocol=4)).hexdigest())
        return "|".join(parts)
