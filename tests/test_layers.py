"""The package's layers as a test: who may import what, who may read files, who draws, how long a module may be.

The rules (CONTRIBUTING.md opens with the same map):

- ``casebook/models/``: no matplotlib, seaborn or ipywidgets, and no file reader:
  no ``open()`` (builtin, ``io.open``, ``os.open``, a path's ``.open()``), no
  ``.read_text()``/``.read_bytes()``, no ``pandas.read_*`` (any ``.read_*()``
  call), no ``json.load``/``numpy.load``/``loadtxt``/``genfromtxt``/``fromfile``,
  and no import of ``yaml``, ``csv``, ``pickle``, ``shelve``, ``sqlite3``,
  ``tomllib``, ``configparser``, ``zipfile``, ``tarfile`` or ``importlib.resources``.
  Data reach a model as arguments; the ``cases/`` layer (and ``classroom/``,
  ``commands/``, the root's ``paths``) read files.
- ``casebook/plotting/``: no ipywidgets, and no file reader (as above).
- ``casebook.widgets.*`` is imported only by ``widgets/`` itself and by the layers
  above it that show widgets, ``classroom/`` and ``commands/``; never by
  ``models/``, ``plotting/``, ``cases/`` or the root modules. (ipywidgets itself:
  ``widgets/`` and ``classroom/`` only: classroom exercises build their
  controls directly.)
- A widget module draws nothing: no call of an Axes drawing or styling method
  (``plot``, ``bar``, ``text``, ``set_xlim`` ... see ``DRAWING``) and no import of
  matplotlib; ``widgets/figure.py``, the renderer, may import matplotlib's figure,
  backend and font modules but draws no artist either. Pictures are drawn by
  ``casebook.plotting`` and moved through their ``update``.
- No module in ``src/`` is over 450 lines.

Only code is read (the AST), never docstrings: a doctest may draw.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "casebook"
MAX_LINES = 450

GUI = ("matplotlib", "seaborn", "ipywidgets")
READER_MODULES = ("yaml", "csv", "pickle", "shelve", "sqlite3", "tomllib", "configparser", "zipfile", "tarfile",
                  "importlib.resources")
READER_METHODS = {"read_text", "read_bytes", "open", "loadtxt", "genfromtxt", "fromfile"}
LOADERS = {("json", "load"), ("np", "load"), ("numpy", "load"), ("io", "open"), ("os", "open")}
#: Axes methods that create or style artists: only casebook.plotting calls them.
DRAWING = {
    "plot", "bar", "barh", "text", "scatter", "fill_between", "fill_betweenx", "annotate", "imshow", "hist",
    "pie", "step", "stem", "errorbar", "contour", "contourf", "pcolormesh", "quiver", "arrow", "table",
    "axhline", "axvline", "axhspan", "axvspan", "hlines", "vlines", "add_patch", "add_collection", "add_line",
    "add_artist", "legend", "set_xlim", "set_ylim", "set_title", "set_xlabel", "set_ylabel", "set_xticks",
    "set_yticks", "set_xticklabels", "set_yticklabels", "tick_params", "set_axis_off", "set_axis_on", "clear",
    "cla", "invert_xaxis", "invert_yaxis", "set_aspect", "grid", "suptitle",
}
RENDERER_IMPORTS = ("matplotlib.figure", "matplotlib.backends", "matplotlib.font_manager", "matplotlib.textpath",
                    "matplotlib.axis", "matplotlib.legend")
WIDGET_USERS = {"widgets", "classroom", "commands"}
IPYWIDGETS_USERS = {"widgets", "classroom"}


def layer(path: Path, root: Path) -> str:
    """``models``, ``plotting``, ``widgets``, ``cases``, ``classroom``, ``commands`` or ``root``."""
    parts = path.relative_to(root).parts
    return parts[0] if len(parts) > 1 else "root"


def _imports(tree):
    """(line, names) for every import statement: the module, and for ``from M import a`` also ``M.a``
    (``from casebook import widgets``, ``from importlib import resources``). Relative imports are left
    out (the package uses absolute ones)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, [a.name]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, [node.module, *(f"{node.module}.{a.name}" for a in node.names)]


