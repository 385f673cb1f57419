"""East Asian names with hyphenated given names ("Moon Jae-in", "Sun Yat-sen", "Lee
Jae-yong"): their second syllable is often an English word ("in"), their surname too
("Moon", "Sun"), so `mtcheck entities --all` lost them; ordinary capitalized words and
hyphenated English ("Sit-in", "Run-up") must not become names for it."""

from __future__ import annotations

import json

import pytest

from mtcheck.names.mentions import east_asian_given


@pytest.mark.parametrize("token", ["Jae-in", "Geun-hye", "Ki-moon", "Yat-sen", "Suk-yeol", "Kai-shek",
                                   "Jae-yong", "Kyung-wha", "Ing-wen", "Jae-In"])
def test_given_name_shapes(token):
    assert east_asian_given(token)


@pytest.mark.parametrize("token", ["Sit-in", "Run-up", "Tie-in", "Hip-hop", "Kremlin-backed", "Moscow-based",
                                   "Anti-war", "Jean-Claude", "Co-op", "jae-in", "JAE-IN", "Jae-in-law",
                                   "Ping-pong", "Tik-tok", "Chit-chat", "Boo-hoo", "Ding-dong", "Pom-pom"])
def test_english_and_other_shapes_are_not(token):
    assert not east_asian_given(token)


def _names(cli, tmp_path, text: str) -> dict[str, list[str]]:
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    r = cli("entities", "--all", "--format", "json", str(tmp_path / "story.txt"))
    assert r.returncode == 0, r.stderr
    return {n["canonical"]: [w["text"] for s in n["spellings"] for w in s["written"]]
            for n in json.loads(r.stdout)["names"]}


def test_moon_jae_in_is_found_at_a_sentence_start_and_mid_sentence(cli, tmp_path):
    names = _names(cli, tmp_path, "Moon Jae-in spoke on Monday. Reporters asked President Moon Jae-in again.\n")
    assert names.get("Moon Jae-in") == ["Moon Jae-in"]


def test_names_not_in_the_gazetteer_are_found_whole(cli, tmp_path):
    names = _names(cli, tmp_path, "Sun Yat-sen founded the party. Samsung chief Lee Jae-yong met "
                                  "Foreign Minister Kang Kyung-wha in Seoul.\n")
    written = {w for forms in names.values() for w in forms}
    assert {"Sun Yat-sen", "Lee Jae-yong", "Kang Kyung-wha"} <= written
    assert not any(w.startswith(("Foreign", "Minister")) for w in written)


def test_common_words_and_hyphenated_english_stay_out(cli, tmp_path):
    names = _names(cli, tmp_path, "Sun shone over the square on Monday. The sit-in went on. "
                                  "The Run-up to the vote was calm. Sit-in protesters left.\n")
    written = {w for forms in names.values() for w in forms}
    assert not written & {"Sun", "Run", "Sit", "Sit In", "Run Up", "Sit-in", "Run-up", "The Run-up"}


def test_a_function_word_is_no_surname(cli, tmp_path):
    names = _names(cli, tmp_path, "Reporters visited The Jae-in on Monday.\n")
    assert not any(w.startswith("The") for forms in names.values() for w in forms)


def test_lint_does_not_match_the_lower_case_syllable_against_other_names(cli, tmp_path):
    """'yong' of Lee Jae-yong is no variant of the 'Jong' of Kim Jong-un (MT601)."""
    story = tmp_path / "story.txt"
    story.write_text("Lee Jae-yong met Kim Jong-un. Lee Jae-yong left. Lee Jae-yong returned.\n", encoding="utf-8")
    r = cli("lint", "--select", "MT6", "--format", "json", "--no-cache", str(story))
    assert json.loads(r.stdout)["files"][0]["findings"] == []


def test_surname_words_of_the_gazetteer_are_not_names_when_they_only_open_sentences(cli, tmp_path):
    """The gazetteer's Moon Jae-in and Park Geun-hye made "Moon" and "Park" name words,
    so "Moon landing ..." and "Park rangers ..." opening sentences were listed as names."""
    names = _names(cli, tmp_path, "Moon landing anniversary was marked on Monday. Park rangers closed the road.\n")
    assert names == {}


def test_the_surname_alone_still_counts_in_a_story_about_the_person(cli, tmp_path):
    names = _names(cli, tmp_path, "Moon Jae-in arrived on Monday. Moon said the talks went well. "
                                  "Peskov said nothing.\n")
    assert names.get("Moon") == ["Moon"] and names.get("Moon Jae-in") == ["Moon Jae-in"]
    assert names.get("Peskov") == ["Peskov"]   # a rare word opening a sentence is still a name


@pytest.mark.parametrize("name,text", [
    ("story.md", "Kim **Jong-un** met Moon **Jae-in** in Seoul. Later Kim Jong-un left.\n"),
    ("story.html", "<p>Kim <b>Jong-un</b> met Moon <em>Jae-in</em>. Kim&nbsp;Jong-un left.</p>\n"),
])
def test_inline_markup_inside_a_name_keeps_the_name_whole(cli, tmp_path, name, text):
    """The prose view blanks markup, and three or more blanks between two words ended a
    name: 'Kim **Jong-un**' and 'Kim <b>Jong-un</b>' lost their surname and 'Jong Un'
    was listed as a person of its own."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    r = cli("entities", "--all", "--format", "json", str(tmp_path / name))
    assert r.returncode == 0, r.stderr
    names = {n["canonical"]: sorted(w["text"] for s in n["spellings"] for w in s["written"])
             for n in json.loads(r.stdout)["names"]}
    assert names.get("Kim Jong Un") == ["Kim Jong-un"]
    assert names.get("Moon Jae-in") == ["Moon Jae-in"]
    assert not any(c.startswith("Jong") or c.startswith("Jae") for c in names)


def test_a_block_tag_between_two_words_still_ends_a_name(cli, tmp_path):
    (tmp_path / "story.html").write_text("<p>He met Kim</p><p>Jong-un later.</p>\n", encoding="utf-8")
    r = cli("entities", "--all", "--format", "json", str(tmp_path / "story.html"))
    assert r.returncode == 0, r.stderr
    assert "Kim Jong Un" not in {n["canonical"] for n in json.loads(r.stdout)["names"]}
