"""Register (fiscalise) a cash register from a TOML file, then print its registration data.

    python examples/register_from_file.py                       # on the bundled emulator
    python examples/register_from_file.py --fn serial:///dev/ttyACM0 --printer tcp://10.0.0.5:9100

Registration can be done once per FN; try your file on the emulator first.
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

from sigmakkt import Register, TaxSystem, ValidationError
from sigmakkt.register import WorkMode

HERE = Path(__file__).resolve().parent


def load(path: Path) -> dict[str, object]:
    """The TOML file as keyword arguments of Register.register()."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["tax_systems"] = {TaxSystem[name.upper()] for name in data.get("tax_systems", [])}
    data["work_modes"] = {WorkMode(name.lower()) for name in data.get("work_modes", [])}
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=HERE / "registration.toml", type=Path)
    parser.add_argument("--fn", help="FN URL (default: the bundled emulator)")
    parser.add_argument("--printer", help="printer URL")
    args = parser.parse_args()
    params = load(args.file)
    kkt = Register.connect(args.fn, args.printer) if args.fn else Register.emulated()
    with kkt:
        if kkt.status().registered:
            print("already registered:", kkt.status().registration)
            return 0
        try:
            result = kkt.register(**params)  # type: ignore[arg-type]
        except ValidationError as exc:
            print(f"refused before sending anything: {exc}")
            return 3
        info = result.registration
        print(f"registered: FD {result.fiscal_document_number}, FP {result.fiscal_sign}, "
              f"FN {result.fn_number}, printed={result.printed}")
        if info is not None:
            print(f"  INN {info.inn}, RNM {info.rnm}, FFD {info.ffd.label}, "
                  f"tax systems {info.tax_systems!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
