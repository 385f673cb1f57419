"""The protected-span pre-checks (document._protected_spans) only skip regex scans that
could not match: the spans equal those of running every pattern on every text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck import document as d


def _plain(prose: str) -> list:
    spans = []
    for rx, kind in ((d._URL, "url"), (d._EMAIL, "email"), (d._HANDLE, "handle"), (d._HASHTAG, "hashtag")):
        spans.extend(d.Span(m.start(), m.end(), kind) for m in rx.finditer(prose))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


EDGES = [
    "MOSCOW, July 21. / TASS. and/or 50/50", "see https://example.com/a?b=1 now", "WWW.EXAMPLE.RU",
    "wWw.site.org", "visit tass.ru/politics today", "site.CO/page", "ftp://files", "a.b.c.uk/x",
    "mail me: ivan.petrov@mail.ru", "@handle and #tag", "http:/broken", "example.com without slash",
    "Ｗww.fullwidth.com", "x.İnfo/y", "sub-domain.gov/", "\u212a.uk/",
]


def test_edges():
    for text in EDGES:
        assert d._protected_spans(text) == _plain(text), text


_PIECES = ["www", "WWW", "Ww", ".", "/", ":", "//", "http", "s", "com", "CO", "ru", "uk", "gl", "@", "#",
           "-", " ", "\n", "a", "Z", "1", "İ", "\u212a", "ſ", "info", "tv"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_generated(text):
    assert d._protected_spans(text) == _plain(text)


def test_markdown_link_targets_with_parentheses_and_reference_definitions_are_not_prose(tmp_path, cli):
    """A URL with '(planet)' ended at its first ')' (MT405 on the second); the title of a
    reference definition '[1]: url "Title"' was linted and fixed."""
    import json
    f = tmp_path / "f.md"
    f.write_text('See [the report](https://en.wikipedia.org/wiki/Mercury_(planet)) today.\n\n'
                 'See [the docs][1].\n\n[1]: https://example.com/x "Donald trump"\n\nDonald trump said (so).\n',
                 encoding="utf-8")
    r = cli("lint", "--languagetool", "off", "--no-cache", "--format", "json", str(f))
    assert [(x["line"], x["rule"]) for x in json.loads(r.stdout)["files"][0]["findings"]] == [(7, "MT201")]
