"""LanguageTool integration (MT8xx) against the stand-in server in tests/lt_server.py."""

from __future__ import annotations

import json
import socket

import pytest

from mtcheck.api import Linter
from mtcheck.checks.languagetool import Utf16Map, map_span, resolve_mode, server_base
from mtcheck.config import Config
from mtcheck.document import Document
from mtcheck.rules import load_rules

from lt_server import LTServer

pytest.importorskip("language_tool_python")


def lint(text: str, url: str, select=("MT8",), path="<text>", fmt=None):
    linter = Linter(Config(select=select, languagetool=url))
    doc = Document.from_text(text, path, fmt)
    return linter, doc, linter.lint_document(doc, linter.rules_for(linter.config))


@pytest.fixture
def server():
    with LTServer(misspelled={"recieved": "received", "goverment": "government"}) as srv:
        yield srv


def test_rule_examples_against_server(server):
    for rule in load_rules().rules:
        if rule.kind != "languagetool":
            continue
        for text in rule.examples["bad"]:
            _, _, found = lint(text, server.url, select=(rule.code,))
            assert [f for f in found if f.rule == rule.code], (rule.code, text)
        for text in rule.examples["good"]:
            _, _, found = lint(text, server.url, select=(rule.code,))
            assert not [f for f in found if f.rule == rule.code], (rule.code, text)


def test_message_carries_languagetool_rule_id_and_category(server):
    _, _, found = lint("The minister recieved a envoy , aides said.", server.url)
    by_rule = {f.rule: f for f in found}
    assert by_rule["MT802"].category == "spelling" and "MORFOLOGIK_RULE_EN_US" in by_rule["MT802"].message
    assert by_rule["MT802"].replacements == ("received",)
    assert by_rule["MT801"].category == "grammar" and "EN_A_VS_AN" in by_rule["MT801"].message
    assert by_rule["MT803"].category == "punctuation" and "COMMA_PARENTHESIS_WHITESPACE" in by_rule["MT803"].message


def test_offsets_exact_with_multibyte_emoji_and_crlf(server):
    text = ("Москва 🇷🇺 — the talks 😀😀 ended.\r\n"
            "The goverment 👍 said it recieved the note.\r\n\r\n"
            "Ещё: “the envoy recieved 🎉 nothing”.\r\n")
    _, doc, found = lint(text, server.url, select=("MT802",))
    spans = [(text[f.start:f.end], doc.position(f.start)) for f in found]
    assert spans == [("goverment", (2, 5)), ("recieved", (2, 25)), ("recieved", (4, 17))]


def test_whole_article_is_one_request(server):
    text = "\n\n".join(f"Paragraph {i}. The goverment met. Officials recieved it." for i in range(12))
    _, _, found = lint(text, server.url)
    assert len(server.rec.checks) == 1              # one article, one request, three rules
    assert server.rec.checks[0]["text"] == text
    assert server.rec.checks[0]["language"] == "en-US"
    assert len([f for f in found if f.rule == "MT802"]) == 24


def test_one_request_per_article_over_cli(server, tmp_path, cli):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"The goverment met {i} times.\nIt recieved the note.\n",
                                            encoding="utf-8")
    r = cli("lint", "--no-cache", "--format", "json", "--select", "MT8", "--languagetool", server.url,
            str(tmp_path))
    files = json.loads(r.stdout)["files"]
    assert len(server.rec.checks) == 3
    assert all({f["rule"] for f in x["findings"]} == {"MT802"} for x in files)
    assert r.returncode == 1


def test_markdown_prose_is_sent_with_markup_blanked(server):
    text = "# Title\n\nThe **goverment** [said](http://example.com/recieved) it.\n"
    _, _, found = lint(text, server.url, select=("MT802",), path="a.md")
    assert [text[f.start:f.end] for f in found] == ["goverment"]  # the URL is not prose


