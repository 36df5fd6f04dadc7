"""Sphinx configuration for the sigmakkt docs."""

from __future__ import annotations

project = "sigmakkt"
author = "sigmakkt developers"
copyright = "2026, sigmakkt developers"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
intersphinx_mapping = {"python": ("https://docs.python.org/3", None)}
html_theme = "furo"
html_title = "sigmakkt"
exclude_patterns = ["_build"]
nitpicky = False
