"""``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for byte, only faster.

Why: with ``indent`` the standard library falls back to its pure-Python encoder, and
``mtcheck score --format json`` on 1,000 articles writes ~38 MB in which the same
sub-objects recur thousands of times (every clean sentence has the same components).
This writer emits the same text, memoizing the rendering of any container that appears
again (same object, same depth), and uses the C string escaper.  Only the JSON types our
reports contain are supported (dict with str keys, list, tuple, str, int, float, bool,
None); anything else is handed to the standard library.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring, encode_basestring_ascii  # C implementations when available
from typing import Any, Iterator

__all__ = ["dumps", "Items", "Raw", "Writer"]

_INF = float("inf")
_MEMO_SIZE = 4096


def _float(x: float) -> str:
    if x != x:
        return "NaN"
    if x == _INF:
        return "Infinity"
    if x == -_INF:
        return "-Infinity"
    return float.__repr__(x)


def _string(s: str) -> str:
    """A JSON string, as ``encode_basestring``, except that a string holding lone
    surrogates (a file name that is not UTF-8, as Python decodes it: b"a\\xff.txt" is
    "a\\udcff.txt") is written with ``\\uXXXX`` escapes: raw, they made the report invalid
    UTF-8, which JSON readers reject; escaped, ``json.loads`` gives back the same string."""
    if not s.isascii():
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            return encode_basestring_ascii(s)
    return encode_basestring(s)


class Raw(str):
    """Text already rendered (by :meth:`Writer.value` at the depth where it goes):
    emitted as is, so a caller can render a big list item by item and drop each item."""


class Items:
    """A list whose items come from an iterator while the report is written (only
    :meth:`Writer.chunks` takes one): a report of thousands of entries made as each file
    is done never holds them all.  Written exactly as the same items in a list."""

    __slots__ = ("_it",)

    def __init__(self, items: Any) -> None:
        self._it = iter(items)


class Writer:
    """Renders values at a given nesting depth; one Writer shares its memo across calls."""

    def __init__(self) -> None:
        self.memo: dict[tuple[int, int], tuple[Any, str]] = {}

    def value(self, o: Any, depth: int) -> str:
        if type(o) is Raw:
            return o
        if isinstance(o, str):
            return _string(o)
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            return _float(o)
        if isinstance(o, dict):
            key = (id(o), depth)
            hit = self.memo.get(key)
            if hit is not None and hit[0] is o:
                return hit[1]
            text = self.dict(o, depth)
            if len(self.memo) >= _MEMO_SIZE:
                self.memo.clear()  # bounded: the memo must not keep a whole report alive
            self.memo[key] = (o, text)  # holding o keeps its id from being reused meanwhile
            return text
        if isinstance(o, (list, tuple)):
            return self.list(o, depth)
        raise _Unsupported(type(o).__name__)

    # dict and list join their pieces once: a report's "files" list is ~0.7 M characters,
    # and each "a" + "b" of the text around it copied all of it again (~10 copies, ~4 ms
    # of a 1,000-file run's serial tail).

    def dict(self, d: dict, depth: int) -> str:
        if not d:
            return "{}"
        sep = ",\n" + "  " * (depth + 1)
        pieces = []
        for k, v in d.items():
            if not isinstance(k, str):
                raise _Unsupported("non-string key")
            pieces += (sep, _string(k), ": ", self.value(v, depth + 1))
        pieces[0] = "{" + sep[1:]   # the first item opens the object instead of following a comma
        pieces.append("\n" + "  " * depth + "}")
        return "".join(pieces)

    def list(self, seq: Any, depth: int) -> str:
        if not seq:
            return "[]"
        inner = "\n" + "  " * (depth + 1)
        return "".join(("[", inner, ("," + inner).join([self.value(v, depth + 1) for v in seq]),
                        "\n", "  " * depth, "]"))


    def chunks(self, o: Any, depth: int = 0, stream_depth: int = 2) -> Iterator[str]:
        """The same text as :meth:`value`, in pieces: containers above *stream_depth* are
        opened item by item, so a report of thousands of pre-rendered (:class:`Raw`)
        entries is written out without ever being joined into one string."""
        if type(o) is Items:   # streamed at any depth: value() cannot take one
            items, brackets = ((None, v) for v in o._it), "[]"
        elif depth < stream_depth and isinstance(o, dict):
            items, brackets = o.items(), "{}"
        elif depth < stream_depth and isinstance(o, (list, tuple)):
            items, brackets = ((None, v) for v in o), "[]"
        else:
            yield self.value(o, depth)
            return
        inner = "\n" + "  " * (depth + 1)
        first = True
        for k, v in items:
            if k is not None and not isinstance(k, str):
                raise _Unsupported("non-string key")
            yield (brackets[0] if first else ",") + inner + ("" if k is None else _string(k) + ": ")
            first = False
            yield from self.chunks(v, depth + 1, stream_depth)
        yield brackets if first else "\n" + "  " * depth + brackets[1]   # empty: "{}", "[]"


class _Unsupported(Exception):
    pass


def dumps(obj: Any) -> str:
    """The text of ``json.dumps(obj, ensure_ascii=False, indent=2)``.

    The objects must not change while this runs (the memo relies on identity).
    """
    try:
        return Writer().value(obj, 0)
    except (_Unsupported, RecursionError):
        # Raw items would come out as quoted strings here: callers that use Raw pass only
        # the supported types, so this fallback never sees one.
        return json.dumps(obj, ensure_ascii=False, indent=2)
