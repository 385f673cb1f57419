"""The fixer: `mtcheck fix` on the seed, and properties of fixing any text.

Properties (hypothesis): fixing is idempotent; every byte outside a replaced span is
kept, whatever the encoding (UTF-8, UTF-8 with BOM, UTF-16 with BOM) and newline style
(LF, CRLF); overlapping fixes are resolved the same way whatever their order.
"""

from __future__ import annotations

import codecs
import json
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtcheck.api import Linter
from mtcheck.config import Config
from mtcheck.document import Document
from mtcheck.findings import Finding, Severity
from mtcheck.fix import apply_fixes, fix_text, select_fixes
from mtcheck.source import decode_bytes

from conftest import SEEDS

SEED = SEEDS / "003_89b6859ef618faba.txt"
LINTER = Linter(Config(languagetool="off"), {"languagetool": "off"})
RULES = LINTER.rules_for(Config(languagetool="off"))


# -- the seed --------------------------------------------------------------------------
def test_fix_write_on_seed_changes_only_the_name_variants(tmp_path, cli):
    copy = tmp_path / "story.txt"
    shutil.copyfile(SEED, copy)
    original = copy.read_bytes()
    r = cli("fix", "--write", "--unsafe", "--select", "MT601", "--languagetool", "off", str(copy))
    assert r.returncode == 1, r.stderr
    new = copy.read_bytes()
    # What an editor expects: each variant word replaced by "Butina", every other byte kept.
    expected = re.sub(rb"\b(?:Butinai|Butino|Butynol)\b", b"Butina", original)
    assert new == expected
    word = re.compile(rb"\bButina\b")
    assert len(word.findall(original)) == 2 and len(word.findall(new)) == 6

    again = cli("fix", "--write", "--unsafe", "--select", "MT601", "--languagetool", "off", str(copy))
    assert again.returncode == 0, again.stderr
    assert copy.read_bytes() == new


def test_fix_all_default_rules_on_seed_is_stable(tmp_path, cli):
    copy = tmp_path / "story.txt"
    shutil.copyfile(SEED, copy)
    original = copy.read_bytes()
    first = cli("fix", "--write", "--languagetool", "off", str(copy))
    assert first.returncode == 1, first.stderr
    fixed = copy.read_bytes()
    assert fixed != original
    # safe fixes only: the approximate match "Butynol" stays for a person to decide
    assert b"Butynol" in fixed and b"Butinai" not in fixed
    assert b"Donald Trump" in fixed and b"Donald trump" not in fixed
    second = cli("fix", "--write", "--languagetool", "off", str(copy))
    assert second.returncode == 0, second.stderr + second.stdout
    assert copy.read_bytes() == fixed


def test_fix_without_write_prints_a_diff_and_changes_nothing(tmp_path, cli):
    copy = tmp_path / "story.txt"
    shutil.copyfile(SEED, copy)
    r = cli("fix", "--select", "MT601", "--languagetool", "off", str(copy))
    assert r.returncode == 1
    assert copy.read_bytes() == SEED.read_bytes()
    out = r.stdout.decode("utf-8")
    assert "-Lavrov in conversation with Pompeo emphasized the need to liberate Butinai" in out
    assert "+Lavrov in conversation with Pompeo emphasized the need to liberate Butina" in out
    # the unsafe fix (approximate match "Butynol") is not applied without --unsafe
    assert not any(line.startswith("-") and "Butynol" in line for line in out.splitlines())


def test_fix_exit_codes(tmp_path, cli):
    clean = tmp_path / "clean.txt"
    clean.write_text("The weather in the capital was mild on Monday.\n", encoding="utf-8")
    assert cli("fix", "--languagetool", "off", str(clean)).returncode == 0
    assert cli("fix", "--languagetool", "off", str(tmp_path / "missing.txt")).returncode == 2
    assert cli("fix", "--select", "MT999", str(clean)).returncode == 2


