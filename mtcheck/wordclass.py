"""Word classes of English words out of context, for the garbled-syntax checks.

Why not a tagger: the well-kept taggers (spaCy, flair, NLTK's perceptron) need a model
downloaded at run time, which mtcheck must never do.  lemminflect (a PyPI package)
ships its lexicon inside the wheel: for a word it gives every part of speech the word
can have, with lemmas, and every inflection of a lemma.  The syntax checks only need
such "possible readings" -- a pattern fires when a word *can only* be, say, a past
participle -- so an ambiguity class per word is enough, and it is exact where a
statistical tagger would guess.

Everything is cached per word; lemminflect is imported on first use so that
``mtcheck lint`` does not pay for it unless a syntax rule runs.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["readings", "is_plural_noun", "is_participle_only", "is_past_verb_only",
           "is_noun_only", "is_past_verb", "plural_of", "countable", "is_base_verb"]


@lru_cache(maxsize=1)
def _lemminflect():
    import lemminflect  # heavy-ish (a lexicon load): only when a syntax rule runs

    return lemminflect


@lru_cache(maxsize=65536)
def readings(word: str) -> dict[str, tuple[str, ...]]:
    """Universal POS tag -> lemmas the lexicon knows for *word* (lower-cased); {} if unknown."""
    return dict(_lemminflect().getAllLemmas(word.lower()))


@lru_cache(maxsize=65536)
def _inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    return dict(_lemminflect().getAllInflections(lemma, upos=upos))


def _forms(word: str, upos: str, tag: str) -> bool:
    """Is *word* the *tag* form (Penn tag) of one of its lemmas?

    lemminflect lists VBN only where it differs from VBD ("taken"/"took"); for regular
    verbs the past form serves as both, so a VBN question falls back to VBD.
    """
    w = word.lower()
    for lemma in readings(w).get(upos, ()):
        forms = _inflections(lemma, upos)
        if w in forms.get(tag, ()) or (tag == "VBN" and "VBN" not in forms and w in forms.get("VBD", ())):
            return True
    return False


def is_plural_noun(word: str) -> bool:
    """A regular noun plural ("contacts", "talks"), not a singular in -s ("news", "series")."""
    w = word.lower()
    lemmas = readings(w).get("NOUN", ())
    return bool(lemmas) and w not in lemmas and _forms(w, "NOUN", "NNS")


def is_participle_only(word: str) -> bool:
    """A past participle that the lexicon knows as nothing else (no noun or adjective reading).

    "arrested", "detained" qualify; "injured" (also an adjective) and "accused" (also a
    noun) do not -- English already uses those as nouns ("the injured").
    """
    r = readings(word)
    return set(r) <= {"VERB"} and bool(r) and _forms(word, "VERB", "VBN")


def is_past_verb_only(word: str) -> bool:
    """A past-tense verb form with no noun or adjective reading ("made", "discussed")."""
    r = readings(word)
    return set(r) <= {"VERB"} and bool(r) and _forms(word, "VERB", "VBD")


def is_past_verb(word: str) -> bool:
    """Can be a past-tense verb, whatever else it can be ("increased" is also an adjective)."""
    return _forms(word, "VERB", "VBD")


def is_base_verb(word: str) -> bool:
    """Can be a bare infinitive ("send", "release")."""
    return _forms(word, "VERB", "VB")


def is_noun_only(word: str) -> bool:
    """A noun the lexicon knows under no other part of speech ("farce", "development")."""
    r = readings(word)
    return set(r) == {"NOUN"}


def plural_of(word: str) -> str | None:
    """The regular plural of a singular noun, if the lexicon has one different from it."""
    w = word.lower()
    for lemma in readings(w).get("NOUN", ()):
        if lemma != w:
            continue
        for form in _inflections(lemma, "NOUN").get("NNS", ()):
            if form != w:
                return form
    return None


def countable(word: str, max_gap: float = 1.5) -> bool:
    """Heuristic: a noun is countable if its plural is in common use.

    Mass nouns have no plural in running text ("nonsense", "news") or a rare one
    ("interference" 4.0 vs "interferences" 2.2 in Zipf units); count nouns keep their
    plural within ~1.5 Zipf of the singular ("farce" 3.3, "farces" 2.1).  Frequencies
    come from mtcheck's shipped English lexicon (wordfreq), so no corpus is needed.
    """
    from .lexicon import zipf

    plural = plural_of(word)
    if not plural:
        return False
    zs, zp = zipf(word), zipf(plural)
    return zs > 0 and zp > 0 and zs - zp <= max_gap
