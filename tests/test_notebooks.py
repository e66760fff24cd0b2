"""Notebook hygiene over chapters/: what nbval does not check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
NAME = re.compile(r"^\d\d_[a-z0-9]+(?:_[a-z0-9]+)*\.ipynb$")
# Cell metadata a saved notebook may keep; anything else (execution
# timestamps, collapsed/scrolled state, ids of a user's session) is volatile.
ALLOWED_CELL_METADATA = {"tags", "slideshow", "editable", "deletable", "jupyter"}
ALLOWED_NB_METADATA = {"kernelspec", "language_info", "widgets", "title"}
PERSONAL = re.compile(r"(/home/[A-Za-z0-9_.-]+|/root/|/Users/[A-Za-z0-9_.-]+|C:\\\\Users|/tmp/casebook-)")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_chapters():
    assert CHAPTERS, "chapters/ holds no notebook"
    assert CHAPTERS[0].name == "00_how_to_use.ipynb"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
class TestChapter:
    def test_file_name(self, path):
        assert NAME.match(path.name), f"{path.name} is not NN_slug.ipynb"

    def test_kernelspec(self, path):
        assert load(path)["metadata"]["kernelspec"]["name"] == "python3"

    def test_executed_once_in_order(self, path):
        code = [c for c in load(path)["cells"] if c["cell_type"] == "code"]
        counts = [c.get("execution_count") for c in code]
        assert counts == list(range(1, len(code) + 1)), f"{path.name}: execution counts {counts}"

    def test_no_errors_stored(self, path):
        for i, cell in enumerate(load(path)["cells"]):
            for out in cell.get("outputs", []):
                assert out.get("output_type") != "error", f"{path.name} cell {i} stores an error"
                if out.get("output_type") == "stream":
                    assert out.get("name") != "stderr" or "Warning" not in "".join(out["text"]), (
                        f"{path.name} cell {i} stores a warning"
                    )

    def test_no_personal_paths(self, path):
        text = path.read_text(encoding="utf-8")
        hit = PERSONAL.search(text)
        assert hit is None, f"{path.name} stores a personal path: {hit.group(0)!r}"

    def test_no_volatile_metadata(self, path):
        nb = load(path)
        assert set(nb["metadata"]) <= ALLOWED_NB_METADATA, sorted(nb["metadata"])
        for i, cell in enumerate(nb["cells"]):
            extra = set(cell.get("metadata", {})) - ALLOWED_CELL_METADATA
            assert not extra, f"{path.name} cell {i}: volatile metadata {sorted(extra)}"

    def test_one_import_cell_no_path_hacks(self, path):
        for cell in load(path)["cells"]:
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            assert "sys.path" not in src, f"{path.name} edits sys.path"
            assert "../" not in src, f"{path.name} uses a ../ path"

    def test_widget_state_is_complete_and_named_stably(self, path):
        """Every widget an output shows, and every model a model refers to, is in the
        stored state (the book renders from it), under the id `make chapters` derives
        from the chapter and creation order (so a re-run does not rewrite them)."""
        import hashlib

        nb = load(path)
        state = nb["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
        shown = [o["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
                 for c in nb["cells"] for o in c.get("outputs", [])
                 if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        assert set(shown) <= set(state), f"{path.name}: outputs show widgets missing from the state"
        refs = set(re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state)))
        assert refs <= set(state), f"{path.name}: {len(refs - set(state))} dangling widget references"
        expected = [hashlib.md5(f"{path.stem}:{n}".encode()).hexdigest() for n in range(len(state))]
        assert set(state) == set(expected), f"{path.name}: widget ids are not the stable ones (run make chapters)"


_FILE_NAME_ALT = re.compile(r"\.(png|svg|jpe?g)$|^[0-9a-f]{16,}$|^(image|figure|chart)( \d+)?$", re.I)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_figure_is_stored_once_as_an_image_with_alt_text_from_its_data(path):
    """A figure shown by a cell is a PNG (never a bare '<Figure size ...>'), shown once, with alt text.

    casebook.plotting.display gives each output the alt text that casebook.plotting.describe reads
    from the figure's artists; the PDF and the book use it.
    """
    for i, cell in enumerate(load(path)["cells"]):
        outs = cell.get("outputs", [])
        images = [o for o in outs if "image/png" in o.get("data", {})]
        assert len(images) <= 1, f"{path.name} cell {i}: the figure is shown {len(images)} times"
        for o in outs:
            text = "".join(o.get("data", {}).get("text/plain", ""))
            assert not (text.startswith("<Figure") and "image/png" not in o["data"]), \
                f"{path.name} cell {i}: the figure is stored as its text repr, with no image"
        for o in images:
            alt = o.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert len(alt) > 30 and not _FILE_NAME_ALT.search(alt), f"{path.name} cell {i}: alt text {alt!r}"
