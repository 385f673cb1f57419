"""mtcheck.wordtable: the sorted, memory-mapped tables behind the lexicon and models.

The table must answer exactly like the dict it replaces, for any keys (ASCII, accented,
Cyrillic, prefixes of one another, the empty string): these tests generate the data and
compare the table with a dict and with brute-force prefix scans.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck import wordtable

#: The searches WordTable.index may use: the C bisection (where the module is built) and
#: the Python one (sampled index), which runs without it.  Tests of lookups run each.
_SEARCHES = [None] + ([wordtable._NATIVE_INDEX] if wordtable._NATIVE_INDEX is not None else [])


@contextmanager
def _using(search):
    """WordTable.index uses *search* (None: the Python one) inside the block."""
    saved = wordtable._NATIVE_INDEX
    wordtable._NATIVE_INDEX = search
    try:
        yield
    finally:
        wordtable._NATIVE_INDEX = saved

# Letters from a few scripts, so UTF-8 byte order and code point order both matter.
_ALPHABET = "abcz'-éöžшщяё"
_keys = st.text(alphabet=_ALPHABET, max_size=8)
_tables = st.dictionaries(_keys, st.integers(min_value=-32768, max_value=32767), max_size=200)


def _roundtrip(data: dict[str, int], tmp: Path | None = None, block: int = 64) -> wordtable.WordTable:
    blob = wordtable.dump_tables({"t": (list(data), list(data.values()), "h")}, {"note": "test"}, block)
    if tmp is None:
        return wordtable.loads(blob)["t"]
    path = tmp / "t.wt"
    path.write_bytes(blob)
    return wordtable.load(path)["t"]


@settings(max_examples=200, deadline=None)
@given(_tables, st.lists(st.text(alphabet=_ALPHABET + "\n", max_size=8), max_size=30))
def test_lookups_agree_with_a_dict(data: dict[str, int], probes: list[str]) -> None:
    for search, block in ((s, b) for s in _SEARCHES for b in (1, 2, 5, 64)):
        # block boundaries everywhere, and the default size
        t = _roundtrip(data, block=block)
        assert len(t) == len(data)
        with _using(search):
            for k, v in data.items():
                assert t.get(k) == v
                assert t.value(t.index(k)) == v
                assert k in t
            for p in probes + ["\n".join(list(data)[:2])]:
                assert t.get(p, "absent") == data.get(p, "absent")
                assert (p in t) == (p in data)


@settings(max_examples=200, deadline=None)
@given(_tables, st.lists(_keys, max_size=30))
def test_prefix_ranges_match_a_scan(data: dict[str, int], prefixes: list[str]) -> None:
    t = _roundtrip(data)
    for p in prefixes + [k[:2] for k in data]:
        lo, hi = t.prefix_range(p)
        got = {t.key(i): t.value(i) for i in range(lo, hi)}
        assert got == {k: v for k, v in data.items() if k.startswith(p)}
        assert list(t.values[lo:hi]) == [t.value(i) for i in range(lo, hi)]


@given(_tables)
def test_keys_come_back_in_utf8_byte_order(data: dict[str, int]) -> None:
    t = _roundtrip(data)
    assert t.keys() == sorted(data, key=lambda k: k.encode("utf-8"))
    assert [t.key(i) for i in range(len(t))] == t.keys()


def test_file_is_memory_mapped_and_keeps_several_tables(tmp_path: Path) -> None:
    path = tmp_path / "x.wt"
    size = wordtable.write_tables(path, {
        "zipf": (["the", "government", "café"], [733, 552, 301], "H"),
        "names": (["Москва", "Berlin"], None, None),
        "empty": ([], [], "B"),
    }, {"scale": 100, "source": "hand-made"})
    assert size == path.stat().st_size
    got = wordtable.load(path)
    assert got.meta == {"scale": 100, "source": "hand-made"}
    assert got["zipf"].get("government") == 552 and got["zipf"].get("governmen") is None
    assert got["names"].get("Москва") is True and "Moskva" not in got["names"]
    assert got["names"].keys() == ["Berlin", "Москва"]
    with pytest.raises(TypeError):
        got["names"].value(0)
    assert len(got["empty"]) == 0 and got["empty"].keys() == [] and got["empty"].index("a") == -1
    # the same bytes read into memory answer the same
    again = wordtable.loads(path.read_bytes())
    assert again["zipf"].keys() == got["zipf"].keys()


@settings(max_examples=30, deadline=None)
@given(_tables)
def test_mapped_file_answers_like_the_dict(tmp_path_factory: pytest.TempPathFactory, data: dict[str, int]) -> None:
    t = _roundtrip(data, tmp_path_factory.mktemp("wt"))
    assert {t.key(i): t.value(i) for i in range(len(t))} == data


def test_output_is_deterministic() -> None:
    a = wordtable.dump_tables({"t": (["b", "a", "c"], [2, 1, 3], "B")}, {"m": 1})
    b = wordtable.dump_tables({"t": (["c", "a", "b"], [3, 1, 2], "B")}, {"m": 1})
    assert a == b


@pytest.mark.parametrize("keys", [["a", "a"], ["a\nb"]])
def test_bad_keys_are_rejected(keys: list[str]) -> None:
    with pytest.raises(ValueError):
        wordtable.dump_tables({"t": (keys, None, None)})


def test_not_a_table_file() -> None:
    with pytest.raises(ValueError):
        wordtable.loads(b"\x1f\x8b gzip, not a table")


def test_rewriting_a_table_leaves_mapped_readers_intact(tmp_path: Path) -> None:
    """A rebuild replaces the file (rename), so a process that mapped the old one keeps
    reading it instead of crashing on a truncated mapping."""
    path = tmp_path / "t.wt"
    wordtable.write_tables(path, {"t": (["old", "words"], [1, 2], "B")})
    before = wordtable.load(path)["t"]
    wordtable.write_tables(path, {"t": (["new"], [3], "B")})
    assert before.keys() == ["old", "words"] and before.get("words") == 2
    assert wordtable.load(path)["t"].keys() == ["new"]
    assert [p.name for p in tmp_path.iterdir()] == ["t.wt"]  # no temporary file left behind


def test_shipped_lexicon_index_equals_bisection_over_all_keys() -> None:
    """index() searches one block in place (range find + offset bisection); on the real
    lexicon it must give the rank a bisection over every key gives, for keys at block
    starts, inside blocks, at the end of the table, and for absent words."""
    from mtcheck import lexicon

    t = lexicon.table()
    ranks = list(range(0, len(t), 997)) + list(range(0, len(t), 64))[:200] + [63, 65, len(t) - 1]
    for search in _SEARCHES:
        with _using(search):
            for i in ranks:
                k = t.key(i)
                assert t.index(k) == i
                for probe in (k + "q", k[:-1], k + "\u00e9", "a" + k):
                    j = t._bisect(probe.encode())
                    expected = j if j < len(t) and t.key(j) == probe else -1
                    assert t.index(probe) == expected, probe
