"""Round three of the casing shortcuts (issue 6) against the plain way.

* ``casing_phrases.capitals``: in all-ASCII prose a token's capital initial is read by
  one string comparison (``"a" > word``); it must equal ``word[0].isupper()`` for every
  token, in ASCII and non-ASCII prose alike.
"""

from __future__ import annotations

import random

from mtcheck.checks import casing_phrases
from mtcheck.document import Document

WORDS = ("the a to la el al Kremlin kremlin Hague hague white House house just Russia russia "
         "Taliban paz Lam gore Salvador aaiun iPhone McCain O'Neil well-known Zürich Éire "
         "ǅemal Ωmega ßtraße İzmir \u212aelvin said on Monday in and of").split()


def _texts(n: int, seed: int, forms: list[str]) -> list[str]:
    """Sentences of the words above and of the function words' forms, re-cased at random,
    with URLs (protected: their tokens are dropped), digits and punctuation."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(5, 40)):
            pick = rng.random()
            if pick < 0.2 and forms:
                f = rng.choice(forms)
                parts.append(rng.choice([f, f.upper(), f.title(), f[:-1], f.replace(" ", "  ")]))
            elif pick < 0.25:
                parts.append("see https://example.com/" + rng.choice(WORDS))
            elif pick < 0.3:
                parts.append(rng.choice(["2024", "-", ",", ".", "'s", "’s", "(", ")"]))
            else:
                w = rng.choice(WORDS)
                parts.append(rng.choice([w, w.lower(), w.upper(), w.capitalize()]))
        out.append(rng.choice([" ", "\n"]).join(parts))
    return out


def test_capital_initials_equal_the_first_letter_case():
    texts = _texts(600, seed=3, forms=[])
    ascii_docs = 0
    for text in texts + [t.encode("ascii", "ignore").decode() for t in texts]:
        doc = Document.from_text(text)
        ascii_docs += doc.prose.isascii()
        plain = [w[0].isupper() for w in doc.token_words]
        assert casing_phrases.capitals(doc) == plain, text
        assert doc.memo["casing.capital"] is casing_phrases.capitals(doc)   # made once
    assert 500 < ascii_docs < 1200   # both ways exercised
