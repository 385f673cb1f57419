"""The ``languagetool`` kind: grammar, spelling and punctuation from LanguageTool.

LanguageTool is a Java program; mtcheck talks to it through language_tool_python in
one of three modes, chosen by the ``languagetool`` setting (flag ``--languagetool``,
config key ``languagetool``, default ``auto``):

* a URL (``http://host:8081``): a LanguageTool HTTP server the newsroom runs;
* ``local``: a LanguageTool already unpacked on this machine (``LTP_JAR_DIR_PATH``, or a
  ``LanguageTool-X.Y`` folder in ``LTP_PATH`` / language_tool_python's cache folder) plus
  ``java`` -- language_tool_python starts it.  mtcheck never lets it download anything;
* ``off``.

``auto`` uses ``MTCHECK_LANGUAGETOOL_URL`` if set, else a local install if one is found,
else prints one notice and carries on.  Detection only looks at environment variables
and folders, so it costs nothing when LanguageTool is absent.

Each article is sent once, whole (LanguageTool needs paragraphs for its cross-sentence
rules, and one request per sentence would be slow); the three rules (grammar, spelling,
punctuation) share that one answer.  LanguageTool counts offsets in UTF-16 code units
(Java strings), Python in code points: :func:`map_span` converts and verifies each span
against the match context, so emoji and CRLF files get exact positions.
"""

from __future__ import annotations

import bisect
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from ..document import Document
from ..findings import Finding
from . import ListOf

ENV_URL = "MTCHECK_LANGUAGETOOL_URL"
DEFAULT_LANGUAGE = "en-US"


# ---------------------------------------------------------------------------------
# Mode selection
class Mode(NamedTuple):
    """The resolved ``languagetool`` setting (immutable, compared by value).  NamedTuples
    and plain classes in this module, not dataclasses: the module is imported by every
    default run, and each ``@dataclass`` costs ~0.5 ms there."""

    kind: str                 # "off", "remote", "local" or "unavailable"
    url: str | None = None
    version: str | None = None  # local LanguageTool version (folder LanguageTool-X.Y)
    reason: str = ""


def _is_url(value: str) -> bool:
    return bool(re.match(r"^https?://", value.strip(), re.IGNORECASE))


def local_install(env: dict[str, str] | None = None) -> tuple[str | None, str]:
    """Find an already-unpacked LanguageTool; return (version or "jar-dir", where) or (None, why not).

    Looks where language_tool_python would, without creating or downloading anything.
    """
    import shutil   # (here, not at import: it pulls in bz2 and lzma, ~2 ms of every start)

    env = dict(os.environ) if env is None else env
    if shutil.which("java") is None:
        return None, "no java on PATH"
    jar_dir = env.get("LTP_JAR_DIR_PATH")
    if jar_dir:
        if any(Path(jar_dir).glob("languagetool-server.jar")):
            return "jar-dir", jar_dir
        return None, f"LTP_JAR_DIR_PATH={jar_dir} has no languagetool-server.jar"
    base = Path(env.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    found = []
    if base.is_dir():
        for d in base.glob("LanguageTool-*"):
            m = re.fullmatch(r"LanguageTool-(\d+\.\d+|\d{8})", d.name)
            if m and (d / "languagetool-server.jar").is_file():
                found.append(m.group(1))
    if not found:
        return None, f"no LanguageTool-X.Y folder in {base}"
    return max(found, key=lambda v: tuple(int(x) for x in v.split("."))), str(base)


def resolve_mode(setting: str | None, env: dict[str, str] | None = None) -> Mode:
    """Turn the ``languagetool`` setting into a mode (see the module docstring)."""
    env = dict(os.environ) if env is None else env
    value = (setting or "auto").strip()
    low = value.lower()
    if low in ("off", "false", "no", "none", "0"):
        return Mode("off")
    if _is_url(value):
        return Mode("remote", url=value)
    if low not in ("auto", "local"):
        return Mode("unavailable", reason=f"languagetool setting {value!r} is not auto, local, off or "
                                          f"an http(s) URL")
    if low == "auto" and env.get(ENV_URL, "").strip():
        url = env[ENV_URL].strip()
        if _is_url(url):
            return Mode("remote", url=url)
        return Mode("unavailable", reason=f"{ENV_URL}={url!r} is not an http(s) URL")
    version, where = local_install(env)
    if version:
        return Mode("local", version=None if version == "jar-dir" else version)
    return Mode("unavailable", reason=f"no LanguageTool server configured ({ENV_URL} or --languagetool URL) "
                                      f"and no local LanguageTool ({where})")


def cache_token(setting: str | None) -> str:
    """What a findings cache must key on besides the config: the resolved mode (the
    environment can change it under ``auto``)."""
    m = resolve_mode(setting)
    return f"{m.kind}:{m.url or ''}:{m.version or ''}"


def server_base(url: str) -> str:
    """The URL language_tool_python wants: the server root, without the ``/v2`` API part."""
    base = url.strip().rstrip("/")
    if base.endswith("/v2"):
        base = base[:-3]
    return base + "/"


# ---------------------------------------------------------------------------------
# Offsets: LanguageTool counts UTF-16 code units
class Utf16Map:
    """Convert between code-point offsets (Python) and UTF-16 offsets (Java)."""

    def __init__(self, text: str) -> None:
        self.prefix = [0]
        total = 0
        for ch in text:
            total += 2 if ord(ch) > 0xFFFF else 1
            self.prefix.append(total)

    def to_utf16(self, cp: int) -> int:
        return self.prefix[min(max(cp, 0), len(self.prefix) - 1)]

    def to_cp(self, unit: int) -> int:
        return bisect.bisect_left(self.prefix, unit)


def _utf16_slice(text: str, start: int, length: int) -> str:
    raw = text.encode("utf-16-le")
    return raw[2 * start:2 * (start + length)].decode("utf-16-le", errors="replace")


def _norm(s: str) -> str:
    return re.sub(r"\s", " ", s)


def map_span(text: str, umap: Utf16Map, offset: int, length: int, context: str | None = None,
             context_offset: int | None = None) -> tuple[int, int]:
    """Code-point span of a LanguageTool match.

    language_tool_python (2.8.1 and later) already moves ``offset`` to code points, but
    leaves ``length`` in UTF-16 units; older versions move neither.  Both readings are
    tried and the one whose text equals the error text in the match context wins.
    """
    candidates = [offset, umap.to_cp(offset)]
    expected = None
    if context is not None and context_offset is not None:
        expected = _norm(_utf16_slice(context, context_offset, length))
    spans = []
    for start in dict.fromkeys(candidates):
        end = umap.to_cp(umap.to_utf16(start) + length)
        if 0 <= start <= end <= len(text):
            spans.append((start, end))
            if expected is not None and _norm(text[start:end]) == expected:
                return start, end
    return spans[0] if spans else (min(offset, len(text)), min(offset + length, len(text)))


# ---------------------------------------------------------------------------------
class LTMatch(NamedTuple):
    start: int
    end: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]


