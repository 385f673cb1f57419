"""User rule files: every mistake in one is a ``file:line: CODE: what is wrong`` error
when the rules are loaded (exit 2, no traceback), never a crash or a garbled finding at
lint time; and ``mtcheck rules`` sees the rules lint would run."""

from __future__ import annotations

import json

import pytest

from mtcheck.api import Linter
from mtcheck.checks import get_kind
from mtcheck.config import Config
from mtcheck.rules import Rule, RuleError, load_rules

ARTICLE = "The delegation arrived in Kiev on Monday. Talks in Kiev went on.\n"


def rule_yaml(params: str, message: str = "house style is '{fix}'", kind: str = "existence",
              code: str = "XY101", name: str = "house-word") -> str:
    """One rule whose kind parameters start on line 12 (the rule itself on line 2) and
    whose message is on line 6: an error's line tells which key it points at."""
    return (f"rules:\n"
            f"  - code: {code}\n"                                    # 2
            f"    name: {name}\n"                                    # 3
            f"    category: consistency\n"                           # 4
            f"    severity: warning\n"                               # 5
            f"    message: {json.dumps(message)}\n"                  # 6
            f"    why: The style guide follows the Ukrainian government's romanization.\n"
            f"    examples:\n"                                       # 8
            f"      bad: [\"He flew to Kiev.\"]\n"
            f"      good: [\"He flew to Kyiv.\"]\n"                  # 10
            f"    kind: {kind}\n"                                    # 11
            + "".join(f"    {line}\n" for line in params.strip("\n").split("\n")))  # 12...


def _dir(tmp_path, text: str, name: str = "r.yml"):
    d = tmp_path / "house"
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d


def _load_error(tmp_path, text: str) -> str:
    with pytest.raises(RuleError) as exc:
        load_rules((str(_dir(tmp_path, text)),))
    return str(exc.value)


def _lint(tmp_path, text: str, article: str = ARTICLE):
    d = _dir(tmp_path, text)
    linter = Linter(Config(rule_dirs=(str(d),), select=("XY",)))
    return linter.lint_text(article, config=linter.config)


def _assert_cli_error(r, line: int, words: str) -> None:
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert f"r.yml:{line}: XY101: " in err and words in err, err
    assert "Traceback" not in err


# ---------------------------------------------------------------------------------
# 1. Element types
ELEMENT_CASES = [
    ('pattern: ["Kiev", 42]', "existence", 12, "'pattern' must be a string or a list of strings (item 2 is the whole number 42)"),
    ('tokens: ["Kiev", 42]', "existence", 12, "'tokens' must be a list of strings (item 2 is the whole number 42)"),
    ('pattern: "Kiev"\nrequires: ["Kiev", 3]', "existence", 13, "'requires' must be a list of strings"),
    ("swap: {5: Kyiv}", "substitution", 12, "the key is the whole number 5; quote it"),
    ('styles: {a: 5, b: "Kiev"}', "consistency", 12, "the value of 'a' is the whole number 5"),
    ("report: genders", "names", 12, "unknown report 'genders'; use one of variants, gender"),
]


@pytest.mark.parametrize("params,kind,line,words", ELEMENT_CASES, ids=[c[1] + str(i) for i, c in enumerate(ELEMENT_CASES)])
def test_element_types_are_checked_at_load(tmp_path, cli, params, kind, line, words):
    d = _dir(tmp_path, rule_yaml(params, kind=kind))
    (tmp_path / "a.txt").write_text(ARTICLE)
    _assert_cli_error(cli("lint", "--languagetool", "off", "--rules-dir", str(d), str(tmp_path / "a.txt")),
                      line, words)


def test_a_bad_mapping_entry_points_at_its_own_line(tmp_path):
    err = _load_error(tmp_path, rule_yaml("swap:\n  Kiev: Kyiv\n  Odessa: [Odesa]", kind="substitution"))
    assert "r.yml:14: XY101: 'swap' must be a mapping of strings to strings (the value of 'Odessa' is a list)" in err


@pytest.mark.parametrize("kind,params,words", [
    ("balance", "pairs: [\"()\", 7]", "'pairs' must be a list of strings"),
    ("syntax", "detector: bare-noun-of\nwords: {triggers: [called, 3]}",
     "the value of 'triggers' is a list: item 2 is the whole number 3"),
    ("script", "phrases: {Привет: [hello]}", "'phrases' must be a mapping of strings to strings"),
    ("capitalization", "terms: [Kyiv, null]", "item 2 is empty"),
])
def test_element_types_of_other_kinds(tmp_path, kind, params, words):
    assert words in _load_error(tmp_path, rule_yaml(params, kind=kind, message="m"))


