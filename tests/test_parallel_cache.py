"""--jobs and the cache change speed, never results."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, SEEDS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """~60 articles: the seeds, real human translations, and mixes of both."""
    root = tmp_path_factory.mktemp("corpus")
    clean = [d for d in (DATA / "clean_en_sample.txt").read_text(encoding="utf-8").split("\n\n") if d.strip()]
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    n = 0
    for i in range(15):
        for j, text in enumerate(clean + seeds):
            if (i + j) % 2:
                continue
            body = text if i % 3 else text + "\n" + seeds[(i + j) % len(seeds)]
            (root / f"desk{i % 4}").mkdir(exist_ok=True)
            (root / f"desk{i % 4}" / f"story{n:03d}.txt").write_text(body, encoding="utf-8")
            n += 1
    assert n >= 40
    return root


def test_jobs_2_is_byte_identical_to_jobs_1(corpus, cli):
    one = cli("lint", "--format", "json", "--no-cache", "--jobs", "1", str(corpus))
    two = cli("lint", "--format", "json", "--no-cache", "--jobs", "2", str(corpus))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert b'"findings": []' in one.stdout or b"MT3" in one.stdout


def test_cache_reuses_and_invalidates(corpus, tmp_path, cli):
    cache = tmp_path / "cache"
    first = cli("lint", "--format", "json", "--cache-dir", str(cache), "--jobs", "1", str(corpus))
    assert (cache / "CACHEDIR.TAG").is_file() and len(list(cache.rglob("*.json"))) > 0
    again = cli("lint", "--format", "json", "--cache-dir", str(cache), "--jobs", "2", str(corpus))
    assert again.stdout == first.stdout
    # an edited file is linted again, not served stale from the cache
    target = sorted(corpus.rglob("*.txt"))[0]
    original = target.read_text(encoding="utf-8")
    try:
        target.write_text(original + "\nЧитайте также\n", encoding="utf-8")
        edited = cli("lint", "--format", "json", "--cache-dir", str(cache), "--select", "MT101", str(target))
        assert b"MT101" in edited.stdout
    finally:
        target.write_text(original, encoding="utf-8")
    # a different rule selection is a different cache entry
    only = cli("lint", "--format", "json", "--cache-dir", str(cache), "--select", "MT3", str(corpus))
    assert b'"rule": "MT2' not in only.stdout and b'"rule": "MT3' in only.stdout


def test_damaged_entries_are_relinted_and_markers_restored(corpus, tmp_path, cli):
    """An entry holding a JSON object instead of a list was served as "no findings"; the
    markers (CACHEDIR.TAG, .gitignore) of a directory that lost them were never put back,
    since a warm run writes no entries."""
    cache = tmp_path / "cache"
    args = ("lint", "--format", "json", "--jobs", "1", "--cache-dir", str(cache), str(corpus))
    first = cli(*args)
    for entry in cache.rglob("*.json"):
        entry.write_text("{}", encoding="utf-8")
    (cache / "CACHEDIR.TAG").unlink()
    (cache / ".gitignore").unlink()
    assert cli(*args).stdout == first.stdout
    assert (cache / "CACHEDIR.TAG").is_file() and (cache / ".gitignore").read_text() == "*\n"
    (cache / "CACHEDIR.TAG").unlink()
    assert cli(*args).stdout == first.stdout   # warm again, from the rewritten entries ...
    assert (cache / "CACHEDIR.TAG").is_file()  # ... and a run that writes nothing restores them


def test_score_jobs_2_is_byte_identical_to_jobs_1(corpus, cli):
    one = cli("score", "--format", "json", "--jobs", "1", str(corpus))
    two = cli("score", "--format", "json", "--jobs", "2", str(corpus))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and b'"score"' in one.stdout


def test_score_html_report(tmp_path, cli):
    out = tmp_path / "scores.html"
    r = cli("score", "--format", "html", "-o", str(out), str(SEEDS))
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "003_89b6859ef618faba.txt" in page and "000_38480385f09d1fd0.txt" in page
    assert "Fluency" in page and "<script" not in page.lower()


def test_entities_jobs_2_is_byte_identical_to_jobs_1(corpus, cli):
    one = cli("entities", "--format", "json", "--all", "--jobs", "1", str(corpus))
    two = cli("entities", "--format", "json", "--all", "--jobs", "2", str(corpus))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and len(one.stdout) > 100


def test_iter_all_yields_in_input_order_as_results_come(tmp_path, monkeypatch):
    """Runner.iter_all: the results of lint_all, in the same order (a file named again,
    also inside a folder, listed once where first named (walk.unique); unreadable inputs
    in place), and the first one handed out before the last file is linted, so that a
    caller can write and drop each (a serial run lints BATCH files together: 2 here)."""
    from mtcheck import runner as runner_module
    from mtcheck.runner import RunOptions, Runner

    for i in range(5):
        (tmp_path / f"s{i}.txt").write_text(f"Story {i}: Donald trump spoke.\n", encoding="utf-8")
    paths = [str(tmp_path / "s3.txt"), str(tmp_path / "missing.txt"), str(tmp_path),
             str(tmp_path / "s3.txt")]
    runner = Runner(RunOptions(overrides={"languagetool": "off"}))
    listed = runner.lint_all(paths)
    monkeypatch.setattr(runner_module, "BATCH", 2)
    linted = []
    real = runner.lint_many
    runner.lint_many = lambda ps: (linted.extend(ps), real(ps))[1]
    stream = runner.iter_all(paths)
    first = next(stream)
    assert first.path.endswith("s3.txt") and len(linted) == 2
    rest = list(stream)
    got = [first, *rest]
    assert [(r.path, r.error, [f.rule for f in r.findings]) for r in got] == \
        [(r.path, r.error, [f.rule for f in r.findings]) for r in listed]
    assert [r.path.rsplit("/", 1)[-1] for r in got] == \
        ["s3.txt", "missing.txt", "s0.txt", "s1.txt", "s2.txt", "s4.txt"]
    assert got[1].error and len(linted) == 5
