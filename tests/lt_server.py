"""A stand-in LanguageTool HTTP server for the tests (LanguageTool itself cannot be
downloaded here).

It answers ``GET /v2/languages`` and ``POST /v2/check`` with the JSON shapes of
LanguageTool's documented HTTP API (software / warnings / language / matches, each match
with message, replacements, offset, length, context, sentence, rule{id, issueType,
category{id, name}}), and -- like the real server, whose offsets are Java string
indices -- counts offsets and lengths in UTF-16 code units.  Its "checks" are a few
fixed patterns, enough to exercise every path of mtcheck's integration.

Listens on 127.0.0.1 on an ephemeral port; every request is recorded for assertions.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "Russian", "code": "ru", "longCode": "ru-RU"},
]

# (pattern, rule id, issue type, category id, category name, message, replacement function)
CHECKS = [
    (r"\b[Aa] (?=[aeiou]\w)", "EN_A_VS_AN", "misspelling", "MISC", "Miscellaneous",
     "Use “an” instead of ‘a’ if the following word starts with a vowel sound.", lambda m: ["an "]),
    (r" (?=,)", "COMMA_PARENTHESIS_WHITESPACE", "whitespace", "TYPOGRAPHY", "Typography",
     "Put a space after the comma, but not before the comma.", lambda m: [""]),
    (r"\b(\w+) \1\b", "ENGLISH_WORD_REPEAT_RULE", "duplication", "MISC", "Miscellaneous",
     "Possible typo: you repeated a word", lambda m: [m.group(1)]),
]


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@dataclass
class Recorder:
    misspelled: dict[str, str] = field(default_factory=dict)  # word -> suggestion
    checks: list[dict] = field(default_factory=list)          # form data of each /v2/check
    languages_calls: int = 0


def _matches(text: str, rec: Recorder) -> list[dict]:
    found = []
    for pat, rid, itype, cat, catname, msg, reps in CHECKS:
        for m in re.finditer(pat, text):
            found.append((m.start(), m.end(), rid, itype, cat, catname, msg, reps(m)))
    for word, suggestion in rec.misspelled.items():
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            found.append((m.start(), m.end(), "MORFOLOGIK_RULE_EN_US", "misspelling", "TYPOS",
                          "Possible Typo", "Possible spelling mistake found.", [suggestion]))
    out = []
    for start, end, rid, itype, cat, catname, msg, reps in sorted(found):
        u_start, u_len = _utf16_len(text[:start]), _utf16_len(text[start:end])
        c0, c1 = max(0, start - 40), min(len(text), end + 40)
        left = "..." if c0 > 0 else ""
        ctx_text = left + text[c0:c1] + ("..." if c1 < len(text) else "")
        out.append({
            "message": msg, "shortMessage": "",
            "replacements": [{"value": r} for r in reps],
            "offset": u_start, "length": u_len,
            "context": {"text": ctx_text, "offset": _utf16_len(left + text[c0:start]), "length": u_len},
            "sentence": text[c0:c1].strip(),
            "type": {"typeName": "Other"},
            "rule": {"id": rid, "description": msg, "issueType": itype,
                     "category": {"id": cat, "name": catname}},
            "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
        })
    return out


def _handler(rec: Recorder):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def _send(self, status: int, payload) -> None:
            body = json.dumps(payload).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            path = urlparse(self.path).path
            if path == "/v2/languages":
                rec.languages_calls += 1
                self._send(200, LANGUAGES)
            elif path == "/v2/healthcheck":
                self._send(200, {"status": "ok"})
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self):
            path = urlparse(self.path).path
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8"),
                                                   keep_blank_values=True).items()}
            if path != "/v2/check" or "text" not in form or "language" not in form:
                self._send(400, {"error": "bad request"})
                return
            rec.checks.append(form)
            self._send(200, {
                "software": {"name": "LanguageTool", "version": "6.4", "buildDate": "2024-03-28",
                             "apiVersion": 1, "premium": False, "status": ""},
                "warnings": {"incompleteResults": False},
                "language": {"name": "English (US)", "code": "en-US",
                             "detectedLanguage": {"name": "English (US)", "code": "en-US",
                                                  "confidence": 0.99}},
                "matches": _matches(form["text"], rec),
            })

    return Handler


class LTServer:
    """Context manager: ``with LTServer(misspelled={...}) as srv: srv.url``."""

    def __init__(self, misspelled: dict[str, str] | None = None) -> None:
        self.rec = Recorder(misspelled=dict(misspelled or {}))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.rec))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "LTServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