# ---------------------------------------------------------------------------------
# 2. Replacement templates
@pytest.mark.parametrize("pattern,replace,words", [
    ("(?P<city>Kiev)", "\\g<town>", "replace '\\g<town>' refers to group 'town', which the pattern does not have (its named groups: city)"),
    ("(Kiev)", "\\2", "replace '\\2' refers to group 2, but the pattern has 1 group"),
    ("(Kiev)", "\\", "bad replace template '\\': bad escape (end of pattern)"),
])
def test_replace_template_is_checked_against_the_groups(tmp_path, cli, pattern, replace, words):
    d = _dir(tmp_path, rule_yaml(f"pattern: {json.dumps(pattern)}\nreplace: {json.dumps(replace)}", message="x"))
    story = tmp_path / "a.txt"
    story.write_text(ARTICLE)
    for args in (["lint", "--languagetool", "off"], ["fix", "--languagetool", "off"]):
        _assert_cli_error(cli(*args, "--rules-dir", str(d), str(story)), 13, words)
    assert story.read_text() == ARTICLE


def test_substitution_swap_templates_are_checked(tmp_path):
    err = _load_error(tmp_path, rule_yaml('swap:\n  "Kiev": Kyiv\n  "(Odess)a": "\\\\2a"', kind="substitution"))
    assert "r.yml:14: XY101: swap of '(Odess)a': replace '\\2a' refers to group 2" in err


def test_good_templates_still_work(tmp_path):
    found = _lint(tmp_path, rule_yaml('pattern: "in (?P<city>Kiev)"\nreplace: "in \\\\g<city>, \\\\1 (\\\\g<0>)"',
                                      message="x"))
    assert [f.replacements for f in found] == [("in Kiev, Kiev (in Kiev)",)] * 2


# ---------------------------------------------------------------------------------
# 3. Message fields
@pytest.mark.parametrize("message,words", [
    ("write {fix} not {town}", "message field {town} is not one this rule fills (it can use {fix}, {text})"),
    ("{text[a]}", "message field {text[a]} is not a plain {name} field"),
    ("{text.upper}", "message field {text.upper} is not a plain {name} field"),
    ("{0}", "message field {0} is not a plain {name} field"),
    ("{text!r}", "message field {text!r}: write it plain, as {text}"),
    ("write {fix", "is not a valid template"),
])
def test_message_fields_are_checked(tmp_path, message, words):
    err = _load_error(tmp_path, rule_yaml('pattern: "Kiev"\nreplace: Kyiv', message=message))
    assert "r.yml:6: XY101: " in err and words in err, err


def test_message_fills_named_groups_and_fix(tmp_path):
    found = _lint(tmp_path, rule_yaml('pattern: "in (?P<city>Kiev)"\nreplace: "in Kyiv"',
                                      message="write '{fix}', not '{city}' ({text}); {{braces}}"))
    assert found[0].message == "write 'in Kyiv', not 'Kiev' (in Kiev); {braces}"


def test_message_group_missing_from_one_pattern(tmp_path):
    err = _load_error(tmp_path, rule_yaml('pattern: ["in (?P<city>Kiev)", "Kiev"]', message="{city}"))
    assert "r.yml:6: XY101: message field {city} is a group of only some patterns (pattern 2 lack it)" in err


def test_kind_fields_are_allowed_and_others_not(tmp_path):
    ok = rule_yaml('styles: {a: "Kiev", b: "Kyiv"}', kind="consistency",
                   message="'{style}' here, '{major}' {major_count} times ({count})")
    assert any(r.code == "XY101" for r in load_rules((str(_dir(tmp_path, ok)),)).rules)
    bad = rule_yaml('swap: {Kiev: Kyiv}', kind="substitution", message="{style}")
    # (another directory: load_rules keeps what it loaded from one, per process)
    assert "message field {style} is not one this rule fills" in _load_error(tmp_path / "sub", bad)


