"""mtcheck.records: the lint path's record classes behave as ``@dataclass`` ones do.

Each case defines one class body twice, once with ``dataclasses`` and once with
``records``, and compares what callers can see: construction, defaults, repr, equality,
hashing, frozenness, ``__post_init__``, fields, replace and pickling.
"""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys

import pytest

from mtcheck import records
from mtcheck.config import Config
from mtcheck.findings import Finding, Severity


@records.record(frozen=True)
class Picklable:
    """A frozen record at module level (pickle finds classes by name)."""

    name: str
    count: int = 0
    tags: tuple = ()
    note: str = records.field(default="", compare=False)


def _pair(frozen: bool = False, post_init: bool = False):
    """The same class made both ways: (dataclass version, record version)."""
    made = []
    for deco, fld in ((dataclasses.dataclass(frozen=frozen), dataclasses.field),
                      (records.record(frozen=frozen), records.field)):
        ns = {"deco": deco, "field": fld, "post_init": post_init}
        exec(  # the one body, decorated each way
            "@deco\n"
            "class Item:\n"
            "    name: str\n"
            "    count: int = 0\n"
            "    tags: list = field(default_factory=list)\n"
            "    note: str = field(default='', compare=False)\n"
            "    cache: object = field(default=None, repr=False, compare=False)\n"
            "    if post_init:\n"
            "        def __post_init__(self):\n"
            "            if self.count < 0:\n"
            "                raise ValueError('negative count')\n", ns)
        made.append(ns["Item"])
    return made


@pytest.mark.parametrize("frozen", [False, True])
def test_construction_repr_and_equality_match_dataclasses(frozen):
    dc, rc = _pair(frozen)
    for args, kwargs in [(("a",), {}), (("a", 2), {}), (("a",), {"tags": ["x"], "note": "n"}),
                         ((), {"name": "b", "count": 3, "cache": 1})]:
        d, r = dc(*args, **kwargs), rc(*args, **kwargs)
        assert repr(d) == repr(r)
        assert [getattr(d, f.name) for f in dataclasses.fields(d)] == [getattr(r, f.name) for f in records.fields(r)]
    # equality ignores compare=False fields, and only holds between instances of one class
    assert rc("a", note="x", cache=1) == rc("a", note="y", cache=2)
    assert rc("a", 1) != rc("a", 2)
    assert rc("a") != dc("a")
    assert (rc("a") == "a") is False


def test_defaults_made_by_a_factory_are_not_shared():
    _dc, rc = _pair()
    one, two = rc("a"), rc("b")
    one.tags.append("x")
    assert two.tags == []


def test_frozen_records_refuse_assignment_and_hash_by_compared_fields():
    dc, rc = _pair(frozen=True)
    r = rc("a", 1, tags=(), note="x")
    with pytest.raises(AttributeError):
        r.count = 2
    with pytest.raises(records.FrozenInstanceError):
        del r.name
    assert hash(r) == hash(rc("a", 1, tags=(), note="other"))
    assert hash(r) == hash(dc("a", 1, tags=(), note="x"))   # the tuple of compared fields, as there
    assert {r, rc("a", 1, tags=())} == {r}
    with pytest.raises(TypeError):   # a list among the compared fields: unhashable in both
        hash(rc("a"))
    with pytest.raises(TypeError):
        hash(dc("a"))
    # the same hashability as dataclasses: frozen yes, mutable no
    mutable_dc, mutable_rc = _pair(frozen=False)
    for cls in (mutable_dc, mutable_rc):
        with pytest.raises(TypeError):
            hash(cls("a"))


@pytest.mark.parametrize("frozen", [False, True])
def test_post_init_runs_on_construction_and_on_replace(frozen):
    _dc, rc = _pair(frozen, post_init=True)
    with pytest.raises(ValueError, match="negative count"):
        rc("a", -1)
    r = rc("a", 1, tags=["t"])
    with pytest.raises(ValueError):
        records.replace(r, count=-5)
    copy = records.replace(r, count=7)
    assert (copy.name, copy.count, copy.tags) == ("a", 7, ["t"])
    assert r.count == 1


def test_fields_replace_and_pickle():
    dc, rc = _pair(frozen=True)
    assert [f.name for f in records.fields(rc)] == [f.name for f in dataclasses.fields(dc)]
    assert records.fields(rc("a")) == records.fields(rc)
    with pytest.raises(TypeError):
        records.fields(object())
    r = Picklable("a", 2, tags=("t",), note="n")
    back = pickle.loads(pickle.dumps(r))
    assert back == r and back.note == "n" and type(back) is Picklable and hash(back) == hash(r)


def test_a_field_without_default_after_one_with_is_refused():
    with pytest.raises(TypeError, match="non-default argument"):
        @records.record
        class Bad:
            a: int = 0
            b: int


def test_the_real_records_keep_their_contracts():
    f = Finding("MT1", "n", "casing", Severity.WARNING, "m", 0, 3, data={"x": 1})
    g = Finding("MT1", "n", "casing", Severity.WARNING, "m", 0, 3)
    assert f == g and hash(f) == hash(g)          # data is neither compared nor hashed
    with pytest.raises(ValueError):                # __post_init__ still validates
        Finding("MT1", "n", "nonsense", Severity.WARNING, "m", 0, 3)
    cfg = records.replace(Config(), exclude=("drafts/*",))
    assert cfg.exclude == ("drafts/*",) and {cfg: 1}[records.replace(Config(), exclude=("drafts/*",))] == 1
    with pytest.raises(AttributeError):
        cfg.select = ("MT1",)


@pytest.mark.parametrize("argv", [["lint", "--no-cache"], ["fix", "--diff"]])
def test_lint_and_fix_runs_do_not_import_dataclasses(tmp_path, argv):
    """What records.py is for: a lint or fix run (the pre-commit hooks' commands) never
    imports dataclasses, nor inspect with it (-X importtime lists every import)."""
    article = tmp_path / "a.txt"
    article.write_text("The talks in USA ended.\nDonald trump said.\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "mtcheck", *argv, "--languagetool", "off",
                          str(article)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1, run.stderr[-2000:]   # findings: the run really linted
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "mtcheck.findings" in imported
    assert not imported & {"dataclasses", "inspect"}
