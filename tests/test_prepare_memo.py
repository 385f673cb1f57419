"""Prepare-time results kept on disk give the state a fresh prepare() builds: the
capitalization rules' gazetteer index (casing._index_memo)."""

from __future__ import annotations

import marshal

from mtcheck.api import Linter
from mtcheck.checks import casing
from mtcheck.checks.casing import Capitalization, _index_memo
from mtcheck.gazetteer import Gazetteer


def _cap_rules(linter: Linter):
    return [r for r in linter.ruleset.rules if r.kind == "capitalization"]


def test_memoized_index_equals_a_fresh_one(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(casing, "_MEMOS", {})
    linter = Linter()
    kind = Capitalization()
    rules = [r for r in _cap_rules(linter) if str(r.params["terms"]).startswith("gazetteer:")]
    assert len(rules) >= 3
    memo = _index_memo(linter.ctx.gazetteer)
    assert memo is not None
    for rule in rules:
        fresh = kind._index(rule, linter.ctx)
        first = kind.prepare(rule, linter.ctx)            # computes and remembers
        memo._data = marshal.loads(marshal.dumps(memo._data))   # as a later process reads it
        again = kind.prepare(rule, linter.ctx)            # from the memo
        for st in (first, again):
            assert st.by_first == fresh.by_first and st.surnames == fresh.surnames
            assert st.full_forms == fresh.full_forms
            assert all(type(f) is casing._Form for forms in st.by_first.values() for f in forms)
        assert again.by_first.get("no-such-first-word") is None
        key = next(iter(fresh.by_first))
        assert again.by_first.get(key) == fresh.by_first[key]
        assert sorted(again.by_first) == sorted(fresh.by_first)
        sample = next(iter(again.by_first.values()))[0]
        assert sample.words == casing._SPLIT.split(sample.form)


def test_user_gazetteers_are_not_memoized(tmp_path):
    ents = tmp_path / "extra.yml"
    ents.write_text("kind: gazetteer\npeople:\n  - name: Ivana Testova\n", encoding="utf-8")
    linter = Linter(options={"entities": (str(ents),)})
    assert _index_memo(linter.ctx.gazetteer) is None
    assert _index_memo(Gazetteer.from_data([("<mem>", {"people": ["Ivana Testova"]})])) is None
    rule = next(r for r in _cap_rules(linter) if r.params["terms"] == "gazetteer:people")
    state = Capitalization().prepare(rule, linter.ctx)
    assert any(f.form == "Ivana Testova" for f in state.by_first["ivana"])
