"""Reading article bytes into text, and writing text back the same way.

Why a module of its own: offsets in findings refer to the decoded text exactly as read
(BOM removed, newlines untouched), and the fixer must write back with the same
encoding, BOM and newline bytes so that nothing outside the replaced spans changes.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from pathlib import Path
from typing import Iterable

from .records import record

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be linted; the message says what to do about it."""


class SkipFile(Exception):
    """A file deliberately not linted (too large); reported as a notice, not an error."""


@record(frozen=True)
class Source:
    """The decoded text of one input plus what is needed to write it back."""

    path: str
    text: str
    encoding: str  # a Python codec name, without BOM handling
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


#: Byte-order marks, longest first: the UTF-32 LE mark (FF FE 00 00) begins with the
#: UTF-16 LE one (FF FE), so testing UTF-16 first would read UTF-32 as UTF-16 garbage.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {enc: bom for bom, enc in _BOMS}
#: Python codecs that read a BOM (or assume one) and write one on their own terms: 'utf-16'
#: writes the machine's byte order with a BOM whatever the file had, 'utf-8-sig' adds a
#: BOM to a file that had none.  Files named with them are decoded with the explicit
#: byte order the file uses, so that writing back reproduces its bytes.
_SNIFFING = {"utf-8-sig": ("utf-8",), "utf-16": ("utf-16-le", "utf-16-be"), "utf-32": ("utf-32-le", "utf-32-be")}


def check_encoding(name: str) -> str:
    """The codec's canonical name, or InputError when *name* cannot decode a text file.

    codecs.lookup accepts bytes-to-bytes codecs too (rot13, base64, hex, zlib); they fail
    only when used, with a LookupError that is no message for a user."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown encoding {name!r} (try utf-8, cp1251, koi8-r, utf-16)") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"encoding {name!r} is not a text encoding (try utf-8, cp1251, koi8-r, utf-16)")
    return info.name


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode *data*: UTF-8 (BOM optional), UTF-16 or UTF-32 with BOM, or a named encoding.

    Anything else raises InputError with a message that names the fix, because a
    silently mis-decoded article would produce nonsense findings.  The Source keeps the
    BOM and an explicit byte order, so Source.encode gives back the same bytes.
    """
    if encoding:
        enc, bom = _explicit(data, check_encoding(encoding), encoding)
    else:
        enc, bom = _sniff(data)
    body = data[len(bom):]
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(_decode_error(body, enc, bom, exc, encoding)) from None
    except UnicodeError as exc:   # codecs such as 'undefined' raise the base class
        raise InputError(f"cannot decode as {encoding}: {exc}") from None
    return Source(path, text, enc, bom)


def _explicit(data: bytes, canonical: str, given: str) -> tuple[str, bytes]:
    """(codec, BOM) for a file decoded with the encoding the user named.

    A BOM that matches the named Unicode encoding is a BOM, not text: left in, U+FEFF
    would shift every column of line 1.  It is kept apart and written back."""
    if canonical in _SNIFFING:
        for enc in _SNIFFING[canonical]:
            if data.startswith(_BOM_OF[enc]):
                return enc, _BOM_OF[enc]
        if canonical == "utf-8-sig":
            return "utf-8", b""
        # no BOM: the byte order Python's codec assumes (the machine's), written back without one
        return f"{canonical}-{'le' if sys.byteorder == 'little' else 'be'}", b""
    bom = _BOM_OF.get(canonical)
    if bom and data.startswith(bom):
        return canonical, bom
    return given, b""


