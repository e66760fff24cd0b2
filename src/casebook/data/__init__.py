"""The package's own data tables (``phases.yaml``, ``concepts.yaml``) and the one reader of them.

Models never read files: a model that needs one of these tables asks
:func:`read_yaml` for the parsed document and validates it itself (as
:func:`casebook.models.phases.parse_phases` does), the way a model that needs a
case asks :mod:`casebook.cases`. The YAML is read with the safe loader, so no
Python object can be built from a data file.

Examples
--------
>>> doc = read_yaml(data_file("phases.yaml"), ValueError)
>>> isinstance(doc, dict)
True
>>> read_yaml(data_file("no_such.yaml"), lambda file, field, msg: ValueError(f"{file}: {field}: {msg}"))
Traceback (most recent call last):
...
ValueError: no_such.yaml: <file>: no such file
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_file", "read_yaml"]

_HERE = Path(__file__).resolve().parent


def data_file(name: str) -> Path:
    """The path of one of the package's data files."""
    return _HERE / name


def read_yaml(path, error):
    """The YAML document at ``path``; a problem raises ``error(file, field, message)``.

    ``error`` is the caller's exception class (or any callable that makes an
    exception from a file name, a field and a message), so that each table
    reports its problems in its own terms.
    """
    import yaml

    p = Path(path)
    if not p.is_file():
        raise error(p.name, "<file>", "no such file")
    try:
        return yaml.safe_load(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise error(p.name, "<file>", "is not UTF-8 text") from None
    except OSError as exc:
        raise error(p.name, "<file>", f"cannot be read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise error(p.name, "<yaml>", f"is not valid YAML: {exc}") from None
