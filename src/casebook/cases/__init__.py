r"""Cases as validated data: the schema, the loader and the validator.

A case lives in ``cases/<id>/case.yaml`` with its exhibits (CSV files) beside
it; a case without exhibits may also be a single file ``cases/<id>.yaml``.
The pydantic models below are the one definition of the case format: they
both validate a file and document its fields (``cases/README.md`` walks
through an annotated example).

Validation runs in three layers, and every problem it finds is reported as a
:class:`Problem` naming the file, the field path and what is wrong:

1. reading the file: unreadable, not UTF-8, YAML syntax, duplicate keys
   (a safe loader: no Python objects can be built from a case file);
2. shape and types: the pydantic models (unknown fields are errors);
3. meaning: id equals the file's name, years possible and in order, every
   time plan adding up to its length, the assessment present where the kind
   of case needs one, exhibit CSVs present with exactly the declared columns,
   ids unique across a folder of cases.

Examples
--------
>>> from casebook.cases import validate_text
>>> problems = validate_text("id: x\ntitle: T\n", name="x")
>>> "synopsis" in {p.field for p in problems}
True
>>> from casebook.cases import LEVELS, level_score
>>> LEVELS[0], level_score("very_high")
('very_low', 5)
"""

from __future__ import annotations

from casebook.cases.base import *  # noqa: F401,F403
from casebook.cases.schema import *  # noqa: F401,F403
from casebook.cases.checks import *  # noqa: F401,F403
from casebook.cases.loader import *  # noqa: F401,F403
from casebook.cases.table import *  # noqa: F401,F403
from casebook.cases.base import _display  # noqa: F401  (commands show paths as typed)

__all__ = ['READINGS', 'KINDS', 'LEVELS', 'DIMENSIONS', 'TIME_PLAN_LENGTHS', 'Problem', 'CaseError', 'Source', 'Case', 'level_score', 'level_label', 'join_citation', 'validate_text', 'validate_file', 'validate_paths', 'case_files', 'list_cases', 'load_case', 'load_all', 'comparison_table', 'format_source']
