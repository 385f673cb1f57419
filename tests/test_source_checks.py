"""Source-aware checks (MT9xx): rule examples, silence without a source, real WMT23 pairs, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, SEEDS, run_cli
from mtcheck.api import Linter
from mtcheck.checks.source import en_values, romanizations, ru_numbers, ru_stem
from mtcheck.config import Config
from mtcheck.rules import load_rules

SOURCE_RULES = [r for r in load_rules().rules if r.kind == "source"]
PAIRS = [json.loads(line) for line in (DATA / "score" / "wmt23_source_pairs.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(select=("source-mismatch",)))


def _lint(linter: Linter, source: str | None, text: str) -> list:
    linter.ctx.options["source_texts"] = {"*": source} if source is not None else {}
    try:
        return linter.lint_text(text)
    finally:
        linter.ctx.options["source_texts"] = {}


def _examples():
    for rule in SOURCE_RULES:
        for kind in ("bad", "good"):
            for i, ex in enumerate(rule.examples[kind]):
                src, _, tgt = ex.partition("\n---\n")
                yield pytest.param(rule.code, kind, src, tgt, id=f"{rule.code}-{kind}-{i}")


def test_all_four_rules_exist():
    assert [r.code for r in SOURCE_RULES] == ["MT901", "MT902", "MT903", "MT904"]
    assert all(r.category == "source-mismatch" for r in SOURCE_RULES)


@pytest.mark.parametrize("code,kind,src,tgt", list(_examples()))
def test_rule_examples(linter, code, kind, src, tgt):
    assert src and tgt, "examples are 'source\\n---\\ntranslation'"
    found = [f for f in _lint(linter, src, tgt) if f.rule == code]
    assert bool(found) == (kind == "bad"), [f.message for f in found]


def test_silent_without_source(linter):
    for rule in SOURCE_RULES:
        for ex in rule.examples["bad"]:
            assert _lint(linter, None, ex.partition("\n---\n")[2]) == []
    assert _lint(linter, None, SEEDS.joinpath("003_89b6859ef618faba.txt").read_text(encoding="utf-8")) == []


def test_number_reading():
    vals = [n.values for n in ru_numbers("Выделено 3,5 млрд рублей и 20 000 долларов 15.07.2023 в 18:30")]
    assert {3.5, 3.5e9} in [set(v) for v in vals]
    assert any(20000.0 in v for v in vals)
    assert any(2023.0 in v for v in vals) and any(15.0 in v for v in vals)
    assert any(6.0 in v for v in vals)  # 18:30 may be "6.30 pm"
    assert {3.5, 3.5e9, 20000.0, 12.0} <= en_values("3.5 billion rubles and $20,000, twelve people")


def test_romanization_schemes_cover_common_spellings():
    assert {"zakharov", "zaharov"} <= romanizations("захаров")
    assert ru_stem("Лаврову") == "лавров" and ru_stem("Захаровой") == "захаров"


def test_real_pairs_reference_nearly_clean_weak_systems_not(linter):
    ref_findings = sum(len(_lint(linter, p["source"], p["reference"])) for p in PAIRS)
    mt_findings = sum(len(_lint(linter, p["source"], p["mt"])) for p in PAIRS)
    assert ref_findings <= 1
    assert mt_findings >= 8
    flagged = {(p["doc"], p["segment"], p["system"]) for p in PAIRS if _lint(linter, p["source"], p["mt"])}
    # The dropped surname (the minister named in the source is "the Minister" in the output).
    assert any(p["system"].startswith("NLLB") and "Кобзев" in p["source"] and (p["doc"], p["segment"], p["system"]) in flagged
               for p in PAIRS)


def test_whole_article_alignment_and_cli_directory(tmp_path: Path):
    src_dir, mt_dir = tmp_path / "src", tmp_path / "mt"
    src_dir.mkdir()
    mt_dir.mkdir()
    pairs = [p for p in PAIRS if p["system"] == PAIRS[0]["system"]][:6]
    (src_dir / "story.txt").write_text("\n".join(p["source"] for p in pairs) + "\n", encoding="utf-8")
    (mt_dir / "story.txt").write_text("\n".join(p["mt"] for p in pairs) + "\n", encoding="utf-8")
    (mt_dir / "other.txt").write_text("\n".join(p["reference"] for p in pairs) + "\n", encoding="utf-8")
    proc = run_cli("lint", str(mt_dir), "--source", str(src_dir), "--select", "MT9", "--format", "json")
    data = json.loads(proc.stdout)
    by_path = {Path(f["path"]).name: f["findings"] for f in data["files"]}
    assert by_path["story.txt"] and all(f["category"] == "source-mismatch" for f in by_path["story.txt"])
    assert by_path["other.txt"] == []  # no source of that name: nothing to compare
    # The same article with one line merged: not aligned, checked as a whole, still reported.
    merged = tmp_path / "merged.txt"
    merged.write_text(" ".join(p["mt"] for p in pairs) + "\n", encoding="utf-8")
    proc = run_cli("lint", str(merged), "--source", str(src_dir / "story.txt"), "--select", "MT9",
                   "--format", "json")
    assert json.loads(proc.stdout)["files"][0]["findings"]


def test_name_spellings_across_lines_prefer_the_standard_romanization():
    linter = Linter(Config(select=("MT903",)))
    src = "Андрей Кожевников приехал в город.\nКожевников выступил на собрании.\nКожевников уехал вечером."
    found = _lint(linter, src, "Andrei Kojevnikov arrived in the city.\nKojevnikov spoke at the meeting.\n"
                               "Kozhevnikov left in the evening.")
    assert len(found) == 2 and {f.replacements for f in found} == {("Kozhevnikov",)}
    # A woman and a man of the same family are not one name spelled two ways.
    src = "Анна Алексеева и Иван Алексеев приехали.\nАлексеева выступила."
    assert _lint(linter, src, "Anna Alekseeva and Ivan Alekseev arrived.\nAlekseeva spoke.") == []


def test_cache_keeps_files_of_the_same_text_apart_under_source(tmp_path: Path):
    """With --source, a file's findings depend on the original of its own name: two
    translations of the same text must not share a cache entry (they did: the second
    was served the first one's findings, cold or warm)."""
    src_dir, mt_dir = tmp_path / "ru", tmp_path / "en"
    src_dir.mkdir()
    mt_dir.mkdir()
    (src_dir / "a.txt").write_text("15 марта 2023 года президент Путин встретился со 120 делегатами в Москве.\n",
                                   encoding="utf-8")
    (src_dir / "b.txt").write_text("17 мая 2021 года Шойгу встретился с 450 делегатами в Казани.\n",
                                   encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (mt_dir / name).write_text("On 15 March 2023, President Putin met 120 delegates in Moscow.\n",
                                   encoding="utf-8")

    def findings(*extra: str) -> dict[str, int]:
        proc = run_cli("lint", "--languagetool", "off", "--source", str(src_dir), "--select", "MT9",
                       "--format", "json", *extra, str(mt_dir / "b.txt"), str(mt_dir / "a.txt"))
        return {Path(f["path"]).name: len(f["findings"]) for f in json.loads(proc.stdout)["files"]}

    expected = findings("--no-cache")
    assert expected["a.txt"] == 0 and expected["b.txt"] > 0
    cache = str(tmp_path / "cache")
    assert findings("--cache-dir", cache) == expected   # cold
    assert findings("--cache-dir", cache) == expected   # warm
