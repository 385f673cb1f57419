"""Sorted word tables that load in microseconds: one file, mapped, searched by bisection.

Why not a dict: the word lists mtcheck ships (the English lexicon, word classes, the
romanized-Russian model) hold 10k-400k entries.  Building a ``dict`` of them costs
50-150 ms per process (creating the ``str`` objects is itself the cost, whatever the
parser) and 10-40 MB of Python objects, which forked ``--jobs`` workers then copy page
by page as reference counts change.  A lint run looks up a few thousand distinct
words, so it is far cheaper to keep each table as three flat buffers and search it:

* ``keys``: the UTF-8 keys in byte order, each followed by ``\\n``;
* ``offsets``: ``n + 1`` uint32 start positions in the file (key ``i`` is
  ``file[offsets[i]:offsets[i + 1] - 1]``);
* ``values`` (optional): ``n`` integers of one ``array`` type code;
* ``sample``: every ``block``-th key (``\n``-terminated), the first-level index.

A file holds several named tables plus a JSON header with metadata.  :func:`load`
memory-maps it (one ``mmap``, no parsing, no per-word objects: pages are read on demand
and shared by every process using the file, forked or not) and returns
:class:`WordTable` views; :meth:`WordTable.index` bisects a sparse sample of the keys and
searches one block of the blob (about a microsecond), and key prefixes are contiguous
ranges, so "every word that starts with ..." is two bisections.  Callers memoize hot
lookups in a per-process dict.

File layout (all integers little-endian)::

    b"MTWT1\\n" | uint32 header length | header JSON (utf-8) | padding to 8 | sections

The header maps each table name to ``{"n", "keys": [start, length], "offsets": [...],
"values": [...] or null, "type": array type code or null, "sample": [...], "block"}``
(absolute byte positions),
and ``"meta"`` to whatever the build script recorded (provenance, parameters).
"""

from __future__ import annotations

import mmap
import os
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import textscan as _textscan

__all__ = ["WordTable", "Tables", "write_tables", "dump_tables", "replace_file", "load", "loads", "load_resource"]

MAGIC = b"MTWT1\n"
_ALIGN = 8
#: lookups per table answered by plain bisection before its sample index is built
_COLD_LOOKUPS = 4
#: The C bisection of all keys (``mtcheck._textscan.sorted_index``: 0.14 us a lookup in a
#: loop, ~1.3 us in a lint run, where the table's pages are mostly not in the CPU cache;
#: the Python search took ~1.4 and ~5), or None where the C module is not in use:
#: :meth:`WordTable.index` then searches in Python, by its sampled index.
_NATIVE_INDEX = None if _textscan.NATIVE is None else _textscan.NATIVE.sorted_index
#: 0xFF never occurs in UTF-8, so ``prefix + _TOP`` sorts after every key with that prefix.
_TOP = b"\xff"


