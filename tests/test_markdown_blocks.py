"""Markdown blocks that are not prose (markup.py): indented code blocks and TOML front
matter are neither linted nor fixed, while the indented text that CommonMark reads as
prose (list item paragraphs, paragraph continuations) still is."""

from __future__ import annotations

import pytest

from mtcheck.api import Linter
from mtcheck.document import Document
from mtcheck.fix import fix_text

# MT201 (lowercase-proper-name) reports "Donald trump" and fixes it safely.
BAD = "Donald trump met the press."
GOOD = "Donald Trump met the press."


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _lines(linter: Linter, text: str) -> list[int]:
    """Lines with an MT201 finding."""
    doc = Document.from_text(text, "story.md")
    return [doc.position(f.start)[0] for f in linter.lint_text(text, "story.md") if f.rule == "MT201"]


@pytest.mark.parametrize("text", [
    f"Intro.\n\n    {BAD}\n",                       # after a blank line
    f"    {BAD}\n",                                 # at the very start
    f"# Heading\n    {BAD}\n",                      # after a heading: no paragraph is open
    f"Intro.\n\n\t{BAD}\n",                         # a tab is 4 columns
    f"Intro.\n\n    x = 1\n\n    {BAD}\n",          # a blank line inside the block
    f"- item\n\n      {BAD}\n",                     # 4 columns past the item's content
    f"```\nfenced\n```\n    {BAD}\n",               # after a fence
])
def test_an_indented_code_block_is_not_linted(linter, text):
    assert _lines(linter, text) == []


@pytest.mark.parametrize("text, line", [
    (f"Intro line\n    {BAD}\n", 2),                 # a continuation: code cannot interrupt a paragraph
    (f"- item\n\n    {BAD}\n", 3),                   # the item's second paragraph (content at column 2)
    (f"1. first\n2. second\n\n    {BAD}\n", 4),      # content at column 3
    (f"- item\n  - nested\n\n      {BAD}\n", 4),     # the nested item's paragraph (content at 4)
    (f"Intro.\n\n   {BAD}\n", 3),                    # 3 spaces are not enough
    (f"Intro.\n\n    code\n{BAD}\n", 4),              # the block ends at a less indented line
])
def test_indented_prose_is_still_linted(linter, text, line):
    assert _lines(linter, text) == [line]


def test_the_fixer_leaves_an_indented_code_block_alone(linter):
    text = f"{BAD}\n\n    {BAD}\n\n- item\n\n    {BAD}\n"
    fixed = fix_text(linter, text, "story.md").text
    assert fixed == f"{GOOD}\n\n    {BAD}\n\n- item\n\n    {GOOD}\n"


def test_code_block_offsets_keep_later_positions(linter):
    text = f"Intro.\n\n    {BAD}\n    {BAD}\n\n{BAD}\n"
    assert _lines(linter, text) == [6]
    doc = Document.from_text(text, "story.md")
    assert len(doc.prose) == len(text) and doc.prose.count("\n") == text.count("\n")
    assert [(s.kind, text[s.start:s.end]) for s in doc.markup] == [("code", f"    {BAD}\n    {BAD}")]


@pytest.mark.parametrize("front", [f'+++\ntitle = "{BAD}"\n+++\n', f'+++\r\ntitle = "{BAD}"\r\n+++\r\n',
                                   f'---\ntitle: "{BAD}"\n---\n'])
def test_front_matter_is_not_linted(linter, front):
    text = f"{front}\n{BAD}\n"
    assert _lines(linter, text) == [front.count("\n") + 2]   # only the body's line
    fixed = fix_text(linter, text, "story.md").text
    assert fixed.startswith(front) and fixed.endswith(f"{GOOD}\n")


def test_empty_front_matter_is_front_matter():
    for fence in ("---", "+++"):
        doc = Document.from_text(f"{fence}\n{fence}\nBody.\n", "story.md")
        assert [(s.kind, s.start, s.end) for s in doc.markup] == [("front-matter", 0, 8)]


def test_toml_front_matter_only_at_the_start(linter):
    text = f"Intro.\n\n+++\ntitle = \"{BAD}\"\n+++\n"
    assert _lines(linter, text) == [4]
    assert _lines(linter, f"+++\ntitle = \"{BAD}\"\n---\n") == [2]   # "+++" must close it


def test_plain_text_has_no_code_blocks(linter):
    text = f"Intro.\n\n    {BAD}\n"
    assert [f.rule for f in linter.lint_text(text, "story.txt")] == ["MT201"]
