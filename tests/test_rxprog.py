"""rxprog stands in for parts of ``regex`` so that most runs never import its parser:
its escape() and expand() must give exactly what regex gives, and a warm run must
really leave the parser unimported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck import rxprog

ROOT = Path(__file__).resolve().parent.parent


def test_escape_matches_regex_on_every_character():
    chars = "".join(chr(c) for c in range(0x3400) if not 0xD800 <= c < 0xE000)
    for c in chars:
        assert rxprog.escape(c) == regex.escape(c), hex(ord(c))
    # and a few from the far planes
    for c in "\u3000\U0001F600\U00010400\ufeff\u205f":
        assert rxprog.escape(c) == regex.escape(c), hex(ord(c))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_escape_matches_regex_on_any_text(text):
    assert rxprog.escape(text) == regex.escape(text)


_TEMPLATES = [
    "", "plain", r"\g<prep> the \g<name>", r"\g<quote> \g<verb>", r"\1-\2", r"\g<0>",
    r"<\g<1>>", r"\g<name>s", r"a\\b", r"\n", r"\t\g<1>", r"\12", r"\0", r"x\g<2>y\1z",
    r"\g<name>\g<prep>", r"\g< name>", "tail\\",
]


def _expand_or_error(fn, m, t):
    try:
        return ("ok", fn(m, t))
    except Exception as exc:  # both must fail alike (the type is regex's own error)
        return ("error", type(exc).__name__)


def test_expand_matches_regex_on_templates():
    rx = regex.compile(r"(?P<prep>in|to)\s+(?P<name>USA|Kremlin)(?P<opt>!)?")
    for text in ("went to USA", "in Kremlin!"):
        m = rx.search(text)
        for t in _TEMPLATES:
            assert _expand_or_error(rxprog.expand, m, t) == _expand_or_error(lambda m, t: m.expand(t), m, t), t


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\\", "g", "<", ">", "1", "2", "3", "0", "name", "prep", "n", "x"]),
                max_size=12).map("".join))
def test_expand_matches_regex_on_generated_templates(template):
    m = regex.compile(r"(?P<prep>in|to)\s+(?P<name>\w+)(x)?").search("go to Paris")
    assert _expand_or_error(rxprog.expand, m, template) == _expand_or_error(lambda m, t: m.expand(t), m, template)


def test_warm_run_does_not_import_the_regex_parser(tmp_path):
    """The second run in a fresh cache reads every program it needs from disk."""
    article = tmp_path / "a.txt"
    article.write_text("Читайте также\n\nThe talks in USA ended,” – said the Ministry of foreign Affairs. "
                       "He met Donald trump in Mоscow.\n", encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("MTCHECK_NO_RULE_CACHE", None)
    code = (
        "import sys, json\n"
        "from mtcheck.api import Linter\n"
        f"found = Linter().lint_text(open({str(article)!r}, encoding='utf-8').read())\n"
        "print(json.dumps({'rules': sorted({f.rule for f in found}),"
        " 'modules': sorted(m for m in sys.modules if m.startswith('regex'))}))\n"
    )
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True,
                                      capture_output=True, text=True).stdout) for _ in range(2)]
    assert {"MT101", "MT103", "MT201", "MT401", "MT701"} <= set(runs[0]["rules"])
    assert runs[1]["rules"] == runs[0]["rules"]
    assert "regex._regex_core" in runs[0]["modules"]      # the first run parsed the patterns
    assert runs[1]["modules"] == ["regex._regex"]          # the second only loaded the engine
