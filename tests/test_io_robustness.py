"""Reading and writing files the way README promises: every encoding written back byte
for byte, odd inputs (pipes, links, long names) read or refused with one clear line.

Each test here was a bug found by a bug hunt: it failed before its fix."""

from __future__ import annotations

import codecs
import json
import os
import stat
import sys
import threading

import pytest

from conftest import ROOT
from mtcheck.source import InputError, decode_bytes, read_source, write_atomic

ARTICLE = "Irina Morozkina was detained.\nLawyers for Morozkinoi appealed.\n"
FIXED = ARTICLE.replace("Morozkinoi", "Morozkina")
FIX = ("fix", "--write", "--select", "MT601", "--languagetool", "off")
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")


# -- decoding: byte order, BOMs, codecs ---------------------------------------------------
@pytest.mark.parametrize("flag,bom,codec", [
    ("utf-16", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-16", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16", b"", "utf-16-le" if sys.byteorder == "little" else "utf-16-be"),
    ("utf-32", codecs.BOM_UTF32_BE, "utf-32-be"),
    ("utf-32", b"", "utf-32-le" if sys.byteorder == "little" else "utf-32-be"),
    ("utf-8-sig", b"", "utf-8"),
    ("utf-8-sig", codecs.BOM_UTF8, "utf-8"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_explicit_encoding_keeps_byte_order_and_bom(flag, bom, codec):
    """'utf-16' used to write the machine's byte order with a BOM whatever the file had
    (a BE file came back LE, every byte changed; a BOM-less file gained one), and an
    explicit 'utf-16-le' kept the file's BOM as U+FEFF in the text."""
    data = bom + ARTICLE.encode(codec)
    src = decode_bytes(data, "a.txt", flag)
    assert src.text == ARTICLE   # no U+FEFF: line-1 columns are right
    assert src.encode(src.text) == data
    assert src.encode(FIXED) == bom + FIXED.encode(codec)


def test_fix_write_utf16_be_changes_only_the_fixed_bytes(tmp_path, cli):
    f = tmp_path / "be.txt"
    f.write_bytes(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"))
    r = cli(*FIX, "--encoding", "utf-16", str(f))
    assert r.returncode == 1, r.stderr
    assert f.read_bytes() == codecs.BOM_UTF16_BE + FIXED.encode("utf-16-be")


def test_explicit_encoding_matching_the_bom_gives_line_one_columns(tmp_path, cli):
    f = tmp_path / "le.txt"
    f.write_bytes(codecs.BOM_UTF16_LE + "Donald trump said so.\n".encode("utf-16-le"))
    r = cli("lint", "--languagetool", "off", "--no-cache", "--format", "json", "--encoding", "utf-16-le", str(f))
    finding = json.loads(r.stdout)["files"][0]["findings"][0]
    assert (finding["text"], finding["column"], finding["start"]) == ("Donald trump", 1, 0)


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf32_bom_is_detected(tmp_path, cli, bom, codec):
    """FF FE 00 00 used to be taken for a UTF-16 LE BOM: the article was linted as
    garbage and reported clean (and 00 00 FE FF as a binary file)."""
    src = decode_bytes(bom + ARTICLE.encode(codec), "a.txt")
    assert (src.text, src.encoding, src.bom) == (ARTICLE, codec, bom)
    f = tmp_path / "u32.txt"
    f.write_bytes(bom + ARTICLE.encode(codec))
    r = cli("lint", "--languagetool", "off", "--no-cache", "--format", "json", "--select", "MT601", str(f))
    assert [x["text"] for x in json.loads(r.stdout)["files"][0]["findings"]] == ["Morozkinoi"]
    r = cli(*FIX, str(f))
    assert r.returncode == 1, r.stderr
    assert f.read_bytes() == bom + FIXED.encode(codec)


@pytest.mark.parametrize("tail,reason", [(b"x", "truncated data"),                # odd length
                                         (b"\x00\xd8a\x00", "surrogate")])       # lone surrogate
def test_damaged_utf16_is_reported_as_utf16(tail, reason):
    """Used to say 'not valid UTF-8 ... pass --encoding cp1251' with a wrong position."""
    data = codecs.BOM_UTF16_LE + "ab\ncd\n".encode("utf-16-le") + tail
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "a.txt")
    msg = str(exc.value)
    assert "not valid UTF-16 LE" in msg and "not valid UTF-8" not in msg and "cp1251" not in msg
    assert "line 3, byte 14" in msg and reason in msg   # 2 BOM bytes + 6 characters of 2 bytes


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex"])
def test_non_text_codecs_are_an_input_error(tmp_path, cli, codec):
    """codecs.lookup accepts them; decoding with them raised LookupError: a traceback, exit 1."""
    with pytest.raises(InputError, match="not a text encoding"):
        decode_bytes(b"abc", "a.txt", codec)
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    runs = [cli("lint", "--languagetool", "off", "--encoding", codec, str(f)),
            cli("fix", "--languagetool", "off", "--encoding", codec, str(f)),
            cli("fix", "--languagetool", "off", "--encoding", codec, "-", stdin=ARTICLE.encode()),
            cli("lint", "--languagetool", "off", "--encoding", codec, "-", stdin=ARTICLE.encode())]
    for r in runs:
        out = (r.stdout + r.stderr).decode()
        assert r.returncode == 2 and "Traceback" not in out, out
        assert f"encoding {codec!r} is not a text encoding" in out


# -- reading: pipes, FIFOs, links ---------------------------------------------------------
def _cli_with_pipes(texts: list[bytes], *args: str, cwd=None):
    """`mtcheck ARGS /dev/fd/N...` with one pipe per text, as `mtcheck lint <(curl ...)`
    gives it: the writer has written everything and gone."""
    import subprocess

    fds, paths = [], []
    for text in texts:
        r, w = os.pipe()
        os.write(w, text)
        os.close(w)
        fds.append(r)
        paths.append(f"/dev/fd/{r}")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}   # this checkout's mtcheck, from any cwd
    env.pop("MTCHECK_LANGUAGETOOL_URL", None)
    try:
        return subprocess.run([sys.executable, "-m", "mtcheck.cli", *args, *paths], pass_fds=fds, cwd=cwd,
                              capture_output=True, env=env, timeout=300), paths
    finally:
        for fd in fds:
            os.close(fd)


@posix_only
@pytest.mark.parametrize("extra", [("--no-cache",), ("--jobs", "2")])
def test_pipes_named_on_the_command_line_are_read(tmp_path, extra):
    """They were dropped: 'Found 0 findings in 0 files', exit 0.  A pipe can be read only
    once, and a run reads an input twice (cache key, then lint; --jobs workers): nine
    pipes take the parallel path."""
    texts = [f"Story {i}: Donald trump said so.\n".encode() for i in range(9)]
    if "--jobs" in extra:
        extra = (*extra, "--cache-dir", str(tmp_path / "cache"))
    r, paths = _cli_with_pipes(texts, "lint", "--languagetool", "off", "--format", "json", *extra, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    files = json.loads(r.stdout)["files"]
    assert [f["path"] for f in files] == paths
    assert all(f["error"] is None and [x["text"] for x in f["findings"]] == ["Donald trump"] for f in files)


@posix_only
def test_dev_stdin_is_read(cli):
    r = cli("lint", "--languagetool", "off", "--format", "json", "/dev/stdin", stdin=b"Donald trump said so.\n")
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["summary"] == {"files": 1, "findings": 1, "by_category": {"casing": 1}}


@posix_only
def test_a_stream_is_read_once_and_within_the_size_limit(tmp_path):
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)

    def feed(path, data: bytes) -> threading.Thread:
        def write() -> None:
            with open(path, "wb", buffering=0) as fh:
                try:
                    fh.write(data)
                except BrokenPipeError:   # the reader stops at the size limit
                    pass
        t = threading.Thread(target=write)
        t.start()
        return t

    t = feed(fifo, b"Donald trump said so.\n")
    assert _within(30, read_source, fifo).text == "Donald trump said so.\n"
    t.join()
    # again (the cache key, then the lint), without reopening the FIFO: that blocked for ever
    assert _within(30, read_source, fifo).text == "Donald trump said so.\n"
    big = tmp_path / "big.txt"
    os.mkfifo(big)
    t = feed(big, b"x" * 70_000)
    from mtcheck.source import SkipFile
    for _ in range(2):
        with pytest.raises(SkipFile, match="over the 100-byte limit"):
            _within(30, read_source, big, max_size=100)
    t.join()


def _within(seconds: float, fn, *args, **kwargs):
    """fn(*args) in a thread, failing the test instead of hanging it when fn blocks (a
    FIFO opened with no writer left)."""
    got: list = []

    def run() -> None:
        try:
            got.append((True, fn(*args, **kwargs)))
        except BaseException as exc:   # handed to the test's thread
            got.append((False, exc))

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert got, f"{fn.__name__} blocked for {seconds}s"
    ok, value = got[0]
    if not ok:
        raise value
    return value


@posix_only
def test_walking_skips_fifos_and_other_special_files(tmp_path, cli):
    """A FIFO met while walking a folder used to be opened: the run blocked for ever."""
    import socket

    from mtcheck.api import iter_files
    from mtcheck.config import Config

    (tmp_path / "a.txt").write_text("Donald trump said so.\n")
    os.mkfifo(tmp_path / "b.txt")
    os.symlink(tmp_path / "b.txt", tmp_path / "c.txt")     # a link to a FIFO, too
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "d.txt"))
        os.symlink("e.txt", tmp_path / "e.txt")            # a loop: reported, as before
        assert list(iter_files([str(tmp_path)], Config())) == [(str(tmp_path / "a.txt"), None),
                                                                (str(tmp_path / "e.txt"), None)]
        r = cli("lint", "--languagetool", "off", "--no-cache", str(tmp_path))
    finally:
        sock.close()
    out = r.stdout.decode()
    assert r.returncode == 2 and "a.txt:1:1: MT201" in out, out
    assert "e.txt: error: too many levels of symbolic links" in out
    # named on the command line, a FIFO is an input: listed, to be read
    assert list(iter_files([str(tmp_path / "b.txt")], Config())) == [(str(tmp_path / "b.txt"), None)]


