"""Figures of a Russian original and of its English translation, for the source checks
(MT9xx "numbers": every figure in the source must appear in the translation).

Why a module of its own: the number readers (Russian digit grouping with spaces and a
decimal comma, тыс./млн/млрд multipliers, dates written 15.07.2023, clock times that
English may give in 12-hour form, English number words) are a self-contained piece of
knowledge that the alignment and name checks in source.py do not need.
"""

from __future__ import annotations

import regex

from ..records import record

_RU_NUM = regex.compile(r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:[,.](\d+))?"
                        r"(?:\s*(тыс|млн|млрд|трлн)\w*\.?)?")
_RU_TIME = regex.compile(r"(?<![\d.,:])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d:]|[.,]\d)")
_RU_DATE = regex.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
EN_NUM = regex.compile(r"(?<![\w])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(thousand|million|billion|trillion|bn|mln|k)\b)?",
                       regex.IGNORECASE)
_MULT = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12, "thousand": 1e3, "k": 1e3, "million": 1e6,
         "mln": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
               "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "dozen": 12, "a dozen": 12})
_ORD = {w: i + 1 for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth "
                                       "eleventh twelfth".split())}
_WORDS.update(_ORD)
_WORDS.update({"once": 1, "twice": 2, "single": 1, "pair": 2, "both": 2, "half": 0.5, "decade": 10, "century": 100,
               "hundreds": 100, "thousands": 1000, "millions": 1e6, "billions": 1e9, "dozens": 12})


@record(frozen=True)
class _Num:
    text: str
    values: frozenset[float]
    start: int
    end: int


_PHONE = regex.compile(r"\+\d[\d \t()\-]{6,}\d|\(\d{3,5}\)[\d \t\-]{5,}\d")


def ru_numbers(text: str) -> list[_Num]:
    """Figures of a Russian text, each with the values an English rendering may show.

    Phone numbers are skipped: their digit grouping changes freely in translation."""
    out: list[_Num] = []
    taken: list[tuple[int, int]] = [(m.start(), m.end()) for m in _PHONE.finditer(text)]
    for m in _RU_DATE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        d, y = float(m.group(1)), float(m.group(3))
        out.append(_Num(m.group(1), frozenset({d}), m.start(1), m.end(1)))
        out.append(_Num(m.group(3), frozenset({y}), m.start(3), m.end(3)))
        taken.append((m.start(), m.end()))
    for m in _RU_TIME.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        h = float(m.group(1))
        # 18:30 may read "6.30pm" in English: either clock is right; minutes "00" vanish.
        dec = float(f"{m.group(1)}.{m.group(2)}")  # or a decimal written with a dot (odds "6.10")
        out.append(_Num(m.group(0), frozenset({h, h - 12 if h > 12 else h + 12, dec}), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _RU_NUM.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        whole = regex.sub(r"\D", "", m.group(1))
        value = float(whole + ("." + m.group(2) if m.group(2) else ""))
        if value == 0:
            continue
        vals = {value}
        if m.group(3):
            vals.add(value * _MULT[m.group(3).lower()])
        out.append(_Num(m.group(0).strip(), frozenset(vals), m.start(), m.end()))
    return out


def en_values(text: str) -> set[float]:
    vals: set[float] = set()
    for m in EN_NUM.finditer(text):
        v = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        vals.add(v)
        if m.group(3):
            vals.add(v * _MULT[m.group(3).lower()])
    low = text.lower()
    for w in regex.findall(r"[a-z]+", low):
        if w in _WORDS:
            vals.add(float(_WORDS[w]))
    return vals


def present(n: _Num, have: set[float]) -> bool:
    """A source figure is present if its value is; a two-digit one also as a decade
    or year ending ("60-х" → "the 1960s")."""
    if n.values & have:
        return True
    digits = regex.sub(r"\D", "", n.text)
    return len(digits) == 2 and any(v >= 100 and str(int(v)).endswith(digits) for v in have if v == int(v))
