"""Files whose lines end in CRLF (Windows editors, many CMS exports) lint like LF files.

Rule patterns anchor line ends with ``$``, which holds only before LF: every line rule
ending in ``[ \\t]*$`` missed a CRLF line (on the bench corpus written with CRLF, 37 of
1,245 findings were lost: agency end markers, page timestamps, dash attributions).  The
per-rule check is tests/test_rule_examples.py (every example, LF vs CRLF); here the
pattern rewrite itself, the Markdown view and whole stories through the CLI.
"""

from __future__ import annotations

import json

import pytest

from mtcheck.checks.line_ends import crlf_line_ends
from mtcheck.document import Document


@pytest.mark.parametrize("pattern,expected", [
    (r"ago[ \t]*$", r"ago[ \t]*(?=\r?$)"),
    (r"^a$|^b$", r"^a(?=\r?$)|^b(?=\r?$)"),
    (r"costs \$5$", r"costs \$5(?=\r?$)"),          # an escaped dollar is a dollar sign
    (r"[$€£]\d+", r"[$€£]\d+"),                       # so is one in a class
    (r"x[]$]y", r"x[]$]y"),                           # "]" first in a class is a member
    (r"x[^]$]$", r"x[^]$](?=\r?$)"),
    (r"[[:punct:]$]+$", r"[[:punct:]$]+(?=\r?$)"),    # a POSIX class does not end the set
    (r"(?#till $)end$", r"(?#till $)end(?=\r?$)"),    # a comment is not a pattern
    (r"\\$", r"\\(?=\r?$)"),                          # an escaped backslash, then the anchor
    (r"no anchor", r"no anchor"),
])
def test_line_end_anchors_are_rewritten_and_nothing_else(pattern, expected):
    assert crlf_line_ends(pattern) == expected


def test_a_rewritten_pattern_matches_as_before_on_lf_and_now_on_crlf():
    import regex
    pattern = r"(?:^[ \t]*|(?<=\S)[ \t]+)(?:-0-|\(END\))[ \t]*$"
    old = regex.compile(pattern, regex.MULTILINE)
    new = regex.compile(crlf_line_ends(pattern), regex.MULTILINE)
    lf = "The talks ended. -0-\nMore text (END)  \nNo marker -0- here\n(END)"
    assert [m.span() for m in new.finditer(lf)] == [m.span() for m in old.finditer(lf)] != []
    crlf = lf.replace("\n", "\r\n")
    assert [m.group() for m in new.finditer(crlf)] == [m.group() for m in old.finditer(lf)]
    assert list(old.finditer(crlf))[:-1] == []   # what was missed: all but the last line


MARKDOWN = """---
title: Talks in Geneva
---
# Talks resume in Geneva

MOSCOW, July 21. The president Donald trump met the UN security Council.
READ MORE: Talks on Syria resume in Geneva

[tass]: https://tass.com/politics/123 "TASS"
  [2]: http://example.com/z 'READ MORE: a title'

```
READ MORE: inside a fence -0-
```

    READ MORE: indented code

The talks ended late on Monday. -0-
5 minutes ago
"""


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_the_prose_view_of_a_crlf_file_is_the_lf_view_with_its_crs(fmt):
    """Markup (link definitions, fences, indented code, front matter) is blanked out of
    the prose alike: the link definition's ``[ \\t]*$`` missed CRLF lines, so their URLs
    and titles were linted as prose."""
    text = MARKDOWN if fmt != "html" else "<p>" + MARKDOWN.replace("\n\n", "</p>\n<p>") + "</p>"
    lf = Document.from_text(text, fmt=fmt).prose
    crlf = Document.from_text(text.replace("\n", "\r\n"), fmt=fmt).prose
    assert crlf.replace("\r\n", "\n") == lf


def _report(cli, path) -> list[tuple]:
    r = cli("lint", "--no-cache", "--languagetool", "off", "--format", "json", str(path))
    assert r.returncode in (0, 1), r.stderr
    return sorted((f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"])
                  for f in json.loads(r.stdout)["files"][0]["findings"])


STORY = (
    "MOSCOW, July 21. / TASS /. The president Donald trump met the UN security Council.\n"
    "READ MORE: Talks on Syria resume in Geneva\n"
    "Министр выступил на форуме.\nОн рассказал о планах.\n"
    "\"We will continue,\" - emphasized the minister.\n"
    "7 minutes ago\n"
    "The talks ended late on Monday. -0-\n"
)


@pytest.mark.parametrize("name,text", [("story.txt", STORY), ("story.md", MARKDOWN)])
def test_a_crlf_file_gets_the_findings_of_its_lf_twin(cli, tmp_path, name, text):
    lf, crlf = tmp_path / f"lf-{name}", tmp_path / f"crlf-{name}"
    lf.write_bytes(text.encode())
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    expected = _report(cli, lf)
    rules = {rule for rule, *_ in expected}
    assert {"MT308", "MT313"} <= rules   # line-end rules are in the comparison
    if name == "story.txt":
        assert {"MT101", "MT401"} <= rules
    assert _report(cli, crlf) == expected   # messages too: MT101 quotes lines as LF


def test_fixing_a_crlf_file_keeps_crlf(cli, tmp_path):
    lf, crlf = tmp_path / "lf.txt", tmp_path / "crlf.txt"
    lf.write_bytes(STORY.encode())
    crlf.write_bytes(STORY.replace("\n", "\r\n").encode())
    for path in (lf, crlf):
        r = cli("fix", "--write", "--unsafe", "--languagetool", "off", str(path))
        assert r.returncode == 1, r.stderr
    fixed = lf.read_bytes()
    assert b"-0-" not in fixed and b"Donald Trump" in fixed
    assert crlf.read_bytes() == fixed.replace(b"\n", b"\r\n")