def test_names_are_left_to_the_name_variant_rules(server):
    server.rec.misspelled.update({"Zelenkov": "Zelenka", "Zelenkova": "Zelenka", "Vilnyus": "Vilnius",
                                  "Recieved": "Received"})
    text = ("Zelenkov arrived on Monday. The envoy met Zelenkova in Vilnyus.\n"
            "Recieved wisdom says otherwise.\n")
    _, _, found = lint(text, server.url, select=("MT802",))
    # the mid-sentence names and the repeated (variant) surname are dropped; a misspelled
    # ordinary word at a sentence start is still reported
    assert [text[f.start:f.end] for f in found] == ["Recieved"]


def test_unreachable_server_gives_one_notice_and_carries_on(tmp_path, cli):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for i in range(2):
        (tmp_path / f"a{i}.txt").write_text("The talks in USA ended. It recieved nothing.\n", encoding="utf-8")
    r = cli("lint", "--no-cache", "--languagetool", f"http://127.0.0.1:{port}", str(tmp_path))
    err = r.stderr.decode()
    notices = [line for line in err.splitlines() if "LanguageTool" in line]
    assert len(notices) == 1, err
    assert "Traceback" not in err
    assert "MT701" in r.stdout.decode()      # the built-in checks still ran
    assert r.returncode == 1


