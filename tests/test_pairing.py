"""--source and --ref pair each input with the file at the longest matching trailing path.

Before, both took the file of the same name in the top of the folder, so in a tree of
articles every ``a.txt`` was compared with the one ``ref/a.txt`` (or, with --source, with
nothing: subfolders of the source folder were never read).
"""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from mtcheck.pairing import pair, tails


def test_tails_longest_first_never_leaving_the_folder():
    assert list(tails("mt/2023/a.txt")) == ["mt/2023/a.txt", "2023/a.txt", "a.txt"]
    assert list(tails("./mt/a.txt")) == ["mt/a.txt", "a.txt"]
    assert list(tails("/abs/mt/a.txt")) == ["abs/mt/a.txt", "mt/a.txt", "a.txt"]
    assert list(tails("../up/a.txt")) == ["up/a.txt", "a.txt"]
    assert pair("mt/2023/a.txt", {"a.txt", "2023/a.txt"}.__contains__) == "2023/a.txt"
    assert pair("mt/2024/a.txt", {"a.txt", "2023/a.txt"}.__contains__) == "a.txt"
    assert pair("mt/b.txt", {"a.txt"}.__contains__) is None


@pytest.fixture
def tree(tmp_path):
    """Two articles named a.txt in two years, each with its own reference and original."""
    texts = {"2023": ("In 2023, 15 people were injured in the fire.", "В 2023 году при пожаре пострадали 15 человек.",
                      "In 2023, 15 people were hurt in the fire."),
             "2024": ("The talks ended on Monday.", "Переговоры завершились в понедельник, 40 участников уехали.",
                      "The negotiations ended on Monday.")}
    for year, (mt, src, ref) in texts.items():
        for folder, text in (("mt", mt), ("src", src), ("ref", ref)):
            d = tmp_path / folder / year
            d.mkdir(parents=True)
            (d / "a.txt").write_text(text + "\n", encoding="utf-8")
    return tmp_path


def test_score_ref_pairs_a_mirrored_tree_by_path(tree):
    run = run_cli("score", "--languagetool", "off", "--format", "json", "mt", "--ref", "ref", cwd=tree)
    assert run.returncode == 0, run.stderr.decode()
    files = {f["path"].replace("\\", "/"): f for f in json.loads(run.stdout)["files"]}
    for year in ("2023", "2024"):
        assert files[f"mt/{year}/a.txt"]["reference"]["path"].replace("\\", "/") == f"ref/{year}/a.txt"
    # different references, different scores (one file paired with both gave one number twice)
    chrf = [files[f"mt/{y}/a.txt"]["reference"]["article"]["chrf++"]["score"] for y in ("2023", "2024")]
    assert chrf[0] != chrf[1]


def test_score_ref_still_pairs_a_flat_folder_by_name(tree):
    (tree / "flat").mkdir()
    (tree / "flat" / "a.txt").write_text("The talks ended on Monday.\n", encoding="utf-8")
    run = run_cli("score", "--languagetool", "off", "--format", "json", "mt/2024", "--ref", "flat", cwd=tree)
    assert run.returncode == 0, run.stderr.decode()
    entry = json.loads(run.stdout)["files"][0]
    assert entry["reference"]["path"].replace("\\", "/") == "flat/a.txt"
    assert entry["reference"]["article"]["chrf++"]["score"] == pytest.approx(100.0)


def test_lint_source_pairs_a_mirrored_tree_by_path(tree):
    """Only 2024's original has a number (40) its translation lacks: MT901 there only."""
    run = run_cli("lint", "--no-cache", "--languagetool", "off", "--select", "MT9", "--format", "json",
                  "mt", "--source", "src", cwd=tree)
    found = {f["path"].replace("\\", "/"): [x["rule"] for x in f["findings"]] for f in json.loads(run.stdout)["files"]}
    assert found == {"mt/2023/a.txt": [], "mt/2024/a.txt": ["MT901"]}, found
