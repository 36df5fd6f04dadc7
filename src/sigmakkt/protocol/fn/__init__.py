"""The KKT–FN protocol: frames (:mod:`.frame`) and every command's request and answer.

Layout: :mod:`.types` (construct building blocks of Table 190), :mod:`.codes` (command and
answer codes), :mod:`.enums` (phases, document codes, flags), :mod:`.command` (the generic
:class:`Command` descriptor and :data:`COMMANDS` registry) and :mod:`.commands` (one module per
command group; constants such as ``GET_STATUS`` or ``COMPLETE_RECEIPT``).
"""

from sigmakkt.protocol.fn import commands as _commands
from sigmakkt.protocol.fn import enums as _enums
from sigmakkt.protocol.fn.codes import AnswerCode, CommandCode
from sigmakkt.protocol.fn.command import COMMANDS, NO_DATA, Command, NoData, command_for
from sigmakkt.protocol.fn.commands import *  # noqa: F403
from sigmakkt.protocol.fn.enums import *  # noqa: F403
from sigmakkt.protocol.fn.frame import (
    ENQ,
    MAX_DATA,
    MAX_FRAME,
    START,
    Frame,
    FrameDecoder,
    encode_frame,
)

__all__ = [
    "COMMANDS",
    "ENQ",
    "MAX_DATA",
    "MAX_FRAME",
    "NO_DATA",
    "START",
    "AnswerCode",
    "Command",
    "CommandCode",
    "Frame",
    "FrameDecoder",
    "NoData",
    "command_for",
    "encode_frame",
    *_commands.__all__,
    *_enums.__all__,
]