def test_auto_without_languagetool_notices_once(tmp_path, cli):
    (tmp_path / "a.txt").write_text("It ended.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("It ended too.\n", encoding="utf-8")
    env = {"LTP_PATH": str(tmp_path / "none"), "LTP_JAR_DIR_PATH": ""}
    r = cli("lint", "--no-cache", str(tmp_path), env=env)
    notices = [line for line in r.stderr.decode().splitlines() if "LanguageTool" in line]
    assert len(notices) == 1 and notices[0].startswith("mtcheck:")
    assert not (tmp_path / "none").exists()          # detection creates and downloads nothing
    r = cli("lint", "--no-cache", "--languagetool", "off", str(tmp_path), env=env)
    assert "LanguageTool" not in r.stderr.decode()


def test_env_url_is_used_in_auto_mode(server, tmp_path, cli):
    (tmp_path / "a.txt").write_text("The goverment met.\n", encoding="utf-8")
    r = cli("lint", "--no-cache", "--select", "MT802", str(tmp_path / "a.txt"),
            env={"MTCHECK_LANGUAGETOOL_URL": server.url})
    assert "MT802" in r.stdout.decode() and len(server.rec.checks) == 1


def test_mode_resolution(tmp_path):
    empty = {"LTP_PATH": str(tmp_path), "PATH": ""}
    assert resolve_mode("off", empty).kind == "off"
    assert resolve_mode("http://lt:8081", empty).url == "http://lt:8081"
    assert resolve_mode("auto", {**empty, "MTCHECK_LANGUAGETOOL_URL": "http://x:1"}).kind == "remote"
    assert resolve_mode("auto", empty).kind == "unavailable"
    assert resolve_mode("sometimes", empty).kind == "unavailable"
    assert server_base("http://lt:8081/v2/") == server_base("http://lt:8081") == "http://lt:8081/"


def test_local_install_is_detected_without_starting_it(tmp_path, monkeypatch):
    import shutil as _sh
    monkeypatch.setattr(_sh, "which", lambda name: "/usr/bin/java" if name == "java" else None)
    lt = tmp_path / "LanguageTool-6.4"
    lt.mkdir()
    assert resolve_mode("auto", {"LTP_PATH": str(tmp_path)}).kind == "unavailable"  # no jar yet
    (lt / "languagetool-server.jar").write_bytes(b"")
    mode = resolve_mode("auto", {"LTP_PATH": str(tmp_path)})
    assert mode.kind == "local" and mode.version == "6.4"


@pytest.mark.parametrize("corrected", [True, False])
def test_map_span_both_offset_conventions(corrected):
    text = "A 😀 b 🎉 teh end"
    umap = Utf16Map(text)
    start_cp = text.index("teh")
    u16 = umap.to_utf16(start_cp)
    offset = start_cp if corrected else u16
    ctx = text  # context starting at the beginning of the text
    assert map_span(text, umap, offset, 3, ctx, u16) == (start_cp, start_cp + 3)


def test_config_key_names_the_server(server, tmp_path, cli):
    (tmp_path / ".mtcheck.toml").write_text(f'languagetool = "{server.url}/v2/"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("The goverment met.\n", encoding="utf-8")
    r = cli("lint", "--no-cache", "--select", "MT802", "a.txt", cwd=tmp_path)
    assert "MT802" in r.stdout.decode() and len(server.rec.checks) == 1
    # the flag beats the config key
    r = cli("lint", "--no-cache", "--select", "MT802", "--languagetool", "off", "a.txt", cwd=tmp_path)
    assert "MT802" not in r.stdout.decode() and len(server.rec.checks) == 1


def test_score_takes_languagetool_like_lint(server, tmp_path, cli):
    """`mtcheck score --languagetool URL` counts the MT8xx findings; `off` is silent."""
    (tmp_path / "a.txt").write_text("The goverment recieved a offer from the ministry.\n", encoding="utf-8")
    env = {"LTP_PATH": str(tmp_path / "none"), "LTP_JAR_DIR_PATH": ""}
    on = cli("score", "--format", "json", "--languagetool", server.url, str(tmp_path / "a.txt"), env=env)
    off = cli("score", "--format", "json", "--languagetool", "off", str(tmp_path / "a.txt"), env=env)
    assert on.returncode == off.returncode == 0, on.stderr
    assert "LanguageTool" not in off.stderr.decode() and len(server.rec.checks) == 1
    score_on, score_off = (json.loads(r.stdout)["files"][0]["score"] for r in (on, off))
    assert score_on < score_off == 100.0


def test_files_linted_after_languagetool_failed_are_not_cached(tmp_path, cli):
    """Once LanguageTool fails, the run's later files add no notice but lack the MT8xx
    findings as much as the first: none of them may be served from the cache once the
    server is back (each would hide its grammar findings until edited)."""
    from http.server import ThreadingHTTPServer
    import threading
    from lt_server import Recorder, _handler

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text("The goverment met on Monday.\n", encoding="utf-8")
    args = ("lint", "--jobs", "1", "--format", "json", "--select", "MT802", "--cache-dir", str(tmp_path / "cache"),
            "--languagetool", f"http://127.0.0.1:{port}", *(str(tmp_path / f"{n}.txt") for n in "abc"))
    down = cli(*args)
    assert "LanguageTool" in down.stderr.decode() and down.returncode == 0
    httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(Recorder(misspelled={"goverment": "government"})))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        up = cli(*args)
    finally:
        httpd.shutdown()
        httpd.server_close()
    files = json.loads(up.stdout)["files"]
    assert [len(f["findings"]) for f in files] == [1, 1, 1], up.stderr.decode()


def test_an_html_error_page_is_reported_as_text(tmp_path, cli):
    """A URL that is a plain web server answers LanguageTool's POST with an HTML error
    page: the one notice carries its text, not its markup."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    import threading

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: Quiet(*a, directory=str(tmp_path)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    (tmp_path / "a.txt").write_text("The goverment met.\n", encoding="utf-8")
    try:
        r = cli("lint", "--no-cache", "--languagetool", f"http://127.0.0.1:{httpd.server_address[1]}",
                str(tmp_path / "a.txt"))
    finally:
        httpd.shutdown()
        httpd.server_close()
    notices = [line for line in r.stderr.decode().splitlines() if "LanguageTool" in line]
    assert len(notices) == 1, r.stderr
    assert "<" not in notices[0] and "Error code: 404" in notices[0], notices[0]
