"""Source-aware checks (``kind: source``, MT9xx): compare the translation with its Russian original.

Why: fluency checks cannot see a dropped figure, a name that vanished, or a quotation
paraphrased away, yet those are the errors that get a wire story corrected.  With the
original at hand (``mtcheck lint FILE --source SRC``) they are cheap to catch:

* **numbers** — every figure in the source (amounts with тыс./млн/млрд, decimals with a
  comma, dates written 15.07.2023) must appear in the translation, as digits or as an
  English number word;
* **names** — a person's surname in the source (from the gazetteer's ``cyrillic`` field,
  or a common Russian first name followed by a capitalised word) must appear in the
  translation in some romanization (several schemes are tried: BGN/PCGN, passport, …);
* **name-variants** — one source name matched by several different spellings in the
  translation: the source shows they are one person;
* **quotes** — a quoted passage in the source needs a quotation in the translation.

Alignment: when source and translation have the same number of non-blank lines (one
segment per line, as MT pipelines keep them) each line is checked against its partner;
otherwise the whole source is checked against the whole translation, which is lenient
(a figure anywhere counts) and reports at the start of the article.

The rules never run without a source: ``ctx.options["source_texts"]`` is empty, so
``check`` returns nothing.  Checks do not read files; the CLI loads sources with
:func:`load_sources` and passes their text in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import regex

from ..document import Document
from ..findings import Finding
from . import ListOf
from .source_numbers import EN_NUM, en_values, present, ru_numbers
from ..records import record


class SourceError(Exception):
    """A --source path that cannot be used."""


def load_sources(path: str, encoding: str | None = None) -> tuple[tuple[str, str], ...]:
    """Read ``path``: a file (used for every input: key ``"*"``) or a directory (key = the
    file's path below it, '/'-separated; hidden files and folders are skipped).

    Returned as sorted (key, text) pairs rather than a dict: run options must be
    hashable (the runner keys its cache on them) and picklable (``--jobs``).
    """
    from ..source import InputError, SkipFile, read_source

    p = Path(path)
    if not p.exists():
        raise SourceError(f"--source {path}: no such file or directory")
    if p.is_file():
        files = [(p, "*")]
    else:
        files = sorted((f, f.relative_to(p).as_posix()) for f in p.rglob("*")
                       if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts))
    out: dict[str, str] = {}
    for f, key in files:
        try:
            text = read_source(f, encoding, 0).text
        except (InputError, SkipFile) as exc:
            raise SourceError(f"--source {f}: {exc}") from None
        out[key] = text
    return tuple(sorted(out.items()))


def source_key(doc_path: str, sources: Any) -> str | None:
    """Which source goes with ``doc_path``: ``"*"`` (one source for every input), or the
    file whose path below the source folder is the longest trailing part of ``doc_path``
    (``mt/2023/a.txt`` -> ``2023/a.txt``, else ``a.txt``: see mtcheck/pairing.py)."""
    if not sources:
        return None
    table = _table(sources)
    if "*" in table:
        return "*"
    from ..pairing import pair
    return pair(doc_path, table.__contains__)


def source_for(doc_path: str, sources: Any) -> str | None:
    """The source text paired with ``doc_path`` (see source_key), or None."""
    key = source_key(doc_path, sources)
    return None if key is None else _table(sources)[key]


_TABLE: tuple[Any, dict[str, str]] = (None, {})


def _table(sources: Any) -> dict[str, str]:
    """*sources* (the run's (key, text) pairs) as a dict, built once per run, not per
    document and rule: every source rule of every article asks."""
    global _TABLE
    if _TABLE[0] is not sources:
        _TABLE = (sources, dict(sources))
    return _TABLE[1]


# --- romanization -----------------------------------------------------------------
_BASE = dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye"))
_BASE.update({"ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
              "ъ": "", "ь": "", "ю": "yu", "я": "ya"})
#: Per-scheme differences from the base (BGN/PCGN-like) table.  Real copy mixes them.
SCHEMES: dict[str, dict[str, str]] = {
    "bgn": {},
    "passport": {"ё": "e", "й": "i", "ц": "ts", "щ": "shch", "ю": "iu", "я": "ia", "ы": "y"},
    "simple": {"ё": "e", "й": "i", "х": "h", "ю": "yu", "я": "ya", "е": "e"},
    "german": {"в": "w", "ж": "sh", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "ю": "ju", "я": "ja", "й": "j"},
    "scholarly": {"ж": "z", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "sc", "ю": "ju", "я": "ja", "й": "j", "ы": "y"},
    "soft": {"ь": "i", "ъ": "", "й": "i", "ё": "e"},
    "ukrainian": {"г": "h", "и": "y", "й": "i", "ь": ""},
    "french": {"у": "ou", "ш": "ch", "ч": "tch", "ж": "j", "х": "kh", "й": "i", "ю": "iou", "я": "ia"},
}


def romanize(word: str, scheme: str = "bgn") -> str:
    table = {**_BASE, **SCHEMES[scheme]}
    return "".join(table.get(ch, ch) for ch in word.lower())


def romanizations(word: str) -> set[str]:
    return {romanize(word, s) for s in SCHEMES}


_RU_ENDINGS = ("ого", "ому", "ыми", "ими", "ой", "ым", "им", "ом", "ем", "ую", "ая", "ую",
               "ей", "а", "у", "е", "ы", "и", "ю", "я")


def ru_stem(word: str) -> str:
    """Strip one case ending, keeping at least 3 letters (Лаврову → Лавров, Захаровой → Захаров)."""
    w = word.lower()
    for e in _RU_ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 3:
            return w[: -len(e)]
    return w


def _latin_key(word: str) -> str:
    """A spelling skeleton: romanization differences (ya/ia/ja, kh/h, y/i…) folded away."""
    w = word.lower().replace("x", "ks").replace("ph", "f").replace("ie", "i")
    for a, b in (("shch", "sc"), ("sch", "s"), ("tsch", "c"), ("kh", "h"), ("zh", "z"), ("ts", "c"),
                 ("ch", "c"), ("sh", "s"), ("yu", "u"), ("iu", "u"), ("ju", "u"), ("ya", "a"),
                 ("ia", "a"), ("ja", "a"), ("yo", "o"), ("ye", "e"), ("y", "i"), ("j", "i"),
                 ("w", "v"), ("ou", "u")):
        w = w.replace(a, b)
    return regex.sub(r"(.)\1", r"\1", w)


# --- alignment ----------------------------------------------------------------------
@record(frozen=True)
class _Pair:
    src: str
    src_line: int
    start: int          # target span in doc.text
    end: int


def _nonblank_lines(text: str) -> list[tuple[int, int, int]]:
    out, pos = [], 0
    for i, line in enumerate(text.split("\n"), 1):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((i, pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def align(source: str, doc: Document) -> tuple[list[_Pair], bool]:
    src_lines = _nonblank_lines(source)
    tgt_lines = [(n, s, e) for n, s, e in doc.lines() if doc.prose[s:e].strip()]
    if src_lines and len(src_lines) == len(tgt_lines):
        return [_Pair(source[a:b], n, s, e) for (n, a, b), (_, s, e) in zip(src_lines, tgt_lines)], True
    if not tgt_lines:
        return [], False
    first = doc.sentences[0] if doc.sentences else None
    s, e = (first.start, first.end) if first else (tgt_lines[0][1], tgt_lines[0][2])
    return [_Pair(source, 1, s, e)], False


# --- names --------------------------------------------------------------------------
_CYR_CAP = regex.compile(r"(?<![\p{L}-])\p{Lu}[\p{Cyrillic}]+(?:-\p{Lu}[\p{Cyrillic}]+)?")
_LAT_CAP = regex.compile(r"(?<![\p{L}])\p{Lu}[\p{Latin}]+(?:[-'’]\p{Latin}+)*")


@record(frozen=True)
class _Name:
    surname: str            # as in the source (inflected)
    stem: str               # Cyrillic stem
    keys: frozenset[str]    # Latin skeletons of possible romanizations (stems)
    canonical: str | None   # gazetteer spelling of the surname, when known
    label: str              # how to name it in messages


@record
class _State:
    check: str
    people: list[tuple[str, str, tuple[str, ...]]]   # (cyrillic stem, full name, latin surnames)
    first_names: frozenset[str]


class SourceCheck:
    """One kind, four checks (``check: numbers | names | name-variants | quotes``)."""

    PARAMS = {
        "check": (str, True),
        "first_names": (ListOf(str), False),     # Russian first names (nominative) that announce a surname
        "min_quote_words": (int, False),  # shorter quoted bits (titles, nicknames) are not checked
    }
    #: message fields besides text and fix, by check (see the Rule.finding calls in check)
    FIELDS_BY_CHECK = {"numbers": frozenset({"source", "line"}), "names": frozenset({"source", "line"}),
                       "name-variants": frozenset({"source"}), "quotes": frozenset({"source", "line"})}

    def validate(self, rule: Any, asked: frozenset[str]) -> frozenset[str]:
        """At load time: these rules run only with --source, so prepare alone would let an
        unknown check through every run without it."""
        check = rule.params["check"]
        if check not in self.FIELDS_BY_CHECK:
            from ..rules import RuleError
            raise RuleError(f"{rule.at('check')}: {rule.code}: unknown check {check!r}; "
                            f"use one of {', '.join(self.FIELDS_BY_CHECK)}")
        return self.FIELDS_BY_CHECK[check]

    def prepare(self, rule: Any, ctx: Any) -> _State:
        check = rule.params["check"]
        self.validate(rule, frozenset())
        people: list[tuple[str, str, tuple[str, ...]]] = []
        if check in ("names", "name-variants"):
            try:
                entries = ctx.gazetteer.section("people")
            except Exception:  # no gazetteer loaded: fall back to first-name detection only
                entries = []
            for e in entries:
                if not e.cyrillic:
                    continue
                sur = e.cyrillic.split()[-1]
                stem = ru_stem(sur)
                if len(stem) < 4:
                    continue
                people.append((stem, e.name, tuple(f.split()[-1] for f in e.forms)))
        first = frozenset(ru_stem(n) for n in rule.params.get("first_names") or ())
        return _State(check, people, first)

    def check(self, doc: Document, rule: Any, state: _State, ctx: Any) -> Iterator[Finding]:
        source = source_for(doc.path, (ctx.options or {}).get("source_texts") or {})
        if not source:
            return
        pairs, aligned = align(source, doc)
        if state.check == "numbers":
            yield from self._numbers(doc, rule, pairs, aligned)
        elif state.check == "quotes":
            yield from self._quotes(doc, rule, pairs, aligned)
        else:
            yield from self._names(doc, rule, state, pairs, aligned, source)

    # -- numbers --
    def _numbers(self, doc: Document, rule: Any, pairs: list[_Pair], aligned: bool) -> Iterator[Finding]:
        whole = en_values(doc.prose) if not aligned else set()
        for p in pairs:
            tgt = doc.prose[p.start:p.end]
            have = en_values(tgt) if aligned else whole
            missing = [n for n in ru_numbers(p.src) if not present(n, have)]
            if not missing:
                continue
            src_vals = set().union(*(n.values for n in ru_numbers(p.src)))
            extra = [m for m in EN_NUM.finditer(tgt) if float(m.group(1).replace(",", "")) not in src_vals]
            for n in missing:
                if aligned and len(missing) == 1 and len(extra) == 1:
                    m = extra[0]
                    yield rule.finding(p.start + m.start(), p.start + m.end(), m.group(0),
                                       message=f"the source has '{n.text}' here, the translation '{m.group(0)}' "
                                               f"(source line {p.src_line})", source=n.text)
                else:
                    yield rule.finding(p.start, p.end, doc.text[p.start:p.end], source=n.text,
                                       line=p.src_line)

    # -- quotes --
    _QUOTE_RU = regex.compile(r"«([^«»]+)»|„([^„“]+)“|\"([^\"]+)\"")
    _QUOTE_EN = regex.compile(r"[\"“”«»„]|(?<!\w)[‘'](?=\w)")

    def _quotes(self, doc: Document, rule: Any, pairs: list[_Pair], aligned: bool) -> Iterator[Finding]:
        for p in pairs:
            long_quotes = [q for q in self._QUOTE_RU.finditer(p.src)
                           if len(next(g for g in q.groups() if g).split()) >= self._min_words(rule)
                           and _is_speech(p.src, q)]
            if not long_quotes:
                continue
            tgt = doc.prose[p.start:p.end] if aligned else doc.prose
            if self._QUOTE_EN.search(tgt):
                continue
            q = long_quotes[0].group(0)
            short = q if len(q) <= 60 else q[:57] + "…"
            yield rule.finding(p.start, p.end, doc.text[p.start:p.end], source=short, line=p.src_line)

    @staticmethod
    def _min_words(rule: Any) -> int:
        return int(rule.params.get("min_quote_words") or 4)

    # -- names --
    def _source_names(self, state: _State, text: str) -> list[_Name]:
        names: list[_Name] = []
        seen: set[str] = set()
        caps = list(_CYR_CAP.finditer(text))
        for i, m in enumerate(caps):
            word = m.group(0)
            stem = ru_stem(word)
            if stem in seen:
                continue
            hit = next((pe for pe in state.people if stem == pe[0]), None)
            if hit:
                seen.add(stem)
                keys = frozenset(_latin_key(s)[:max(4, len(_latin_key(s)) - 1)]
                                 for s in (*hit[2], *romanizations(stem)))
                names.append(_Name(word, stem, keys, hit[2][0], f"{word} ({hit[1]})"))
                continue
            prev = caps[i - 1] if i else None
            if (prev is not None and ru_stem(prev.group(0)) in state.first_names
                    and text[prev.end():m.start()].strip() == "" and len(stem) >= 4):
                seen.add(stem)
                keys = frozenset(_latin_key(r)[:max(4, len(_latin_key(r)) - 1)] for r in romanizations(stem))
                names.append(_Name(word, stem, keys, None, word))
        return names

    def _names(self, doc: Document, rule: Any, state: _State, pairs: list[_Pair], aligned: bool,
               source: str) -> Iterator[Finding]:
        spellings: dict[str, dict[str, list[tuple[int, int]]]] = {}
        labels: dict[str, _Name] = {}
        # For spellings, a surname mentioned alone later ("Кожевников выступил") counts as
        # the person introduced earlier; "missing name" stays per line (a translator may
        # fairly write "he" for a repeated surname).
        known = {n.stem: n for n in self._source_names(state, source)} if state.check == "name-variants" else {}
        for p in pairs:
            tgt_start, tgt_end = (p.start, p.end) if aligned else (0, len(doc.prose))
            tokens = list(_LAT_CAP.finditer(doc.prose, tgt_start, tgt_end))
            here = {n.stem: n for n in self._source_names(state, p.src)}
            for m in _CYR_CAP.finditer(p.src):
                stem = ru_stem(m.group(0))
                if stem in known and stem not in here:
                    here[stem] = known[stem]
            for name in here.values():
                found = [t for t in tokens if any(_latin_key(t.group(0)).startswith(k) for k in name.keys)]
                if not found:
                    if state.check == "names":
                        yield rule.finding(p.start, p.end, doc.text[p.start:p.end], source=name.label,
                                           line=p.src_line)
                    continue
                labels[name.stem] = name
                for t in found:
                    form = regex.sub(r"['’]s$", "", t.group(0))
                    spellings.setdefault(name.stem, {}).setdefault(form, []).append((t.start(), t.end()))
        if state.check != "name-variants":
            return
        for stem, all_forms in spellings.items():
            name = labels[stem]
            # Feminine forms (Alekseeva) belong to a different person than the masculine
            # (Alekseev) of the same stem: compare spellings within each group only.
            for feminine in (False, True):
                forms = {f: v for f, v in all_forms.items() if f.lower().endswith("a") == feminine}
                if len({f.lower() for f in forms}) < 2:
                    continue
                canonical = name.canonical if name.canonical in forms else _preferred(name.stem, forms)
                for form, spans in sorted(forms.items()):
                    if form == canonical or _inflected(form, canonical):
                        continue
                    for s, e in spans:
                        yield rule.finding(s, s + len(form), form, replacements=[canonical], source=name.label)


def _preferred(stem: str, forms: dict[str, list[tuple[int, int]]]) -> str:
    """Without a gazetteer entry, the source decides: prefer a spelling that is the
    BGN/PCGN (then passport) romanization of the source surname, then the most frequent."""
    def rank(form: str) -> tuple[int, int, str]:
        low = form.lower()
        scheme = next((i for i, s in enumerate(("bgn", "passport")) if low.startswith(romanize(stem, s))), 2)
        return (scheme, -len(forms[form]), form)
    return min(forms, key=rank)


def _is_speech(text: str, q: Any) -> bool:
    """Direct speech, not a title: Russian punctuates speech as «…», — сказал он / он сказал:
    «…» / «…!».  Titles of films and books («Люди Икс: Первый класс») have none of these
    and English writes them in italics, without quotes."""
    inner = next(g for g in q.groups() if g).rstrip()
    before = text[:q.start()].rstrip()
    after = text[q.end():q.end() + 4]
    return (before.endswith(":") or bool(regex.match(r"[,!?…]?\s*[—–-]", after))
            or inner.endswith((".", "!", "?", "…")))


def _inflected(a: str, b: str) -> bool:
    """'Lavrova' vs 'Lavrov': a feminine or plural ending on the same surname is not a variant."""
    a, b = a.lower(), b.lower()
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and long_[len(short):] in ("a", "s", "y", "ya", "aya", "oy")