@posix_only
def test_symlink_loop_named_on_the_command_line(tmp_path, cli):
    """Used to say 'no such file or directory'."""
    os.symlink("loop.txt", tmp_path / "loop.txt")
    r = cli("lint", "--languagetool", "off", "--format", "json", str(tmp_path / "loop.txt"), str(tmp_path / "gone.txt"))
    assert r.returncode == 2
    errors = [f["error"] for f in json.loads(r.stdout)["files"]]
    assert errors == ["too many levels of symbolic links", "no such file or directory"]


# -- writing: links, owners, long names -----------------------------------------------------
@posix_only
def test_fix_writes_through_a_symlink(tmp_path, cli):
    """The link used to be replaced by a fixed regular file, its target left unfixed."""
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.txt"
    target.write_text(ARTICLE)
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(os.path.join("real", "a.txt"))
    r = cli(*FIX, str(link))
    assert r.returncode == 1, r.stderr
    assert link.is_symlink() and os.readlink(link) == os.path.join("real", "a.txt")
    assert target.read_text() == FIXED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path / "real")) == ["a.txt"]   # no temp file left behind


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give files away")
def test_write_keeps_owner_and_group_as_root(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    os.chown(f, 1234, 5678)
    f.chmod(0o604)
    write_atomic(f, FIXED.encode())
    st = f.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 5678, 0o604)
    assert f.read_text() == FIXED