class _Session:
    """One LanguageTool connection per lint run (per CheckContext)."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.tool: Any = None
        self.failed = False
        self.requests = 0


def _session(ctx: Any) -> _Session:
    sess = getattr(ctx, "_languagetool_session", None)
    if sess is None:
        mode = resolve_mode(ctx.options.get("languagetool"))
        sess = _Session(mode)
        if mode.kind == "unavailable":
            ctx.notice(f"LanguageTool not used: {mode.reason}; grammar, spelling and punctuation "
                       f"rules MT8xx skipped (use --languagetool off to silence this)")
        ctx._languagetool_session = sess
    return sess


def _open(sess: _Session, ctx: Any) -> Any:
    if sess.tool is not None or sess.failed:
        return sess.tool
    language = ctx.options.get("languagetool_language") or DEFAULT_LANGUAGE
    try:
        import language_tool_python as ltp  # heavy (requests, Java glue): only when used

        if sess.mode.kind == "remote":
            sess.tool = ltp.LanguageTool(language, remote_server=server_base(sess.mode.url or ""))
        else:
            kwargs = {"language_tool_download_version": sess.mode.version} if sess.mode.version else {}
            sess.tool = ltp.LanguageTool(language, **kwargs)
    except Exception as exc:  # any failure: one notice, then carry on without LanguageTool
        sess.failed = True
        where = sess.mode.url if sess.mode.kind == "remote" else "local LanguageTool"
        ctx.skipped(f"LanguageTool unavailable ({where}): {_short(exc)}; MT8xx rules skipped")
    return sess.tool


def _short(exc: Exception) -> str:
    """The error in one short line.  A server that answers with an HTML error page
    (a proxy, a plain web server) gets its page's text, not its markup."""
    text = str(exc)
    if "<" in text and re.search(r"(?i)<(?:!doctype|html|head|body|title|h1|p)\b", text):
        text = re.sub(r"(?is)<head\b.*?</head>|<!doctype[^>]*>", " ", text)
        text = re.sub(r"(?s)<[^>]*>", " ", text)
        import html   # only for such a page
        text = html.unescape(text)
    text = " ".join(text.split())
    return (text[:160] + "…") if len(text) > 160 else (text or type(exc).__name__)


