"""A word table's first lookups (plain bisection, before the sample index exists) answer
exactly as the sample-indexed lookups that follow them.  Both are the Python search,
which runs where the C module is not in use: these tests ask for it."""

from __future__ import annotations

import random

import pytest

from mtcheck import lexicon, wordtable
from mtcheck.wordtable import dump_tables, loads


@pytest.fixture(autouse=True)
def python_search(monkeypatch):
    monkeypatch.setattr(wordtable, "_NATIVE_INDEX", None)


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


def test_shipped_table_headers_come_from_the_disk_memo_without_json(tmp_path):
    """A first process parses each shipped table's header (JSON) and stores it; a second
    process, where importing json fails, gets the same tables from the memo: the same
    metadata, sizes, and lookups."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    names = sorted(p.name for p in (Path(wordtable.__file__).with_name("data")).glob("*.wt"))
    assert len(names) >= 3
    code = (
        "import sys\n"
        "if sys.argv[1] == 'nojson': sys.modules['json'] = None\n"
        "from mtcheck.wordtable import load_resource\n"
        "for name in sys.argv[2:]:\n"
        "    t = load_resource(name)\n"
        "    meta = sorted((k, repr(v)) for k, v in t.meta.items())\n"
        "    print(name, meta, [(k, len(v), v.key(len(v) // 2) if len(v) else None,\n"
        "                        v.index(v.key(len(v) // 3)) if len(v) else None)\n"
        "                       for k, v in sorted(t.tables.items())])\n"
        "print('json' in sys.modules and sys.modules['json'] is not None)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MTCHECK_NO_RULE_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    root = Path(__file__).resolve().parent.parent

    def run(mode: str) -> list[str]:
        return subprocess.run([sys.executable, "-c", code, mode, *names], env=env, cwd=root,
                              capture_output=True, text=True, check=True).stdout.splitlines()

    first = run("json")
    assert first[-1] == "True"                      # parsed with json ...
    assert list(tmp_path.glob("mtcheck/wordtable-headers-*.marshal"))   # ... and stored
    second = run("nojson")
    assert second[-1] == "False"                    # json never imported
    assert second[:-1] == first[:-1] and len(first) == len(names) + 1