def test_syntax_replace_fields_are_checked(tmp_path):
    params = "detector: bare-noun-of\nwords: {triggers: [called], allow: []}\nreplace: 'the {verb}'"
    err = _load_error(tmp_path, rule_yaml(params, kind="syntax", message="'{text}'"))
    assert "r.yml:14: XY101: replace field {verb} is not one detector bare-noun-of fills (it can use {noun}, {text})" in err


def test_reserved_group_names_are_refused(tmp_path):
    err = _load_error(tmp_path, rule_yaml('pattern: "(?P<message>Kiev)"', message="x"))
    assert "r.yml:12: XY101: the group name 'message' is reserved" in err


# ---------------------------------------------------------------------------------
# 4. target and the group filters
def test_target_replace_template_is_expanded(tmp_path):
    found = _lint(tmp_path, rule_yaml('pattern: "in (?P<city>Kiev)"\ntarget: city\nreplace: "\\\\g<city> (Ukraine)"',
                                      message="x"))
    start = ARTICLE.index("Kiev")
    assert [(f.start, f.end, f.replacements) for f in found][0] == (start, start + 4, ("Kiev (Ukraine)",))


@pytest.mark.parametrize("key", ["target", "not_english", "truncated", "not_acronym", "not_name"])
def test_group_keys_must_name_a_group(tmp_path, key):
    err = _load_error(tmp_path, rule_yaml(f'pattern: "in (?P<city>Kiev)"\n{key}: nosuch', message="x"))
    assert f"r.yml:13: XY101: {key} names the group 'nosuch', which no pattern of the rule has (named groups: city)" in err


def test_name_particles_need_not_name(tmp_path):
    err = _load_error(tmp_path, rule_yaml('pattern: "in (?P<city>Kiev)"\nname_particles: [de]', message="x"))
    assert "r.yml:13: XY101: name_particles are used only with not_name" in err


def test_sentence_start_and_not_name_filters(tmp_path):
    """A user rule with the filters MT712 uses: a lower-case line start where a sentence
    begins, unless a name particle opens a name."""
    rule = rule_yaml('pattern: "^(?P<word>[a-z]+)"\nsentence_start: true\nnot_name: word\n'
                     'name_particles: [van]', message="x")
    article = "The talks ended.\nvan Gogh painted it.\nthe talks resumed.\nThe talks went on until the\nnight.\n"
    assert [article[f.start:f.end] for f in _lint(tmp_path, rule, article)] == ["the"]


def test_a_filter_group_may_belong_to_one_pattern_only(tmp_path):
    """As MT304: the filter applies to the patterns that have the group."""
    text = rule_yaml('pattern: ["(?P<tword>Kie)v", "(?P<word>Kie)v"]\ntruncated: word', message="x")
    assert any(r.code == "XY101" for r in load_rules((str(_dir(tmp_path, text)),)).rules)


def test_substitution_has_no_target(tmp_path):
    err = _load_error(tmp_path, rule_yaml("swap: {Kiev: Kyiv}\ntarget: city", kind="substitution"))
    assert "r.yml:13: XY101: unknown key 'target' for kind substitution" in err


# ---------------------------------------------------------------------------------
# 5, 6. mtcheck rules
def test_rules_command_sees_the_configured_rule_dirs(tmp_path, cli):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "r.yml").write_text(rule_yaml('pattern: "Kiev"', code="XY102"))
    (tmp_path / "pyproject.toml").write_text('[tool.mtcheck]\nrule-dirs = ["house"]\n')
    r = cli("rules", "XY102", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.decode().startswith("XY102 house-word"), r.stderr
    r = cli("rules", cwd=tmp_path)
    assert "XY102  consistency" in r.stdout.decode()
    r = cli("rules", "--config", str(tmp_path / "pyproject.toml"), "XY102")   # from elsewhere
    assert r.returncode == 0 and r.stdout.decode().startswith("XY102 house-word"), r.stderr


def test_rules_command_takes_rules_dir(tmp_path, cli):
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "r.yml").write_text(rule_yaml('pattern: "Kiev"', code="XY103", name="one"))
    (b / "r.yml").write_text(rule_yaml('pattern: "Kiev"', code="XY104", name="two"))
    r = cli("rules", "--format", "json", "--rules-dir", str(a), "--rules-dir", str(b))
    assert r.returncode == 0, r.stderr
    codes = [x["code"] for x in json.loads(r.stdout)]
    assert "XY103" in codes and "XY104" in codes and "MT201" in codes
    r = cli("rules", "--rules-dir", str(a), "one")
    assert r.returncode == 0 and "XY103 one" in r.stdout.decode()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "r.yml").write_text(rule_yaml('pattern: ["Kiev", 42]'))
    _assert_cli_error(cli("rules", "--rules-dir", str(bad)), 12, "'pattern' must be")


