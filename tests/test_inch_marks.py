"""MT405 and the inch sign: in 'a 12" single', 'a 65" TV' and "listed at 6'2"," the
straight mark after a number is a unit, not a quotation left unclosed.  A mark is read
as a unit only where it was itself reported as unpaired and the reading leaves fewer
marks unpaired, so a quotation that ends in a number ('"Progress 83" docked') still
pairs, and a real unpaired quote elsewhere is still reported."""

from __future__ import annotations

import pytest

from conftest import rule_findings


def found(text: str) -> list[tuple[int, str]]:
    return [(f.start, f.message) for f in rule_findings("MT405", text)]


@pytest.mark.parametrize("text", [
    'The band released a 12" single in 1983, and it sold well.\n',
    'He bought a 65" TV for the living room.\n',
    "The guard, listed at 6'2\", scored 20 points.\n",
])
def test_inch_signs_are_not_unpaired_quotes(text: str) -> None:
    assert found(text) == []


def test_quotation_ending_in_a_number_still_pairs_and_a_stray_close_is_reported() -> None:
    # WMT 2023 ru-en, euronews-ru.32393 (ONLINE-A), shortened: the quote mark after
    # "83" closes "Progress 83"; the one after "investigated." has no opening
    text = ('Cargo "Progress 83" successfully docked to the ISS\n'
            'The reasons for its depressurization are being investigated."\n'
            'The crew is not in danger.\n')
    assert found(text) == [(text.index('."') + 1, 'closing " with no opening "')]


def test_a_number_inside_a_name_ends_the_quotation() -> None:
    text = 'It was shown on the TV channel "Match! "Football 2".\n'
    assert found(text) != []
