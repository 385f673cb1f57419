"""The stored rule set (rules._load_rules_cached): what a later process reads back is the
rule set parsing gives, in marshal form, or pickled when the data needs it."""

from __future__ import annotations

import pytest

from mtcheck import rules as rules_mod
from mtcheck.rules import _parse_rules, _read_cached, _write_cached, builtin_rules_dir


@pytest.fixture(autouse=True)
def _cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    rules_mod._load_rules_cached.cache_clear()
    yield
    rules_mod._load_rules_cached.cache_clear()


def test_builtin_rules_round_trip_through_marshal(tmp_path):
    parsed = _parse_rules([builtin_rules_dir()])
    cache = tmp_path / "cache" / "rules-x.pickle"
    _write_cached(cache, parsed)
    assert cache.with_suffix(".marshal").is_file() and not cache.is_file()
    back = _read_cached(cache)
    assert back is not None
    assert back.rules == parsed.rules
    assert [type(r.severity) for r in back.rules] == [type(r.severity) for r in parsed.rules]
    assert back.data == parsed.data


def test_data_marshal_cannot_hold_is_pickled(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    (d / "extra.yml").write_text("kind: gazetteer\nupdated: 2024-01-01\npeople:\n  - Ivana Testova\n",
                                 encoding="utf-8")
    parsed = _parse_rules([builtin_rules_dir(), d])
    cache = tmp_path / "cache" / "rules-y.pickle"
    _write_cached(cache, parsed)
    assert cache.is_file() and not cache.with_suffix(".marshal").exists()
    back = _read_cached(cache)
    assert back is not None and back.rules == parsed.rules and back.data == parsed.data


def test_load_rules_twice_gives_the_same_rules(tmp_path):
    first = rules_mod.load_rules()
    rules_mod._load_rules_cached.cache_clear()
    again = rules_mod.load_rules()          # read from the store
    assert again is not first and again.rules == first.rules and again.data == first.data
    assert list((tmp_path / "cache" / "mtcheck").glob("rules-*.marshal"))
