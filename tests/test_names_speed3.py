"""The names pre-check (names/precheck.py) and word_zipf against the plain computations
they stand for: candidate_spellings (memoized per token, gathered with set operations)
equals a Python loop over the story's tokens with no memo, from a fresh and a warm memo;
word_zipf is lexicon.zipf."""

from __future__ import annotations

from mtcheck.api import Linter
from mtcheck.document import Document
from mtcheck.names import precheck
from mtcheck.names.index import name_index
from mtcheck.names.keys import NameRules

from conftest import DATA

LINTER = Linter()
GAZ = LINTER.ctx.gazetteer
RULES = NameRules.from_ruleset(LINTER.ruleset)
TABLES = name_index(GAZ, RULES)

#: tokens of every shape the batched tests must sort like the per-token ones
TRICKY = ["the", "said", "von", "bin", "trump", "moscow", "don't", "well-known", "iPhone",
          "Moscow", "MOSCOW", "Lavrov's", "Jong-un", "ö", "über", "naïve", "ʹa", "x", "I",
          "kremlin", "Kremlin", "o'brien", "O'Brien", "al", "de", "ibn", "Al-Assad",
          "trump's", "putin's", "al-assad", "moscow-based", "von-der"]


def _texts() -> list[str]:
    clean = (DATA / "clean_en_sample.txt").read_text(encoding="utf-8")
    out = [clean[i:i + 900] for i in range(0, len(clean), 450)]
    out.append(" ".join(TRICKY) + ". " + " ".join(w.lower() for w in TRICKY) + ".")
    out.append("Officials met Lavrov in Moscow; the von der Leyen aide said Lavrova's trip to "
               "sergei lavrov's office in st. petersburg was well-known.")
    return out


def _plain_candidates(doc: Document) -> dict:
    """candidate_spellings as a Python loop over the story's tokens, no memo."""
    memo = precheck._Memo(TABLES, RULES, GAZ)
    out: dict = {}
    for token in set(doc.token_words):
        # a lower-case word of letters only in no name-index table is never a name word
        if not (token.islower() and token not in TABLES.maybe_name and token.isalpha()):
            out.update(precheck._candidates(token, memo))
    return out


def test_candidates_equal_the_per_token_loop_from_a_fresh_memo_and_a_warm_one():
    precheck._MEMO = precheck._Memo()   # fresh: every token is new to the process
    texts = _texts()
    for warm in (False, True):          # second round: every token judged already
        for text in texts:
            doc = Document.from_text(text)
            assert precheck.candidate_spellings(doc, GAZ, RULES) == _plain_candidates(doc), (warm, text)
    memo = precheck._MEMO
    assert memo.plain.isdisjoint(memo.found) and "the" in memo.plain and "moscow" in str(memo.found)


def test_word_zipf_is_the_lexicon_number():
    """word_zipf keeps lexicon.zipf after its first call instead of importing it per call."""
    from mtcheck import lexicon
    from mtcheck.names import mentions

    words = TRICKY + ["The", "President", "Zzyzxq", "don’t", "Don't", "Moscow", "moscow"]
    mentions.word_zipf.cache_clear()
    mentions._ZIPF = None   # as in a fresh process
    assert [mentions.word_zipf(w) for w in words] == [lexicon.zipf(w) for w in words]
    assert mentions._ZIPF is lexicon.zipf
    assert mentions.word_zipf("The") > 5 and mentions.word_zipf("Zzyzxq") == 0.0


def test_common_plain_words_get_the_answer_the_full_test_gives():
    """index.common_plain answers the pre-check's common-word test in advance: for every
    word in it, written as in copy (capitalized, lower case, all capitals, in a hyphenated
    compound, possessive), and for rarer lexicon words and tokens of the tricky shapes,
    _candidates gives what it gives without the table.  It holds the common words the
    test drops ("however", "police"), not those whose key a gazetteer form is made of."""
    from mtcheck import lexicon

    words = sorted(TABLES.common_plain)
    assert {"however", "police", "they"} <= TABLES.common_plain
    assert len(words) > 3000 and all(w.isascii() for w in words)
    assert all(lexicon.zipf(w) >= precheck.COMMON_ZIPF for w in words)
    tab = lexicon.table()
    rarer = [tab.key(i) for i in range(0, len(tab), 97)]   # ~2,600 words of every frequency
    tokens = TRICKY + ["Moscow", "Kremlin", "Russia", "Trump", "Putin", "United", "States"]
    for w in words + rarer:
        tokens += [w.capitalize(), w, w.upper(), w.capitalize() + "-" + w, w.capitalize() + "'s"]
    fast = precheck._Memo(TABLES, RULES, GAZ)
    plain = precheck._Memo(_Without(TABLES), RULES, GAZ)
    hits = 0
    for token in tokens:
        got = precheck._candidates(token, fast)
        assert got == precheck._candidates(token, plain), token
        hits += token[:1].isupper() and token.lower() in TABLES.common_plain
    assert hits > 3000   # the table was asked, and answered, for thousands of tokens


class _Without:
    """The name index with an empty common_plain: the pre-check's full test for every word."""

    def __init__(self, tables):
        self._tables = tables
        self.common_plain = frozenset()

    def __getattr__(self, name):
        return getattr(self._tables, name)
