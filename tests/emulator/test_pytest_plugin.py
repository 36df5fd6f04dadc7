"""The pytest plugin, exercised the way users meet it: a test file run by pytest in a subprocess."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

PLUGIN = "sigmakkt_emulator.pytest_plugin"


def plugin_args() -> list[str]:
    """``-p PLUGIN`` unless the installed distribution already registers it (``pytest11``)."""
    registered = any(ep.value.split(":")[0] == PLUGIN for ep in entry_points(group="pytest11"))
    return [] if registered else ["-p", PLUGIN]


def run_pytest(tmp_path: Path, source: str, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n", "utf-8")
    (tmp_path / "test_user.py").write_text(textwrap.dedent(source), "utf-8")
    return subprocess.run([sys.executable, "-m", "pytest", "-q", *plugin_args(), *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=240)


USER_TESTS = '''
import datetime as dt
import sys

import pytest

from sigmakkt.errors import ValidationError
from sigmakkt.register import VAT, FFDVersion, Item, Payment


def sell(kkt, price="120.00"):
    return kkt.sell([Item("Чай", price=price, vat=VAT.VAT20)], payments=[Payment.cash(price)])


def test_kkt_is_registered_with_a_shift_open_and_prints(kkt, kkt_emulator):
    status = kkt.status()
    assert status.registered and status.shift_open
    assert status.registration.ffd is FFDVersion.FFD_12
    receipt = sell(kkt)
    assert receipt.printed and receipt.fiscal_document_number == 3
    assert "Чай" in kkt_emulator.receipts[-1].text
    pngs = kkt_emulator.receipt_pngs
    assert len(pngs) == 3 and all(p.read_bytes()[:8] == b"\\x89PNG\\r\\n\\x1a\\n" for p in pngs)


def test_ofd_documents_are_visible(kkt, kkt_emulator):
    sell(kkt)
    assert kkt_emulator.ofd_documents == []
    report = kkt.ofd_exchange()
    assert report.sent == 3
    assert len(kkt_emulator.ofd_documents) == 3


def test_each_test_gets_a_fresh_fn(kkt):
    assert kkt.status().last_document_number == 2      # registration + shift open only


@pytest.mark.kkt(ffd="1.05", cashier="Петров П.П.")
def test_marker_sets_ffd_and_cashier(kkt, kkt_emulator):
    assert kkt.status().registration.ffd is FFDVersion.FFD_105
    assert "Петров П.П." in kkt_emulator.receipts[-1].text


@pytest.mark.kkt(clock="2026-03-01T09:00", frozen=True)
def test_clock_control_expires_the_shift(kkt, kkt_clock):
    assert kkt_clock.now() == dt.datetime(2026, 3, 1, 9, 0)
    sell(kkt)
    kkt_clock.advance(hours=25)
    with pytest.raises(ValidationError):
        sell(kkt)
    assert kkt.status().last_document_number == 3


@pytest.mark.kkt(shift=False)
def test_marker_without_shift(kkt):
    assert kkt.status().registered and not kkt.status().shift_open


@pytest.mark.kkt(ofd=False)
def test_without_ofd_server(kkt_emulator):
    assert kkt_emulator.ofd_address is None and kkt_emulator.ofd_documents == []


def test_faults_fixture_is_the_fn_links(kkt, kkt_faults, kkt_emulator):
    assert kkt_faults is kkt_emulator.faults
    kkt_faults.corrupt_next_answer(command=0x30)
    kkt.status()                       # the client resends after a CRC error
    assert kkt_faults.log == ["corrupt 30h"]
'''


def test_fixtures_markers_and_clock(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, USER_TESTS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "8 passed" in done.stdout


def test_options_ffd_and_state(tmp_path: Path) -> None:
    source = '''
    from sigmakkt.register import FFDVersion

    def test_ffd_from_option(kkt):
        assert kkt.status().registration.ffd is FFDVersion.FFD_105
    '''
    done = run_pytest(tmp_path, source, "--kkt-ffd", "1.05", "--kkt-state",
                      str(tmp_path / "st"), "--kkt-transport", "tcp")
    assert done.returncode == 0, done.stdout + done.stderr
    state = tmp_path / "st" / "test_ffd_from_option"
    assert (state / "fn.sqlite3").exists()
    assert sorted(p.name for p in (state / "receipts").glob("*.png")) == [
        "receipt-0001.png", "receipt-0002.png"]


def test_unused_plugin_imports_nothing_heavy(tmp_path: Path) -> None:
    source = '''
    import sys

    def test_plain():
        # the package's own __init__ decides what `import sigmakkt_emulator` costs; the
        # plugin must add neither the Register API nor the printer (Pillow)
        heavy = {"sigmakkt.register.register", "sigmakkt_emulator.printer", "PIL"}
        assert heavy.isdisjoint(sys.modules), heavy & set(sys.modules)
    '''
    done = run_pytest(tmp_path, source)
    assert done.returncode == 0, done.stdout + done.stderr
    help_text = run_pytest(tmp_path, source, "--help").stdout
    assert "--kkt-ffd" in help_text and "--kkt-transport" in help_text


def test_unknown_marker_setting_is_reported(tmp_path: Path) -> None:
    source = '''
    import pytest

    @pytest.mark.kkt(colour="red")
    def test_x(kkt_emulator):
        pass
    '''
    done = run_pytest(tmp_path, source)
    assert done.returncode != 0
    assert "colour" in done.stdout + done.stderr
