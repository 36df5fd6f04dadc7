"""The Sphinx docs build with warnings as errors, and the generated reference pages are complete.

Needs ``sphinx`` and ``furo`` (the ``docs`` extra); skipped with a reason when they are missing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"

sphinx = pytest.importorskip("sphinx", reason="sphinx is not installed (extra: sigmakkt[docs])")
pytest.importorskip("furo", reason="furo (the docs theme) is not installed (extra: sigmakkt[docs])")


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(out / ".doctrees"), str(DOCS), str(out)],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_docs_build_without_warnings(html: Path) -> None:
    assert (html / "index.html").exists()
    for page in ("getting-started", "concepts", "cli", "errors", "howto/index", "howto/udev"):
        assert (html / f"{page}.html").exists(), page


def test_cli_reference_lists_every_command_and_option(html: Path) -> None:
    from sigmakkt.cli.main import build_parser

    page = (html / "cli.html").read_text("utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, subparser in sub.choices.items():  # type: ignore[union-attr]
        assert f"sigmakkt {name}" in page, name
        for action in subparser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in page, (name, option)
    assert "sigmakkt-emulator" in page and "--transport" in page


def test_error_reference_lists_every_fn_answer_code(html: Path) -> None:
    from sigmakkt.protocol.fn.codes import AnswerCode

    page = (html / "errors.html").read_text("utf-8")
    for code in AnswerCode:
        assert f"{code.value:02X}h" in page and code.name in page, code