def check_document(doc: Document, ctx: Any) -> list[LTMatch]:
    """All LanguageTool matches of one article (one request, cached for the other rules)."""
    sess = _session(ctx)
    if sess.mode.kind in ("off", "unavailable"):
        return []
    # kept with the article for the other MT8xx rules (in doc.memo: Linter.lint_documents
    # runs each rule over many articles before the next rule)
    got = doc.memo.get("languagetool.matches")
    if got is not None and got[0] is sess:
        return got[1]
    tool = _open(sess, ctx)
    if tool is None:   # failed earlier in this run: this article lacks the MT8xx findings too
        if sess.failed:
            ctx.skipped()
        return []
    text = doc.prose
    try:
        sess.requests += 1
        raw = tool.check(text)
    except Exception as exc:
        sess.failed, sess.tool = True, None
        ctx.skipped(f"LanguageTool request failed on {doc.path}: {_short(exc)}; MT8xx rules skipped")
        return []
    umap = Utf16Map(text)
    out = []
    for m in raw:
        start, end = map_span(text, umap, int(m.offset), int(m.error_length),
                              getattr(m, "context", None), getattr(m, "offset_in_context", None))
        out.append(LTMatch(start, end, str(m.rule_id), str(m.category), str(m.rule_issue_type or ""),
                           str(m.message), tuple(str(r) for r in (m.replacements or ()))))
    doc.memo["languagetool.matches"] = (sess, out)
    return out


# ---------------------------------------------------------------------------------
def _capitalized_elsewhere(doc: Document, start: int, end: int, word: str) -> bool:
    """The same capitalized word (or one with the same 4-letter start: a variant of the
    same name) occurs elsewhere in the article."""
    stem = word[:4]
    for t in doc.tokens:
        if t.start == start:
            continue
        other = doc.prose[t.start:t.end]
        if other[:1].isupper() and (other == word or (len(stem) == 4 and other.startswith(stem))):
            return True
    return False


def is_name_like(doc: Document, start: int, end: int, ctx: Any) -> bool:
    """A spelling match that is the name-variant check's business, not a typo.

    Names (in the gazetteer, capitalized mid-sentence, or repeated in the article) are
    judged by the name-variant rules; LanguageTool's dictionary does not know them, so its
    spelling complaints on them would report one problem twice.
    """
    word = doc.text[start:end]
    if not word[:1].isupper():
        return False
    parts = [w for w in re.split(r"[\s-]+", word) if w]
    if parts and all(ctx.gazetteer.is_name_word(w) for w in parts):
        return True
    if start not in doc.initial_offsets:
        return True
    return _capitalized_elsewhere(doc, start, end, word)


def _romanized(word: str) -> bool:
    try:
        from ..romanized import is_romanized_russian
    except ImportError:  # the romanized model is optional for this check
        return False
    return bool(word.isalpha() and is_romanized_russian(word))


class LanguageToolKind:
    """One rule = the LanguageTool matches of some categories / issue types."""

    PARAMS = {
        "lt_categories": (ListOf(str), False),   # LanguageTool category ids (TYPOS, GRAMMAR, …)
        "issue_types": (ListOf(str), False),     # or LanguageTool issue types (misspelling, …)
        "skip_rules": (ListOf(str), False),      # LanguageTool rule ids this rule never reports
        "names_are_variants": (bool, False),  # drop spelling matches on names (see is_name_like)
        "max_replacements": (int, False),
    }
    #: message fields besides text and fix (see the Rule.finding call in check)
    FIELDS = frozenset({"lt_rule", "lt_message", "lt_category"})

    def prepare(self, rule: Any, ctx: Any) -> dict:
        p = rule.params
        return {"cats": frozenset(p.get("lt_categories") or ()),
                "types": frozenset(p.get("issue_types") or ()),
                "skip": frozenset(p.get("skip_rules") or ()),
                "names": bool(p.get("names_are_variants", False)),
                "maxrep": int(p.get("max_replacements", 3))}

    def check(self, doc: Document, rule: Any, state: dict, ctx: Any) -> list[Finding]:
        out = []
        for m in check_document(doc, ctx):
            if m.rule_id in state["skip"]:
                continue
            if not (m.category in state["cats"] or m.issue_type in state["types"]):
                continue
            if m.end <= m.start or doc.is_protected(m.start, m.end):
                continue
            if state["names"] and (is_name_like(doc, m.start, m.end, ctx)
                                   or _romanized(doc.text[m.start:m.end])):
                continue
            text = doc.text[m.start:m.end]
            reps = tuple(r for r in m.replacements[:state["maxrep"]] if r != text)
            out.append(rule.finding(m.start, m.end, text, replacements=reps, lt_rule=m.rule_id,
                                    lt_message=m.message.strip(), lt_category=m.category,
                                    data={"languagetool_rule": m.rule_id,
                                          "languagetool_category": m.category}))
        return out
