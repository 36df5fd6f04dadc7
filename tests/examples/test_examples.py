"""Every script in ``examples/`` runs to completion on the emulator; the downstream project's own
tests pass with pytest using only the sigmakkt fixtures."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from PIL import Image

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PLUGIN = "sigmakkt_emulator.pytest_plugin"


def run_example(name: str, *args: str, cwd: Path | None = None) -> str:
    done = subprocess.run([sys.executable, str(EXAMPLES / name), *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_sell_and_print_writes_the_receipt_picture(tmp_path: Path) -> None:
    out = run_example("sell_and_print.py", "--out", str(tmp_path))
    assert "total 224.80, change 25.20" in out
    assert re.search(r"QR: t=\d{8}T\d{4}&s=224\.80&fn=9999078900000001&i=3&fp=\d+&n=1", out)
    png = Path(re.search(r"picture: (\S+)", out).group(1))  # type: ignore[union-attr]
    assert png.parent == tmp_path
    with Image.open(png) as image:
        assert image.width == 384


def test_register_from_file() -> None:
    out = run_example("register_from_file.py")
    assert "registered: FD 1" in out
    assert "RNM 0000000001023748, FFD 1.2" in out


def test_register_from_a_bad_file_is_refused(tmp_path: Path) -> None:
    text = (EXAMPLES / "registration.toml").read_text("utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('rnm = "0000000001023748"', 'rnm = "0000000001023749"'), "utf-8")
    done = subprocess.run([sys.executable, str(EXAMPLES / "register_from_file.py"), str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    assert "refused before sending anything: rnm:" in done.stdout


def test_shift_automation_rotates_shifts_before_24_hours() -> None:
    out = run_example("shift_automation.py", "--days", "2")
    assert out.count("closed after 20 h") == 2
    assert "none refused" in out


def test_ofd_sender_service_drains_the_queue() -> None:
    out = run_example("ofd_sender_service.py")
    assert "queue drained: True (unsent 0)" in out
    sent = sum(int(n) for n in re.findall(r"sent (\d+), acknowledged", out))
    assert sent == 6              # registration, shift open, 3 receipts, shift close


@pytest.mark.slow
def test_downstream_project_passes_with_only_the_fixtures(tmp_path: Path) -> None:
    registered = any(ep.value.split(":")[0] == PLUGIN for ep in entry_points(group="pytest11"))
    plugin = [] if registered else ["-p", PLUGIN]   # until the entry point is installed
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *plugin, "-o", f"cache_dir={tmp_path}"],
        cwd=EXAMPLES / "downstream_project", capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 passed" in done.stdout
