"""`mtcheck entities`: in-article variants, house-style inconsistencies across articles,
the json/csv formats, and --learn producing a gazetteer that `lint --entities` uses."""

from __future__ import annotations

import csv
import io
import json

import yaml

from conftest import SEEDS


def test_seeds_table_reports_both_views(cli):
    r = cli("entities", str(SEEDS))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    assert "003_89b6859ef618faba.txt: Butina written 4 ways: Butina ×2, Butinai ×2, Butino, Butynol" in out
    # one spelling per article, two across the archive: a house-style inconsistency
    section = out.split("across articles", 1)[1]
    assert "Sergey Lavrov" in section and "Sergei Lavrov" in section
    assert "Viktorov" not in section and "Bout" not in section


def test_seeds_json(cli):
    r = cli("entities", "--format", "json", str(SEEDS))
    data = json.loads(r.stdout)
    assert data["version"] == 1 and data["files"] == 2
    [inside] = data["in_document"]
    assert inside["canonical"] == "Butina" and inside["flagged"] == 4
    assert inside["path"].endswith("003_89b6859ef618faba.txt")
    [lavrov] = data["names"]
    assert lavrov["canonical"] == "Sergey Lavrov" and lavrov["gazetteer"] is True
    files = {s["spelling"]: [p.rsplit("/", 1)[-1] for p in s["files"]] for s in lavrov["spellings"]}
    assert files == {"Sergey Lavrov": ["003_89b6859ef618faba.txt"], "Sergei Lavrov": ["000_38480385f09d1fd0.txt"]}


def test_csv_and_all(cli):
    r = cli("entities", "--format", "csv", "--all", str(SEEDS))
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"))))
    assert set(rows[0]) == {"scope", "canonical", "spelling", "count", "files", "written"}
    corpus = {(row["canonical"], row["spelling"]): int(row["count"]) for row in rows if row["scope"] == "corpus"}
    assert corpus[("Sergey Lavrov", "Sergei Lavrov")] == 1
    assert corpus[("Viktorov", "Viktorov")] == 3   # --all lists names spelled one way too
    # "Donald trump" (seed 003, three times) is a mention of the gazetteer's Donald Trump
    assert corpus[("Donald Trump", "Donald Trump")] == 3


