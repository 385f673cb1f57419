"""The sample articles: what an editor expects mtcheck to say about them (issue 2).

Each expectation is a fact about the article a person can verify by reading it; the
rules that produce them are general and know nothing of these two stories.
"""

from __future__ import annotations

import pytest

from conftest import SEEDS
from mtcheck.api import Linter

SPUTNIK = SEEDS / "000_38480385f09d1fd0.txt"
TASS = SEEDS / "003_89b6859ef618faba.txt"


@pytest.fixture(scope="module")
def lint():
    linter = Linter()
    cache = {}

    def run(path):
        if path not in cache:
            text = path.read_text(encoding="utf-8")
            cache[path] = (text, linter.lint_text(text, path=str(path)))
        return cache[path]
    return run


def _texts(text, findings, category=None):
    return {text[f.start:f.end] for f in findings if category is None or f.category == category}


@pytest.mark.parametrize("phrase", [
    "Donald trump", "Minister of foreign Affairs", "Secretary of state", "foreign Ministry",
    "UN security Council", "Ministry of justice", "Kim Jong-UN",
])
def test_tass_casing_artifacts(lint, phrase):
    text, findings = lint(TASS)
    flagged = _texts(text, findings, "casing")
    assert any(phrase in t for t in flagged), f"{phrase!r} not flagged; casing findings: {sorted(flagged)}"


def test_tass_bare_lowercase_surname(lint):
    text, findings = lint(TASS)
    bare = [f for f in findings if f.category == "casing" and text[f.start:f.end] == "trump"]
    assert len(bare) >= 2 and all(f.replacements[0] == "Trump" for f in bare)


def test_tass_untranslated_boilerplate_punctuation(lint):
    text, findings = lint(TASS)
    assert "Читайте так же" in _texts(text, findings, "untranslated")
    boiler = [f for f in findings if f.category == "boilerplate"]
    teaser_lines = {text.count("\n", 0, f.start) for f in boiler if f.rule == "MT304"}
    assert len(teaser_lines) == 4, "each of the four related-story teasers is flagged"
    assert any(text[f.start:f.end].startswith("MOSCOW, July 21. /") for f in boiler)
    dashes = [f for f in findings if f.rule == "MT401"]
    assert len(dashes) == 3 and all("–" in text[f.start:f.end] for f in dashes)
    assert any(f.rule == "MT501" for f in findings), "mixed 'July 21' / '20 July' dates"


def test_sputnik_residue(lint):
    text, findings = lint(SPUTNIK)
    got = _texts(text, findings)
    assert "15 ноября 2017 г." in got
    assert any(t.startswith("READ MORE: Many US Prisoners") for t in got)
    assert "https://t.co/jT95QOQyMt" in got and "pic.twitter.com/Q6uiVm5c3h" in got
    assert any(t.startswith("— Sputnik (@SputnikInt)") for t in got)


@pytest.mark.parametrize("path,names", [
    (SPUTNIK, ["Anatoly Viktorov", "Viktorov", "Victoria Nuland", "Yaroshenko", "Sergei Lavrov", "Viktor Bout",
               "Bout", "Moscow", "Washington", "Bangkok", "Liberia", "Colombian"]),
    (TASS, ["Sergey Lavrov", "Anatoly Antonov", "Gennady Gatilov", "Vladimir Putin", "Lavrov", "Helsinki",
            "Singapore", "Pyongyang", "Recep Tayyip Erdogan", "Syria", "Geneva"]),
])
def test_correct_names_are_not_flagged(lint, path, names):
    text, findings = lint(path)
    for name in names:
        start = 0
        while (i := text.find(name, start)) >= 0:
            hits = [f for f in findings if f.start < i + len(name) and i < f.end
                    and f.category in ("casing", "name-variant", "spelling", "untranslated")]
            assert not hits, f"{name!r} at {i} flagged: {[(f.rule, f.message) for f in hits]}"
            start = i + len(name)