class WordTable:
    """A read-only sorted mapping from ``str`` keys to small integers (or to nothing).

    Where the C module is in use, a lookup is one C bisection of all keys (see
    ``_NATIVE_INDEX``).  Otherwise it costs a few microseconds: a C ``bisect`` over every
    ``block``-th key (a short list split from its own section on the first lookup) picks a
    block of keys, and one ``bytes.find`` of ``\nkey\n`` in that block's bytes settles it --
    a Python-level bisection over all keys took ~9 us.  Memoize in the caller when keys
    recur.
    ``len``, :meth:`key` and :meth:`value` address entries by rank, so a prefix range
    from :meth:`prefix_range` can be scanned without decoding keys.
    """

    __slots__ = ("_buf", "_off", "_vals", "n", "_block", "_sample_span", "_sample", "_cold")

    def __init__(self, buf: Any, offsets: Sequence[int], values: Sequence[int] | None,
                 block: int, sample_span: tuple[int, int]) -> None:
        self._buf = buf          # bytes or mmap: slicing either gives bytes
        self._off = offsets      # memoryview cast to "I" (or an array)
        self._vals = values      # memoryview cast to the value type, or None
        self.n = len(offsets) - 1
        self._block = block      # keys per block of the sparse first-level index
        self._sample_span = sample_span               # where every block-th key is stored
        self._sample: list[bytes] | None = None       # ... split into a list on first use
        self._cold = _COLD_LOOKUPS                    # ... or after this many lookups

    def __len__(self) -> int:
        return self.n

    def _bkey(self, i: int) -> bytes:
        off = self._off
        return self._buf[off[i]:off[i + 1] - 1]

    def key(self, i: int) -> str:
        """The ``i``-th key in byte order."""
        return self._bkey(i).decode("utf-8")

    def value(self, i: int) -> int:
        """The value of the ``i``-th key (tables without values have none)."""
        if self._vals is None:
            raise TypeError("this table stores keys only")
        return self._vals[i]

    @property
    def values(self) -> Sequence[int]:
        """All values in key order (a memoryview: slicing and ``max`` run in C)."""
        if self._vals is None:
            raise TypeError("this table stores keys only")
        return self._vals

    def _bisect(self, k: bytes, lo: int = 0, hi: int | None = None) -> int:
        buf, off = self._buf, self._off
        return bisect_left(range(self.n), k, lo, self.n if hi is None else hi,
                           key=lambda i: buf[off[i]:off[i + 1] - 1])

    def index(self, key: str) -> int:
        """Rank of ``key``, or -1 if absent."""
        if _NATIVE_INDEX is not None:
            return _NATIVE_INDEX(self._buf, self._off, key)
        k = key.encode("utf-8")
        sample = self._sample
        if sample is None:
            if self._cold:
                # A table's first lookups bisect all keys instead (~20 comparisons, ~10 us):
                # splitting the sample costs 0.1-0.6 ms, which a one-article run that asks
                # a big table for one or two words (MT104's back-transliteration) never repays.
                self._cold -= 1
                i = self._bisect(k)   # (no key holds a newline: such a k is never equal)
                return i if i < self.n and self._bkey(i) == k else -1
            start, length = self._sample_span
            sample = self._sample = self._buf[start:start + length].split(b"\n")[:-1] if length else []
        j = bisect_right(sample, k) - 1   # the block whose first key is the last <= k
        if j < 0 or b"\n" in k:
            return -1
        first = j * self._block
        if sample[j] == k:                # the sample holds each block's first key
            return first
        # Search the block where it lies in the buffer (mmap.find and bytes.find take a
        # range: no copy of the block), and turn the byte position of the key into its
        # rank by bisecting the offsets (C-level, instead of counting newlines).
        off = self._off
        last = first + self._block
        if last > self.n:
            last = self.n
        pos = self._buf.find(b"\n" + k + b"\n", off[first], off[last])
        return -1 if pos < 0 else bisect_left(off, pos + 1, first, last)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.index(key) >= 0

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` (``True`` for a keys-only table), or ``default``."""
        i = self.index(key)
        if i < 0:
            return default
        return True if self._vals is None else self._vals[i]

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        """Ranks ``[lo, hi)`` of the keys that start with ``prefix`` (in byte order)."""
        p = prefix.encode("utf-8")
        lo = self._bisect(p)
        return lo, self._bisect(p + _TOP, lo)

    def keys(self) -> list[str]:
        """Every key, decoded at once (one split of the blob: only for bulk consumers)."""
        if not self.n:
            return []
        start, end = self._off[0], self._off[self.n] - 1
        return self._buf[start:end].decode("utf-8").split("\n")


class Tables:
    """What :func:`load` returns: the named tables of one file and its metadata.

    (A plain class, not a dataclass: building one costs import time on every cold run.)
    """

    __slots__ = ("tables", "meta")

    def __init__(self, tables: Mapping[str, WordTable], meta: Mapping[str, Any]) -> None:
        self.tables = tables
        self.meta = meta

    def __getitem__(self, name: str) -> WordTable:
        return self.tables[name]


def _pad(out: bytearray) -> None:
    out += b"\0" * (-len(out) % _ALIGN)


def dump_tables(tables: Mapping[str, tuple[Iterable[str], Iterable[int] | None, str | None]],
                meta: Mapping[str, Any] | None = None, block: int = 64) -> bytes:
    """Serialise tables: ``name -> (keys, values or None, array type code or None)``.

    Keys are sorted here (by UTF-8 bytes, the order lookups bisect in); values follow
    their keys.  Duplicate keys or keys containing a newline are rejected.  The output
    is deterministic: same input, same bytes.
    """
    from array import array  # build time only: keeps the import off the lint path

    import json

    header: dict[str, Any] = {"meta": dict(meta or {}), "tables": {}}
    sections: list[tuple[str, str, Any]] = []
    for name, (keys, values, typecode) in tables.items():
        encoded = [k.encode("utf-8") for k in keys]
        vals = None if values is None else list(values)
        if vals is not None and len(vals) != len(encoded):
            raise ValueError(f"{name}: {len(encoded)} keys but {len(vals)} values")
        order = sorted(range(len(encoded)), key=encoded.__getitem__)
        blob = bytearray()
        offsets = array("I")
        prev = None
        for i in order:
            k = encoded[i]
            if b"\n" in k:
                raise ValueError(f"{name}: key with a newline: {k!r}")
            if k == prev:
                raise ValueError(f"{name}: duplicate key {k.decode('utf-8')!r}")
            prev = k
            offsets.append(len(blob))
            blob += k + b"\n"
        offsets.append(len(blob))
        sections.append((name, "keys", bytes(blob)))
        sections.append((name, "offsets", offsets))  # made absolute once the layout is known
        sections.append((name, "sample", b"".join(encoded[i] + b"\n" for i in order[::block])))
        if vals is not None:
            if not typecode:
                raise ValueError(f"{name}: values need an array type code")
            sections.append((name, "values", _le(array(typecode, [vals[i] for i in order]))))
        header["tables"][name] = {"n": len(encoded), "type": typecode if vals is not None else None,
                                  "block": block, "sample": None,
                                  "keys": None, "offsets": None, "values": None}
    # Positions depend on the header's length, which depends on the positions' digits:
    # iterate until the layout is stable (twice in practice).
    size = 0
    while True:
        head = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
        pos = len(MAGIC) + 4 + len(head)
        pos += -pos % _ALIGN
        for name, part, data in sections:
            length = len(data) * (4 if part == "offsets" else 1)
            header["tables"][name][part] = [pos, length]
            pos += length + (-length % _ALIGN)
        again = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
        if len(again) == size:
            break
        size = len(again)
    out = bytearray(MAGIC + len(again).to_bytes(4, "little") + again)
    for name, part, data in sections:
        if part == "offsets":  # relative to the key blob -> absolute file positions
            base = header["tables"][name]["keys"][0]
            data = _le(array("I", [o + base for o in data]))
        _pad(out)
        out += data
    _pad(out)
    return bytes(out)


def write_tables(path: Path | str, tables: Mapping[str, tuple[Iterable[str], Iterable[int] | None, str | None]],
                 meta: Mapping[str, Any] | None = None, block: int = 64) -> int:
    """Write :func:`dump_tables` output to ``path``; returns the size in bytes."""
    data = dump_tables(tables, meta, block)
    replace_file(path, data)
    return len(data)


def replace_file(path: Path | str, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    Why: running processes map the old file; truncating it in place (``write_bytes``)
    would make their next page read fail with SIGBUS, while a rename leaves them the
    old inode.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _le(a: Any) -> bytes:
    """An ``array``'s bytes in little-endian order."""
    if sys.byteorder != "little":
        from array import array
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()


def _view(buf: Any, span: list[int], typecode: str) -> Sequence[int]:
    start, length = span
    if sys.byteorder == "little":
        return memoryview(buf)[start:start + length].cast("B").cast(typecode)
    from array import array
    a = array(typecode, bytes(buf[start:start + length]))
    a.byteswap()
    return a


def loads(buf: Any, memo: bool = False) -> Tables:
    """Tables over an in-memory buffer (``bytes`` or ``mmap``) in the format above.

    *memo*: take the parsed header from a disk memo keyed by the header's own bytes
    (the shipped tables, see :func:`load_resource`).  Why: ``json`` is imported for
    nothing else on the lint path, and importing it is ~1.4 ms of every cold run."""
    if bytes(buf[:len(MAGIC)]) != MAGIC:
        raise ValueError("not a word-table file")
    start = len(MAGIC) + 4
    size = int.from_bytes(buf[len(MAGIC):start], "little")
    blob = bytes(buf[start:start + size])
    if memo:
        from .diskmemo import checksum
        header = _header_memo().get((checksum(blob), size), lambda: _parse_header(blob))
    else:
        header = _parse_header(blob)
    tables = {}
    for name, t in header["tables"].items():
        values = _view(buf, t["values"], t["type"]) if t["values"] else None
        tables[name] = WordTable(buf, _view(buf, t["offsets"], "I"), values, t["block"], tuple(t["sample"]))
    return Tables(tables, header["meta"])


def _parse_header(blob: bytes) -> Any:
    import json
    return json.loads(blob)


_HEADERS: Any = None


def _header_memo() -> Any:
    global _HEADERS
    if _HEADERS is None:
        from .diskmemo import DiskMemo
        _HEADERS = DiskMemo("wordtable-headers", __file__)
    return _HEADERS


def load(path: Path | str, memo: bool = False) -> Tables:
    """Memory-map a table file read-only (falls back to reading it when mapping fails)."""
    with open(path, "rb") as fh:
        try:
            buf: Any = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # empty file, or a file system without mmap
            buf = fh.read()
    return loads(buf, memo)


def load_resource(name: str) -> Tables:
    """Load ``mtcheck/data/<name>``: mapped from disk, or read when installed in a zip.

    The plain path is tried first: ``importlib.resources.files`` imports its readers
    (zipfile and friends, ~3 ms) on first use, which a cold run need not pay.
    """
    path = Path(__file__).with_name("data") / name
    if path.is_file():
        return load(path, memo=True)
    from importlib import resources
    return loads((resources.files("mtcheck") / "data" / name).read_bytes(), memo=True)
