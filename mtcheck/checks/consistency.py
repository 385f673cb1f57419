"""Consistency: one article should pick one style (dates, spellings) and keep it.

Mixed styles inside one story are a sign of stitched MT output ("July 21" next to
"20 July").  The kind counts each style's matches and flags the minority ones; a tie
flags the style that appeared second.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..findings import Finding
from . import MapOf
from .phrases import _Pattern, run_patterns


class Consistency:
    PARAMS = {
        "styles": (MapOf(str, str), True),      # style name -> regex
        "ignorecase": (bool, False),
    }
    #: message fields besides text and fix (see the Rule.finding call in check)
    FIELDS = frozenset({"style", "major", "major_count", "count"})

    def validate(self, rule: Any, asked: frozenset[str]) -> frozenset[str]:
        """At load time: a style is a name for a regex, and one style cannot be mixed."""
        if len(rule.params["styles"]) < 2:
            from ..rules import RuleError
            raise RuleError(f"{rule.at('styles')}: {rule.code}: 'styles' needs at least two styles")
        return self.FIELDS

    def prepare(self, rule: Any, ctx: Any) -> list[tuple[str, _Pattern]]:
        self.validate(rule, frozenset())
        ic = bool(rule.params.get("ignorecase"))
        return [(name, _Pattern(p, ic, rule, f"styles.{name}")) for name, p in rule.params["styles"].items()]

    def check(self, doc: Document, rule: Any, styles: list[tuple[str, _Pattern]], ctx: Any) -> list[Finding]:
        # A finding needs two styles in one article: when the strings a style needs (a
        # month name, say) leave fewer than two possible, no pattern runs at all.
        possible = [(name, pat) for name, pat in styles if pat.may_match(doc)]
        if len(possible) < 2:
            return []
        hits: dict[str, list[Any]] = {}
        for name, pat in possible:
            ms = [m for m in run_patterns(doc, rule, [pat.rx], ctx) if not doc.is_protected(m.start(), m.end())]
            if ms:
                hits[name] = ms
        if len(hits) < 2:
            return []
        order = sorted(hits, key=lambda n: (-len(hits[n]), hits[n][0].start()))
        major = order[0]
        out = []
        for name in order[1:]:
            for m in hits[name]:
                out.append(rule.finding(m.start(), m.end(), m.group(0), style=name, major=major,
                                        major_count=len(hits[major]), count=len(hits[name])))
        return out