@pytest.mark.parametrize("args", [["--format", "yaml"], ["--format", "yaml", "MT201"], ["-f", "sarif"]])
def test_rules_command_rejects_unknown_formats(cli, args):
    r = cli("rules", *args)
    assert r.returncode == 2 and r.stdout == b""
    assert "unknown --format" in r.stderr.decode() and "text, json" in r.stderr.decode()


# ---------------------------------------------------------------------------------
# 7. Duplicate names
def test_duplicate_name_of_a_builtin_rule(tmp_path):
    err = _load_error(tmp_path, rule_yaml('pattern: "Kiev"', code="XY201", name="lowercase-proper-name"))
    assert "r.yml:3: XY201: duplicate rule name 'lowercase-proper-name' (first used by MT201 at " in err


def test_duplicate_name_between_user_rules(tmp_path):
    d = _dir(tmp_path, rule_yaml('pattern: "Kiev"', code="XY101"), "a.yml")
    _dir(tmp_path, rule_yaml('pattern: "Kiev"', code="XY102"), "b.yml")
    with pytest.raises(RuleError, match=r"b\.yml:3: XY102: duplicate rule name 'house-word' \(first used by XY101"):
        load_rules((str(d),))


# ---------------------------------------------------------------------------------
# 8. Lines and patterns as written
def test_bad_pattern_points_at_its_key_and_shows_it_as_written(tmp_path, cli):
    d = _dir(tmp_path, rule_yaml("tokens: [Kyiv]\npattern: '\\bKiev('", message="x"))
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = cli("lint", "--languagetool", "off", "--rules-dir", str(d), str(tmp_path / "a.txt"))
    _assert_cli_error(r, 13, "bad regular expression '\\bKiev(' (pattern): missing )")


def test_prepare_errors_point_at_their_key(tmp_path):
    from mtcheck.checks import CheckContext
    ruleset = load_rules((str(_dir(tmp_path, rule_yaml('pairs: ["()", "(]("]', kind="balance", message="m"))),))
    rule = next(r for r in ruleset.rules if r.code == "XY101")
    with pytest.raises(RuleError, match=r"r\.yml:12: XY101: each pair is two characters"):
        get_kind("balance").prepare(rule, CheckContext(ruleset=ruleset))


def test_rule_at_falls_back_to_the_key_then_the_rule():
    rule = Rule(code="XY1", name="x", category="casing", severity=None, kind="existence", message="m", why="w",
                examples={}, params={}, path="r.yml", line=2, lines={"swap": 7, "swap.Kiev": 8})
    assert (rule.at("swap.Kiev"), rule.at("swap.U.S."), rule.at("pattern"), rule.at()) == \
        ("r.yml:8", "r.yml:7", "r.yml:2", "r.yml:2")


# ---------------------------------------------------------------------------------
# The fields the kinds declare are the fields their findings fill
EXTERNAL = {"languagetool", "source", "existence", "substitution"}   # the last two: by construction


def test_declared_message_fields_match_what_findings_fill(monkeypatch):
    seen: dict[str, set[str]] = {}
    original = Rule.finding

    def recording(self, start, end, text, **kw):
        own = {"replacements", "fix", "message", "severity", "data"}
        seen.setdefault(self.code, set()).update(k for k in kw if k not in own)
        return original(self, start, end, text, **kw)

    monkeypatch.setattr(Rule, "finding", recording)
    linter = Linter(Config())
    rules = [r for r in load_rules().rules if r.kind not in EXTERNAL]
    for rule in rules:
        for text in rule.examples["bad"]:
            linter.lint_text(text, config=Config(select=(rule.code,)))
    for rule in rules:
        kind = get_kind(rule.kind)
        declared = kind.validate(rule, frozenset()) if hasattr(kind, "validate") else kind.FIELDS
        assert seen.get(rule.code, set()) <= declared, (rule.code, seen.get(rule.code), declared)
    from mtcheck.checks.syntax import DETECTORS, DETECTOR_FIELDS
    assert set(DETECTOR_FIELDS) == set(DETECTORS)