def _sniff(data: bytes) -> tuple[str, bytes]:
    """(codec, BOM) of a file without --encoding: its BOM says, else it must be UTF-8."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, bom
    if b"\x00" in data:
        raise InputError(
            "binary file (contains NUL bytes): not an article; exclude it or, if it is UTF-16 "
            "without a BOM, pass --encoding utf-16-le"
        )
    return "utf-8", b""


def _decode_error(body: bytes, enc: str, bom: bytes, exc: UnicodeDecodeError, given: str | None) -> str:
    """What went wrong where (line, and byte offset in the file, BOM included), and what
    to do: the advice depends on what made mtcheck pick the encoding."""
    try:
        line = body[: exc.start].decode(enc, errors="replace").count("\n") + 1
    except (UnicodeError, LookupError):
        line = body[: exc.start].count(b"\n") + 1
    where = f"line {line}, byte {len(bom) + exc.start}"
    if given:
        return f"cannot decode as {given} ({where}: {exc.reason}): pass the file's real encoding with --encoding"
    if enc == "utf-8" and not bom:
        return (f"not valid UTF-8 ({where}): if it is a legacy Russian encoding pass --encoding cp1251 "
                "(or koi8-r), or convert it to UTF-8")
    name = enc.upper().replace("-LE", " LE").replace("-BE", " BE")
    return (f"not valid {name} ({where}: {exc.reason}): the file starts with a {name} byte-order mark "
            "but is damaged or truncated there; re-save it from its source (as UTF-8), or pass its "
            "real encoding with --encoding")


#: What each stream read in this process gave (bytes, or the SkipFile/InputError it
#: raised), by path as given.  A stream can be read only once, and a command reads an
#: input more than once (for the cache key, then to lint it; forked --jobs workers
#: inherit this); reopening a pipe whose writer has finished blocks for ever.
_STREAMS: dict[str, bytes | Exception] = {}


def read_source(path: str | Path, encoding: str | None = None,
                max_size: int = DEFAULT_MAX_FILE_SIZE) -> Source:
    """Read and decode one file; raise InputError/SkipFile with a user-facing message.

    The common case (a readable regular file within the size limit) is one open, one
    fstat and one read: in a 1,000-file run the pathlib version's two extra stat calls
    and objects were ~5% of the time per article.  A pipe or FIFO named on the command
    line (``mtcheck lint <(curl ...)``, /dev/stdin) is read as a stream, once (see
    _read_stream).  Anything else takes the careful path, which tells what is wrong."""
    key = os.fspath(path)
    if _STREAMS and key in _STREAMS:
        return _from_stream(_STREAMS[key], path, encoding)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return _read_source_checked(path, encoding, max_size)
    try:
        st = os.fstat(fd)
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            _STREAMS[key] = _read_stream(fd, max_size)
            return _from_stream(_STREAMS[key], path, encoding)
        data = _read_regular(fd, st, max_size)
    finally:
        os.close(fd)
    if data is None:
        return _read_source_checked(path, encoding, max_size)
    return decode_bytes(data, str(path), encoding)


def _read_regular(fd: int, st: os.stat_result, max_size: int) -> bytes | None:
    """The bytes of a regular file within the size limit, else None (the careful path
    then says why)."""
    if not stat.S_ISREG(st.st_mode) or (max_size and st.st_size > max_size):
        return None
    chunks = []
    try:
        while True:   # until end of file (it may have changed since fstat)
            want = max(st.st_size + 1, 1 << 16) if not chunks else 1 << 16
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            if len(chunk) < want:
                break   # a short read of a regular file is its end: no read to learn that
    except OSError:
        return None
    return b"".join(chunks)


def _read_stream(fd: int, max_size: int) -> bytes | Exception:
    """All of a pipe, FIFO or character device, up to *max_size* bytes (a stream has no
    size to check first, so the limit is applied while reading)."""
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if max_size and total > max_size:
                return SkipFile(f"skipped: over the {max_size}-byte limit (raise --max-file-size)")
    except OSError as exc:
        return InputError(os_error_message(exc))


def _from_stream(got: bytes | Exception, path: str | Path, encoding: str | None) -> Source:
    if isinstance(got, Exception):
        raise type(got)(*got.args) from None
    return decode_bytes(got, str(path), encoding)


def os_error_message(exc: OSError) -> str:
    """An OSError as the rest of mtcheck's messages read: 'too many levels of symbolic
    links', 'permission denied' (lower case, without errno or path, which the caller
    already prints)."""
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]


def _read_source_checked(path: str | Path, encoding: str | None, max_size: int) -> Source:
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory")
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISFIFO(st.st_mode) and not stat.S_ISCHR(st.st_mode):
            raise InputError("not a regular file (a socket or block device): not an article")
        if max_size and st.st_size > max_size:
            raise SkipFile(
                f"skipped: {st.st_size} bytes is over the {max_size}-byte limit (raise --max-file-size)"
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(os_error_message(exc)) from None
    return decode_bytes(data, str(path), encoding)


_TMP_SUFFIX = ".mtcheck-tmp"
_TMP_RANDOM = 8   # characters tempfile puts in a name


def write_atomic(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Replace the contents of *path* with *data* (bytes, or pieces of it): atomically,
    through a temp file in the same directory, fsync, rename.

    A crash or a full disk leaves either the old file or the new one, never half of it.
    A symlink is written through (the file it names changes, the link stays a link); the
    file keeps its permission bits and, where we may set them (root), owner and group.
    A file with several hard links is the exception: a rename would leave the other
    names with the old text, so it is rewritten in place (_write_in_place).
    """
    try:
        st: os.stat_result | None = os.stat(path)   # through links, as reading went
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OSError("not a regular file (a pipe or device is read, never rewritten)")
    target = os.path.realpath(path)
    if st is not None and st.st_nlink > 1:
        whole = bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else b"".join(data)
        _write_in_place(target, whole)
    else:
        _replace(target, data, st)


def _replace(target: str, data: bytes | Iterable[bytes], st: os.stat_result | None) -> None:
    """Write a temp file next to *target*, give it *st*'s owner and mode, rename it over."""
    import tempfile  # only writers need it (~5 ms to import)

    directory, name = os.path.split(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{_short_name(name, directory)}.", suffix=_TMP_SUFFIX,
                               dir=directory or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray, memoryview)):
                fh.write(data)
            else:
                for piece in data:
                    fh.write(piece)
            fh.flush()
            if st is not None:
                _copy_owner(fh.fileno(), st)
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777 if st is not None else _new_file_mode())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _new_file_mode() -> int:
    """What open() would give a new file: 0666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _short_name(name: str, directory: str) -> str:
    """*name* cut so that '.NAME.XXXXXXXX.mtcheck-tmp' fits the file system's limit on a
    name (255 bytes mostly): a file whose name is near the limit could never be fixed."""
    try:
        limit = os.pathconf(directory or ".", "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    room = limit - 2 - _TMP_RANDOM - len(_TMP_SUFFIX)
    while name and len(os.fsencode(name)) > room:
        name = name[:-1]
    return name


def _copy_owner(fd: int, st: os.stat_result) -> None:
    """Give the temp file the original's owner and group, as far as we may: root may set
    both, another user the group only if they belong to it; otherwise the file becomes
    the writer's, as with any editor."""
    if not hasattr(os, "fchown"):
        return
    own = os.fstat(fd)
    if (own.st_uid, own.st_gid) == (st.st_uid, st.st_gid):
        return
    for uid in (st.st_uid, -1):
        try:
            os.fchown(fd, uid, st.st_gid)
            return
        except PermissionError:
            continue


def _write_in_place(target: str, data: bytes) -> None:
    """Overwrite a hard-linked file in its own inode, so that every name sees the fix.

    Not atomic, but the new text is complete in memory before the first byte changes,
    and the space is reserved first, so a full disk fails before anything is written."""
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        if data and hasattr(os, "posix_fallocate"):
            try:
                os.posix_fallocate(fd, 0, len(data))
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                    raise
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)
