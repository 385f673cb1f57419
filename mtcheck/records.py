"""Record classes (``@record``) for the lint path: what ``@dataclass`` gives, without its import.

Why not ``dataclasses``: importing it imports ``inspect`` (and with it ``ast``, ``dis``,
``tokenize``, ``enum``'s helpers): ~10 ms of every cold start, a tenth of a one-article
``mtcheck lint``.  Each ``@dataclass`` then costs another 0.3-1 ms while the class is
made.  The lint and fix paths define about ten record classes (Config, Finding, Source,
Document, Rule, FileResult...), so a pre-commit hook that lints one file paid ~15 ms for
generated ``__init__`` and ``__eq__`` methods.

This module makes the same methods from the class's annotations, with the subset of the
``dataclasses`` API those classes use:

* fields in annotation order, with defaults or ``field(default_factory=...)``;
* ``field(repr=False, compare=False, hash=...)``; ``frozen=True`` (assignment raises
  :class:`FrozenInstanceError`, an ``AttributeError`` as in ``dataclasses``; frozen
  records are hashable by their compared fields);
* ``__post_init__`` when the class defines it;
* :func:`fields` and :func:`replace`.

``__init__``, ``__eq__`` and ``__hash__`` are generated source, compiled once per class
(~0.1 ms), so creating, comparing and hashing an instance cost what hand-written methods do: a Finding is made for every
problem in every article.  ``tests/test_records.py`` holds the behaviour to that of
``@dataclass`` on the same class bodies.
"""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["FrozenInstanceError", "Field", "field", "fields", "record", "replace"]

_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record (``dataclasses.FrozenInstanceError``)."""


class Field:
    """One field of a record: its name, default and how it takes part in repr/eq/hash."""

    __slots__ = ("name", "default", "default_factory", "repr", "compare", "hash")

    def __init__(self, default: Any = _MISSING, default_factory: Any = _MISSING, repr: bool = True,
                 compare: bool = True, hash: bool | None = None) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default, self.default_factory = default, default_factory
        self.repr, self.compare, self.hash = repr, compare, hash

    def __repr__(self) -> str:
        return f"Field(name={self.name!r})"


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING,
          repr: bool = True, compare: bool = True, hash: bool | None = None) -> Any:
    """A field with options, as ``dataclasses.field`` (only the options used here)."""
    return Field(default, default_factory, repr, compare, hash)


def fields(obj: Any) -> tuple[Field, ...]:
    """The fields of a record class or instance, in definition order."""
    try:
        return (obj if isinstance(obj, type) else type(obj)).__record_fields__
    except AttributeError:
        raise TypeError(f"{obj!r} is not a record") from None


def replace(obj: Any, **changes: Any) -> Any:
    """A copy of the record *obj* with *changes* (``dataclasses.replace``)."""
    for f in fields(obj):
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return type(obj)(**changes)


def record(cls: type | None = None, *, frozen: bool = False) -> Any:
    """Class decorator: ``__init__``, ``__repr__``, ``__eq__`` (and ``__hash__`` when
    frozen) from the annotations, as ``@dataclass`` / ``@dataclass(frozen=True)``."""
    def wrap(c: type) -> type:
        return _process(c, frozen)
    return wrap if cls is None else wrap(cls)


def _process(cls: type, frozen: bool) -> type:
    own = cls.__dict__.get("__annotations__", {})
    inherited = [f for b in reversed(cls.__mro__[1:]) for f in getattr(b, "__record_fields__", ())]
    flds: dict[str, Field] = {f.name: f for f in inherited}
    for name in own:
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        flds[name] = f
        if isinstance(value, Field):   # as dataclasses: the class attribute is the default, or gone
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    all_fields = tuple(flds.values())
    cls.__record_fields__ = all_fields   # type: ignore[attr-defined]

    # __init__: generated source, so that making an instance runs no loop over fields
    env: dict[str, Any] = {"_MISSING": _MISSING, "_setattr": object.__setattr__}
    params, body = [], []
    seen_default = False
    for f in all_fields:
        if f.default is not _MISSING:
            env[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
            seen_default = True
        elif f.default_factory is not _MISSING:
            env[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        else:
            params.append(f.name)
        value = f"_f_{f.name}() if {f.name} is _MISSING else {f.name}" if f.default_factory is not _MISSING else f.name
        body.append(f"_setattr(self, {f.name!r}, {value})" if frozen else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    src = f"def __init__(self, {', '.join(params)}):\n    " + "\n    ".join(body or ["pass"]) + "\n"
    ns: dict[str, Any] = {}
    exec(src, env, ns)   # noqa: S102 - source built here from identifiers only
    init = ns["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init   # type: ignore[misc]

    shown = tuple(f.name for f in all_fields if f.repr)
    compared = tuple(f.name for f in all_fields if f.compare)
    hashed = tuple(f.name for f in all_fields if (f.compare if f.hash is None else f.hash))

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in shown) + ")"

    # __eq__ and __hash__ are generated too: a Config is a dict key looked up per file
    def fields_tuple(obj: str, names: tuple[str, ...]) -> str:
        return "(" + "".join(f"{obj}.{n}, " for n in names) + ")"

    src = ("def __eq__(self, other):\n"
           "    if other.__class__ is not self.__class__:\n"
           "        return NotImplemented\n"
           f"    return {fields_tuple('self', compared)} == {fields_tuple('other', compared)}\n"
           "def __hash__(self):\n"
           f"    return hash({fields_tuple('self', hashed)})\n")
    ns = {}
    exec(src, {}, ns)   # noqa: S102 - source built here from identifiers only
    __eq__, __hash__ = ns["__eq__"], ns["__hash__"]
    __eq__.__qualname__, __hash__.__qualname__ = f"{cls.__qualname__}.__eq__", f"{cls.__qualname__}.__hash__"

    if "__repr__" not in cls.__dict__:
        cls.__repr__ = __repr__   # type: ignore[assignment]
    if "__eq__" not in cls.__dict__:
        cls.__eq__ = __eq__   # type: ignore[assignment]
    # A __hash__ the class body defines is kept (a body that defines __eq__ alone gets
    # __hash__ = None from Python itself, which is not a definition).
    explicit_hash = cls.__dict__.get("__hash__") is not None
    if frozen:
        def __setattr__(self: Any, name: str, value: Any) -> None:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self: Any, name: str) -> None:
            raise FrozenInstanceError(f"cannot delete field {name!r}")

        if not explicit_hash:
            cls.__hash__ = __hash__   # type: ignore[assignment]
        cls.__setattr__ = __setattr__   # type: ignore[assignment]
        cls.__delattr__ = __delattr__   # type: ignore[assignment]
    elif not explicit_hash:
        cls.__hash__ = None   # type: ignore[assignment]  # as dataclasses: mutable and compared, so unhashable
    return cls
