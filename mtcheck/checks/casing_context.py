"""Context tests of the capitalization rules: when a lower-cased word is a miscased
name (MT201) and when a lower-cased generic noun inside an institution's name is wrong
(MT202).

Why apart from casing.py: they read the words around a candidate, never the gazetteer
index casing.py builds, and they are where precision is tuned ("Prime Minister Theresa
May said the party may lose seats": 'may' is the word, not the surname).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..document import Document

if TYPE_CHECKING:
    from .casing import _State

#: Small words inside multi-word names ("Bank of Russia", "Rio de Janeiro").
CONNECTORS = frozenset("a an of the for and on in at to de la le du des von van der den bin al el da di y".split())


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


#: Words after which a lower-case common word is that word, not a surname: determiners
#: and possessives ("his trump card"), and prepositions that are never conjunctions
#: ("treated for burns", "smelled of musk"; "since"/"as"/"after" also begin a clause,
#: "since trump took office", so the next word decides for them).
_NOT_NAME_BEFORE = frozenset("""a an the his her their its my your our this these those every each no any
    some of for with in on at by from into onto about without against per than via under over through
    between among during within toward towards across behind beyond near upon off like unlike""".split())
#: A title after one of these is a common noun ("the prime minister may not attend"),
#: not a title before a name ("Prime Minister May").
_DETERMINED = frozenset("a an the this that these those his her their its our your my".split())
_WORDS_MEMO: dict[tuple[int, str], tuple[Any, frozenset[str]]] = {}


def _param_words(rule: Any, key: str) -> frozenset[str]:
    """A rule's list parameter *key*, lower-cased, as a set (once per rule)."""
    got = _WORDS_MEMO.get((id(rule), key))
    if got is None or got[0] is not rule:
        got = _WORDS_MEMO[(id(rule), key)] = (rule, frozenset(t.lower() for t in rule.params.get(key) or ()))
    return got[1]


def _titles(rule: Any) -> frozenset[str]:
    return _param_words(rule, "name_titles")


def _heads(rule: Any) -> frozenset[str]:
    return _param_words(rule, "lower_heads")


def _in_common_noun(prose: str, start: int, rule: Any) -> bool:
    """Does the lower-cased name at *start* open one of the rule's ``common_nouns``,
    phrases in which a place name has become part of a common noun ("brussels sprouts",
    "lima beans", "a panama hat")?  Dictionaries and house styles write them in lower
    case; MT does not lower-case a city there.  Only asked about a finding, so it costs
    nothing on clean copy."""
    phrases = rule.params.get("common_nouns") or ()
    if not phrases:
        return False
    ahead = " ".join(prose[start:start + 60].lower().split())
    for phrase in phrases:
        if ahead.startswith(phrase) and (len(ahead) == len(phrase) or not ahead[len(phrase)].isalnum()):
            return True
    return False


def _name_context(doc: Document, i: int, state: _State, canonical: str, titles: frozenset[str]) -> bool:
    """Is token i, a lower-case surname that is also a common English word ("may",
    "burns", "brown"), used as the name here?

    Only in name context: right after a title ("President trump", from the rule's
    ``name_titles``) or the person's given name, right before a capitalized title ("the
    election trump President", a Russian genitive word for word), or as a subject right
    before a finite verb ("trump said", "as trump arrived"), never after a determiner, a
    preposition or a number ("his trump card", "treated for burns", "90 pence") nor
    before a bare verb, where the word is a modal or a verb ("the party may lose
    seats").  Runs only for the rare surname whose person is named in full in the same
    story."""
    from ..wordclass import BASE_VERB, PAST_VERB, VERB_ONLY
    words, lows, starts, ends, prose = doc.token_words, doc.token_lows, doc.token_starts, doc.token_ends, doc.prose
    prev = nxt = None
    if i > 0:
        gap = prose[ends[i - 1]:starts[i]]
        if any(c.isdigit() for c in gap):
            return False          # "90 pence"
        if not gap.strip():
            prev = lows[i - 1]
    if i + 1 < len(words) and not prose[ends[i]:starts[i + 1]].strip():
        nxt = words[i + 1]
    if prev in _NOT_NAME_BEFORE:
        return False
    if nxt is not None and nxt.islower() and VERB_ONLY[nxt] and BASE_VERB[nxt]:
        return False              # "may lose": a modal or verb before a bare verb
    if prev is not None and prev in titles and not _DETERMINED.intersection(lows[max(0, i - 4):i - 1]):
        return True               # "President trump"; not "the prime minister may not"
    if prev is not None and any(f.startswith(prev + " ") and f.endswith(" " + lows[i])
                                for f in state.full_forms.get(canonical, ())):
        return True               # "theresa may"
    if nxt is not None and nxt[:1].isupper() and nxt.lower() in titles:
        return True               # "since the election trump President of the United States"
    # the subject of a finite verb: "trump said", "as trump arrived"
    return nxt is not None and nxt.islower() and (VERB_ONLY[nxt] or PAST_VERB[nxt]) and not BASE_VERB[nxt]


