"""Scraped page furniture that arrives with wire copy (MT301, MT309-MT313): more wordings
than the rule examples hold, where each line sits in a story, and the prose around them
that must stay unflagged.  Every text is written for these tests from the general shapes
(topic-link headers, tag lists, copyright footers, the error-report prompt, the Russian
statutory foreign-agent label, agency end marks), not taken from an article."""

from __future__ import annotations

import pytest

from mtcheck.api import Linter
from mtcheck.config import Config
from mtcheck.fix import apply_fixes

_linter = Linter(Config())
CODES = ("MT301", "MT309", "MT310", "MT311", "MT312", "MT313")


def _found(text: str, codes=CODES) -> list[tuple[str, str]]:
    cfg = Config(select=codes, languagetool="off")
    return [(f.rule, text[f.start:f.end]) for f in _linter.lint_text(text, config=cfg)]


STORY = "MOSCOW, March 3 (TASS). The talks will resume on Monday, the ministry said.\n{line}\n" \
        "The delegations met in Geneva in February.\n"


@pytest.mark.parametrize("code,line", [
    ("MT301", "More on the topic:"),
    ("MT301", "MORE ON THE TOPIC"),
    ("MT301", "More on this topic"),
    ("MT301", "More on this topic: Lavrov arrives in Ankara"),
    ("MT301", "Also on the topic - The EU agrees new sanctions"),
    ("MT301", "News on the topic:"),
    ("MT301", "Other news on this topic."),
    ("MT301", "On the topic: Gas prices fall in Europe"),
    ("MT309", "Tags: Russia, Ukraine, EU, sanctions"),
    ("MT309", "Tags : politics"),
    ("MT309", "Keywords: grain deal, Black Sea"),
    ("MT309", "Rubric: Economy"),
    ("MT310", "© TASS, 2023"),
    ("MT310", "© 2023 Reuters"),
    ("MT310", "©RIA Novosti, 2022"),
    ("MT310", "(c) Interfax, 2023"),
    ("MT310", "Copyright 2023 The Example Times"),
    ("MT310", "Copyright © 2023 Interfax. All rights reserved."),
    ("MT310", "All rights reserved."),
    ("MT310", "ALL RIGHTS RESERVED"),
    ("MT310", "All rights are protected."),
    ("MT310", "When quoting, a link to the source is required."),
    ("MT310", "When using materials, a hyperlink to the site is mandatory."),
    ("MT311", "If you find an error, please select it and press Ctrl+Enter"),
    ("MT311", "If you notice a mistake, highlight it and press Ctrl + Enter."),
    ("MT311", "Found a typo? Select it and press CTRL+ENTER"),
    ("MT312", "This material (information) was produced, distributed and (or) sent by a foreign agent "
              "Example Media LLC or concerns the activities of a foreign agent Example Media LLC."),
    ("MT312", "This material (information) is produced, distributed and/or sent by a foreign agent."),
    ("MT312", "The present material (information) has been produced, distributed and/or directed by the "
              "foreign agent Example or pertains to the activities of the foreign agent Example."),
    ("MT312", "This content (information) is produced, distributed and (or) sent by the foreign agent "
              "Example Ltd or relates to the activity of the foreign agent Example Ltd."),
    ("MT312", "This material (information) produced, distributed and (or) sent by a foreign agent Example."),
    ("MT312", "This message (material) was created and (or) distributed by a foreign mass media outlet "
              "performing the functions of a foreign agent, and (or) a Russian legal entity performing "
              "the functions of a foreign agent."),
    ("MT312", "THIS MATERIAL WAS CREATED AND/OR DISTRIBUTED BY A NON-PROFIT ORGANIZATION PERFORMING "
              "THE FUNCTIONS OF A FOREIGN AGENT"),
    ("MT312", "18+ This news item was created and distributed by a foreign media outlet acting as a "
              "foreign agent."),
    ("MT313", "-0-"),
    ("MT313", "The delegations will meet again in April.-0-"),
    ("MT313", "The delegations will meet again in April. -0-"),
    ("MT313", "-30-"),
    ("MT313", "The summit ends on Friday. (END)"),
    ("MT313", "Enditem"),
    ("MT313", "###"),
])
def test_furniture_line_in_a_story_is_flagged(code, line):
    text = STORY.format(line=line)
    found = _found(text)
    assert [c for c, _ in found] == [code], found


@pytest.mark.parametrize("line", [
    "The tags were removed.",
    "Tags on the luggage showed it came from Istanbul.",
    "He found an error in the report.",
    "If you find an error in the figures, the ministry said, report it.",
    "Press Ctrl+Enter to send the message, the manual says.",
    "All rights reserved to the author were transferred to the publisher.",
    "All rights reserved to the author were transferred.",
    "The studio said all rights reserved under the contract had lapsed.",
    "He argued that all rights are protected by the constitution, not only some.",
    "On the topic of sanctions, the minister said nothing new.",
    "More on the topic of gas prices was expected on Tuesday.",
    "More on that later, he said.",
    "The copyright holder sued the platform in 2021.",
    "Options (a), (b) and (c) were discussed.",
    "(c) The third option, a ceasefire, was rejected.",
    "The ministry added the outlet to its register of foreign agents on Friday.",
    "The material was sent to prosecutors, who say it came from a foreign agent.",
    "This report was produced and distributed by our Moscow bureau.",
    "He was declared a foreign agent in 2022 and left the country.",
    "Temperatures fell to -30 overnight.",
    "The score was 1-0-1 after three rounds, he said.",
    "The END of an era, the headline read.",
    "When quoting him, reporters must be careful, the editor said.",
])
def test_prose_is_not_flagged(line):
    assert _found(STORY.format(line=line)) == []


def test_mid_line_copyright_sign_is_not_a_credit():
    assert _found("Microsoft© Windows runs on most of the ministry's computers, he said.\n") == []


@pytest.mark.parametrize("text,fixed", [
    ("The delegations will meet again in April.-0-\n", "The delegations will meet again in April.\n"),
    ("The delegations will meet again in April. -0-\n", "The delegations will meet again in April.\n"),
    ("The talks resumed.\nMore on the topic:\nThe delegations met.\n", "The talks resumed.\n\nThe delegations met.\n"),
    ("The talks resumed, the ministry said. © RIA Novosti\n", "The talks resumed, the ministry said.\n"),
])
def test_unsafe_fix_removes_only_the_furniture(text, fixed):
    cfg = Config(select=CODES, languagetool="off")
    out, applied = apply_fixes(text, _linter.lint_text(text, config=cfg), unsafe=True)
    assert applied and out == fixed


def test_copyright_line_is_one_finding():
    """"© ... All rights reserved." on one line: the whole line, not a second finding inside it."""
    text = "Copyright © 2023 Interfax. All rights reserved.\n"
    assert _found(text) == [("MT310", text.rstrip("\n"))]
