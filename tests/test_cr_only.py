"""Files whose lines end in a lone CR (classic Mac, some CMS exports) are linted as if
they ended in LF: same findings at the same lines and columns.  Line rules (READ MORE:,
Tags:, datelines) used to miss them: their patterns anchor lines on LF only, while
line numbers counted CRs."""

from __future__ import annotations

import json

import pytest

STORY = (
    "MOSCOW, July 21. / TASS /. The president Donald trump met the UN security Council.\n"
    "READ MORE: Talks on Syria resume in Geneva\n"
    "The talks ended late on Monday.\n"
    "Tags: Syria, Geneva\n"
)
MARKDOWN = "---\ntitle: x\n---\n# Talks\n\nRead also: Lavrov arrives in Ankara\n\nThe talks ended.\n"


def _findings(cli, path) -> list[tuple]:
    r = cli("lint", "--no-cache", "--languagetool", "off", "--format", "json", str(path))
    assert r.returncode in (0, 1), r.stderr
    return sorted((f["rule"], f["line"], f["column"], f["text"]) for f in json.loads(r.stdout)["files"][0]["findings"])


@pytest.mark.parametrize("name,text", [("story.txt", STORY), ("story.md", MARKDOWN)])
def test_cr_only_lines_lint_like_lf_lines(cli, tmp_path, name, text):
    lf = tmp_path / f"lf-{name}"
    cr = tmp_path / f"cr-{name}"
    lf.write_bytes(text.encode())
    cr.write_bytes(text.replace("\n", "\r").encode())
    expected = _findings(cli, lf)
    assert any(rule == "MT301" for rule, *_ in expected)
    assert _findings(cli, cr) == expected


def test_a_stray_cr_in_a_crlf_file_breaks_the_line_too(cli, tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(b"The talks ended.\r\nThey left.\rREAD MORE: Talks resume\r\n")
    assert [(r, line) for r, line, _c, _t in _findings(cli, mixed)] == [("MT301", 3)]


def test_fixing_a_cr_only_file_keeps_its_line_breaks(cli, tmp_path):
    cr = tmp_path / "cr.txt"
    cr.write_bytes(STORY.replace("\n", "\r").encode())
    r = cli("fix", "--write", "--languagetool", "off", str(cr))
    assert r.returncode == 1, r.stderr
    data = cr.read_bytes()
    assert b"\n" not in data and data.count(b"\r") == 4 and b"Donald Trump" in data


def test_an_untranslated_paragraph_is_one_finding_with_cr_line_breaks():
    """MT101 merges a run of Cyrillic over consecutive lines into one finding; the gap
    between the lines was tested for LF in the text, which keeps a CR-only file's CRs,
    so such a file got one finding per line and no '(3 lines)'."""
    from mtcheck.api import Linter
    lines = ["The minister spoke.", "Министр выступил на форуме.", "Он рассказал о планах.",
             "Встреча завершилась вечером.", "The talks ended."]
    linter = Linter()

    def found(newline: str) -> list[tuple]:
        return [(f.start, f.end, f.message.replace(newline, "\n")) for f in
                linter.lint_text(newline.join(lines) + newline, "a.txt") if f.rule == "MT101"]

    lf = found("\n")
    assert len(lf) == 1 and "(3 lines)" in lf[0][2]
    assert found("\r") == lf   # same length: same offsets


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_a_finding_is_one_line_of_the_text_report(cli, tmp_path, newline):
    """MT101 quotes an untranslated paragraph in its message, line breaks and all: the
    text report's 'path:line:col: CODE message' ran over several lines, and a CR-only
    file's lone CR put the terminal's cursor back over the path."""
    story = tmp_path / "story.txt"
    story.write_bytes(newline.join(["The minister spoke.", "Министр выступил на форуме.",
                                    "Он рассказал о планах.", "The talks ended.", ""]).encode())
    r = cli("lint", "--no-cache", "--languagetool", "off", "--select", "MT101", str(story))
    assert r.returncode == 1, r.stderr
    out = r.stdout.decode("utf-8")
    headers = [ln for ln in out.split("\n") if "MT101" in ln]
    assert len(headers) == 1 and "\r" not in headers[0]
    assert headers[0].startswith(f"{story}:2:1: MT101 untranslated Cyrillic text 'Министр выступил на форуме. Он")
    assert headers[0].endswith("(2 lines) in English copy (error)")
