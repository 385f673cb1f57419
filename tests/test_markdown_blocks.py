"""Markdown blocks that are not prose (markup.py): TOML front matter is neither linted
nor fixed, like YAML front matter."""

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
