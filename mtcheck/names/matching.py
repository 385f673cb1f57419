"""Grouping spellings that are one name: equal keys, case endings, then fuzzy leftovers.

Three kinds of evidence, strongest first:

1. **Same key** (keys.py): "Dmitry"/"Dmitri", "Yarovenko"/"Jarovenko".
2. **Case ending on a known stem**: "Morozkinoi" is "morozkin" + "oi", and the same story
   writes "Morozkina" (morozkin + nominative -a), so the stem is known and the two are one name.
   Without a nominative-looking form of the stem nothing is stripped, which is what keeps
   "Ivan"/"Ivanov", "Petrov"/"Betrova" and "Truman"/"Trumbull" apart.  An ending that is
   one letter off a real one ("Morozkinol": -ol for -ой) is accepted only on a stem the story
   already declines two ways.  A masculine and a feminine nominative of one stem
   (Sorokin/Sorokina) are linked but marked ``gender_ambiguous``: two people, or one man in
   the genitive; only a person can tell.
3. **Fuzzy** (rapidfuzz ``process.cdist``, blocked by first letter): one-letter
   differences inside longer rare names ("Kronstadt"/"Kronshtadt").  Prefix pairs never
   match here (Russia/Russian, Petrov/Petrova), nor pairs whose last letters differ, nor
   two spellings the gazetteer knows.

A cluster keeps the evidence that joined it (``edges``), because the fix for a member
reached only through a fuzzy or garbled-ending link is a guess (``Cluster.link_to``).
"""

from __future__ import annotations

from collections import defaultdict
from .keys import NameRules
from .mentions import Record, _tuplegetter

STRENGTH = {"": 0, "romanization": 1, "inflection": 1, "garbled": 2, "fuzzy": 3}
#: An inflected-looking spelling this common in English ("Marie" next to "Maria") is a word
#: or a name in its own right, not a case form.
MAX_OBLIQUE_ZIPF = 3.0
FUZZY_CUTOFF = 90.0
FUZZY_MIN_LEN = 6


class Spelling(Record):
    """One distinct spelling (case-insensitive) with what is known about it."""

    __slots__ = ()
    _fields = ("text", "key", "count", "zipf", "known", "order")
    text = _tuplegetter(0, "the usual surface form")
    key = _tuplegetter(1, "its comparison key (keys.py)")
    count = _tuplegetter(2, "occurrences")
    zipf = _tuplegetter(3, "how common the lower-cased spelling is in English")
    known = _tuplegetter(4, "spelled exactly as in the gazetteer")
    order = _tuplegetter(5, "first occurrence (for stable tie-breaks)")

    def __new__(cls, text: str, key: str, count: int = 1, zipf: float = 0.0, known: bool = False,
                order: int = 0) -> "Spelling":
        return tuple.__new__(cls, (text, key, count, zipf, known, order))


class Cluster:
    """Spellings joined into one name, with the evidence that joined them.  (A plain class:
    defining a dataclass costs ~0.3 ms of every cold start.)"""

    __slots__ = ("members", "edges", "oblique", "endings", "gender_ambiguous")

    def __init__(self, members: list[int], edges: list[tuple[int, int, str]] | None = None) -> None:
        self.members = members                    # indexes into the spellings list
        self.edges: list[tuple[int, int, str]] = edges if edges is not None else []  # (a, b, kind)
        self.oblique: set[int] = set()            # joined as a case form of another member
        self.endings: dict[int, str] = {}         # oblique member -> its case ending
        self.gender_ambiguous = False

    def __repr__(self) -> str:
        return f"Cluster({self.members!r}, edges={self.edges!r})"

    @property
    def kinds(self) -> set[str]:
        return {k for _a, _b, k in self.edges}

    def link_to(self, root: int) -> dict[int, str]:
        """For each member, the weakest evidence on its strongest path to *root*.

        "romanization"/"inflection" mean a fix towards *root* is safe; "garbled" or
        "fuzzy" mean the member is only probably the same name.
        """
        best = {root: ""}
        changed = True
        while changed:
            changed = False
            for a, b, kind in self.edges:
                for x, y in ((a, b), (b, a)):
                    if x in best:
                        cand = max(best[x], kind, key=STRENGTH.__getitem__)
                        if y not in best or STRENGTH[cand] < STRENGTH[best[y]]:
                            best[y] = cand
                            changed = True
        return best


