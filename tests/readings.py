"""Where the tests find the readings the casebook cites.

The readings are not distributed with the casebook: CI has them in
``../shared/readings`` beside the checkout, and ``CASEBOOK_READINGS`` points
elsewhere. Tests that compare the casebook with a reading's text skip when it
is absent (a reader's own laptop), and run everywhere the readings are.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READINGS_DIR = Path(os.environ.get("CASEBOOK_READINGS", ROOT.parent / "shared" / "readings")).expanduser()
