"""The gazetteer as the names analysis sees it: word sets and a folded-form index.

Why a separate, cached table: the names check asks the same questions of the gazetteer
for every token of every article ("is this a person's or place's word?", "does this
lower-case word end a known name?", "which entry folds to 'dmitri peskov'?").  The
answers depend only on the gazetteer, the romanization rules and the English lexicon,
so they are built once per process (``name_index``) and, because building them folds
every gazetteer form (~25 ms) and looks every name word up in the lexicon, stored in
the mtcheck cache directory (next to the parsed rules) under a key made of everything
they are derived from: the gazetteer's sources, the folding rules, the lexicon data and
this code.  Loading them costs ~1.5 ms.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..gazetteer import PLACE_SECTIONS
from .mentions import PARTICLES

#: A word of a person's name this common in English is no name word ("Moon Jae In").
FUNCTION_WORD_ZIPF = 6.0
_STRIP = ".,'’"


class NameIndex:
    """Per-gazetteer tables of the names analysis (see the module docstring).  A plain
    class: defining a dataclass costs ~0.3 ms of every cold start."""

    #: the tables, in the order the disk cache stores them
    STORED = ("person_place", "places", "given", "lower_words", "lower_pairs", "maybe_name",
              "folded", "name_words", "fold_words", "common_plain")
    __slots__ = (*STORED, "plans", "_blobs")

    def __init__(self, person_place: frozenset[str], places: frozenset[str], given: frozenset[str],
                 lower_words: frozenset[str], lower_pairs: frozenset[str], maybe_name: frozenset[str],
                 folded: dict[str, int], name_words: frozenset[str],
                 fold_words: frozenset[str] = frozenset(), common_plain: frozenset[str] = frozenset()) -> None:
        # words of people's names and one-word place names: "Ministry" is no name, and
        # neither are "United" or "The" although they sit in "United States", "The Hague"
        self.person_place = person_place
        self.places = places              # one-word place names that are no word of a person's name
        self.given = given                # non-final words of people's names ("Dmitry", "Kim", "Jong")
        self.lower_words = lower_words    # person/place words lower-cased ("trump")
        self.lower_pairs = lower_pairs    # last two words of people's names, lower-cased ("donald trump")
        self.maybe_name = maybe_name      # lower-case tokens that may belong to a name: lower_words,
                                          # the last words of lower_pairs, particles ("von", "bin")
        self.folded = folded              # folded full form -> index of the first entry with that form
        self.name_words = name_words      # every word of every form (Gazetteer.name_words)
        self.fold_words = fold_words      # every word of every folded form (the keys of ``folded``
                                          # split at spaces): a word whose key is none of these
                                          # never gets a gazetteer spelling (precheck.py)
        self.common_plain = common_plain  # ASCII words English uses with Zipf >= COMMON_ZIPF whose
                                          # keys are not made of fold_words: the precheck drops
                                          # them (capitalized and no person/place word) without
                                          # their Zipf value or key (see common_plain())
        #: per-process memo of the analysis of one mention's words (plan.words_to_compare); not stored
        self.plans: dict = {}
        self._blobs: dict[str, bytes] = {}

    @classmethod
    def from_blobs(cls, blobs: dict[str, bytes]) -> "NameIndex":
        """Tables loaded from the disk cache one by one, on first use: the pre-check of a
        story needs three of the nine, and a lint run has ``name_words`` already."""
        self = cls.__new__(cls)
        self.plans = {}
        self._blobs = blobs
        return self

    def __getattr__(self, name: str) -> Any:
        """A table not loaded yet (called only for an attribute not set)."""
        blob = self._blobs.pop(name, None) if name != "_blobs" else None
        if blob is None:
            raise AttributeError(name)
        import marshal

        value = marshal.loads(blob)
        setattr(self, name, value)
        return value

    def entry(self, gazetteer: Any, key: str) -> Any:
        """The gazetteer entry a folded full form belongs to, or None."""
        i = self.folded.get(key)
        return None if i is None else gazetteer.entries[i]


EMPTY = NameIndex(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), PARTICLES, {},
                  frozenset())


def name_index(gazetteer: Any, rules: Any) -> NameIndex:
    """The tables for *gazetteer* under *rules* (NameRules): memoized on the gazetteer,
    loaded from the disk cache when possible, else built (and cached)."""
    if gazetteer is None:
        return EMPTY
    memo = gazetteer.__dict__.get("_name_index")
    fold_id = rules.fingerprint
    if memo is not None and memo[0] == fold_id:
        return memo[1]
    index = _load_or_build(gazetteer, rules)
    # the same set: loaded with the rest, it spares other checks building it (~2 ms); when
    # one has built it already, it is not loaded at all
    if "name_words" in gazetteer.__dict__:
        index.name_words = gazetteer.__dict__["name_words"]
        index._blobs.pop("name_words", None)
    else:
        gazetteer.__dict__["name_words"] = index.name_words
    gazetteer.__dict__["_name_index"] = (fold_id, index)
    return index


def build(gazetteer: Any, rules: Any) -> NameIndex:
    """Compute the tables in one pass over the gazetteer's entries."""
    from ..lexicon import zipf

    people_words: set[str] = set()     # stripped words of people's forms, hyphens split
    people_raw: set[str] = set()       # the same, unstripped (for ``places``)
    place_forms: list[str] = []
    given: set[str] = set()
    pairs: set[str] = set()
    folded: dict[str, int] = {}
    key = rules.key
    for i, e in enumerate(gazetteer.entries):
        person = e.section == "people"
        place = e.section in PLACE_SECTIONS
        for form in e.forms:
            words = form.replace("-", " ").split()
            folded.setdefault(" ".join(key(w) for w in words), i)
            if person:
                people_raw.update(words)
                people_words.update(w.strip(_STRIP) for w in words)
                parts = form.split()
                given.update(p for p in parts[:-1] if p[:1].isupper())
                if len(words) >= 2:
                    pairs.add(" ".join(words[-2:]).lower())
            elif place and " " not in form:
                place_forms.append(form)
    # "Moon Jae In" must not make "In" a name word: drop function words
    pp = {w for w in people_words if zipf(w) < FUNCTION_WORD_ZIPF}
    pp.update(place_forms)
    pp.discard("")
    lower_words = frozenset(w.lower() for w in pp if w[:1].isupper() and not w.isupper())
    lower_pairs = frozenset(pairs)
    pair_tails = frozenset(p.rsplit(" ", 1)[-1] for p in lower_pairs)
    # One object per distinct string in memory (the tables share their words).
    pool: dict[str, str] = {}
    fold_words = frozenset(w for k in folded for w in k.split(" "))

    def shared(words: Any) -> frozenset[str]:
        return frozenset(pool.setdefault(w, w) for w in words)

    return NameIndex(
        person_place=shared(pp),
        places=shared(f for f in place_forms if f not in people_raw),
        given=shared(given),
        lower_words=shared(lower_words),
        lower_pairs=shared(lower_pairs),
        maybe_name=shared(lower_words | pair_tails | PARTICLES),
        folded={pool.setdefault(k, k): i for k, i in folded.items()},
        name_words=shared(gazetteer.name_words),
        fold_words=shared(fold_words),
        common_plain=common_plain(fold_words, key),
    )


