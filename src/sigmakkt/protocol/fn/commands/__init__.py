"""Every FN command's request and answer codec, one module per command group.

Importing this package registers every command in :data:`sigmakkt.protocol.fn.command.COMMANDS`.
"""

from sigmakkt.protocol.fn.commands import archive, document, ofd, registration, shift, status
from sigmakkt.protocol.fn.commands.archive import *  # noqa: F403
from sigmakkt.protocol.fn.commands.document import *  # noqa: F403
from sigmakkt.protocol.fn.commands.ofd import *  # noqa: F403
from sigmakkt.protocol.fn.commands.registration import *  # noqa: F403
from sigmakkt.protocol.fn.commands.shift import *  # noqa: F403
from sigmakkt.protocol.fn.commands.status import *  # noqa: F403

__all__ = [
    *archive.__all__,
    *document.__all__,
    *ofd.__all__,
    *registration.__all__,
    *shift.__all__,
    *status.__all__,
]
