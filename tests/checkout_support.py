"""What a student's session could change in the checkout, before and after (used by
tests/test_workcopy.py and tests/test_browser_student.py).

On a clean clone (CI), ``git status`` must still be clean afterwards. The casebook's own working
tree is shared by authors editing it at the same time (chapters re-executed, sources changed
while a test runs), so whatever the tree: the chapters the session opened must be byte for byte
the same, no checkpoint may appear under chapters/ (JupyterLab writes one beside every notebook it
saves), and no new name may appear at the top of the checkout (a hand-in or working copy made
there is ignored by git, so git status alone would not show it).
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


def checkout_state(watched: tuple[str, ...], root: Path = ROOT) -> dict:
    """``status`` (git's short status, each listed file with its checksum), ``watched`` (checksums
    of the given files), ``checkpoints`` (files under chapters/.ipynb_checkpoints) and ``top``."""
    out = subprocess.run(["git", "-C", str(root), "status", "--porcelain=v1", "-z", "--untracked-files=all"],
                         capture_output=True, text=True, check=True).stdout
    return {
        "status": {entry: _sha(root / entry[3:]) for entry in filter(None, out.split("\0"))},
        "watched": {name: _sha(root / name) for name in watched},
        "checkpoints": sorted(p.name for p in (root / "chapters" / ".ipynb_checkpoints").glob("*")),
        "top": sorted(p.name for p in root.iterdir()),
    }


def assert_checkout_unchanged(before: dict, root: Path = ROOT) -> None:
    """Fail, naming what changed, if the session changed what it must not."""
    after = checkout_state(tuple(before["watched"]), root)
    changed = [name for name in before["watched"] if before["watched"][name] != after["watched"][name]]
    assert not changed, f"the student's session changed {changed}"
    new = sorted(set(after["checkpoints"]) - set(before["checkpoints"]))
    assert not new, f"JupyterLab saved checkpoints into chapters/: {new}"
    assert after["top"] == before["top"], f"the session made {sorted(set(after['top']) - set(before['top']))} in the checkout"
    if not before["status"]:
        assert after["status"] == {}, f"git status after the student's session: {sorted(after['status'])}"