class _UF:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def may_link(spellings: list[tuple[str, float]], rules: NameRules,
             fuzzy_cutoff: float = FUZZY_CUTOFF) -> bool:
    """False when :func:`cluster_spellings` would put every one of *spellings* (key,
    Zipf of the spelling) in a cluster of its own: the conditions under which it links
    two keys, minus what needs more than keys and Zipf values.

    So that stories without a variant are not clustered at all: a case form counts only on a key rarer than
    MAX_OBLIQUE_ZIPF and against another key's nominative (a soft ending only against a
    nominative in -i), as cluster_spellings links them (a garbled ending needs such a
    link first); a fuzzy pair needs one key rarer than MAX_OBLIQUE_ZIPF, one last letter,
    no prefix, and a fuzz.ratio that passes *fuzzy_cutoff*, computed here in pure Python
    (an LCS; rapidfuzz costs ~10 ms to import) and compared with a little slack.  Two
    known spellings are not told apart from others here: that only makes it say True
    more often.
    """
    if len(spellings) < 2:
        return False
    kzipf: dict[str, float] = {}
    for key, z in spellings:
        if key in kzipf:
            return True   # two spellings, one key
        kzipf[key] = z
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in kzipf:
        for stem, ending in rules.readings(key)[0]:
            owners[stem].append((key, ending))
    if owners:
        for key, z in kzipf.items():
            if z >= MAX_OBLIQUE_ZIPF:
                continue
            for stem, _ending, soft in rules.readings(key)[1]:
                if any(o != key and (not soft or nom == "i") for o, nom in owners.get(stem, ())):
                    return True
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in kzipf:
        if len(key) >= FUZZY_MIN_LEN and " " not in key:
            blocks[(key[0], key[-1])].append(key)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if (abs(len(a) - len(b)) > 2 or a.startswith(b) or b.startswith(a)
                        or min(kzipf[a], kzipf[b]) >= MAX_OBLIQUE_ZIPF):
                    continue
                total = len(a) + len(b)
                if 100.0 * (1.0 - (total - 2 * _lcs_len(a, b)) / total) >= fuzzy_cutoff - 1e-6:
                    return True
    return False


