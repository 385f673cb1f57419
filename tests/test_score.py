"""The fluency score: orders the seeds as an editor would, explains itself, and is stable."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from conftest import DATA, SEEDS, run_cli
from mtcheck.api import Linter
from mtcheck.score import WEIGHTS, score_text

TASS = SEEDS / "003_89b6859ef618faba.txt"      # TASS via MT: garbled, casing, name variants
SPUTNIK = SEEDS / "000_38480385f09d1fd0.txt"   # fluent English with scraped boilerplate
CLEAN = DATA / "score" / "clean_en_excerpt.txt"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _clean_docs() -> list[str]:
    return [d for d in CLEAN.read_text(encoding="utf-8").split("\n\n") if d.strip()]


def test_seeds_order_and_clean_news_above_both(linter):
    tass = score_text(TASS.read_text(encoding="utf-8"), linter=linter).score
    sputnik = score_text(SPUTNIK.read_text(encoding="utf-8"), linter=linter).score
    clean = statistics.mean(score_text(d, linter=linter).score for d in _clean_docs())
    assert tass < sputnik - 10, (tass, sputnik)
    assert sputnik < clean and tass < clean
    assert clean > 90


def test_score_is_deterministic_and_not_length_alone(linter):
    text = SPUTNIK.read_text(encoding="utf-8")
    a, b = score_text(text, linter=linter), score_text(text, linter=linter)
    assert a.to_dict() == b.to_dict()
    # The same rate of problems over twice the length gives the same score …
    one = "The talks between Vladimir Putin and Donald trump ended in Helsinki on Monday afternoon, officials said."
    clean = "The two delegations met again on Tuesday and agreed to continue the consultations next month."
    short = score_text("\n".join([one, clean] * 2), linter=linter).score   # 64 words
    long_ = score_text("\n".join([one, clean] * 8), linter=linter).score   # 256 words
    assert short < 100
    assert abs(short - long_) < 1.0
    # … and a clean text scores the same, short or long.
    assert score_text(clean, linter=linter).score == score_text("\n".join([clean] * 6), linter=linter).score == 100


def test_components_name_their_category_and_weights(linter):
    res = score_text("The talks of Vladimir Putin and Donald trump ended.\nЧитайте также", linter=linter)
    comps = res.components
    assert comps["casing"].penalty > 0 and comps["untranslated"].penalty > 0
    assert comps["boilerplate"].penalty == 0
    for name, c in comps.items():
        assert c.penalty == pytest.approx(min(c.weight * c.value, c.cap), abs=0.01), name
    assert res.score == pytest.approx(max(0.0, 100 - sum(c.penalty for c in comps.values())), abs=0.1)
    # Every sentence has a span into the text and its own score; the bad ones are lower.
    assert [s.line for s in res.segments] == [1, 2]
    text = res.doc.text
    assert text[res.segments[0].start:res.segments[0].end].startswith("The talks")
    assert all(s.score < 100 for s in res.segments)


def test_lexical_components_without_findings():
    from mtcheck.config import Config
    text = "The the minister said that the the talks with the zorbulating delegation were useful."
    res = score_text(text, linter=Linter(Config(ignore=("MT715",))))
    assert res.components["repeated-word"].count == 2
    assert res.components["oov"].count == 1
    assert res.score < 100


def test_a_doubled_word_a_rule_reports_is_not_counted_twice(linter):
    """With MT715 (doubled-word) on, "the the" is a finding, and the lexical component
    leaves the words it covers alone: one penalty per problem."""
    text = "The the minister said that the the talks with the zorbulating delegation were useful."
    res = score_text(text, linter=linter)
    assert [f.rule for f in res.findings].count("MT715") == 2
    assert res.components["repeated-word"].count == 0
    assert res.score < 100


def test_segment_mode_json(tmp_path: Path):
    f = tmp_path / "mt.txt"
    f.write_text("The meeting ended on Monday.\nThe Minister of foreign Affairs Sergey Lavrov said.\n\n"
                 "Officials gave no details.\n", encoding="utf-8")
    proc = run_cli("score", "--lines", "--format", "json", str(f))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["version"] == 1
    entry = data["files"][0]
    assert entry["path"] == str(f)
    segs = entry["segments"]
    assert [s["line"] for s in segs] == [1, 2, 4]
    assert segs[0]["score"] == 100 and segs[2]["score"] == 100
    assert segs[1]["score"] < 100 and segs[1]["components"]["casing"]["penalty"] > 0
    assert set(data["weights"]) >= set(WEIGHTS)


def test_min_threshold_exit_codes():
    low = run_cli("score", str(TASS), "--min", "70")
    assert low.returncode == 1 and b"below --min" in low.stdout
    ok = run_cli("score", str(CLEAN), "--min", "70")
    assert ok.returncode == 0, ok.stdout
    bad = run_cli("score", str(TASS), "--format", "xml")
    assert bad.returncode == 2


def test_lint_score_text_and_json():
    text = run_cli("lint", "--score", str(SPUTNIK), str(TASS))
    lines = text.stdout.decode().splitlines()
    scores = {l.split(": score ")[0]: float(l.split(": score ")[1].split("/")[0]) for l in lines if ": score " in l}
    assert scores[str(TASS)] < scores[str(SPUTNIK)]
    data = json.loads(run_cli("lint", "--score", "--format", "json", str(SPUTNIK)).stdout)
    assert data["files"][0]["score"] == pytest.approx(scores[str(SPUTNIK)])
    plain = json.loads(run_cli("lint", "--format", "json", str(SPUTNIK)).stdout)
    assert "score" not in plain["files"][0]


def test_ignored_rules_do_not_count():
    full = json.loads(run_cli("score", "--format", "json", str(TASS)).stdout)["files"][0]
    no_casing = json.loads(run_cli("score", "--format", "json", "--ignore", "casing", str(TASS)).stdout)["files"][0]
    assert full["components"]["casing"]["penalty"] > 0
    assert no_casing["components"]["casing"]["penalty"] == 0
    assert no_casing["score"] == pytest.approx(full["score"] + full["components"]["casing"]["penalty"], abs=0.2)


def test_text_report_of_many_files_is_each_file_s_report_in_turn(tmp_path):
    """The text report is written file by file as results come: it must equal the
    single-file reports one after another (and an empty run prints one empty line)."""
    paths = [str(SPUTNIK), str(TASS), str(CLEAN)]
    together = run_cli("score", "--languagetool", "off", *paths)
    alone = [run_cli("score", "--languagetool", "off", p) for p in paths]
    assert together.stdout == b"".join(r.stdout for r in alone)
    assert together.stdout.count(b"/100 (") == 3
    empty = tmp_path / "none"
    empty.mkdir()
    assert run_cli("score", "--languagetool", "off", str(empty)).stdout == b"\n"


def test_an_empty_reference_is_an_input_error_not_a_crash(tmp_path):
    """BLEU/chrF/TER are undefined against an empty reference: the file gets an error
    naming the reference (exit 2), its own score is still printed, no traceback; an
    empty article against a real reference scores 0 BLEU."""
    (tmp_path / "hyp.txt").write_text("")
    (tmp_path / "ref.txt").write_text("\n")
    (tmp_path / "ref2.txt").write_text("The talks ended.\n")
    proc = run_cli("score", "--languagetool", "off", str(tmp_path / "hyp.txt"), "--ref", str(tmp_path / "ref.txt"))
    assert proc.returncode == 2 and b"is empty" in proc.stderr and b"Traceback" not in proc.stderr
    proc = run_cli("score", "--languagetool", "off", "--format", "json", str(tmp_path / "hyp.txt"),
                   "--ref", str(tmp_path / "ref2.txt"))
    assert proc.returncode == 0, proc.stderr
    ref = json.loads(proc.stdout)["files"][0]["reference"]
    assert ref["article"]["bleu"]["score"] == 0.0 and ref["article"]["ter"]["score"] == 100.0


def test_show_limits_the_lines_listed_with_lines(tmp_path):
    """--show N with --lines lists the N lowest-scoring lines, in line order."""
    f = tmp_path / "a.txt"
    f.write_text("The talks ended on Friday.\nDonald trump met the UN security Council.\n"
                 "The vote was held on Monday.\nRead more: Donald trump news\n")
    rows = lambda out: [l.split(":")[0].strip() for l in out.decode().splitlines() if l.strip().startswith("line ")]
    every = rows(run_cli("score", "--languagetool", "off", "--lines", "--show", "-1", str(f)).stdout)
    two = rows(run_cli("score", "--languagetool", "off", "--lines", "--show", "2", str(f)).stdout)
    none = rows(run_cli("score", "--languagetool", "off", "--lines", "--show", "0", str(f)).stdout)
    assert every == ["line 1", "line 2", "line 3", "line 4"]
    assert len(two) == 2 and two == sorted(two) and "line 2" in two
    assert none == []


def test_weight_explanations_carry_their_numbers_not_names():
    """The JSON report's 'why' read 'over LONG_SENTENCE words'."""
    from mtcheck.score import LONG_SENTENCE
    for name, w in WEIGHTS.items():
        assert not any(word.isupper() and "_" in word for word in w.why.split()), (name, w.why)
    assert f"over {LONG_SENTENCE} words" in WEIGHTS["long-sentence"].why
