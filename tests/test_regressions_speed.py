"""Answers the speed work (since commit 22efbd8) changed, found by a differential test.

The old and the new code were run on ~40,000 inputs (every WMT 2023 ru-en system output
and reference, clean-en, the seeds, and case / script / markup / line-end / quote /
Unicode transforms of them; see bench/difftest_speed.md).  Every difference came from one
character, U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE ("İzmir", "İlham"), the only
character whose lower-case and case-folded forms are two characters long.

* Fixed (old answer wrong, new right): the capitalization check used to lower-case the
  whole prose and cut token offsets out of it, so after an "İ" every offset was shifted
  and place and person names were missed.  Guarded below so it stays fixed.
* Regression, fixed: the pattern pre-check looked for a case-insensitive rule's
  literals in ``prose.casefold()``, where "THİS" becomes "thi̇s" (i + combining dot)
  and so lacks "this", while the ``regex`` module's IGNORECASE matches "İ" to "i"; it
  skipped a rule the regex would match.  Now an article whose case fold changes its
  length gets no pre-check.

Texts are written here for the purpose; the expected findings are what an editor would
want, the same as for the text with a plain "I".
"""

from __future__ import annotations

import pytest

from mtcheck.api import Linter

_DOTTED_I = "\u0130"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _spans(linter: Linter, text: str, code: str) -> list[str]:
    return [text[f.start:f.end] for f in linter.lint_text(text) if f.rule == code]


def test_place_name_after_a_turkish_dotted_capital_i_is_still_found(linter):
    # "russia" needs a capital whatever precedes it; the 22efbd8 code missed it here
    # because "İ".lower() is two characters and shifted every later offset.
    text = f"The {_DOTTED_I}zmir delegation met officials in russia."
    assert _spans(linter, text, "MT203") == ["russia"]


def test_person_name_after_a_turkish_dotted_capital_i_is_found_whole(linter):
    # the full name, as without the dotted I (the old code reported only "trump")
    text = f"The talks of Vlad{_DOTTED_I}mir Putin and Donald trump ended."
    assert _spans(linter, text, "MT201") == ["Donald trump"]


def test_scraped_teaser_line_with_a_dotted_capital_i_is_still_boilerplate(linter):
    # "MORE ON THIS TOPIC:" is scraped boilerplate (MT301, case-insensitive); an "İ" from
    # Turkish-locale upper-casing does not make it prose.  22efbd8 flagged it.
    line = f"MORE ON TH{_DOTTED_I}S TOPIC: Talks resume"
    assert _spans(linter, line, "MT301") == [line]
