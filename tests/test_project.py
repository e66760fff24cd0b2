"""The project as a new user meets it: README, command line, theme, import time."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_quick_start_comes_first():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.index("## Quick start")
    block = re.search(r"```bash\n(.*?)```", text[quick:], re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make lab", "make test"]


def test_readme_chapter_map_links_every_chapter():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
        assert f"(chapters/{nb.name})" in text, f"README's chapter map does not link {nb.name}"


def _notebook_titles() -> dict[str, str]:
    """``{"05_learning_races.ipynb": "Learning races, ..."}`` from each notebook's first ``# `` heading."""
    import json

    titles = {}
    for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        titles[nb.name] = re.search(r"^# \d\d (.+)$", text, re.M).group(1).strip()
    return titles


def _chapter00_markdown() -> str:
    import json

    cells = json.loads((ROOT / "chapters" / "00_how_to_use.ipynb").read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_chapter_maps_use_the_notebooks_titles():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ch00 = _chapter00_markdown()
    for name, title in _notebook_titles().items():
        assert f"(chapters/{name}) | {title} |" in readme, f"README's title for {name} is not {title!r}"
        if not name.startswith("00"):
            assert f"({name}) | {title} |" in ch00, f"chapter 00's title for {name} is not {title!r}"


def test_docs_say_how_to_name_a_handin_and_load_the_pool():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (readme, _chapter00_markdown()):
        assert "CASEBOOK_STUDENT" in text and 'python -m casebook export --name "' in text
        # The instructor's plain shell runs the pool through make (the only form that works there).
        assert "CASEBOOK_POOL" in text and "make lab POOL=" in text and "make pool DIR=" in text
        assert "handin" in text and "Download" in text
    # The README also gives the form for JupyterLab's terminal, where the environment is on PATH.
    assert "python -m casebook pool " in readme


def test_ci_runs_the_readme_test_command():
    lines = [l.strip() for l in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "make test" in lines


def test_cli_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "casebook", "--help"], capture_output=True, text=True, check=True)
    assert "info" in out.stdout


def test_cli_info(casebook_home):
    out = subprocess.run([sys.executable, "-m", "casebook", "info"], capture_output=True, text=True, check=True)
    assert str(casebook_home) in out.stdout


def test_import_is_light():
    """`import casebook` must not pull in pandas, matplotlib or ipywidgets."""
    code = "import sys, casebook; print(sorted(m for m in ('pandas','matplotlib','ipywidgets','seaborn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_theme_is_colour_blind_safe_and_large():
    import matplotlib as mpl

    from casebook.theme import PALETTE, use_theme

    use_theme()
    from matplotlib.colors import to_hex

    cycle = [to_hex(c["color"]) for c in mpl.rcParams["axes.prop_cycle"]]
    assert cycle[: len(PALETTE)] == PALETTE
    assert mpl.rcParams["axes.labelsize"] >= 14


def test_every_text_colour_reads_at_wcag_aa_on_white_and_keeps_its_hue():
    import colorsys

    from casebook.theme import PALETTE, TEXT_PALETTE, contrast_ratio

    assert len(TEXT_PALETTE) == len(PALETTE)
    for mark, text in zip(PALETTE, TEXT_PALETTE):
        assert contrast_ratio(text) >= 4.5
        h1 = colorsys.rgb_to_hls(*(int(mark[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0]
        h2 = colorsys.rgb_to_hls(*(int(text[i:i + 2], 16) / 255 for i in (1, 3, 5)))[0]
        assert abs(h1 - h2) < 0.02 or mark == text  # the same hue, darker


def test_every_colour_the_package_writes_words_in_reads_at_wcag_aa():
    """Each ``color:#rrggbb`` in an HTML string of src/ (text on the white page) is at least 4.5:1."""
    import re

    from casebook.theme import contrast_ratio

    found = {}
    for path in (ROOT / "src" / "casebook").rglob("*.py"):
        for m in re.finditer(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})\b", path.read_text(encoding="utf-8")):
            found.setdefault(m.group(1).lower(), path.name)
    assert found, "the scan found no text colours: it is looking in the wrong place"
    low = {c: (f, round(contrast_ratio(c), 2)) for c, f in found.items() if contrast_ratio(c) < 4.5}
    assert low == {}


def test_cli_usage_names_the_command_as_typed():
    """`casebook --help` (the console script) says `casebook`; `python -m casebook --help` says that."""
    script = Path(sys.executable).parent / "casebook"
    if script.exists():
        out = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True).stdout
        assert out.startswith("usage: casebook ")
    out = subprocess.run([sys.executable, "-m", "casebook", "--help"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("usage: python -m casebook ")
