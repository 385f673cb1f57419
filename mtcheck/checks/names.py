"""Check kind ``names``: one name spelled several ways in one story (MT6xx).

The analysis lives in ``mtcheck.names`` (mentions, keys, clustering, canonical form);
this kind only turns its flags into Findings.  Two rules share one analysis per
document: ``report: variants`` (each non-canonical spelling, with the canonical one as
replacement) and ``report: gender`` (a masculine and a feminine surname of one stem,
info only, because they are usually two people).
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..findings import Finding, Severity

REPORTS = ("variants", "gender")

# names.precheck.may_have_groups and names.clusters.analyze, imported on first use (cold
# start) and kept here: a ``from`` import per story would also ask the module for
# ``__path__`` through clusters' module __getattr__ (an exception each time)
_PRECHECK = _ANALYZE = None


def _load_precheck():
    global _PRECHECK
    from ..names.precheck import may_have_groups
    _PRECHECK = may_have_groups
    return may_have_groups


def _load_analyze():
    global _ANALYZE
    from ..names.clusters import analyze
    _ANALYZE = analyze
    return analyze


class Names:
    PARAMS = {
        "report": (str, False),   # variants (default) or gender
    }
    #: message fields besides text and fix (see the Rule.finding calls in check)
    FIELDS = frozenset({"canonical", "cluster"})

    def __init__(self) -> None:
        self._seen = False   # a story analyzed already (the pre-check is worth it from then on)

    def validate(self, rule: Any, asked: frozenset[str]) -> frozenset[str]:
        """At load time: an unknown ``report`` was a bare ValueError at the first article."""
        self.prepare(rule, None)
        return self.FIELDS

    def prepare(self, rule: Any, ctx: Any) -> str:
        report = rule.params.get("report", "variants")
        if report not in REPORTS:
            from ..rules import RuleError
            raise RuleError(f"{rule.at('report')}: {rule.code}: unknown report {report!r}; "
                            f"use one of {', '.join(REPORTS)}")
        return report

    def _groups(self, doc: Document, ctx: Any) -> list:
        """The document's names written two or more ways (clusters.NameGroup)."""
        gaz = ctx.gazetteer
        # kept with the article for its other names rule (MT601, MT602): in doc.memo, not
        # in this instance, since Linter.lint_documents runs each rule over many articles
        last = doc.memo.get("names.groups")
        if last is not None and last[0] is gaz:
            return last[1]
        rules = ctx.__dict__.get("_name_rules")
        if rules is None:
            from ..names.keys import NameRules
            rules = ctx.__dict__["_name_rules"] = NameRules.from_ruleset(ctx.ruleset)
        # These rules report groups only: most stories cannot have one (an exact, cheap
        # test over the words that could be name words), and then the mentions and the
        # clustering code are not needed at all.  The test memoizes per token and pays
        # off from the second story of a process on: on the first (a one-file lint) it
        # costs about what the analysis does, so the analysis runs straight away.
        groups = []
        if not self._seen or (_PRECHECK or _load_precheck())(doc, gaz, rules):
            groups = (_ANALYZE or _load_analyze())(doc, gaz, rules).groups
        self._seen = True
        doc.memo["names.groups"] = (gaz, groups)
        return groups

    def check(self, doc: Document, rule: Any, report: str, ctx: Any) -> list[Finding]:
        out: list[Finding] = []
        for group in self._groups(doc, ctx):
            data = {"canonical": group.canonical, "source": group.source,
                    "cluster": [{"spelling": s, "count": n} for s, n in group.spellings]}
            for flag in group.flags:
                if flag.gender != (report == "gender"):
                    continue
                o = flag.occ
                if report == "gender":
                    out.append(rule.finding(o.start, o.end, o.text, replacements=(flag.target,), fix=None,
                                            canonical=group.canonical, cluster=group.summary,
                                            data=data))
                    continue
                out.append(rule.finding(o.start, o.end, o.text, replacements=(flag.target,),
                                        fix=flag.fix, canonical=flag.target, cluster=group.summary,
                                        data=data,
                                        severity=Severity.INFO if flag.fix is None else None))
        return out
