"""Name mentions: runs of capitalized words in a Document, plus known names in lower case.

A mention is "Dmitry Peskov", "Kim Jong-un", "Mohammed bin Salman", "J. R. Smith":
capitalized words joined by single spaces, initials and name particles.  A capital
at the start of a sentence or on a headline line says nothing, so such a word counts
only when it is not an ordinary English word, is a known name, or is written with a
capital in the middle of a sentence elsewhere in the same story.  Words inside
protected spans (URLs, @handles, #hashtags) are never mentions: Document.tokens
already leaves them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..document import Document

#: Lower-case words that may sit inside a name ("Ursula von der Leyen").
PARTICLES = frozenset(
    "bin ibn bint al el de da di del della der den des du la le van von ter dos das y".split())
#: A capitalized word this common in English is a name only if the gazetteer says so.
COMMON_ZIPF = 4.0
#: An uninformative capital (sentence start, headline) counts if the word is rarer than this.
RARE_ZIPF = 3.0
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_GAP = re.compile(r"[ \t]{1,2}|\.[ \t]{0,2}")


@dataclass
class Word:
    """One word of a mention: span in the document and its text (possessive removed)."""

    start: int
    end: int
    text: str
    informative: bool  # capital in the middle of a sentence (not sentence-initial/headline)


@dataclass
class Mention:
    start: int
    end: int
    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def surname(self) -> Word:
        return self.words[-1]


def _is_cap(word: str) -> bool:
    """Capitalized, not all capitals ("Peskov" yes; "UN", "MOSCOW", "A" no)."""
    return word[:1].isupper() and not word.isupper()


def _parts(doc: Document, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split a token at hyphens and drop a possessive ending ("Jong-un", "Peskov's")."""
    text = doc.prose[start:end]
    m = _POSSESSIVE.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    out, pos = [], start
    for piece in text.split("-"):
        if piece:
            out.append((pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return out


def extract_mentions(doc: Document, gazetteer: Any = None) -> list[Mention]:
    """All name mentions of *doc*, in text order."""
    from ..lexicon import zipf

    prose = doc.prose
    initial = doc.initial_offsets
    headlines = doc.headline_lines
    known = gazetteer.name_words if gazetteer is not None else frozenset()

    # Words written with a capital mid-sentence somewhere in the story.
    lowered_known = gazetteer.lower_name_words if gazetteer is not None else frozenset()
    name_pairs = gazetteer.lower_name_pairs if gazetteer is not None else frozenset()
    pair_tails = frozenset(p.rsplit(" ", 1)[-1] for p in name_pairs)
    # Most tokens are plain lower-case words that cannot be (part of) a name: mark them
    # once so that both passes below skip them cheaply (same result, ~3x faster).
    plain = [t.islower() and t.isalpha() and t not in lowered_known and t not in pair_tails
             and t not in PARTICLES
             for t in (prose[tok.start:tok.end] for tok in doc.tokens)]
    parts_of: list[list[tuple[int, int, str]]] = []
    informative_caps: set[str] = set()
    tok_info: list[bool] = []
    for tok, skip in zip(doc.tokens, plain):
        if skip:
            parts_of.append([])
            tok_info.append(False)
            continue
        parts = _parts(doc, tok.start, tok.end)
        parts_of.append(parts)
        info = tok.start not in initial and not (headlines and doc.position(tok.start)[0] in headlines)
        tok_info.append(info)
        if info:
            informative_caps.update(p[2].lower() for p in parts if _is_cap(p[2]))
    doc_capitals = {p[2].lower() for parts in parts_of for p in parts if _is_cap(p[2])}

    def name_word(text: str, info: bool) -> bool:
        if _is_cap(text):
            if info or text in known:
                return True
            return zipf(text) < RARE_ZIPF or text.lower() in informative_caps
        # a known name in lower case ("Boris yeltsin"), when the story also capitalizes it
        return (text.islower() and text in lowered_known and text in doc_capitals)

    mentions: list[Mention] = []
    current: Mention | None = None
    pending: list[Word] = []  # particles waiting for a capitalized word
    last_end = -1
    for tok, parts, info, skip in zip(doc.tokens, parts_of, tok_info, plain):
        if skip:  # a plain lower-case word ends any name in progress
            current, pending = None, []
            last_end = tok.end
            continue
        gap = prose[last_end:tok.start] if last_end >= 0 else "\n"
        joined = current is not None and bool(_GAP.fullmatch(gap))
        if current is not None and gap.startswith(".") and not _is_initial(current):
            joined = False  # only an initial ("J. Smith") may end with a full stop
        if not joined:
            current, pending = None, []
        for i, (s, e, text) in enumerate(parts):
            word = Word(s, e, text, info and not (i == 0 and s in initial))
            if i > 0:
                word.informative = info
            # a known name in lower case right after a capitalized name ("Donald trump")
            after_name = (current is not None and not pending and text.islower()
                          and f"{current.words[-1].text.lower()} {text}" in name_pairs)
            if name_word(text, word.informative) or after_name or (len(text) == 1 and text.isupper()):
                if current is None:
                    current = Mention(s, e, [])
                    mentions.append(current)
                current.words.extend(pending)
                pending = []
                current.words.append(word)
                current.end = e
            elif current is not None and text.lower() in PARTICLES:
                pending.append(word)
            else:
                current, pending = None, []
        last_end = tok.end
    return [m for m in mentions if any(len(w.text) > 1 for w in m.words)]


def _is_initial(m: Mention) -> bool:
    last = m.words[-1].text
    return len(last) == 1 and last.isupper()
