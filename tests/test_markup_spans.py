"""Line rules in HTML/Markdown: a match ends before the markup that closes its line.

The prose view blanks tags to spaces, so a line rule's ``[^\\n]*`` ran on over "</p>":
the finding read 'READ MORE: x</p>', and its (unsafe) fix, which would have cut the tag,
was never applied.  Plain spaces at the end of a match are left alone."""

from __future__ import annotations

import json

HTML = "<p>The talks ended.</p>\n<p>READ MORE: Talks resume</p>\n<p>Tags: Syria</p>\n"


def test_findings_stop_before_the_closing_tag(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    r = cli("lint", "--no-cache", "--languagetool", "off", "--format", "json", str(page))
    found = {f["rule"]: f["text"] for f in json.loads(r.stdout)["files"][0]["findings"]}
    assert found == {"MT301": "READ MORE: Talks resume", "MT309": "Tags: Syria"}


def test_the_unsafe_fix_removes_the_line_and_keeps_the_tags(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    r = cli("fix", "--write", "--unsafe", "--languagetool", "off", str(page))
    assert r.returncode == 1, r.stderr
    assert page.read_text(encoding="utf-8") == "<p>The talks ended.</p>\n<p></p>\n<p></p>\n"


def test_markdown_comment_after_a_line_is_not_part_of_it(cli, tmp_path):
    story = tmp_path / "s.md"
    story.write_text("The talks ended.\n\nREAD MORE: Talks resume <!-- scraped -->\n", encoding="utf-8")
    r = cli("lint", "--no-cache", "--languagetool", "off", "--format", "json", str(story))
    [f] = [f for f in json.loads(r.stdout)["files"][0]["findings"] if f["rule"] == "MT301"]
    assert f["text"] == "READ MORE: Talks resume"