def _is(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _reads(tree):
    """(line, what) for every file-reading call."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id == "open":
            yield node.lineno, "open()"
        elif isinstance(f, ast.Attribute):
            owner = f.value.id if isinstance(f.value, ast.Name) else None
            if (owner, f.attr) in LOADERS:
                yield node.lineno, f"{owner}.{f.attr}()"
            elif f.attr in READER_METHODS or f.attr.startswith("read_"):
                yield node.lineno, f".{f.attr}()"


def _draws(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in DRAWING:
            yield node.lineno, f".{node.func.attr}()"


def check_file(path: Path, root: Path) -> list[str]:
    """Every broken rule in one module, as ``'relative/path.py:LINE: message'``."""
    where = path.relative_to(root.parent).as_posix()
    text = path.read_text(encoding="utf-8")
    lay = layer(path, root)
    out = []
    n_lines = len(text.splitlines())
    if n_lines > MAX_LINES:
        out.append(f"{where}:{n_lines}: {n_lines} lines, over {MAX_LINES}: split it by concept")
    tree = ast.parse(text, filename=str(path))
    for line, names in _imports(tree):
        def hit(*prefixes):  # the first name of this import statement that falls under prefixes
            return next((m for m in names if _is(m, *prefixes)), None)

        if lay == "models" and hit(*GUI):
            out.append(f"{where}:{line}: a model imports {hit(*GUI)}")
        if lay == "plotting" and hit("ipywidgets"):
            out.append(f"{where}:{line}: a plot imports {hit('ipywidgets')}")
        if lay not in IPYWIDGETS_USERS | {"models", "plotting"} and hit("ipywidgets"):
            out.append(f"{where}:{line}: {lay} imports {hit('ipywidgets')} (only widgets/ and classroom/ may)")
        if lay in ("models", "plotting") and hit(*READER_MODULES):
            who = "a model" if lay == "models" else "a plot"
            out.append(f"{where}:{line}: {who} imports the file reader {hit(*READER_MODULES)}")
        if lay not in WIDGET_USERS and hit("casebook.widgets"):
            out.append(f"{where}:{line}: {lay} imports {hit('casebook.widgets')} "
                       "(only widgets/, classroom/ and commands/ may)")
        if lay == "widgets" and hit("matplotlib", "seaborn"):
            renderer = path.name in ("figure.py", "blitter.py") and all(_is(m, *RENDERER_IMPORTS) for m in names
                                                        if _is(m, "matplotlib", "seaborn"))
            if not renderer:
                out.append(f"{where}:{line}: a widget imports {hit('matplotlib', 'seaborn')} "
                           "(pictures are drawn by casebook.plotting)")
    if lay in ("models", "plotting"):
        for line, what in _reads(tree):
            out.append(f"{where}:{line}: {'a model' if lay == 'models' else 'a plot'} reads a file ({what})")
    if lay == "widgets":
        for line, what in _draws(tree):
            out.append(f"{where}:{line}: a widget draws its own artists ({what}): call a casebook.plotting "
                       "function and move its picture with update")
    return out


def check_tree(root: Path) -> list[str]:
    """Every broken rule under a package folder ``root`` (the ``casebook`` folder)."""
    return [v for path in sorted(root.rglob("*.py")) for v in check_file(path, root)]


def test_the_layers_hold():
    problems = [v for v in check_tree(SRC) if " lines, over " not in v]
    assert problems == [], "layer rules broken:\n" + "\n".join(problems)


def test_no_module_is_over_450_lines():
    long = [v for v in check_tree(SRC) if " lines, over " in v]
    assert long == [], "modules too long:\n" + "\n".join(long)


OFFENDERS = {
    "models/bad_gui.py": ("import matplotlib.pyplot as plt\nimport ipywidgets\n", 2),
    "models/bad_reader.py": ("import yaml\nimport pandas as pd\n\n\ndef f(p):\n    a = open(p).read()\n"
                             "    b = p.read_text()\n    return pd.read_csv(p), a, b\n", 4),
    "models/bad_upward.py": ("from casebook.widgets.races import build_learning_race\n", 1),
    "plotting/bad_plot.py": ("def f(p):\n    import ipywidgets as w\n    import json\n    return json.load(p.open())\n",
                             3),
    "cases/reader.py": ("import csv\nimport yaml\n\n\ndef f(p):\n    return yaml.safe_load(p.read_text()), open(p)\n", 0),
    "cases/bad_widget_user.py": ("from casebook import widgets\n", 1),
    "classroom/exercise.py": ("import ipywidgets as w\nfrom casebook.widgets import panel\n", 0),
    "widgets/bad_widget.py": ("import matplotlib.patches\n\n\ndef build(ax):\n    ax.plot([0], [1])\n"
                              "    ax.set_xlim(0, 1)\n    ax.bar([0], [1])\n", 4),
    "widgets/good_widget.py": ("def build(pic, blit, data):\n    return blit.show(pic, data)\n", 0),
    "widgets/figure.py": ("from matplotlib.figure import Figure\nfrom matplotlib.backends.backend_agg import "
                          "FigureCanvasAgg\n", 0),
    "models/long.py": ("x = 1\n" * (MAX_LINES + 1), 1),
    "models/doc_only.py": ('"""A doctest may draw.\n\n>>> import matplotlib\n>>> open("x")\n"""\n', 0),
}


def test_the_checker_fails_on_a_temporary_offending_tree(tmp_path):
    root = tmp_path / "casebook"
    for rel, (code, _) in OFFENDERS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(code, encoding="utf-8")
    found = check_tree(root)
    for rel, (_, expected) in OFFENDERS.items():
        mine = [v for v in found if v.startswith(f"casebook/{rel}:")]
        assert len(mine) == expected, (rel, mine)
    joined = "\n".join(found)
    for message in ("a model imports matplotlib.pyplot", "a model imports ipywidgets",
                    "a model imports the file reader yaml", "a model reads a file (open())",
                    "a model reads a file (.read_text())", "a model reads a file (.read_csv())",
                    "models imports casebook.widgets.races", "a plot imports ipywidgets",
                    "a plot reads a file (json.load())", "cases imports casebook.widgets",
                    "a widget imports matplotlib.patches", "a widget draws its own artists (.plot())",
                    "a widget draws its own artists (.set_xlim())", f"{MAX_LINES + 1} lines, over {MAX_LINES}"):
        assert message in joined, message


@pytest.mark.parametrize("rel", sorted(p.relative_to(SRC).as_posix() for p in (SRC / "widgets").glob("*.py")))
def test_every_widget_module_is_read_by_the_checker(rel):
    """The widget modules parse and sit in the widgets layer (so the drawing rule applies to each)."""
    assert layer(SRC / rel, SRC) == "widgets"
    ast.parse((SRC / rel).read_text(encoding="utf-8"))


# Chapters draw through casebook.plotting: no cell draws with pyplot or calls artists itself
# (issue 17, item 3). Drawing is not the lesson in any chapter; were it one, list the cell here.
_DRAWS = re.compile(r"\b(?:plt|pyplot)\.|\bimport matplotlib|\.subplots\(|\bax\.(?:plot|bar|barh|scatter|text|"
                    r"set_title|set_xlim|set_ylim|fill_between|axvline|axhline|legend)\(")


@pytest.mark.parametrize("path", sorted((SRC.parent.parent / "chapters").glob("*.ipynb")), ids=lambda p: p.stem)
def test_chapters_draw_through_the_plotting_layer(path):
    import json

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    drawing = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and _DRAWS.search("".join(c["source"]))]
    assert not drawing, f"{path.name}: cells {drawing} draw with matplotlib; call casebook.plotting instead"
