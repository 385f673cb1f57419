"""The on-disk memo of prepare-time analyses: answers survive the process, code edits
invalidate them, and a broken or disabled cache only costs a recomputation."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


SCRIPT = """
    import sys
    from mtcheck.diskmemo import DiskMemo
    memo = DiskMemo("testmemo", sys.argv[0] if False else {code!r})
    calls = []
    def compute(x):
        calls.append(x)
        return [frozenset({{x, x.upper()}}), None, (1, 2.5)]
    def show(v):  # frozensets print in hash order, which differs between processes
        return [sorted(v[0]), v[1], v[2]]
    print(show(memo.get(("k", "a"), lambda: compute("a"))), show(memo.get(("k", "b"), lambda: compute("b"))),
          len(calls))
"""


def _env(tmp_path: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "MTCHECK_NO_RULE_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env.update(extra)
    return env


def test_answers_are_computed_once_across_processes(tmp_path):
    code_file = tmp_path / "analysis.py"
    code_file.write_text("VERSION = 1\n")
    env = _env(tmp_path)
    first = _run(SCRIPT.format(code=str(code_file)), env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().endswith(" 2")           # both computed
    second = _run(SCRIPT.format(code=str(code_file)), env)
    assert second.stdout.strip().endswith(" 0")          # both read from disk
    assert first.stdout.rsplit(" ", 1)[0] == second.stdout.rsplit(" ", 1)[0]  # same answers
    assert len(list((tmp_path / "cache" / "mtcheck").glob("testmemo-*.marshal"))) == 1


def test_editing_the_code_starts_a_fresh_memo(tmp_path):
    code_file = tmp_path / "analysis.py"
    code_file.write_text("VERSION = 1\n")
    env = _env(tmp_path)
    _run(SCRIPT.format(code=str(code_file)), env)
    code_file.write_text("VERSION = 2\n")
    again = _run(SCRIPT.format(code=str(code_file)), env)
    assert again.stdout.strip().endswith(" 2")


def test_corrupt_file_and_disabled_cache_recompute(tmp_path):
    code_file = tmp_path / "analysis.py"
    code_file.write_text("VERSION = 1\n")
    env = _env(tmp_path)
    _run(SCRIPT.format(code=str(code_file)), env)
    for f in (tmp_path / "cache" / "mtcheck").glob("testmemo-*.marshal"):
        f.write_bytes(b"\x00garbage")
    broken = _run(SCRIPT.format(code=str(code_file)), env)
    assert broken.returncode == 0 and broken.stdout.strip().endswith(" 2")
    off = _run(SCRIPT.format(code=str(code_file)), _env(tmp_path, MTCHECK_NO_RULE_CACHE="1"))
    assert off.stdout.strip().endswith(" 2")


def test_rule_prefilter_answers_are_the_same_from_the_memo(tmp_path):
    """The real user: pattern analyses read from disk equal the computed ones."""
    code = """
        from mtcheck.checks import prefilter
        pats = [r"\\b(?:said|noted) (?:in|at)\\b", r"READ MORE:", r"(?i)foreign ministry", r"[А-Яа-я]+"]
        def show(lits):
            return None if lits is None else sorted(sorted(s) for s in lits)
        print(repr([(show(prefilter.required_literals(p)), prefilter.required_core(p)) for p in pats]))
    """
    env = _env(tmp_path)
    cold = _run(code, env)
    warm = _run(code, env)
    off = _run(code, _env(tmp_path, MTCHECK_NO_RULE_CACHE="1"))
    assert cold.returncode == 0, cold.stderr
    assert cold.stdout == warm.stdout == off.stdout
    assert "said in" in cold.stdout


BOUNDED = """
    import sys
    from mtcheck.diskmemo import DiskMemo
    memo = DiskMemo("testmemo", {code!r}, limit=3, salt={salt!r})
    computed = []
    for key in {keys!r}:
        memo.get(key, lambda: computed.append(key) or key.upper())
    print(" ".join(computed) or "-", "|", " ".join(memo._load()))
"""


def test_a_full_memo_drops_its_oldest_answers_and_still_learns(tmp_path):
    """With a limit, a new answer pushes out the oldest one (in this run or stored by an
    earlier one), so the file stays bounded and the answers a run needs now are kept."""
    code_file = tmp_path / "analysis.py"
    code_file.write_text("VERSION = 1\n")
    env = _env(tmp_path)

    def run(keys):
        out = _run(BOUNDED.format(code=str(code_file), salt="", keys=keys), env)
        assert out.returncode == 0, out.stderr
        computed, stored = out.stdout.split("|")
        return computed.split(), stored.split()

    assert run(["a", "b", "c", "d"]) == (["a", "b", "c", "d"], ["b", "c", "d"])
    assert run(["d", "e"]) == (["e"], ["c", "d", "e"])      # d was stored, e pushes out b
    assert run(["e", "a"]) == (["a"], ["d", "e", "a"])      # a was dropped: computed again


def test_each_salt_has_a_file_of_its_own(tmp_path):
    """Answers valid for one installation or one set of data files (the salt) live in
    their own file: a run reads only those, however many others share the directory."""
    code_file = tmp_path / "analysis.py"
    code_file.write_text("VERSION = 1\n")
    env = _env(tmp_path)
    for salt, keys in (("install-1", ["a", "b"]), ("install-2", ["c"]), ("install-1", ["a", "x"])):
        out = _run(BOUNDED.format(code=str(code_file), salt=salt, keys=keys), env)
        assert out.returncode == 0, out.stderr
    assert out.stdout.split("|")[0].split() == ["x"]            # a was on install-1's file
    assert out.stdout.split("|")[1].split() == ["a", "b", "x"]  # and c is not in it
    assert len(list((tmp_path / "cache" / "mtcheck").glob("testmemo-*.marshal"))) == 2
