"""Sphinx extension: reference pages generated from the code itself.

Directives:

* ``.. sigmakkt-argparse:: module:function`` — the CLI reference of the
  :class:`argparse.ArgumentParser` that ``function()`` returns: one section per subcommand with
  its usage line and every option's help text.
* ``.. sigmakkt-exit-codes::`` — the exit-code table of :mod:`sigmakkt.cli.exitcodes`.
* ``.. sigmakkt-answer-codes::`` — every FN answer code of
  :class:`sigmakkt.protocol.fn.codes.AnswerCode`: meaning (Russian and English) and what to do.

Generated reST is parsed in place, so the pages stay true to the code with no copy to drift.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

_UNDERLINES = "=-~^\""


def _esc(text: str) -> str:
    """Escape reST inline markup in help text."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("`", "\\`").replace("|", "\\|")


def _option_lines(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:  # argparse has no public walk API
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        if action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            metavar = "" if action.nargs == 0 else " " + (
                str(action.metavar) if action.metavar else
                "{" + ",".join(map(str, action.choices)) + "}" if action.choices else
                action.dest.upper())
            name = ", ".join(f"{o}{metavar}" for o in action.option_strings)
        else:
            name = str(action.metavar or action.dest)
            if action.choices:
                name += " {" + ", ".join(map(str, action.choices)) + "}"
        help_text = _esc(action.help or "")
        default = action.default
        if default not in (None, False, argparse.SUPPRESS, []) and action.nargs != 0 \
                and "default" not in (action.help or ""):
            help_text += f" (default: ``{default}``)"
        lines += [f"``{name}``", f"    {help_text or '-'}", ""]
    return lines


def _parser_rst(parser: argparse.ArgumentParser, level: int) -> list[str]:
    usage = parser.format_usage().removeprefix("usage: ").strip()
    lines = ["::", "", *("    " + line for line in usage.splitlines()), ""]
    if parser.description:
        lines += [_esc(parser.description), ""]
    opts = _option_lines(parser)
    if opts:
        lines += opts
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                title = f"{parser.prog.split()[0]} {name}"
                lines += [title, _UNDERLINES[level] * len(title), ""]
                lines += _parser_rst(sub, level + 1)
    return lines


class ArgparseDirective(SphinxDirective):
    """Document the parser returned by ``module:function``."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        module_name, _, func_name = self.arguments[0].partition(":")
        parser = getattr(importlib.import_module(module_name), func_name)()
        return self._parse(_parser_rst(parser, 1))

    def _parse(self, lines: list[str]) -> list[nodes.Node]:
        node = nodes.section()
        node.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, source="<generated>"), node)
        return list(node.children)


def _table(headers: list[str], rows: list[list[str]], widths: str) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1", f"   :widths: {widths}", ""]
    for row in [headers, *rows]:
        lines.append(f"   * - {row[0] or '-'}")
        lines += [f"     - {cell or '-'}" for cell in row[1:]]
    return lines


class ExitCodesDirective(ArgparseDirective):
    """The ``sigmakkt`` exit-code table."""

    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        from sigmakkt.cli.exitcodes import EXIT_CODES

        rows = [[str(int(c)), f"``{c.name}``", _esc(text)] for c, text in EXIT_CODES.items()]
        return self._parse(_table(["Code", "Name", "Meaning"], rows, "8 22 70"))


class AnswerCodesDirective(ArgparseDirective):
    """Every FN answer code with its meaning and advice."""

    required_arguments = 0

    def run(self) -> list[nodes.Node]:
        from sigmakkt.protocol.fn.codes import AnswerCode

        rows = [[f"``{c.value:02X}h``", f"``{c.name}``", _esc(c.description_ru),
                 _esc(c.description_en), _esc(c.advice)] for c in AnswerCode]
        return self._parse(_table(["Code", "Name", "Значение", "Meaning", "What to do"], rows,
                                  "8 20 24 24 24"))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("sigmakkt-argparse", ArgparseDirective)
    app.add_directive("sigmakkt-exit-codes", ExitCodesDirective)
    app.add_directive("sigmakkt-answer-codes", AnswerCodesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