def common_plain(fold_words: frozenset[str], key: Any) -> frozenset[str]:
    """The lexicon's ASCII words with Zipf >= mentions.COMMON_ZIPF whose key is not made of
    words of folded gazetteer forms: the name pre-check drops a capitalized word that is
    one of them and no person's or place's word (precheck._candidates), and knowing them
    in advance spares it a lexicon search and a key each (most capitalized tokens new to
    a process are such words: "However", "Police").  The same comparison as
    ``lexicon.zipf``'s (value / scale), so a word on the boundary is judged alike; ASCII
    only, where the lexicon's lookup key is the lower-cased word itself.  ~7,000 words
    of the lexicon's 250,000, ~35 ms (their keys), once per cached index."""
    from itertools import compress

    from ..lexicon import scale, table
    from .mentions import COMMON_ZIPF

    tab, sc = table(), scale()
    values = tab.values
    rough = COMMON_ZIPF * sc - 1.0   # a C-level first pass, a little generous; the exact test follows
    out = []
    for i in compress(range(len(tab)), map(rough.__le__, values)):
        if values[i] / sc >= COMMON_ZIPF:
            word = tab.key(i)
            if word.isascii() and not fold_words.issuperset(key(word).split(" ")):
                out.append(word)
    return frozenset(out)


