"""Write a notebook from a plain-text source (for authors; outputs come from `make chapters`).

The source format: cells separated by lines of the form ``# %% [markdown]`` or
``# %%`` (code), as in jupytext's percent format. Optional tags follow:
``# %% tags=["hide-input"]``.

    python tools/new_notebook.py chapters/src/00_how_to_use.py chapters/00_how_to_use.ipynb
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat

HEADER = re.compile(r"^# %%(?P<md> \[markdown\])?(?:\s+tags=(?P<tags>\[.*\]))?\s*$")


def parse(text: str):
    cells, kind, tags, lines = [], None, [], []

    def flush():
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            body = "\n".join(l[2:] if l.startswith("# ") else l.lstrip("#") for l in body.splitlines())
            cell = nbformat.v4.new_markdown_cell(body)
        else:
            cell = nbformat.v4.new_code_cell(body)
        if tags:
            cell.metadata["tags"] = tags
        cells.append(cell)

    for line in text.splitlines():
        m = HEADER.match(line)
        if m:
            flush()
            kind = "markdown" if m.group("md") else "code"
            tags = json.loads(m.group("tags")) if m.group("tags") else []
            lines = []
        else:
            lines.append(line)
    flush()
    return cells


def main(src: str, dest: str) -> int:
    nb = nbformat.v4.new_notebook()
    nb.cells = parse(Path(src).read_text(encoding="utf-8"))
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nbformat.write(nb, dest)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