def test_fix_select_and_ignore(tmp_path, cli):
    text = ("Irina Morozkina was detained. Lawyers for Morozkinoi appealed. "
            "The talks of the UN security Council ended.\n")
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    cli("fix", "--write", "--select", "MT6", "--languagetool", "off", str(f))
    assert f.read_text(encoding="utf-8") == text.replace("Morozkinoi", "Morozkina")
    f.write_text(text, encoding="utf-8")
    cli("fix", "--write", "--ignore", "MT6", "--languagetool", "off", str(f))
    out = f.read_text(encoding="utf-8")
    assert "Morozkinoi" in out and "UN Security Council" in out


def test_fix_stdin_to_stdout(cli):
    r = cli("fix", "--select", "MT601", "--languagetool", "off", "-",
            stdin="Irina Morozkina was detained.\r\nLawyers for Morozkinoi appealed.\r\n".encode("utf-8"))
    assert r.stdout == b"Irina Morozkina was detained.\r\nLawyers for Morozkina appealed.\r\n"
    assert r.returncode == 1


def test_lint_fix_and_diff_do_what_fix_does(tmp_path, cli):
    """ruff's spellings: `lint --diff` prints what `fix` would change, `lint --fix`
    changes it and then reports only what is left."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for d in (a, b):
        shutil.copyfile(SEED, d / "story.txt")
    off = ("--languagetool", "off")

    shown = cli("lint", "--diff", *off, str(a / "story.txt"))
    assert shown.returncode == 1
    assert (a / "story.txt").read_bytes() == SEED.read_bytes()
    assert shown.stdout == cli("fix", *off, str(a / "story.txt")).stdout
    assert shown.stdout == cli("fix", "--diff", *off, str(a / "story.txt")).stdout
    assert b"\n+++ " in shown.stdout and b"Found" not in shown.stdout

    fixed = cli("lint", "--fix", *off, str(a / "story.txt"))
    cli("fix", "--write", *off, str(b / "story.txt"))
    assert (a / "story.txt").read_bytes() == (b / "story.txt").read_bytes() != SEED.read_bytes()
    assert b"fixed " in fixed.stderr
    # what it reports is what a plain lint of the fixed file reports
    left = cli("lint", *off, str(b / "story.txt"))
    assert fixed.stdout.replace(bytes(a), bytes(b)) == left.stdout
    assert fixed.returncode == left.returncode == 1
    assert b"Butinai" not in fixed.stdout and b"Butynol" in (a / "story.txt").read_bytes()   # unsafe: kept

    # nothing left to fix: --diff exits 0 and prints nothing
    again = cli("lint", "--diff", *off, str(a / "story.txt"))
    assert again.returncode == 0 and again.stdout == b""
    # --unsafe-fixes adds the approximate name match, as `fix --unsafe` does
    shutil.copyfile(SEED, b / "story.txt")
    unsafe = cli("lint", "--diff", "--unsafe-fixes", *off, str(b / "story.txt"))
    assert unsafe.returncode == 1 and unsafe.stdout == cli("fix", "--unsafe", *off, str(b / "story.txt")).stdout
    assert any(line.startswith(b"-") and b"Butynol" in line for line in unsafe.stdout.splitlines())


def test_fix_flag_conflicts_are_usage_errors(tmp_path, cli):
    f = tmp_path / "a.txt"
    f.write_text("Lawyers for Donald trump appealed.\n", encoding="utf-8")
    for args in (("lint", "--fix", "--diff"), ("fix", "--diff", "--write")):
        r = cli(*args, "--languagetool", "off", str(f))
        assert r.returncode == 2 and b"give one of the two" in r.stderr
    r = cli("lint", "--fix", "--languagetool", "off", "-", stdin=b"Donald trump spoke.\n")
    assert r.returncode == 2 and b"mtcheck fix -" in r.stderr
    assert f.read_text(encoding="utf-8") == "Lawyers for Donald trump appealed.\n"


def test_pre_commit_hook_is_declared(root):
    import yaml
    hooks = {h["id"]: h for h in yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())}
    assert hooks["mtcheck-fix"]["entry"].startswith("mtcheck fix --write")


# -- properties ----------------------------------------------------------------------
FRAGMENTS = [
    "Irina Morozkina", "Morozkinoi", "Morozkinu", "Dmitri Peskov", "Dmitry Peskov", "Peskov",
    "the foreign Ministry", "the UN security Council", "Kim Jong-UN", "Donald trump", "said",
    "on Monday", "Москва", "café", "—", "«quoted»", "https://example.com/Morozkinoi",
]
SEPARATORS = [" ", " ", ". ", ", ", "\n", "\n\n", ": "]


@st.composite
def articles(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)),
                          min_size=1, max_size=25))
    return "".join(a + b for a, b in parts)


ENCODINGS = [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
             ("utf-16-be", codecs.BOM_UTF16_BE)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles(), unsafe=st.booleans())
def test_fixing_is_idempotent(text, unsafe):
    once = fix_text(LINTER, text, "a.txt", RULES, unsafe)
    assert once.stable
    twice = fix_text(LINTER, once.text, "a.txt", RULES, unsafe)
    assert not twice.changed and twice.applied == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles(), crlf=st.booleans(), enc=st.sampled_from(ENCODINGS), unsafe=st.booleans())
def test_bytes_outside_replaced_spans_are_kept(text, crlf, enc, unsafe):
    if crlf:
        text = text.replace("\n", "\r\n")
    encoding, bom = enc
    data = bom + text.encode(encoding)
    src = decode_bytes(data, "a.txt")
    assert src.bom == bom and src.text == text
    findings = LINTER.lint_document(Document.from_text(src.text, "a.txt"), RULES)
    new_text, applied = apply_fixes(src.text, findings, unsafe)
    out = src.encode(new_text)
    # Walk the output: between the replacements it must hold the original bytes exactly.
    assert out.startswith(bom)
    pos_in, pos_out = len(bom), len(bom)
    prev = 0
    for f in applied:
        keep = text[prev:f.start].encode(encoding)
        assert data[pos_in:pos_in + len(keep)] == keep
        assert out[pos_out:pos_out + len(keep)] == keep
        pos_in += len(keep) + len(text[f.start:f.end].encode(encoding))
        pos_out += len(keep) + len(f.replacements[0].encode(encoding))
        prev = f.end
    assert out[pos_out:] == data[pos_in:]


def _finding(start, end, rep, rule="MT601", fix="safe"):
    return Finding(rule=rule, name="x", category="name-variant", severity=Severity.WARNING, message="m",
                   start=start, end=end, replacements=(rep,), fix=fix)


@given(spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), st.sampled_from(["X", "YY", ""]),
                                st.sampled_from(["MT201", "MT601"])), max_size=12),
       seed=st.randoms())
def test_overlaps_resolved_deterministically(spans, seed):
    text = "abcdefghij" * 5
    findings = [_finding(s, min(s + n, len(text)), rep, rule) for s, n, rep, rule in spans]
    shuffled = list(findings)
    seed.shuffle(shuffled)
    a = apply_fixes(text, findings)
    b = apply_fixes(text, shuffled)
    assert a[0] == b[0]
    chosen = select_fixes(findings)
    for x, y in zip(chosen, chosen[1:]):
        assert x.end <= y.start  # never overlapping


@given(spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), st.sampled_from(["X", "YY", ""])),
                      max_size=12))
def test_fixes_land_where_right_to_left_splicing_puts_them(spans):
    """apply_fixes builds the text in one pass; splicing each chosen fix into the text from
    the right (offsets stay valid) is the obvious reference."""
    text = "abcdefghij" * 5
    findings = [_finding(s, min(s + n, len(text)), rep) for s, n, rep in spans]
    expected = text
    for f in reversed(select_fixes(findings)):
        expected = expected[:f.start] + f.replacements[0] + expected[f.end:]
    assert apply_fixes(text, findings)[0] == expected


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed to apply the patch")
@pytest.mark.parametrize("text", [
    "Moscow, 5 June.\u2028Donald trump met the press.\nLine two.\n",
    "Page one.\x0cDonald trump met the press.\u2029Next.\x85End\n",
    "Donald trump met.\rLine two.\r",
    "Donald trump met.\r\nLine two.\r\nno final newline",
])
def test_diff_applies_with_git_whatever_the_line_separators(tmp_path, cli, text):
    """`mtcheck fix` prints a patch that `git apply` accepts and that yields the fixed text."""
    import subprocess
    story = tmp_path / "a.txt"
    story.write_bytes(text.encode("utf-8"))
    r = cli("fix", "--languagetool", "off", "a.txt", cwd=tmp_path)
    assert r.returncode == 1 and r.stdout, r.stderr
    (tmp_path / "p.diff").write_bytes(r.stdout)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    ok = subprocess.run(["git", "apply", "p.diff"], cwd=tmp_path, capture_output=True)
    assert ok.returncode == 0, ok.stderr.decode()
    assert story.read_bytes() == text.replace("Donald trump", "Donald Trump").encode("utf-8")


def test_a_file_named_twice_is_fixed_once(tmp_path, cli):
    """Its hunk appeared twice in the diff (which then did not apply)."""
    (tmp_path / "d.txt").write_text("Donald trump met.\n", encoding="utf-8")
    r = cli("lint", "--languagetool", "off", "--diff", "d.txt", "d.txt", "./d.txt", cwd=tmp_path)
    assert r.stdout.decode().count("@@ -1 +1 @@") == 1 and b"1 problem in 1 file" in r.stderr


@pytest.mark.parametrize("name,text", [
    ("a.html", '<p><em>\u201cWe will respond,\u201d</em> \u2013 said the Ministry.</p>\n'
               '<p>\u201cWe will respond,\u201d <span class="x">\u2013</span> said the Ministry.</p>\n'),
    ("a.md", "**\u201cWe will respond,\u201d** \u2013 said the Ministry.\n\n"
             "\u201cWe will respond,\u201d <!-- note --> \u2013 said the Ministry.\n"),
])
def test_fixes_never_delete_markup(tmp_path, cli, name, text):
    """A finding's span can run across a tag, an emphasis marker or a comment (checks
    see markup blanked to spaces); its fix deleted them.  Reported, not fixed."""
    f = tmp_path / name
    f.write_text(text + "\nDonald trump said so.\n", encoding="utf-8")
    lint = cli("lint", "--languagetool", "off", "--no-cache", "--format", "json", str(f))
    assert any(x["rule"] == "MT401" for x in json.loads(lint.stdout)["files"][0]["findings"])
    r = cli("fix", "--write", "--unsafe", "--languagetool", "off", str(f))
    assert r.returncode == 1, r.stderr
    assert f.read_text(encoding="utf-8") == text + "\nDonald Trump said so.\n"   # only the safe prose fix


def test_html_attributes_holding_angle_brackets_are_not_prose(tmp_path, cli):
    f = tmp_path / "d.html"
    f.write_text('<p data-note="x > y Donald trump">Body text.</p>\n'
                 "<p><a href=\"/x\" title='Profit > 5% for Donald trump'>Story</a></p>\n", encoding="utf-8")
    r = cli("lint", "--languagetool", "off", "--no-cache", "--format", "json", str(f))
    assert json.loads(r.stdout)["files"][0]["findings"] == [] and r.returncode == 0


def test_unsafe_fixes_need_the_flag():
    text = "abc def"
    f = _finding(0, 3, "ABC", fix="unsafe")
    assert apply_fixes(text, [f])[0] == text
    assert apply_fixes(text, [f], unsafe=True)[0] == "ABC def"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_write_keeps_bom_and_newlines(tmp_path, cli, newline):
    body = newline.join(["Irina Morozkina was detained.", "Lawyers for Morozkinoi appealed.", ""])
    f = tmp_path / "a.txt"
    f.write_bytes(codecs.BOM_UTF16_LE + body.encode("utf-16-le"))
    r = cli("fix", "--write", "--select", "MT601", "--languagetool", "off", str(f))
    assert r.returncode == 1, r.stderr
    assert f.read_bytes() == codecs.BOM_UTF16_LE + body.replace("Morozkinoi", "Morozkina").encode("utf-16-le")
