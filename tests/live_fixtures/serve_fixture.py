"""Run the real class server (``casebook.classroom.live.serve.serve``, uvicorn) with the
fixture questions of ``tests/live_fixtures``: what the subprocess tests and the benchmark start.

Usage: python tests/live_fixtures/serve_fixture.py --folder DIR --port N [--db URL] [--new]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from live_fixtures import lookup  # noqa: E402

from casebook.classroom.live.serve import serve  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--folder", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--db", default=None)
    p.add_argument("--new", action="store_true")
    a = p.parse_args()
    return serve(db=a.db, folder=a.folder, host="127.0.0.1", port=a.port, title="fixture class",
                 new=a.new, question_lookup=lookup)


if __name__ == "__main__":
    sys.exit(main())
