"""Where the CLI finds its devices: flags, then environment, then a config file.

Precedence, first match wins: ``--fn``/``--printer``/``--ofd`` flags; ``SIGMAKKT_FN``,
``SIGMAKKT_PRINTER``, ``SIGMAKKT_OFD`` environment variables; the config file (``--config PATH``
or ``~/.config/sigmakkt/config.toml``). The file is TOML with top-level keys (or a ``[device]``
table) ``fn``, ``printer``, ``ofd`` (``host:port``), ``lang``, ``emulated``, ``state``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sigmakkt.cli.exitcodes import UsageError

DEFAULT_CONFIG = Path("~/.config/sigmakkt/config.toml")


@dataclass(frozen=True)
class DeviceSettings:
    """The resolved device endpoints for one CLI run."""

    fn: str | None = None
    printer: str | None = None
    ofd: tuple[str, int] | None = None
    emulated: bool = False
    state: Path | None = None
    lang: str | None = None


def parse_hostport(value: str) -> tuple[str, int]:
    """``"host:port"`` or ``"tcp://host:port"`` -> (host, port); bad input is a UsageError."""
    raw = value.removeprefix("tcp://")
    host, sep, port = raw.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"OFD address {value!r} is not host:port")
    return host, int(port)


def load_config(path: Path | None) -> dict[str, Any]:
    """Read the config file (``path`` must exist; the default one may be absent)."""
    if path is None:
        default = DEFAULT_CONFIG.expanduser()
        if not default.is_file():
            return {}
        path = default
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read config file {path}: {exc}") from exc
    section = data.get("device", data)
    if not isinstance(section, dict):
        raise UsageError(f"config file {path}: [device] must be a table")
    merged = {k: v for k, v in data.items() if k != "device"}
    merged.update(section)
    return merged


def resolve(*, fn: str | None, printer: str | None, ofd: str | None, emulated: bool,
            state: str | None, config: str | None,
            environ: Mapping[str, str] | None = None) -> DeviceSettings:
    """Combine flags, environment and config file into :class:`DeviceSettings`."""
    env = os.environ if environ is None else environ
    cfg = load_config(Path(config) if config else None)

    def pick(flag: str | None, var: str, key: str) -> str | None:
        if flag:
            return flag
        if env.get(var):
            return env[var]
        value = cfg.get(key)
        return str(value) if value else None

    ofd_value = pick(ofd, "SIGMAKKT_OFD", "ofd")
    state_value = state or (str(cfg["state"]) if cfg.get("state") else None)
    lang = cfg.get("lang")
    return DeviceSettings(
        fn=pick(fn, "SIGMAKKT_FN", "fn"),
        printer=pick(printer, "SIGMAKKT_PRINTER", "printer"),
        ofd=parse_hostport(ofd_value) if ofd_value else None,
        emulated=emulated or bool(cfg.get("emulated", False)),
        state=Path(state_value).expanduser() if state_value else None,
        lang=str(lang) if lang in ("ru", "en") else None,
    )
