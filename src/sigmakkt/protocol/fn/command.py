"""The generic FN command descriptor and the codecs that map DATA bytes to dataclasses.

A :class:`Command` knows its code and how to turn its request and answer dataclasses into the
DATA part of a frame and back (the frame itself is :func:`sigmakkt.protocol.fn.frame.encode_frame`).
The client uses ``encode_request`` / ``decode_answer``, the emulator ``decode_request`` /
``encode_answer``. Commands without request (or answer) data use the shared empty dataclass
:class:`NoData` (instance :data:`NO_DATA`).

Decoding is strict: the data must be exactly one of the layouts the specification gives, with
every byte consumed; anything else raises :class:`sigmakkt.errors.DecodeError` (and nothing
else). Encoding a value the layout cannot hold raises :class:`sigmakkt.errors.ValidationError`.

Every command is registered in :data:`COMMANDS` on creation; :func:`command_for` looks one up.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

import construct as cs

from sigmakkt.errors import DecodeError, ValidationError
from sigmakkt.protocol.fn.types import build, parse

__all__ = [
    "COMMANDS",
    "NO_DATA",
    "Codec",
    "Command",
    "DataclassAdapter",
    "DefaultTail",
    "EmptyCodec",
    "NoData",
    "OptionalTail",
    "StructCodec",
    "UnionCodec",
    "command_for",
]

T = TypeVar("T")
Req = TypeVar("Req")
Ans = TypeVar("Ans")


@dataclasses.dataclass(frozen=True, slots=True)
class NoData:
    """The (empty) data of a command request or answer that carries none."""


NO_DATA = NoData()


# --- construct helpers ---------------------------------------------------------------------


class OptionalTail(cs.Subconstruct):
    """A trailing field that may be absent: parses to ``None`` at the end of the data and
    builds nothing from ``None`` (e.g. the warning byte of 12h/14h in FFD 1.1/1.2)."""

    def _parse(self, stream: Any, context: Any, path: Any) -> Any:
        here = stream.tell()
        stream.seek(0, 2)
        end = stream.tell()
        stream.seek(here)
        if here == end:
            return None
        return self.subcon._parsereport(stream, context, path)

    def _build(self, obj: Any, stream: Any, context: Any, path: Any) -> Any:
        if obj is None:
            return None
        return self.subcon._build(obj, stream, context, path)

    def _sizeof(self, context: Any, path: Any) -> int:
        raise cs.SizeofError("optional tail has no fixed size", path=path)


class DefaultTail(cs.Subconstruct):
    """A trailing field the sender may omit; parses to ``default`` when absent, always built
    (e.g. the report-type byte of 02h, "default 0")."""

    def __init__(self, subcon: Any, default: Any) -> None:
        super().__init__(subcon)
        self.default = default

    def _parse(self, stream: Any, context: Any, path: Any) -> Any:
        here = stream.tell()
        stream.seek(0, 2)
        end = stream.tell()
        stream.seek(here)
        if here == end:
            return self.default
        return self.subcon._parsereport(stream, context, path)

    def _build(self, obj: Any, stream: Any, context: Any, path: Any) -> Any:
        return self.subcon._build(obj, stream, context, path)

    def _sizeof(self, context: Any, path: Any) -> int:
        raise cs.SizeofError("defaulted tail has no fixed size", path=path)


def _plain(value: Any) -> Any:
    """Construct containers → plain Python (lists become tuples, private keys dropped)."""
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return value


class DataclassAdapter(cs.Adapter):
    """A ``Struct`` of named fields ↔ a frozen dataclass with the same field names.

    ``fields`` is a sequence of ``(name, construct)``; dataclass fields not named there must
    have defaults (they are left at their default on decode and must be ``None`` on encode).
    """

    def __init__(self, cls: type[Any], fields: Sequence[tuple[str, Any]]) -> None:
        super().__init__(cs.Struct(*(name / con for name, con in fields)))
        self.cls = cls
        self.fields: tuple[tuple[str, Any], ...] = tuple(fields)
        self.names = tuple(name for name, _ in fields)
        known = {f.name for f in dataclasses.fields(cls)}
        missing = set(self.names) - known
        if missing:
            raise TypeError(f"{cls.__name__} has no field(s) {sorted(missing)}")

    def _decode(self, obj: Any, context: Any, path: Any) -> Any:
        return self.cls(**{name: _plain(obj[name]) for name in self.names})

    def _encode(self, obj: Any, context: Any, path: Any) -> dict[str, Any]:
        if not isinstance(obj, self.cls):
            raise cs.ValidationError(
                f"expected {self.cls.__name__}, got {type(obj).__name__}", path=path
            )
        return {name: getattr(obj, name) for name in self.names}


# --- codecs --------------------------------------------------------------------------------


class Codec(ABC, Generic[T]):
    """DATA bytes ↔ one dataclass type."""

    type: type[T]

    @abstractmethod
    def encode(self, value: T) -> bytes:
        """The DATA bytes of ``value``."""

    @abstractmethod
    def decode(self, data: bytes) -> T:
        """``data`` decoded; :class:`~sigmakkt.errors.DecodeError` when it does not fit."""


class EmptyCodec(Codec[NoData]):
    """No data at all."""

    type = NoData

    def encode(self, value: NoData) -> bytes:
        if not isinstance(value, NoData):
            raise ValidationError(f"this command carries no data; got {type(value).__name__}")
        return b""

    def decode(self, data: bytes) -> NoData:
        if data:
            raise DecodeError(f"expected no data, got {len(data)} bytes: {bytes(data).hex(' ')}")
        return NO_DATA


class StructCodec(Codec[T]):
    """One fixed sequence of fields (a :class:`DataclassAdapter`)."""

    def __init__(self, cls: type[T], fields: Sequence[tuple[str, Any]]) -> None:
        self.type = cls
        self.con = DataclassAdapter(cls, fields)

    def encode(self, value: T) -> bytes:
        return build(self.con, value, self.type.__name__)

    def decode(self, data: bytes) -> T:
        result: T = parse(self.con, data, self.type.__name__)
        return result


class UnionCodec(Codec[T]):
    """Several layouts of one dataclass, told apart by the data (length, usually).

    Decoding tries ``layouts`` in order and takes the first that consumes the data exactly.
    Encoding takes the first layout whose fields are exactly the dataclass fields that are not
    ``None`` (fields outside a layout must be ``None``).
    """

    def __init__(self, cls: type[T], layouts: Sequence[Sequence[tuple[str, Any]]]) -> None:
        self.type = cls
        self.layouts = tuple(DataclassAdapter(cls, fields) for fields in layouts)

    def encode(self, value: T) -> bytes:
        if not isinstance(value, self.type):
            raise ValidationError(
                f"expected {self.type.__name__}, got {type(value).__name__}"
            )
        present = {f.name for f in dataclasses.fields(value)  # type: ignore[arg-type]
                   if getattr(value, f.name) is not None}
        for layout in self.layouts:
            if set(layout.names) == present:
                return build(layout, value, self.type.__name__)
        raise ValidationError(
            f"{self.type.__name__}: no layout carries exactly the fields {sorted(present)}"
        )

    def decode(self, data: bytes) -> T:
        errors = []
        for layout in self.layouts:
            try:
                result: T = parse(layout, data, self.type.__name__)
                return result
            except DecodeError as exc:
                errors.append(str(exc))
        raise DecodeError(f"no layout of {self.type.__name__} fits: " + "; ".join(errors[-1:]))


# --- the command ---------------------------------------------------------------------------


COMMANDS: dict[int, Command[Any, Any]] = {}


class Command(Generic[Req, Ans]):
    """One FN command: its code, name, and the codecs of its request and answer DATA."""

    def __init__(self, code: int, name: str, request: Codec[Req], answer: Codec[Ans],
                 doc: str = "") -> None:
        self.code = int(code)
        self.name = name
        self.request = request
        self.answer = answer
        self.doc = doc
        if self.code in COMMANDS:
            raise ValueError(f"command {self.code:02X}h defined twice")
        COMMANDS[self.code] = self

    @property
    def request_type(self) -> type[Req]:
        return self.request.type

    @property
    def answer_type(self) -> type[Ans]:
        return self.answer.type

    def encode_request(self, req: Req) -> bytes:
        """The request DATA (no frame)."""
        return self.request.encode(req)

    def decode_request(self, data: bytes) -> Req:
        """Request DATA → dataclass (the emulator's side). Raises DecodeError."""
        return self.request.decode(data)

    def encode_answer(self, ans: Ans) -> bytes:
        """Answer DATA for answer code 00h (the emulator's side)."""
        return self.answer.encode(ans)

    def decode_answer(self, data: bytes) -> Ans:
        """Answer DATA (after answer code 00h) → dataclass. Raises DecodeError."""
        return self.answer.decode(data)

    def __repr__(self) -> str:
        return f"<Command {self.code:02X}h {self.name}>"


def command_for(code: int) -> Command[Any, Any]:
    """The command with this code; ``KeyError`` if the codecs do not know it."""
    try:
        return COMMANDS[code]
    except KeyError:
        raise KeyError(f"no codec for FN command {code:02X}h") from None