def _corpus(tmp_path):
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text(
        "Pavel Yarovenko, a pilot, was sentenced. Pavel Yarovenko appealed.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "The pilot Pavel Yarovenko was moved. His lawyer met Irina Morozkina.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(
        "Pavel Jarovenko wrote a letter. Irina Morozkina replied.\n", encoding="utf-8")
    return tmp_path


def test_learn_writes_a_gazetteer_that_lint_uses(tmp_path, cli):
    corpus = _corpus(tmp_path / "corpus")
    learned = tmp_path / "learned.yml"
    r = cli("entities", "--learn", str(learned), str(corpus))
    assert r.returncode == 0, r.stderr
    doc = yaml.safe_load(learned.read_text(encoding="utf-8"))
    assert doc["kind"] == "gazetteer"
    people = {p["name"]: p for p in doc["people"]}
    assert people["Pavel Yarovenko"]["aliases"] == ["Pavel Jarovenko"]
    assert "Irina Morozkina" in people and "aliases" not in people["Irina Morozkina"]

    story = tmp_path / "story.txt"
    story.write_text("Pavel Jarovenko spoke. Pavel Jarovenko left. Pavel Yarovenko returned.\n", encoding="utf-8")
    plain = json.loads(cli("lint", "--select", "MT601", "--format", "json", str(story)).stdout)
    assert [f["text"] for f in plain["files"][0]["findings"]] == ["Yarovenko"]
    with_learned = json.loads(cli("lint", "--select", "MT601", "--format", "json",
                                  "--entities", str(learned), str(story)).stdout)
    found = with_learned["files"][0]["findings"]
    assert [(f["text"], f["replacements"][0], f["fix"]) for f in found] == [
        ("Jarovenko", "Yarovenko", "safe"), ("Jarovenko", "Yarovenko", "safe")]


def test_missing_input_is_an_error(tmp_path, cli):
    r = cli("entities", str(tmp_path / "nope.txt"))
    assert r.returncode == 2


def _drift(tmp_path):
    """One person written "Jean-Claude Juncker" in one article and "Jean Claude Juncker"
    in another, and a made-up name hyphenated in one and not in the other: folded to one
    spelling each, but two house styles."""
    d = tmp_path / "drift"
    d.mkdir()
    (d / "a.txt").write_text("Jean-Claude Juncker met Anna-Maria Volkonskaya on Monday. "
                             "Jean-Claude Juncker spoke later.\n", encoding="utf-8")
    (d / "b.txt").write_text("Jean Claude Juncker met Anna Maria Volkonskaya in Brussels.\n", encoding="utf-8")
    return d


def test_table_shows_the_forms_as_written(tmp_path, cli):
    r = cli("entities", str(_drift(tmp_path)))
    assert r.returncode == 0, r.stderr
    section = r.stdout.decode("utf-8").split("across articles", 1)[1]
    # hyphenated and spaced forms are both listed, each with its own count and file
    assert "Jean-Claude Juncker ×2  (" in section and "a.txt)" in section
    assert "Jean Claude Juncker ×1  (" in section
    assert "Anna-Maria Volkonskaya ×1" in section and "Anna Maria Volkonskaya ×1" in section


def test_json_keeps_the_folded_spelling_and_adds_the_written_forms(tmp_path, cli):
    r = cli("entities", "--format", "json", str(_drift(tmp_path)))
    data = json.loads(r.stdout)
    [juncker] = [n for n in data["names"] if n["canonical"] == "Jean-Claude Juncker"]
    assert juncker["count"] == 3 and juncker["files"] == 2
    assert juncker["inconsistent"] is False   # one spelling once hyphens are folded: as before
    assert juncker["written_inconsistent"] is True
    [spelling] = juncker["spellings"]
    assert spelling["count"] == 3 and len(spelling["files"]) == 2
    written = {w["text"]: (w["count"], [p.rsplit("/", 1)[-1] for p in w["files"]]) for w in spelling["written"]}
    assert written == {"Jean-Claude Juncker": (2, ["a.txt"]), "Jean Claude Juncker": (1, ["b.txt"])}


def test_case_only_differences_are_shown_but_are_not_drift(tmp_path, cli):
    d = tmp_path / "case"
    d.mkdir()
    (d / "a.txt").write_text("The president Donald trump spoke on Monday.\n", encoding="utf-8")
    (d / "b.txt").write_text("The president Donald Trump spoke on Tuesday.\n", encoding="utf-8")
    data = json.loads(cli("entities", "--format", "json", "--all", str(d)).stdout)
    [trump] = [n for n in data["names"] if n["canonical"] == "Donald Trump"]
    assert trump["written_inconsistent"] is False   # a casing slip is lint's MT201, not house style
    forms = {w["text"]: w["count"] for s in trump["spellings"] for w in s["written"]}
    assert forms == {"Donald Trump": 1, "Donald trump": 1}
    assert json.loads(cli("entities", "--format", "json", str(d)).stdout)["names"] == []


def test_possessives_and_titles_are_not_part_of_the_written_form(tmp_path, cli):
    d = tmp_path / "poss"
    d.mkdir()
    (d / "a.txt").write_text("Foreign Minister Sergei Lavrov's aide met Sergei Lavrov.\n", encoding="utf-8")
    data = json.loads(cli("entities", "--format", "json", "--all", str(d)).stdout)
    [lavrov] = [n for n in data["names"] if n["canonical"] == "Sergey Lavrov"]
    assert [(w["text"], w["count"]) for s in lavrov["spellings"] for w in s["written"]] == [("Sergei Lavrov", 2)]


def test_csv_adds_a_written_column(tmp_path, cli):
    r = cli("entities", "--format", "csv", str(_drift(tmp_path)))
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"))))
    row = next(r for r in rows if r["canonical"] == "Jean-Claude Juncker")
    assert row["spelling"] == "Jean Claude Juncker" and row["count"] == "3"
    assert row["written"] == "Jean-Claude Juncker ×2; Jean Claude Juncker ×1"


def test_learn_names_people_as_the_articles_write_them(tmp_path, cli):
    d = tmp_path / "learn"
    d.mkdir()
    (d / "a.txt").write_text("Anna-Maria Volkonskaya spoke. Anna-Maria Volkonskaya left.\n", encoding="utf-8")
    (d / "b.txt").write_text("Anna-Maria Volkonskaya returned on Monday.\n", encoding="utf-8")
    learned = tmp_path / "names.yml"
    assert cli("entities", "--learn", str(learned), str(d)).returncode == 0
    text = learned.read_text(encoding="utf-8")
    assert "Anna-Maria Volkonskaya" in text and "Anna Maria" not in text


def test_written_forms_leave_markdown_markup_out(tmp_path, cli):
    d = tmp_path / "md"
    d.mkdir()
    (d / "a.md").write_text("Leader Kim *Jong-un* met reporters on Monday.\n", encoding="utf-8")
    data = json.loads(cli("entities", "--all", "--format", "json", str(d)).stdout)
    forms = [w["text"] for n in data["names"] for s in n["spellings"] for w in s["written"]]
    assert "Kim Jong-un" in forms and not any("*" in f for f in forms)


def test_learn_can_write_to_standard_output(tmp_path, cli):
    """--learn /dev/stdout was refused as 'not a regular file' (exit 2)."""
    corpus = _corpus(tmp_path / "corpus")
    r = cli("entities", "--learn", "/dev/stdout", "--format", "json", str(corpus))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    assert out.startswith("# Learned by `mtcheck entities --learn`")
    assert yaml.safe_load(out.split("\n{", 1)[0])["kind"] == "gazetteer"


def test_a_surname_alone_takes_the_gazetteer_spelling_across_articles(cli, tmp_path):
    """One-word mentions ("Zelenskyy met...") fold to no full form of the gazetteer
    ("Volodymyr Zelensky"), so the house-style view named the cluster after its commonest
    spelling, "Zelenskyy", while lint's MT601 calls that spelling a variant of "Zelensky".
    The gazetteer's surname is the canonical one now, when its people spell it one way."""
    for name, text in (("a.txt", "Zelenskyy met the press. Zelenskyy left.\n"), ("b.txt", "Zelenskiy arrived.\n"),
                       ("c.txt", "Later Zelensky spoke.\n"),
                       # Donald and Melania: one spelling of one surname
                       ("d.txt", "Later Trumpp said so.\n"), ("e.txt", "Later Trump said so.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    r = cli("entities", "--format", "json", str(tmp_path))
    assert r.returncode == 0, r.stderr
    names = {n["canonical"]: n for n in json.loads(r.stdout)["names"]}
    zel = names["Zelensky"]
    assert zel["gazetteer"] is True
    assert [s["spelling"] for s in zel["spellings"]][0] == "Zelensky"   # the canonical spelling first
    assert {s["spelling"] for s in zel["spellings"]} == {"Zelensky", "Zelenskyy", "Zelenskiy"}
    assert "Zelenskyy" not in names
    assert names["Trump"]["gazetteer"] is True
