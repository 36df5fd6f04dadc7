"""The emulated fiscal storage (FN): state machine, durable archive, fiscal sign, OFD queue."""

from sigmakkt_emulator.fn.device import FNDevice
from sigmakkt_emulator.fn.factory import FNSettings
from sigmakkt_emulator.fn.machine import EmulatedFN
from sigmakkt_emulator.fn.sign import verify_fiscal_sign

__all__ = ["EmulatedFN", "FNDevice", "FNSettings", "verify_fiscal_sign"]
