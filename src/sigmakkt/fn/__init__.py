"""The FN device client tier: errors per answer code (and, later, the client)."""

from sigmakkt.fn.errors import *  # noqa: F403
from sigmakkt.fn.errors import __all__ as _errors_all

__all__ = [*_errors_all]

# The client (transports/FN client part).
from sigmakkt.fn.client import FiscalStorage
from sigmakkt.fn.deadlines import DEFAULT_TIMINGS, DeadlineTable, Timing

__all__ += ["DEFAULT_TIMINGS", "DeadlineTable", "FiscalStorage", "Timing"]