@posix_only
def test_hard_linked_file_is_fixed_under_every_name(tmp_path, cli):
    """A rename would give the fixed text to one name and leave the other with the old:
    a file with several links is rewritten in place."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE)
    os.link(a, b)
    inode = a.stat().st_ino
    r = cli(*FIX, str(a))
    assert r.returncode == 1, r.stderr
    assert a.read_text() == b.read_text() == FIXED
    assert a.stat().st_ino == b.stat().st_ino == inode and a.stat().st_nlink == 2
    write_atomic(b, [b"short", b"\n"])    # shorter than before: the rest is cut off
    assert a.read_bytes() == b"short\n"


def test_files_with_names_at_the_length_limit_can_be_fixed(tmp_path, cli):
    """The temp file '.NAME.XXXXXXXX.mtcheck-tmp' was 22 bytes over a 255-byte NAME."""
    limit = os.pathconf(tmp_path, "PC_NAME_MAX") if hasattr(os, "pathconf") else 255
    for name in ["n" * (limit - 4) + ".txt", "ж" * ((limit - 4) // 2) + ".txt"]:
        f = tmp_path / name
        f.write_text(ARTICLE)
        r = cli(*FIX, str(f))
        assert r.returncode == 1, r.stderr
        assert f.read_text() == FIXED
    assert len(os.listdir(tmp_path)) == 2


@posix_only
def test_a_pipe_is_never_rewritten(tmp_path):
    fifo = tmp_path / "in.txt"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# -- mtcheck fix: what it says -----------------------------------------------------------------
def test_fix_stdin_decode_error_names_stdin(cli):
    """The error did not say which input it was about."""
    r = cli("fix", "--languagetool", "off", "-", stdin=b"abc\xff\n")
    assert r.returncode == 2
    assert r.stderr.decode().startswith("mtcheck: error: <stdin>: not valid UTF-8 (line 1, byte 3)")
    assert r.stdout == b"abc\xff\n"    # passed through as it came, as an unsettled text is
    r = cli("fix", "--languagetool", "off", "--encoding", "rot13", "-", stdin=b"abc\n")
    # a codec that cannot decode text is refused up front, for every input alike
    assert r.returncode == 2 and r.stderr.decode().startswith("mtcheck: error: --encoding: encoding 'rot13'")


def test_failed_writes_are_not_counted_as_fixed(tmp_path, monkeypatch, capsys):
    """The summary said 'fixed 1 problem in 1 file' after 'cannot write'."""
    import mtcheck.source
    from mtcheck.commands.fix import run_fixes
    from mtcheck.runner import RunOptions, Runner

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE)
    b.write_text(ARTICLE)
    runner = Runner(RunOptions(overrides={"languagetool": "off", "select": ("MT601",)}))
    monkeypatch.setattr(mtcheck.source, "write_atomic", full_disk)
    tally = run_fixes(runner, [str(a)], write=True, unsafe=False)
    assert (tally.errors, tally.changed_files, tally.fixes) == (1, 0, 0)
    assert "cannot write" in capsys.readouterr().err and a.read_text() == ARTICLE
    monkeypatch.undo()
    tally = run_fixes(runner, [str(b)], write=True, unsafe=False)
    assert (tally.errors, tally.changed_files, tally.fixes) == (0, 1, 1)


@posix_only
def test_fix_write_on_a_pipe_reports_nothing_fixed(tmp_path):
    r, _ = _cli_with_pipes([ARTICLE.encode()], *FIX, cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "cannot write: not a regular file" in err and "fixed 0 problems in 0 files" in err


def test_text_report_of_a_huge_finding_stays_readable(cli, tmp_path):
    """A finding 200,000 characters long (a run of one letter, flagged as a romanized
    word) printed itself whole in the message, the excerpt and its carets; the text
    report now shows a window of it (the JSON keeps everything)."""
    story = tmp_path / "run.txt"
    story.write_text("a" * 200_000 + "\n", encoding="utf-8")
    r = cli("lint", "--no-cache", "--languagetool", "off", str(story))
    assert r.returncode == 1, r.stderr
    lines = r.stdout.decode("utf-8").splitlines()
    assert lines[-1].startswith("Found ") and len(lines) > 3
    assert max(len(line) for line in lines) < 600
    assert any(line.rstrip().endswith("…") for line in lines)
    data = cli("lint", "--no-cache", "--languagetool", "off", "--format", "json", str(story)).stdout
    assert any(len(f["text"]) == 200_000 for f in json.loads(data)["files"][0]["findings"])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs")
def test_output_to_a_device_or_fifo_is_written_not_refused(cli, tmp_path):
    """-o /dev/null, -o /dev/stdout and a FIFO were refused as 'not a regular file',
    exit 2: the check protects articles from being replaced, not a report's target."""
    story = tmp_path / "a.txt"
    story.write_text("The president Donald trump spoke.\n", encoding="utf-8")
    r = cli("lint", "--languagetool", "off", "--format", "json", "-o", "/dev/null", str(story))
    assert r.returncode == 1 and r.stderr == b""
    r = cli("lint", "--languagetool", "off", "--format", "json", "-o", "/dev/stdout", str(story))
    assert r.returncode == 1 and json.loads(r.stdout)["summary"]["findings"] == 1
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = cli("lint", "--languagetool", "off", "--format", "json", "-o", str(fifo), str(story))
    reader.join(timeout=60)
    assert r.returncode == 1, r.stderr
    assert json.loads(got[0])["summary"]["findings"] == 1
    r = cli("lint", "--languagetool", "off", "-o", str(tmp_path), str(story))
    assert r.returncode == 2 and b"is a directory" in r.stderr


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "html"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(cli, tmp_path, fmt):
    """b'bad\\xff.txt' crashed the SARIF report (UnicodeEncodeError in the URI quoting,
    exit 1 with a traceback) and made the JSON report invalid UTF-8 (the raw byte)."""
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as fh:
        fh.write(b"The president Donald trump spoke.\n")
    out = tmp_path / f"report.{fmt}"
    r = cli("lint", "--languagetool", "off", "--format", fmt, "-o", str(out), "in", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    data = out.read_bytes()
    if fmt == "json":
        [entry] = json.loads(data)["files"]
        assert os.fsencode(entry["path"]).endswith(b"bad\xff.txt") and entry["findings"]
    elif fmt == "sarif":
        uri = json.loads(data)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.endswith("bad%FF.txt")
    else:
        assert b"bad\xff.txt" in data


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX /dev/stdout")
@pytest.mark.parametrize("device,fd", [("/dev/stdout", "stdout"), ("/dev/stderr", "stderr")])
def test_output_to_dev_stdout_appended_to_a_file_keeps_the_file(tmp_path, device, fd):
    """`mtcheck lint -f json -o /dev/stdout stories >> all.json`: /dev/stdout is then a
    regular file, which write_atomic replaced with a new one holding only this report
    (the earlier contents lost, and whatever the shell wrote next went to the old inode)."""
    import subprocess

    from conftest import ROOT
    story = tmp_path / "a.txt"
    story.write_text("The president Donald trump spoke.\n", encoding="utf-8")
    log = tmp_path / "all.log"
    log.write_bytes(b"earlier report\n")
    with open(log, "ab") as fh:
        r = subprocess.run([sys.executable, "-m", "mtcheck.cli", "lint", "--no-cache", "--languagetool", "off",
                            "--format", "json", "-o", device, str(story)],
                           **{fd: fh}, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
        fh.write(b"after\n")
    assert r.returncode == 1
    head, rest = log.read_bytes().split(b"\n", 1)
    assert head == b"earlier report"
    report, after = rest.rsplit(b"}\n", 1)
    assert json.loads(report + b"}")["summary"]["findings"] == 1
    assert after == b"after\n"


def test_terminal_escapes_in_an_article_are_shown_not_obeyed(cli, tmp_path):
    """The text report printed the article's control characters raw: a story holding
    '\\x1b[2K\\x1b[1A' erased and rewrote the editor's terminal lines, '\\x1b]0;..\\x07'
    set its title.  They are shown as their Unicode pictures (one column each)."""
    story = tmp_path / "story.txt"
    story.write_bytes(b"The president Donald trump spoke.\x1b[2K\x1b[1A\x1b]0;owned\x07 Later.\n")
    r = cli("lint", "--no-cache", "--languagetool", "off", "--select", "MT201", str(story))
    assert r.returncode == 1, r.stderr
    out = r.stdout.decode("utf-8")
    assert "\x1b" not in out and "\x07" not in out
    lines = out.split("\n")
    assert lines[1].endswith("| The president Donald trump spoke.\u241b[2K\u241b[1A\u241b]0;owned\u2407 Later.")
    assert lines[2].index("^") == lines[1].index("Donald")   # the carets still under the name


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_an_error_not_an_internal_one(tmp_path):
    """`mtcheck lint > report.txt` on a full disk ended in a traceback and 'internal
    error ... please report it': the environment's error, said as one line (exit 2)."""
    import subprocess

    from conftest import ROOT
    story = tmp_path / "a.txt"
    story.write_text("The president Donald trump spoke.\n", encoding="utf-8")
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "mtcheck.cli", "lint", "--no-cache", "--languagetool", "off",
                            str(story)], stdout=full, stderr=subprocess.PIPE,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2
    assert "cannot write the report to standard output: No space left on device" in err
    assert "Traceback" not in err and "internal error" not in err
