"""Findings: what a check reports, and the fixed vocabularies they use.

A finding is plain data (offsets into the decoded text, code points) so that every
reporter, the fixer, the scorer and the baseline all read the same thing.  Line and
column numbers are derived from a Document when reporting, never stored by checks.
"""

from __future__ import annotations

from enum import Enum

from .records import field, record

#: The fixed category vocabulary of the JSON contract (version 1).  Adding a
#: category is a contract change: bump ``JSON_VERSION`` in report/json_report.py.
CATEGORIES: tuple[str, ...] = (
    "name-variant",
    "casing",
    "untranslated",
    "boilerplate",
    "garbled",
    "grammar",
    "spelling",
    "punctuation",
    "consistency",
    "source-mismatch",
)


class Severity(str, Enum):
    """Ordered severities; ``--fail-level`` compares with ``rank``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r}: use one of info, warning, error"
            ) from None


FIX_KINDS = ("safe", "unsafe")


@record(frozen=True)
class Finding:
    """One problem at one span of the decoded text.

    ``replacements`` are suggestions, best first.  ``fix`` says whether the first
    replacement may be applied automatically ("safe"), only with ``--unsafe``
    ("unsafe"), or not at all (None).
    """

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    replacements: tuple[str, ...] = ()
    fix: str | None = None
    # Extra machine-readable detail some checks attach (cluster members, scores…).
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"finding {self.rule}: unknown category {self.category!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"finding {self.rule}: bad span {self.start}..{self.end}")
        if self.fix is not None and self.fix not in FIX_KINDS:
            raise ValueError(f"finding {self.rule}: fix must be safe, unsafe or None")
        if self.fix is not None and not self.replacements:
            raise ValueError(f"finding {self.rule}: a fix needs a replacement")

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.rule)
