"""The KKT–OFD transport format: session header, container, message, operator ack."""

from sigmakkt.protocol.ofd.container import (
    A_VERSION,
    CONTAINER_HEADER_SIZE,
    DEFAULT_FLAGS,
    MAX_CONTAINER,
    MESSAGE_TYPE,
    S_VERSION,
    SESSION_HEADER_SIZE,
    SIGNATURE,
    Container,
    Message,
    OperatorAck,
    SessionHeader,
    decode_bcd_fn,
    encode_bcd_fn,
    make_ack,
    strip_session_header,
)

__all__ = [
    "A_VERSION",
    "CONTAINER_HEADER_SIZE",
    "DEFAULT_FLAGS",
    "MAX_CONTAINER",
    "MESSAGE_TYPE",
    "SESSION_HEADER_SIZE",
    "SIGNATURE",
    "S_VERSION",
    "Container",
    "Message",
    "OperatorAck",
    "SessionHeader",
    "decode_bcd_fn",
    "encode_bcd_fn",
    "make_ack",
    "strip_session_header",
]