def _lowered_head(form_words: list[str], fw: list[str], initial: bool, heads: frozenset[str]) -> bool:
    """Is a known institution name cased the Russian way with its generic noun in lower
    case ("Constitutional court", "Federation council", "US State department", "Central
    bank of Russia", "European court of Human Rights")?

    A lower-case word of the name is wrong after a capitalized word that is itself a
    common English word ("Constitutional", "Federation", "State"): that word has its
    capital only as part of the name, so the name is capitalized, and its noun must be
    too.  After a word that is a name in its own right ("European commission", "Russian
    armed forces") the lower-case noun is a house style, and so is a noun in *heads*
    after any word ("Republican party").  Across "of", a lower-case word between
    capitals, the later one a common word capitalized for the name ("European court of
    Human Rights"), is wrong too.  A capital at a sentence start says nothing; plurals
    ("the Foreign and Defence ministries") never match a form; all lower case never
    gets here.
    """
    from ..commonwords import is_common_word
    marks: list[tuple[str, bool]] = []   # per capitalized content word of the form: C/L/I, common
    for i, (c, w) in enumerate(zip(form_words, fw)):
        if c.lower() in CONNECTORS or not _is_cap(c):
            continue
        state = "I" if i == 0 and initial else ("C" if _is_cap(w) else "L")
        if state == "L" and w.lower() in heads:
            state = "H"   # a lower-case generic noun that house styles allow
        # (an acronym, "US", is a name in its own right, not the common word "us")
        marks.append((state, state != "L" and not w.isupper() and is_common_word(w)))
    for k, (state, _common) in enumerate(marks):
        if state != "L":
            continue
        if k > 0 and marks[k - 1] == ("C", True):
            return True   # "Constitutional court", "State department"
        if any(m == "C" for m, _ in marks[:k]) and any(m == ("C", True) for m in marks[k + 1:]):
            return True   # "European court of Human Rights"
    return False


def _mixed_institution(segments: list[list[str]]) -> bool:
    """Is this institution name cased the MT way?

    All lower case is a house style, and so is a lower-case title before a proper noun
    ("the chairman of the Joint Chiefs", "supreme leader of Iran") or a lower-case generic
    noun after a proper adjective ("Republican party").  Russian-style casing instead
    puts a lower-case word *before* a capitalized one inside a name ("foreign Ministry",
    "UN security Council") or lower-cases what follows "of" in a capitalized name
    ("Ministry of justice", "Secretary of state").
    """
    for seg in segments:
        if "L" in seg and "C" in seg[seg.index("L"):]:
            return True
    head = segments[0]
    # (a head segment ending in a lower-case word is a lower-case title after a name
    # that modifies it, "US secretary of state": a house style, like "Russian armed forces")
    if "C" in head and head[-1] != "L":
        for seg in segments[1:]:
            if seg and all(x == "L" for x in seg):
                return True
    return False


