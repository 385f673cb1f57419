"""Untranslated text: runs of a non-Latin script, and Latin words with foreign letters.

A run of Cyrillic in English copy is either an untranslated line ("Читайте так же" —
"Read also"), a date the scraper left in Russian ("15 ноября 2017 г."), or a homoglyph
inside a Latin word ("Mоscow" with a Cyrillic о) that breaks search and spell-check.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from .. import rxprog
from . import ListOf, MapOf
from ..document import Document
from ..findings import Finding

SCRIPTS = ("Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Hangul", "Hiragana", "Katakana",
           "Armenian", "Georgian", "Thai", "Devanagari")


class _ScriptState:
    """What a script rule needs.  Only the one-letter test is compiled up front: the run,
    phrase and date patterns are compiled the first time an article has such a letter
    (most never do, and a one-article run should not pay for them).  A plain class: a
    ``@dataclass`` costs ~0.5 ms of every cold start."""

    __slots__ = ("letters", "letter", "phrase_table", "months", "_compiled")

    def __init__(self, letters: str, letter: Any, phrase_table: dict[str, str],
                 months: dict[str, str]) -> None:
        self.letters = letters                # the scripts' \p{Script=...} classes
        self.letter = letter                  # one letter of the scripts: without one, no run
        self.phrase_table = phrase_table      # foreign phrase -> English meaning
        self.months = months
        self._compiled: tuple[Any, list["_Phrase"], Any | None] | None = None

    def compiled(self) -> tuple[Any, list["_Phrase"], Any | None]:
        """(run pattern, phrases, date pattern or None)."""
        if self._compiled is None:
            letters = self.letters
            # A run: script letters, joined by spaces, digits and punctuation inside one line.
            run = rxprog.compile(rf"(?:\d{{1,4}}[ \t]*)?[{letters}][{letters}\d \t.,;:!?«»\"'’“”()\-–—]*"
                                 rf"(?<=[{letters}\d.])", rxprog.MULTILINE)
            phrases = [_Phrase(p, t) for p, t in self.phrase_table.items()]
            dates = None
            if self.months:
                alt = "|".join(sorted(map(rxprog.escape, self.months), key=len, reverse=True))
                dates = rxprog.compile(rf"(?<!\d)(\d{{1,2}})\s+({alt})(?:\s+(\d{{4}}))?(?:\s*(?:г\.|года|год))?",
                                       rxprog.IGNORECASE)
            self._compiled = (run, phrases, dates)
        return self._compiled


class _Phrase:
    """A known foreign phrase: its pattern is compiled only once a run holds its words."""

    __slots__ = ("phrase", "meaning", "words", "_rx")

    def __init__(self, phrase: str, meaning: str) -> None:
        self.phrase, self.meaning = phrase, meaning
        self.words = [w.casefold() for w in phrase.split(" ") if w]
        self._rx: Any = None

    def possible(self, folded: str) -> bool:
        """Are all its words in the case-folded text?  (A case-insensitive match needs it.)"""
        return all(w in folded for w in self.words)

    @property
    def rx(self) -> Any:
        if self._rx is None:
            self._rx = rxprog.compile(r"(?<!\w)" + rxprog.escape(self.phrase).replace(r"\ ", r"\s+") + r"(?!\w)",
                                      rxprog.IGNORECASE)
        return self._rx


class Script:
    """Flag each run of the listed scripts; translate known phrases and dates in the message."""

    PARAMS = {
        "scripts": (ListOf(str), False),
        "phrases": (MapOf(str, str), False),   # foreign phrase (case-insensitive) -> English meaning
        "months": (MapOf(str, str), False),    # foreign month name (any case form) -> English month
    }
    # (its findings carry a message of their own: the rule's is not used)
    FIELDS: frozenset[str] = frozenset()

    def prepare(self, rule: Any, ctx: Any) -> _ScriptState:
        scripts = rule.params.get("scripts") or ["Cyrillic"]
        unknown = [s for s in scripts if s not in SCRIPTS]
        if unknown:
            from ..rules import RuleError
            raise RuleError(f"{rule.at('scripts')}: {rule.code}: unknown script(s) {unknown}; "
                            f"use {', '.join(SCRIPTS)}")
        letters = "".join(rf"\p{{Script={s}}}" for s in scripts)
        phrases = {str(p): str(t) for p, t in (rule.params.get("phrases") or {}).items()}
        months = {k.lower(): str(v) for k, v in (rule.params.get("months") or {}).items()}
        return _ScriptState(letters, rxprog.compile(f"[{letters}]"), phrases, months)

    def check(self, doc: Document, rule: Any, st: _ScriptState, ctx: Any) -> list[Finding]:
        out: list[Finding] = []
        if not st.letter.search(_foreign_chars(doc)):
            return out   # most articles: no letter of these scripts, so no regex scan
        run, phrases, dates = st.compiled()
        view = doc.charrefs   # None unless letters are written as "&#1063;" (HTML/Markdown)
        prose, full = (doc.prose, doc.text) if view is None else (view.prose, view.text)
        for start, end in _merge_runs(prose, full, run):
            text = full[start:end]
            meaning = None
            reps: tuple[str, ...] = ()
            possible = [ph for ph in phrases if ph.possible(text.casefold())]
            for ph in possible:
                if ph.rx.fullmatch(text.strip(" .:!—–-")):
                    meaning = ph.meaning
                    break
            if meaning is None and dates is not None:
                d = dates.fullmatch(text.strip())
                if d:
                    meaning = f"{st.months[d.group(2).lower()]} {int(d.group(1))}" + \
                              (f", {d.group(3)}" if d.group(3) else "")
                    reps = (meaning,)
            if meaning is None:
                for ph in possible:
                    if ph.rx.search(text):
                        meaning = ph.meaning
                        break
            script = _script_name(text)
            flat = text.replace("\r\n", "\n")   # a CRLF file's message reads as an LF file's
            shown = flat if len(flat) <= 60 else flat[:57].rstrip() + "…"
            if view is not None:   # report the references as written
                start, end = view.original(start), view.original(end)
            lines = doc.position(end)[0] - doc.position(start)[0] + 1   # LF, CRLF or CR
            where = f" ({lines} lines)" if lines > 1 else ""
            if meaning:
                msg = f"untranslated {script} text '{shown}'{where} (means: \"{meaning}\")"
            else:
                msg = f"untranslated {script} text '{shown}'{where} in English copy"
            out.append(rule.finding(start, end, text, replacements=reps, message=msg,
                                    fix="unsafe" if reps else None))
        return out


def _foreign_chars(doc: Document) -> str:
    """The distinct non-ASCII characters of the prose (shared by the script rules):
    searching these few for a script's letters tells whether a rule can match at all.
    With letters written as character references, of the prose with them decoded."""
    got = doc.memo.get("script.chars")
    if got is None:
        view = doc.charrefs
        prose = doc.prose if view is None else view.prose
        got = doc.memo["script.chars"] = "" if prose.isascii() else \
            "".join(c for c in set(prose) if not c.isascii())
    return got


_CYRILLIC_GREEK = rxprog.compile(r"[\p{Cyrillic}\p{Greek}]")


def _merge_runs(prose: str, text: str, run: Any) -> list[tuple[int, int]]:
    """Runs of the script in *prose*, with runs on consecutive lines merged: an
    untranslated paragraph is one problem for the editor, not one per sentence.  *text*
    is what *prose* blanks markup of (the gap between two runs must be blank there)."""
    spans: list[tuple[int, int]] = []
    for m in run.finditer(prose):
        start, end = m.start(), m.start() + len(text[m.start():m.end()].rstrip())
        if end <= start:
            continue
        gap = text[spans[-1][1]:start] if spans else ""
        # (a lone CR ends a line too: *text* keeps the CRs of a CR-only file)
        if spans and not gap.strip() and ("\n" in gap or "\r" in gap):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _script_name(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for s in SCRIPTS:
                if name.startswith(s.upper()) or (s == "Han" and name.startswith("CJK")):
                    return s
    return "non-Latin"


class MixedScript:
    """A Latin word with look-alike letters from another script (homoglyphs)."""

    PARAMS = {
        "homoglyphs": (MapOf(str, str), True),   # foreign letter -> Latin look-alike
    }
    #: message fields besides text and fix (see the Rule.finding call in check)
    FIELDS = frozenset({"letters"})

    def prepare(self, rule: Any, ctx: Any) -> tuple[Any, dict[str, str]]:
        table = {str(k): str(v) for k, v in rule.params["homoglyphs"].items()}
        word = rxprog.compile(r"\b(?=\w*\p{Latin})(?=\w*[\p{Cyrillic}\p{Greek}])[\p{Latin}\p{Cyrillic}\p{Greek}]+\b")
        return word, table

    def check(self, doc: Document, rule: Any, state: tuple[Any, dict[str, str]], ctx: Any) -> list[Finding]:
        word, table = state
        out: list[Finding] = []
        if not _CYRILLIC_GREEK.search(_foreign_chars(doc)):
            return out   # a mixed word needs a Cyrillic or Greek letter somewhere
        view = doc.charrefs   # "M&#1086;scow" is a word with a Cyrillic о too
        for m in word.finditer(doc.prose if view is None else view.prose):
            w = m.group(0)
            latin = sum(1 for c in w if "LATIN" in unicodedata.name(c, ""))
            foreign = [c for c in w if "LATIN" not in unicodedata.name(c, "")]
            if latin < len(foreign):
                # mostly foreign: a Cyrillic word with a Latin homoglyph — fold the other way
                continue
            fixed = "".join(table.get(c, c) for c in w)
            safe = all(c in table for c in foreign)
            start, end = (m.start(), m.end()) if view is None else (view.original(m.start()), view.original(m.end()))
            out.append(rule.finding(start, end, w, replacements=(fixed,) if safe else (),
                                    letters=", ".join(f"{c} U+{ord(c):04X}" for c in foreign)))
        return out