def _lcs_len(a: str, b: str) -> int:
    """Length of the longest common subsequence of *a* and *b* (bit-parallel, Allison and
    Dix / Hyyrö): fuzz.ratio is 100 * (1 - indel distance / total length), and the indel
    distance is len(a) + len(b) - 2 * LCS."""
    masks: dict[str, int] = {}
    for i, c in enumerate(a):
        masks[c] = masks.get(c, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for c in b:
        u = v & masks.get(c, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def cluster_spellings(spellings: list[Spelling], rules: NameRules, fuzzy: bool = True,
                      fuzzy_cutoff: float = FUZZY_CUTOFF) -> list[Cluster]:
    """Group *spellings* into clusters (every spelling lands in exactly one)."""
    # Work on distinct keys: spellings with one key are romanization variants of each other.
    key_ids: dict[str, int] = {}
    key_members: list[list[int]] = []
    for i, sp in enumerate(spellings):
        k = key_ids.setdefault(sp.key, len(key_ids))
        if k == len(key_members):
            key_members.append([])
        key_members[k].append(i)
    keys = list(key_ids)
    n = len(keys)
    kzipf = [max(spellings[i].zipf for i in m) for m in key_members]
    kknown = [any(spellings[i].known for i in m) for m in key_members]
    uf = _UF(n)
    edges: list[tuple[int, int, str]] = []
    oblique: dict[int, str] = {}   # key index -> the case ending it was read with

    def link(weak: int, strong: int, kind: str) -> None:
        uf.union(weak, strong)
        edges.append((weak, strong, kind))

    # 2. case endings on a known stem
    owners: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for k, key in enumerate(keys):
        for stem, ending in rules.readings(key)[0]:
            owners[stem].append((k, ending))
    declined: dict[str, set[str]] = defaultdict(set)  # stem -> endings seen on it
    feminine, placelike = rules.feminine_endings, rules.place_endings
    for k, key in enumerate(keys):
        if kzipf[k] >= MAX_OBLIQUE_ZIPF:
            continue
        for stem, ending, soft in rules.readings(key)[1]:
            targets = [o for o, nom in owners.get(stem, ()) if o != k and (not soft or nom == "i")]
            if ending in placelike and (k, ending) in owners.get(stem, ()):
                # The key is also a nominative with this very ending: a place named after
                # the surname ("Ivanovo", "Borodino", "Pushkino" next to Ivanov, Borodin,
                # Pushkin).  Such an ending is no case form of the masculine surname; at
                # most MT's garbled feminine ("Butino" for Butina's -oi), so only a
                # feminine nominative may claim it.
                targets = [o for o in targets if dict(owners[stem]).get(o) in feminine]
            if not targets:
                continue
            for o in targets:
                link(k, o, "inflection")
                declined[stem].add(dict(owners[stem])[o])
            declined[stem].add(ending)
            # "Zabota" next to "Zaboty": each is a nominative of the stem, neither is a case form
            if not any(o == k for o, _nom in owners.get(stem, ())):
                oblique[k] = ending
            break
    ambiguous_stems = set()
    for stem, lst in owners.items():
        if rules.gendered(stem, {e for _k, e in lst}):
            ambiguous_stems.add(stem)

    # 2b. a garbled ending on a stem the story already declines at least two ways
    established = {s for s, e in declined.items() if len(e) >= 2}
    if established:
        long_endings = [e for e in rules.all_endings if len(e) >= 2]
        sizes: dict[int, int] = defaultdict(int)
        for j in range(n):
            sizes[uf.find(j)] += 1
        for k, key in enumerate(keys):
            if sizes[uf.find(k)] > 1 or kzipf[k] > 0.0:
                continue
            for cut in range(len(key) - 1, max(rules.min_stem, len(key) - 3) - 1, -1):
                stem, tail = key[:cut], key[cut:]
                if stem in established and any(_one_edit(tail, e) for e in long_endings):
                    link(k, owners[stem][0][0], "garbled")
                    oblique[k] = "~" + tail   # "~": garbled, not a real ending
                    break

    # 3. fuzzy leftovers
    if fuzzy and n > 1:
        _fuzzy_links(keys, kzipf, kknown, uf, link, fuzzy_cutoff)

    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(n):
        groups[uf.find(k)].append(k)
    edges_of: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for a, b, kind in edges:
        edges_of[uf.find(a)].append((key_members[a][0], key_members[b][0], kind))
    clusters = []
    for root, ks in groups.items():
        if len(ks) == 1 and len(key_members[ks[0]]) == 1:
            # one spelling alone (most of them): no edges, no case form, no gender pair
            clusters.append(Cluster(members=[key_members[ks[0]][0]]))
            continue
        members = [i for k in ks for i in key_members[k]]
        members.sort(key=lambda i: spellings[i].order)
        c = Cluster(members=members, edges=list(edges_of.get(root, ())))
        for k in ks:
            first = key_members[k][0]
            c.edges.extend((first, i, "romanization") for i in key_members[k][1:])
            if k in oblique:
                c.oblique.update(key_members[k])
                c.endings.update((i, oblique[k]) for i in key_members[k])
        stems = {s for k in ks for s, _e in rules.readings(keys[k])[0]}
        c.gender_ambiguous = bool(stems & ambiguous_stems) and len(ks) > 1
        clusters.append(c)
    clusters.sort(key=lambda c: spellings[c.members[0]].order)
    return clusters


def _one_edit(a: str, b: str) -> bool:
    """Levenshtein distance of *a* and *b* is at most 1 (for endings of 2-3 letters,
    where importing rapidfuzz would cost more than the whole comparison)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:]      # one substitution
    if la > lb:
        return a[i + 1:] == b[i:]          # one deletion from a
    return a[i:] == b[i + 1:]              # one insertion into a


SMALL_BLOCK = 300  # below this, filtering pairs in Python beats importing numpy for cdist
#: fuzz.ratio computed here (_lcs_len) is rapidfuzz's number up to float rounding
#: (~1e-13): a score further than this from the cutoff is on the same side of it for
#: both, whatever slack rapidfuzz's own comparison allows (far less than this).
_TOO_CLOSE = 0.01


def _close_pairs(strs: list[str], cutoff: float, chunk: int):
    """(i, j) index pairs of *strs* whose fuzz.ratio is at least *cutoff* (big blocks)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    for r0 in range(0, len(strs), chunk):
        # threads only pay off on big blocks (a corpus)
        scores = process.cdist(strs[r0:r0 + chunk], strs, scorer=fuzz.ratio, score_cutoff=cutoff,
                               dtype=np.uint8, workers=-1 if len(strs) > 500 else 1)
        rows, cols = np.nonzero(scores)
        for r, c in zip(rows.tolist(), cols.tolist()):
            yield r0 + r, c


def _fuzzy_links(keys: list[str], kzipf: list[float], kknown: list[bool], uf: _UF, link,
                 cutoff: float, chunk: int = 2048) -> None:
    """Link near-identical rare keys, comparing blocks of keys with one first letter.

    Big blocks (a corpus) go through rapidfuzz's vectorised ``process.cdist``.  In the
    tiny blocks of one story the cheap conditions below reject almost every pair before
    any score is computed, and the rest are scored here in pure Python (the same
    fuzz.ratio: an LCS, a few microseconds for names): rapidfuzz (20-50 ms to import) is
    loaded only for a score within _TOO_CLOSE of the cutoff.  Pairs are visited in the
    same order either way.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for k, key in enumerate(keys):
        if len(key) >= FUZZY_MIN_LEN and " " not in key:
            blocks[key[0]].append(k)
    ratio = None
    for ids in blocks.values():
        if len(ids) < 2:
            continue
        scored = len(ids) >= SMALL_BLOCK
        if scored:
            pairs = ((ids[r], ids[c]) for r, c in _close_pairs([keys[k] for k in ids], cutoff, chunk)
                     if r < c)
        else:
            # only keys with one last letter can match (below): pair within those, in the
            # order of the whole block
            by_last: dict[str, list[int]] = defaultdict(list)
            for pos, k in enumerate(ids):
                by_last[keys[k][-1]].append(pos)
            pairs = ((ids[i], ids[j]) for i, j in sorted(
                (i, j) for group in by_last.values() for x, i in enumerate(group) for j in group[x + 1:]))
        for a, b in pairs:
            ka, kb = keys[a], keys[b]
            # Same last letter: a changed ending is a case form or another word
            # (Argentina/Argentinean), not a spelling variant.
            if abs(len(ka) - len(kb)) > 2 or ka[-1] != kb[-1] or ka.startswith(kb) or kb.startswith(ka):
                continue
            if min(kzipf[a], kzipf[b]) >= MAX_OBLIQUE_ZIPF or (kknown[a] and kknown[b]):
                continue
            if not scored:
                total = len(ka) + len(kb)
                score = 100.0 * (1.0 - (total - 2 * _lcs_len(ka, kb)) / total)
                if score < cutoff - _TOO_CLOSE:
                    continue
                if score < cutoff + _TOO_CLOSE:   # rapidfuzz decides a score this close
                    if ratio is None:
                        from rapidfuzz.fuzz import ratio
                    if not ratio(ka, kb, score_cutoff=cutoff):
                        continue
            if uf.find(a) == uf.find(b):
                continue
            link(a, b, "fuzzy")
