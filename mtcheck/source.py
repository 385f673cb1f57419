"""Reading article bytes into text, and writing text back the same way.

Why a module of its own: offsets in findings refer to the decoded text exactly as read
(BOM removed, newlines untouched), and the fixer must write back with the same
encoding, BOM and newline bytes so that nothing outside the replaced spans changes.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be linted; the message says what to do about it."""


class SkipFile(Exception):
    """A file deliberately not linted (too large); reported as a notice, not an error."""


@dataclass(frozen=True)
class Source:
    """The decoded text of one input plus what is needed to write it back."""

    path: str
    text: str
    encoding: str  # a Python codec name, without BOM handling
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode *data*: UTF-8 (BOM optional), UTF-16 with BOM, or a named encoding.

    Anything else raises InputError with a message that names the fix, because a
    silently mis-decoded article would produce nonsense findings.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} (try utf-8, cp1251, utf-16)") from None
        enc = encoding.lower().replace("_", "-")
        bom = b""
        if enc in ("utf-8", "utf8", "utf-8-sig") and data.startswith(codecs.BOM_UTF8):
            bom, data, encoding = codecs.BOM_UTF8, data[3:], "utf-8"
        try:
            return Source(path, data.decode(encoding), encoding, bom)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"cannot decode as {encoding} at byte {exc.start}: pass the file's real encoding with --encoding"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        bom, body, enc = codecs.BOM_UTF8, data[3:], "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE):
        bom, body, enc = codecs.BOM_UTF16_LE, data[2:], "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        bom, body, enc = codecs.BOM_UTF16_BE, data[2:], "utf-16-be"
    else:
        bom, body, enc = b"", data, "utf-8"
        if b"\x00" in data:
            raise InputError(
                "binary file (contains NUL bytes): not an article; exclude it or, if it is UTF-16 "
                "without a BOM, pass --encoding utf-16-le"
            )
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (line {line}, byte {exc.start}): if it is a legacy Russian "
            "encoding pass --encoding cp1251 (or koi8-r), or convert it to UTF-8"
        ) from None
    return Source(path, text, enc, bom)


def read_source(path: str | Path, encoding: str | None = None,
                max_size: int = DEFAULT_MAX_FILE_SIZE) -> Source:
    """Read and decode one file; raise InputError/SkipFile with a user-facing message.

    The common case (a readable regular file within the size limit) is one open, one
    fstat and one read: in a 1,000-file run the pathlib version's two extra stat calls
    and objects were ~5% of the time per article.  Anything else takes the careful path,
    which tells what is wrong."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return _read_source_checked(path, encoding, max_size)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (max_size and st.st_size > max_size):
            data = None
        else:
            chunks = []
            while True:   # until end of file (it may have changed since fstat)
                want = max(st.st_size + 1, 1 << 16) if not chunks else 1 << 16
                chunk = os.read(fd, want)
                if not chunk:
                    break
                chunks.append(chunk)
                if len(chunk) < want:
                    break   # a short read of a regular file is its end: no read to learn that
            data = b"".join(chunks)
    except OSError:
        data = None
    finally:
        os.close(fd)
    if data is None:
        return _read_source_checked(path, encoding, max_size)
    return decode_bytes(data, str(path), encoding)


def _read_source_checked(path: str | Path, encoding: str | None, max_size: int) -> Source:
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputError("is a directory")
        if max_size and size > max_size:
            raise SkipFile(
                f"skipped: {size} bytes is over the {max_size}-byte limit (raise --max-file-size)"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return decode_bytes(data, str(path), encoding)


def write_atomic(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Replace *path* with *data* (bytes, or pieces of it) atomically: temp file in the
    same directory, fsync, rename.

    A crash or a full disk leaves either the old file or the new one, never half of it.
    The original file's permission bits are kept.
    """
    p = Path(path)
    try:
        mode = p.stat().st_mode & 0o7777
    except OSError:  # a new file: what open() would give it (0666 less the umask)
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # only writers need it (~5 ms to import)

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".mtcheck-tmp", dir=str(p.parent or "."))
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                for piece in data:
                    fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
