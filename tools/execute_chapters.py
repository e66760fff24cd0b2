"""Re-execute chapters in place and store their outputs (``make chapters``).

Each notebook runs top to bottom in a fresh kernel with ``chapters/`` as the
working folder and a throw-away answers folder (so no author's own answers
leak into the stored outputs); widget state is stored for the book; volatile
metadata (timestamps, execution records) is removed before saving.

    python tools/execute_chapters.py chapters/*.ipynb

The book and the slides run copies of the chapters kernel-free
(:func:`execute_kernel_free`): every widget is then its book version, whose main
controls switch precomputed frames in the browser (casebook.widgets.frames).
"""

from __future__ import annotations

import json
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


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
# The chapter runs with no pool, no class and no answers of anyone's: the book shows every reader the same page.
_NOT_IN_THE_BOOK = ("CASEBOOK_POOL", "CASEBOOK_CLASS", "CASEBOOK_CLASS_CODE", "CASEBOOK_CLASS_KEY",
                    "CASEBOOK_INSTRUCTOR", "CASEBOOK_PRESENT")


def prune_widget_state(nb) -> tuple[int, int]:
    """Keep only the widget models a page shows (and the links between them); return (kept, dropped).

    The kernel records every model it ever made (the live widget a chapter built,
    every intermediate figure), and the HTML manager would load them all. A page
    needs the models its outputs display, everything they refer to (children,
    layouts, styles) and the ``jslink`` models between those.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if not state:
        return 0, 0
    todo = [out["data"][WIDGET_VIEW]["model_id"] for cell in nb.cells for out in cell.get("outputs", [])
            if WIDGET_VIEW in out.get("data", {})]
    keep: set[str] = set()
    while todo:
        mid = todo.pop()
        if mid in keep or mid not in state:
            continue
        keep.add(mid)
        todo += _MODEL_REF.findall(json.dumps(state[mid].get("state", {})))
    for mid, model in state.items():
        if model.get("model_name") in ("LinkModel", "DirectionalLinkModel"):
            refs = _MODEL_REF.findall(json.dumps(model.get("state", {})))
            if refs and all(r in keep for r in refs):
                keep.add(mid)
    nb.metadata["widgets"][WIDGET_STATE]["state"] = {k: v for k, v in state.items() if k in keep}
    return len(keep), len(state) - len(keep)


def execute_kernel_free(path: Path) -> float:
    """Run a staged chapter as the static book shows it, in place (``CASEBOOK_KERNEL_FREE=1``).

    Each widget is then displayed as its kernel-free version (casebook.widgets.frames: its main
    controls switch precomputed frames in the browser) and each figure as an HTML figure with alt
    text made from its data and its numbers folded beneath; unused widget models are dropped.
    """
    saved = {k: os.environ.get(k) for k in (*_NOT_IN_THE_BOOK, "CASEBOOK_KERNEL_FREE")}
    for k in _NOT_IN_THE_BOOK:
        os.environ.pop(k, None)
    os.environ["CASEBOOK_KERNEL_FREE"] = "1"
    try:
        seconds = execute(path)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    nb = nbformat.read(path, as_version=4)
    prune_widget_state(nb)
    nbformat.write(nb, path)
    return seconds


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
