"""Reference metrics must be exactly sacrebleu's: we run its own command line on the same files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, run_cli
from mtcheck.metrics import read_lines, reference_metrics

MT = DATA / "score" / "wmt23_mt.txt"
REF = DATA / "score" / "wmt23_ref.txt"


def _sacrebleu(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "sacrebleu", str(REF), "-i", str(MT), "-w", "4", *args],
                         capture_output=True, text=True, timeout=120, check=True)
    return out.stdout


def test_article_scores_match_sacrebleu_cli():
    ours = reference_metrics(MT.read_text(encoding="utf-8"), REF.read_text(encoding="utf-8"))
    cli = {d["name"]: d for d in json.loads(_sacrebleu("-m", "bleu", "chrf", "ter", "--chrf-word-order", "2"))}
    assert ours.aligned
    assert ours.article["bleu"].score == pytest.approx(cli["BLEU"]["score"], abs=1e-4)
    assert ours.article["chrf++"].score == pytest.approx(cli["chrF2++"]["score"], abs=1e-4)
    assert ours.article["ter"].score == pytest.approx(cli["TER"]["score"], abs=1e-4)
    assert ours.article["bleu"].signature == cli["BLEU"]["signature"]
    assert ours.article["chrf++"].signature == cli["chrF2++"]["signature"]
    assert ours.article["ter"].signature == cli["TER"]["signature"]
    cased = json.loads(_sacrebleu("-m", "ter", "--ter-case-sensitive"))
    assert ours.article["ter-cased"].score == pytest.approx(cased["score"], abs=1e-4)
    assert ours.article["ter-cased"].signature == cased["signature"]
    assert "case:mixed" in ours.article["ter-cased"].signature and "case:lc" in ours.article["ter"].signature


@pytest.mark.parametrize("metric,args", [("bleu", ["-m", "bleu"]),
                                         ("chrf++", ["-m", "chrf", "--chrf-word-order", "2"]),
                                         ("ter", ["-m", "ter"])])
def test_line_scores_match_sacrebleu_sentence_level(metric, args):
    ours = reference_metrics(MT.read_text(encoding="utf-8"), REF.read_text(encoding="utf-8"))
    cli = [float(x) for x in _sacrebleu(*args, "--sentence-level", "-b").split()]
    assert len(cli) == len(read_lines(MT.read_text(encoding="utf-8"))) == len(ours.lines)
    assert [row[metric] for row in ours.lines] == pytest.approx(cli, abs=1e-4)


def test_identical_text_is_perfect_and_casing_counts_only_in_cased_ter():
    text = "Foreign Minister Sergei Lavrov met his counterpart.\nThe talks lasted two hours.\n"
    same = reference_metrics(text, text)
    assert same.article["bleu"].score == pytest.approx(100.0)
    assert same.article["ter"].score == 0.0
    lower = reference_metrics(text.replace("Lavrov", "lavrov"), text)
    assert lower.article["ter"].score == 0.0
    assert lower.article["ter-cased"].score > 0.0


def test_unaligned_texts_score_as_one_segment_with_a_note():
    out = reference_metrics("One line only, about the talks.\n", "First line.\nSecond line about the talks.\n")
    assert not out.aligned and out.lines == [] and "one segment" in out.note
    assert 0 < out.article["chrf++"].score < 100


def test_cli_ref_file_and_directory(tmp_path: Path):
    hyp_dir, ref_dir = tmp_path / "mt", tmp_path / "ref"
    hyp_dir.mkdir()
    ref_dir.mkdir()
    (hyp_dir / "story.txt").write_bytes(MT.read_bytes())
    (ref_dir / "story.txt").write_bytes(REF.read_bytes())
    proc = run_cli("score", str(hyp_dir), "--ref", str(ref_dir), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    ref = data["files"][0]["reference"]
    cli = {d["name"]: d for d in json.loads(_sacrebleu("-m", "bleu", "chrf", "--chrf-word-order", "2"))}
    assert ref["article"]["bleu"]["score"] == pytest.approx(cli["BLEU"]["score"], abs=1e-4)
    assert ref["article"]["chrf++"]["signature"] == cli["chrF2++"]["signature"]
    assert len(ref["lines"]) == 8 and ref["lines"][0]["line"] == 1
    text = run_cli("score", str(MT), "--ref", str(REF))
    assert b"bleu" in text.stdout and b"nrefs:1|case:mixed" in text.stdout
    missing = run_cli("score", str(MT), "--ref", str(tmp_path / "nope"))
    assert missing.returncode == 2 and b"no reference file" in missing.stderr