# -- the disk cache ---------------------------------------------------------------------
def _load_or_build(gazetteer: Any, rules: Any) -> NameIndex:
    """marshal, not pickle: the tables are only sets, strings and a dict, and marshal
    loads them in two thirds of the time (the Python version is part of the key)."""
    import marshal

    try:
        path = _cache_path(gazetteer, rules)
    except (OSError, RuntimeError):   # no readable data directory, no home directory
        path = None
    if path is not None:
        try:
            stored = marshal.loads(path.read_bytes())
            if (isinstance(stored, tuple) and len(stored) == len(NameIndex.STORED)
                    and all(isinstance(b, bytes) for b in stored)):
                return NameIndex.from_blobs(dict(zip(NameIndex.STORED, stored)))
        except (OSError, ValueError, EOFError, TypeError):  # missing, corrupt or foreign: build
            pass
    index = build(gazetteer, rules)
    if path is not None:
        from ..diskmemo import store
        # each table marshalled on its own, so that each loads on its own (from_blobs)
        blobs = tuple(marshal.dumps(getattr(index, f)) for f in NameIndex.STORED)
        store(path, marshal.dumps(blobs), "names-*.marshal", keep=KEEP_FILES)
    return index


#: Cache files kept: one per gazetteer (built-in, with each --entities set) and code version
#: in use; older ones (a changed gazetteer, an upgrade, test runs) are deleted.
KEEP_FILES = 8


def _cache_path(gazetteer: Any, rules: Any) -> Path | None:
    """``names-<hash>.marshal`` in the rule cache directory, or None (no cache wanted, or a
    gazetteer built in memory whose sources cannot be identified)."""
    from .. import __version__
    from ..diskmemo import cache_dir, checksum

    base = cache_dir()
    sources = gazetteer.fingerprint()
    if base is None or sources is None:
        return None
    key = checksum(f"{__version__} {sys.version}".encode(), sources.encode(), rules.fingerprint.encode(),
                   _lexicon_fingerprint().encode(), _code_fingerprint())
    return base / f"names-{key}.marshal"


def _stat(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"   # (see config._pyproject_table)


def _lexicon_fingerprint() -> str:
    """The lexicon's code and data files (the Zipf test in ``build`` reads the lexicon);
    found by path, as importing the lexicon here would cost more than the whole lookup."""
    package = Path(__file__).resolve().parent.parent
    here = package / "lexicon.py"
    data = package / "data"
    files = sorted(data.iterdir()) if data.is_dir() else []
    return "|".join(_stat(p) for p in (here, package / "wordtable.py", *files))


def _code_fingerprint() -> bytes:
    """The code the tables come from: this module, the folding code, the gazetteer."""
    from ..diskmemo import checksum

    here = Path(__file__).resolve().parent
    parts = []
    for p in (here / "index.py", here / "keys.py", here / "mentions.py", here.parent / "gazetteer.py"):
        try:
            parts.append(p.read_bytes())
        except OSError:
            parts.append(str(p).encode())
    return checksum(*parts).encode()
