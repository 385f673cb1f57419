"""Linter.lint_documents and Runner.lint_many: many articles linted together, rule by rule.

Every rule runs over a batch of articles before the next rule (it keeps each rule's code
and data in the CPU caches).  What must not change: each article's findings are the ones
lint_document gives it alone; a notice or a skipped check belongs to the article it was
given on (the runner keeps such files out of the cache and reports notices in file
order); checks that share work between rules on one article (the name groups of
MT601/MT602) still do it once per article.
"""

from __future__ import annotations

import pytest

from mtcheck import runner as runner_module
from mtcheck.api import Linter
from mtcheck.checks import names as names_check
from mtcheck.checks.names import Names
from mtcheck.config import Config
from mtcheck.document import Document
from mtcheck.runner import Runner, RunOptions

from conftest import DATA, SEEDS

NAMED = [
    "Sergei Lavrov met the envoy on Monday. Lavrova said the talks would go on, "
    "and Sergey Lavrov added that Moscow was ready.\n",
    "Foreign Minister Sergei Lavrov spoke in Minsk. Later Lavrov told reporters the visit was useful.\n",
    "The mayor of Kharkov, Igor Terekhov, said Kharkiv would rebuild. Terekhova did not comment.\n",
]


def _articles() -> list[tuple[str, str]]:
    """(path, text) of real copy of several kinds: the seeds, MT output, human English
    split into paragraphs, and a few short stories with names written two ways."""
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    out.append(("wmt23_mt.txt", (DATA / "score" / "wmt23_mt.txt").read_text(encoding="utf-8")))
    clean = (DATA / "clean_en_sample.txt").read_text(encoding="utf-8")
    out += [(f"clean{i}.txt", block + "\n") for i, block in enumerate(clean.split("\n\n")) if block.strip()]
    out += [(f"named{i}.txt", text) for i, text in enumerate(NAMED)]
    return out


def _view(findings) -> list[tuple]:
    return [(f.rule, f.start, f.end, f.message, tuple(f.replacements)) for f in findings]


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_each_article_gets_the_findings_it_gets_alone(order):
    articles = _articles()
    if order == "reversed":
        articles.reverse()
    linter = Linter(Config(languagetool="off"))
    rules = linter.rules_for(linter.config)
    alone = [_view(linter.lint_document(Document.from_text(text, path), rules)) for path, text in articles]
    together = linter.lint_documents([Document.from_text(text, path) for path, text in articles], rules)
    assert [_view(got.findings) for got in together] == alone
    assert sum(map(len, alone)) > 20   # the articles give findings of many rules ...
    assert len({f[0] for got in alone for f in got}) > 8
    assert any("MT601" in {f[0] for f in got} for got in alone)   # ... names written two ways too


def test_notices_and_skipped_checks_go_with_their_article(monkeypatch):
    real_check, real_prepare = Names.check, Names.prepare

    def check(self, doc, rule, state, ctx):
        if rule.code == "MT601" and "NOTE" in doc.text:
            ctx.notice(f"note on {doc.path}")
        if rule.code == "MT601" and "SKIP" in doc.text:
            ctx.skipped(f"skipped on {doc.path}")
        return real_check(self, doc, rule, state, ctx)

    def prepare(self, rule, ctx):
        ctx.notice(f"prepared {rule.code}")
        return real_prepare(self, rule, ctx)

    monkeypatch.setattr(Names, "check", check)
    monkeypatch.setattr(Names, "prepare", prepare)
    linter = Linter(Config(languagetool="off", select=("MT6",)))
    for rule in linter.rules_for(linter.config):   # (prepared states live on the loaded rules)
        monkeypatch.setattr(rule, "_state", None)
    texts = {"a": "Plain story.\n", "b": "A NOTE here.\n", "c": "Plain again.\n",
             "d": "NOTE and SKIP.\n", "e": "SKIP only.\n"}
    docs = [Document.from_text(t, p) for p, t in texts.items()]
    got = linter.lint_documents(docs, linter.rules_for(linter.config))
    prepared = [f"prepared {r.code}" for r in linter.rules_for(linter.config) if r.kind == "names"]
    assert len(prepared) >= 2
    assert [g.notices for g in got] == [prepared, ["note on b"], [], ["note on d", "skipped on d"], ["skipped on e"]]
    assert [g.skipped for g in got] == [0, 0, 0, 1, 1]
    # each notice is given once per run: a second batch repeats none of them
    again = linter.lint_documents([Document.from_text(t, p) for p, t in texts.items()],
                                  linter.rules_for(linter.config))
    assert [g.notices for g in again] == [[]] * 5 and [g.skipped for g in again] == [0, 0, 0, 1, 1]


def test_the_name_groups_are_found_once_per_article(monkeypatch):
    """MT601 and MT602 both report the article's name groups; the second rule used the
    first one's through a one-article cache, which a rule-by-rule batch would miss (it
    would analyze every article twice)."""
    calls: list[str] = []
    real = names_check._ANALYZE or names_check._load_analyze()

    def analyze(doc, gazetteer, rules):
        calls.append(doc.path)
        return real(doc, gazetteer, rules)

    monkeypatch.setattr(names_check, "_ANALYZE", analyze)
    linter = Linter(Config(languagetool="off", select=("MT601", "MT602")))
    rules = linter.rules_for(linter.config)
    assert {r.code for r in rules} == {"MT601", "MT602"}
    docs = [Document.from_text(t, f"named{i}.txt") for i, t in enumerate(NAMED)]
    got = linter.lint_documents(docs, rules)
    assert sorted(calls) == sorted(set(calls)) and calls   # no article analyzed twice
    assert any(f.rule == "MT601" for g in got for f in g.findings)


def test_lint_many_splits_big_batches_and_keeps_the_order(tmp_path, monkeypatch):
    """Runner.lint_many holds at most BATCH_CHARS of text in one batch: with a tiny limit
    every file is a batch of its own, and the results are the same, in input order,
    with unreadable inputs in place."""
    paths = []
    for i, (name, text) in enumerate(_articles()[:8]):
        p = tmp_path / f"{i:02}_{name}"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    paths.insert(3, str(tmp_path / "missing.txt"))
    batches: list[int] = []
    real = Linter.lint_documents

    def counting(self, docs, rules):
        batches.append(len(docs))
        return real(self, docs, rules)

    monkeypatch.setattr(Linter, "lint_documents", counting)
    whole = Runner(RunOptions(overrides={"languagetool": "off"})).lint_many(paths)
    assert batches == [8]
    batches.clear()
    monkeypatch.setattr(runner_module, "BATCH_CHARS", 1)
    split = Runner(RunOptions(overrides={"languagetool": "off"})).lint_many(paths)
    assert batches == [1] * 8
    assert [r.path for r, _n in split] == paths
    assert split[3][0].error and not split[3][0].findings
    assert [(r.path, r.error, _view(r.findings)) for r, _n in split] == \
        [(r.path, r.error, _view(r.findings)) for r, _n in whole]
