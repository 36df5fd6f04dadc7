"""The README's example runs as written (CI proves the README)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_runs(capsys: object) -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"## In fifteen lines\n\n```python\n(.*?)```", text, re.S)
    assert match, "the README lost its example"
    code = match.group(1)
    assert len(code.strip().splitlines()) <= 15
    namespace: dict[str, object] = {}
    exec(compile(code, str(README), "exec"), namespace)
    receipt = namespace["receipt"]
    assert receipt.printed  # type: ignore[attr-defined]
    assert receipt.qr.startswith("t=")  # type: ignore[attr-defined]


def test_readme_commands_match_ci() -> None:
    text = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", text, re.S)
    assert len(blocks) >= 2
    assert "sigmakkt demo" in blocks[0]
    assert blocks[1].strip() in ci
