"""The Alliance Learning Casebook: helper package for the chapters.

The package is layered, one folder a layer: ``models`` (the models, pure
numpy/pandas/networkx), ``plotting`` (one function draws each picture),
``widgets`` (controls wired to a model and a picture), ``cases`` (the case
files), ``classroom`` (exercises, answers, hand-ins, the class pool and the
live class) and ``commands`` (the command line). Importing ``casebook`` is cheap:
the heavy libraries (pandas, matplotlib, ipywidgets) are imported only when
a module that needs them is first used.

Examples
--------
>>> import casebook
>>> casebook.__version__
'0.1.0'
"""

from __future__ import annotations

import importlib

from casebook._version import __version__

# Public submodules, loaded on first attribute access (PEP 562), so that
# ``import casebook`` stays well under a second.
_SUBMODULES = {
    "cases",
    "classroom",
    "commands",
    "models",
    "paths",
    "plotting",
    "theme",
    "widgets",
}

# Public functions re-exported at the top level, loaded lazily as well.
_EXPORTS = {
    "use_theme": "casebook.theme",
    "list_cases": "casebook.cases",
    "load_case": "casebook.cases",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    if name in _SUBMODULES or importlib.util.find_spec(f"casebook.{name}") is not None:
        return importlib.import_module(f"casebook.{name}")
    raise AttributeError(f"module 'casebook' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS) | _SUBMODULES)
