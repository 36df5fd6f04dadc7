"""The KKT–FN protocol: frames (:mod:`.frame`) and every command's request and answer."""

from sigmakkt.protocol.fn.frame import (
    ENQ,
    MAX_DATA,
    MAX_FRAME,
    START,
    Frame,
    FrameDecoder,
    encode_frame,
)

__all__ = ["ENQ", "MAX_DATA", "MAX_FRAME", "START", "Frame", "FrameDecoder", "encode_frame"]
