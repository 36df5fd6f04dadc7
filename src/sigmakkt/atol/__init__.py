"""ATOL Driver 10 JSON tasks on a sigmakkt Register: ``execute(register, task) -> dict``.

Modules: :mod:`.enums` (ATOL string enums ↔ sigmakkt enums), :mod:`.values` (money, dates, the
strict field check), :mod:`.parse` (task → typed requests), :mod:`.results` (typed results →
ATOL result JSON), :mod:`.error_codes` (errors → ATOL error codes), :mod:`.compat` (the
compatibility table), :mod:`.execute` (the dispatcher).
"""

from sigmakkt.atol.compat import COMPATIBILITY, Compat, Support
from sigmakkt.atol.error_codes import AtolError, atol_error
from sigmakkt.atol.execute import SUPPORTED_TASKS, execute, execute_safe

__all__ = [
    "COMPATIBILITY",
    "SUPPORTED_TASKS",
    "AtolError",
    "Compat",
    "Support",
    "atol_error",
    "execute",
    "execute_safe",
]
