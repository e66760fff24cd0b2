"""Re-execute chapters in place and store their outputs (``make chapters``).

Each notebook runs top to bottom in a fresh kernel with ``chapters/`` as the
working folder and a throw-away answers folder (so no author's own answers
leak into the stored outputs); widget state is stored for the book; volatile
metadata (timestamps, execution records) is removed before saving.

    python tools/execute_chapters.py chapters/*.ipynb
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KEEP_CELL_METADATA = {"tags", "slideshow", "editable", "deletable", "jupyter"}
KEEP_NB_METADATA = {"kernelspec", "language_info", "widgets", "title"}


def slide_type(cell) -> str | None:
    """Section headings start slides (# and ##) and sub-slides (###) for `make slides`."""
    if cell.cell_type != "markdown":
        return None
    first = cell.source.lstrip().split("\n", 1)[0]
    if first.startswith(("# ", "## ")):
        return "slide"
    if first.startswith("### "):
        return "subslide"
    return None


def clean(nb) -> None:
    """Drop volatile metadata so a re-run changes only what really changed."""
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEEP_NB_METADATA}
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in KEEP_CELL_METADATA}
        kind = slide_type(cell)
        if kind and "slideshow" not in cell.metadata:
            cell.metadata["slideshow"] = {"slide_type": kind}


def stable_widget_ids(nb, stem: str) -> None:
    """Rename widget model ids (random UUIDs) to ids derived from the chapter and creation order.

    The kernel names every widget model with a fresh UUID, so each re-run
    rewrote every reference in the stored outputs and widget state: diffs of
    hundreds of lines for no change. A chapter executes deterministically, so
    its models are created in the same order each time; the n-th model of
    chapter ``stem`` is always ``md5(f"{stem}:{n}")`` (32 hex digits, like the
    original ids), everywhere it appears.
    """
    import hashlib
    import json

    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    if not state:
        return
    mapping = {old: hashlib.md5(f"{stem}:{n}".encode()).hexdigest() for n, old in enumerate(state)}
    pattern = re.compile("|".join(map(re.escape, mapping)))
    text = pattern.sub(lambda m: mapping[m.group(0)], json.dumps(nb))
    nb.clear()
    nb.update(nbformat.from_dict(json.loads(text)))


def execute(path: Path, timeout: int = 600) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="casebook-exec-") as home:
        os.environ["CASEBOOK_HOME"] = home
        os.environ.setdefault("CASEBOOK_STUDENT", "test-student")
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            store_widget_state=True,
            record_timing=False,
        )
        client.execute()
    elapsed = time.perf_counter() - start
    clean(nb)
    stable_widget_ids(nb, path.stem)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for name in argv:
        path = Path(name)
        seconds = execute(path)
        print(f"{path.name}: executed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
