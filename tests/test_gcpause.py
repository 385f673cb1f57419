"""The command pauses garbage collection for its start-up and resumes it after the
first file; library use is left alone."""

from __future__ import annotations

import gc

import pytest

from mtcheck import gcpause
from mtcheck.runner import RunOptions, Runner

ARTICLE = "The talks of Vladimir Putin and Donald trump ended in USA.\n"


@pytest.fixture
def files(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    return tmp_path


@pytest.fixture(autouse=True)
def restore_gc():
    threshold = gc.get_threshold()
    yield
    gcpause._paused = False
    gc.unfreeze()
    gc.enable()
    gc.set_threshold(*threshold)


def _runner() -> Runner:
    return Runner(RunOptions(use_cache=False, overrides={"languagetool": "off"}))


def test_paused_until_the_first_file_then_frozen_and_resumed(files):
    gcpause.pause()
    assert not gc.isenabled()
    runner = _runner()
    states = []
    first = runner.lint_one(str(files / "a.txt"))
    states.append((gc.isenabled(), gc.get_freeze_count() > 0, gc.get_threshold()[0]))
    results = [first] + runner.lint_all([str(files / "b.txt"), str(files / "c.txt")])
    assert states == [(True, True, gcpause.YOUNG)]   # and fewer young collections from now on
    assert all(r.findings for r in results)


def test_library_use_keeps_the_collector_as_it_was(files):
    before, threshold = gc.get_freeze_count(), gc.get_threshold()
    _runner().lint_all([str(files)])
    assert gc.isenabled() and gc.get_freeze_count() == before and gc.get_threshold() == threshold
    gc.disable()   # a caller's own choice stays
    _runner().lint_all([str(files)])
    assert not gc.isenabled()


def test_fix_and_entities_iteration_settle_too(files):
    gcpause.pause()
    items = _runner().inputs([str(files)])
    next(items)
    assert not gc.isenabled()          # the first input is being worked on
    next(items)
    assert gc.isenabled()              # resumed once the first one is done


def test_a_collector_set_to_never_run_stays_so(files):
    gc.set_threshold(0)
    gcpause.pause()
    _runner().lint_all([str(files)])
    assert gc.get_threshold()[0] == 0
