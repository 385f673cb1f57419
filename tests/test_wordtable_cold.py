"""A word table's first lookups (plain bisection, before the sample index exists) answer
exactly as the sample-indexed lookups that follow them."""

from __future__ import annotations

import random

from mtcheck import lexicon, wordtable
from mtcheck.wordtable import dump_tables, loads


def _probes(keys: list[str], rng: random.Random) -> list[str]:
    """Present keys (first, last, block starts, random), and absent ones around them:
    prefixes, extensions, empty, a newline, non-ASCII."""
    out = [keys[0], keys[-1], "", "\n", keys[0] + "\n", "zzzz\uffff", "é", "\u0436\u0436"]
    for _ in range(300):
        k = keys[rng.randrange(len(keys))]
        out += [k, k[:-1], k + "a", k + "\u00e9"]
    out += keys[::64][:50]
    return out


def test_cold_lookups_equal_sample_lookups_on_the_shipped_lexicon(monkeypatch):
    tab = lexicon.table()
    rng = random.Random(3)
    keys = [tab.key(rng.randrange(len(tab))) for _ in range(200)]
    probes = _probes(keys, rng)
    fresh = wordtable.loads(tab._buf)["zipf"]            # a second view: its own sample state
    fresh._cold = len(probes) + 1                         # every probe takes the cold path
    cold = [fresh.index(p) for p in probes]
    assert fresh._sample is None                          # ... and none built the sample
    fresh._cold = 0
    warm = [fresh.index(p) for p in probes]
    assert fresh._sample is not None
    assert cold == warm
    assert sum(i >= 0 for i in cold) > 300 and sum(i < 0 for i in cold) > 300


def test_cold_lookups_on_small_and_empty_tables():
    rng = random.Random(4)
    words = sorted({"".join(rng.choice("abcé\u0436") for _ in range(rng.randrange(1, 6))) for _ in range(500)})
    t = loads(dump_tables({"w": (words, list(range(len(words))), "I"), "e": ([], None, None)}, block=8))
    probes = _probes(words, rng)
    for p in probes:
        w = loads(dump_tables({"w": (words, list(range(len(words))), "I")}, block=8))["w"]
        w._cold = 1
        expected = words.index(p) if p in words else -1
        assert w.index(p) == expected, p                  # cold (first lookup)
        assert t["w"].index(p) == expected, p             # warm after the first few
    empty = t["e"]
    assert [empty.index(p) for p in ("", "a")] == [-1, -1]
