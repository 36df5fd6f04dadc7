"""Sphinx configuration for the sigmakkt docs."""

from __future__ import annotations

import sys
from pathlib import Path

# Local extension: the CLI reference, exit codes and FN answer codes generated from the code.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sigmakkt"
author = "sigmakkt developers"
copyright = "2026, sigmakkt developers"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sigmakkt_docs",
]
autodoc_member_order = "bysource"
# Document each object where it is defined, not again where a package re-exports it.
autodoc_default_options = {"ignore-module-all": True}
autodoc_typehints = "description"
html_theme = "furo"
html_title = "sigmakkt"
exclude_patterns = ["_build"]
nitpicky = False
# The Register re-exports protocol enums under user-facing names, so a bare ``TaxSystem`` in a
# docstring can resolve to two documented objects; that ambiguity is harmless.
suppress_warnings = ["ref.python"]
