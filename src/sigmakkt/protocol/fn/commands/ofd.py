"""OFD information exchange: 20h–26h (S2 §4.6; reference §2.5)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sigmakkt.protocol.fn.codes import CommandCode
from sigmakkt.protocol.fn.command import Command, EmptyCodec, NoData, StructCodec
from sigmakkt.protocol.fn.enums import OFDStatusFlags, TransportState
from sigmakkt.protocol.fn.types import (
    DATE_TIME_OR_NONE,
    Bool,
    Byte,
    EnumAdapter,
    FlagAdapter,
    GreedyBytes,
    Uint16,
    Uint32,
)

__all__ = [
    "BEGIN_OFD_MESSAGE_READ",
    "CANCEL_OFD_MESSAGE_READ",
    "FINISH_OFD_MESSAGE_READ",
    "GET_OFD_STATUS",
    "READ_OFD_MESSAGE_BLOCK",
    "SEND_OFD_RECEIPT",
    "SET_TRANSPORT_STATUS",
    "DataBlock",
    "OFDMessageLength",
    "OFDReceipt",
    "OFDReceiptResult",
    "OFDStatus",
    "ReadBlock",
    "TransportStatus",
]


@dataclass(frozen=True, slots=True)
class OFDStatus:
    """20h answer, 13 bytes: status bits, message-read-in-progress flag, number of messages
    queued for the OFD, number and DATE_TIME of the first of them (``None``: zeros)."""

    flags: OFDStatusFlags
    reading: bool
    queued: int
    first_fd: int
    first_datetime: _dt.datetime | None


GET_OFD_STATUS: Command[NoData, OFDStatus] = Command(
    CommandCode.GET_OFD_STATUS, "GET_OFD_STATUS", EmptyCodec(),
    StructCodec(OFDStatus, [
        ("flags", FlagAdapter(Byte, OFDStatusFlags)),
        ("reading", Bool),
        ("queued", Uint16),
        ("first_fd", Uint32),
        ("first_datetime", DATE_TIME_OR_NONE),
    ]),
    "Получить статус информационного обмена",
)


@dataclass(frozen=True, slots=True)
class TransportStatus:
    """21h request: whether the KKT's connection to the OFD is up."""

    state: TransportState


SET_TRANSPORT_STATUS: Command[TransportStatus, NoData] = Command(
    CommandCode.SET_TRANSPORT_STATUS, "SET_TRANSPORT_STATUS",
    StructCodec(TransportStatus, [("state", EnumAdapter(Byte, TransportState))]),
    EmptyCodec(),
    "Передать статус транспортного соединения с ОФД",
)


@dataclass(frozen=True, slots=True)
class OFDMessageLength:
    """22h answer: the length of the message for the OFD (11h: no transport, 08h: none)."""

    length: int


BEGIN_OFD_MESSAGE_READ: Command[NoData, OFDMessageLength] = Command(
    CommandCode.BEGIN_OFD_MESSAGE_READ, "BEGIN_OFD_MESSAGE_READ", EmptyCodec(),
    StructCodec(OFDMessageLength, [("length", Uint16)]),
    "Начать чтение Сообщения для ОФД",
)


@dataclass(frozen=True, slots=True)
class ReadBlock:
    """23h request: offset into the message and the most bytes wanted."""

    offset: int
    length: int


@dataclass(frozen=True, slots=True)
class DataBlock:
    """23h answer: a block of the message (may be shorter than asked).

    DataN per S2 §4.6.4 (the reference digest): the bytes only, no length prefix. UNCERTAIN: the
    QEMU FN-1.2 model (S4) puts a Uint16 length before the bytes; we follow the FNS text.
    """

    data: bytes


READ_OFD_MESSAGE_BLOCK: Command[ReadBlock, DataBlock] = Command(
    CommandCode.READ_OFD_MESSAGE_BLOCK, "READ_OFD_MESSAGE_BLOCK",
    StructCodec(ReadBlock, [("offset", Uint16), ("length", Uint16)]),
    StructCodec(DataBlock, [("data", GreedyBytes)]),
    "Прочитать блок сообщения для ОФД",
)
CANCEL_OFD_MESSAGE_READ: Command[NoData, NoData] = Command(
    CommandCode.CANCEL_OFD_MESSAGE_READ, "CANCEL_OFD_MESSAGE_READ", EmptyCodec(), EmptyCodec(),
    "Отменить чтение Сообщения для ОФД",
)
FINISH_OFD_MESSAGE_READ: Command[NoData, NoData] = Command(
    CommandCode.FINISH_OFD_MESSAGE_READ, "FINISH_OFD_MESSAGE_READ", EmptyCodec(), EmptyCodec(),
    "Завершить чтение Сообщения для ОФД",
)


@dataclass(frozen=True, slots=True)
class OFDReceipt:
    """26h request: the OFD's reply (квитанция), which must fit one frame."""

    data: bytes


@dataclass(frozen=True, slots=True)
class OFDReceiptResult:
    """26h answer: the OFD answer code (tag 1022) and the optional STLV "operator message for
    the KKT" (raw bytes, empty when absent; decode with :mod:`sigmakkt.protocol.ffd`)."""

    ofd_code: int
    message: bytes = b""


SEND_OFD_RECEIPT: Command[OFDReceipt, OFDReceiptResult] = Command(
    CommandCode.SEND_OFD_RECEIPT, "SEND_OFD_RECEIPT",
    StructCodec(OFDReceipt, [("data", GreedyBytes)]),
    StructCodec(OFDReceiptResult, [("ofd_code", Byte), ("message", GreedyBytes)]),
    "Передать квитанцию от ОФД",
)
