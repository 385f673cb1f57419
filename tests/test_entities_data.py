"""Structural checks for the gazetteer data file rules/entities.yml.

These tests check the *shape* and internal consistency of the data (sizes, duplicates,
script of each field, alias collisions); they do not try to verify facts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

ENTITIES = Path(__file__).resolve().parents[1] / "rules" / "entities.yml"

ENTRY_SECTIONS = ("people", "countries", "capitals", "cities", "institutions")
ALLOWED_KEYS = {"name", "aliases", "cyrillic", "note"}
MIN_SIZES = {"people": 300, "institutions": 120, "countries": 190, "capitals": 190, "acronyms": 150}

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")  # ASCII letters plus Latin-1/Extended-A/B
ACRONYM = re.compile(r"^[A-Z0-9&]+$")


@pytest.fixture(scope="module")
def data() -> dict:
    with ENTITIES.open(encoding="utf-8") as fh:
        loaded = yaml.safe_load(fh)
    assert isinstance(loaded, dict)
    return loaded


def _entries(data: dict):
    for section in ENTRY_SECTIONS:
        for entry in data.get(section) or []:
            yield section, entry


def test_header(data):
    assert data["kind"] == "gazetteer"
    assert isinstance(data["sources"], str) and len(data["sources"].split()) >= 20


@pytest.mark.parametrize("section", list(ENTRY_SECTIONS) + ["acronyms"])
def test_section_present_and_list(data, section):
    assert section in data, f"missing section {section!r}"
    assert isinstance(data[section], list) and data[section]


@pytest.mark.parametrize("section,minimum", sorted(MIN_SIZES.items()))
def test_section_sizes(data, section, minimum):
    assert len(data[section]) >= minimum, f"{section}: {len(data[section])} < {minimum}"


def test_entry_shape(data):
    problems = []
    for section, entry in _entries(data):
        if not isinstance(entry, dict):
            problems.append(f"{section}: not a mapping: {entry!r}")
            continue
        extra = set(entry) - ALLOWED_KEYS
        if extra:
            problems.append(f"{section}/{entry.get('name')}: unknown keys {sorted(extra)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            problems.append(f"{section}: bad name {name!r}")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() == a and a for a in aliases):
            problems.append(f"{section}/{name}: aliases must be a list of non-empty trimmed strings: {aliases!r}")
        for key in ("cyrillic", "note"):
            if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
                problems.append(f"{section}/{name}: {key} must be a non-empty string")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("section", ENTRY_SECTIONS)
def test_no_duplicate_names_within_section(data, section):
    seen = defaultdict(int)
    for entry in data[section]:
        seen[entry["name"].casefold()] += 1
    dups = sorted(n for n, c in seen.items() if c > 1)
    assert not dups, f"duplicate names in {section}: {dups}"


def test_no_duplicate_acronyms(data):
    seen = defaultdict(int)
    for a in data["acronyms"]:
        seen[a] += 1
    assert not [a for a, c in seen.items() if c > 1]


def test_cyrillic_values_are_cyrillic(data):
    bad = [
        f"{section}/{entry['name']}: {entry['cyrillic']!r}"
        for section, entry in _entries(data)
        if "cyrillic" in entry
        and (not CYRILLIC.search(entry["cyrillic"]) or LATIN.search(entry["cyrillic"]))
    ]
    assert not bad, "\n".join(bad)


def test_names_and_aliases_have_no_cyrillic(data):
    bad = []
    for section, entry in _entries(data):
        for form in [entry["name"], *entry.get("aliases", [])]:
            if CYRILLIC.search(form):
                bad.append(f"{section}/{entry['name']}: {form!r}")
    assert not bad, "\n".join(bad)


def test_acronyms_are_all_caps(data):
    bad = [a for a in data["acronyms"] if not isinstance(a, str) or not ACRONYM.match(a) or not re.search("[A-Z]", a)]
    assert not bad, f"not all-caps acronyms: {bad}"


def test_aliases_differ_from_canonical(data):
    bad = []
    for section, entry in _entries(data):
        name = entry["name"].casefold()
        aliases = [a.casefold() for a in entry.get("aliases", [])]
        if name in aliases:
            bad.append(f"{section}/{entry['name']}: alias equals canonical name")
        if len(aliases) != len(set(aliases)):
            bad.append(f"{section}/{entry['name']}: repeated alias")
    assert not bad, "\n".join(bad)


def test_no_alias_shared_between_people(data):
    """A surface form (canonical or alias) must identify at most one person."""
    owners = defaultdict(set)
    for entry in data["people"]:
        for form in [entry["name"], *entry.get("aliases", [])]:
            owners[form.casefold()].add(entry["name"])
    shared = {form: sorted(names) for form, names in owners.items() if len(names) > 1}
    assert not shared, f"forms shared by several people: {shared}"


def test_people_names_are_multi_token(data):
    # Person entries are full names ("first + last"), never a bare surname.
    bad = [e["name"] for e in data["people"] if len(e["name"].split()) < 2]
    bad += [f"{e['name']} -> {a}" for e in data["people"] for a in e.get("aliases", []) if len(a.split()) < 2]
    assert not bad, f"single-token person names/aliases: {bad}"


def test_country_cyrillic_coverage_for_neighbours(data):
    must_have = {
        "Russia", "Ukraine", "Belarus", "Moldova", "Georgia", "Armenia", "Azerbaijan", "Kazakhstan",
        "Estonia", "Latvia", "Lithuania", "Finland", "Norway", "Poland", "Slovakia", "Hungary",
        "Romania", "China", "Mongolia", "North Korea", "Japan", "United States", "United Kingdom",
        "France", "Germany", "India",
    }
    by_name = {e["name"]: e for e in data["countries"]}
    missing = sorted(n for n in must_have if n not in by_name or "cyrillic" not in by_name[n])
    assert not missing, f"countries missing or without cyrillic: {missing}"


@pytest.mark.parametrize("body,line,words", [
    ('people: "Ivan Petrov"\n', 2, "'people' must be a list of names"),
    ("people:\n  - name: 42\n", 3, "needs a 'name'"),
    ("cities:\n  - name: Kyiv\n    aliases: Kiev\n", 3, "'aliases' of 'Kyiv' must be a list"),
    ("people:\n  - [Ivan]\n", 2, "each 'people' entry"),
])
def test_a_malformed_entities_file_is_an_error_with_its_line(tmp_path, cli, body, line, words):
    """A section given as a string was read letter by letter (ten one-letter people)."""
    g = tmp_path / "g.yml"
    g.write_text("kind: gazetteer\n" + body, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ivan Petrov met Ivan Petrova.\n", encoding="utf-8")
    r = cli("lint", "--languagetool", "off", "--no-cache", "--entities", str(g), str(tmp_path / "a.txt"))
    err = r.stderr.decode()
    assert r.returncode == 2 and f"g.yml:{line}:" in err and words in err and "Traceback" not in err, err
    r = cli("lint", "--languagetool", "off", "--entities", str(tmp_path / "missing.yml"), str(tmp_path / "a.txt"))
    assert r.returncode == 2 and "cannot read entities file" in r.stderr.decode()
