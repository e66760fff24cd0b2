"""Every case's assessment as one tidy table."""

from __future__ import annotations


from casebook.cases.base import DIMENSIONS, level_score
from casebook.cases.schema import Rating, format_source
from casebook.cases.loader import load_all

__all__ = ['comparison_table']

def comparison_table(cases=None, root=None):
    """A tidy table of every assessment: one row per case and Inkpen dimension.

    Parameters
    ----------
    cases : iterable of Case, optional
        Defaults to every valid case in the cases folder that has an assessment.
    root : path, optional
        The cases folder (when ``cases`` is None).

    Returns
    -------
    pandas.DataFrame
        Columns ``case, title, kind, perspective, dimension, label, level,
        score, evidence, source``; ``score`` is 1..5 (see :data:`LEVELS`).

    Examples
    --------
    >>> from casebook.paths import repo_root
    >>> t = comparison_table(root=repo_root() / "tests" / "cases_fixture")
    >>> t[["dimension", "score"]].head(2).to_dict("records")
    [{'dimension': 'value', 'score': 4}, {'dimension': 'protectiveness', 'score': 2}]
    """
    import pandas as pd

    if cases is None:
        cases = load_all(root).values()
    rows = []
    for case in cases:
        a = case.assessment
        if a is None:
            continue
        for dim, label in DIMENSIONS.items():
            r: Rating = getattr(a, dim)
            rows.append({
                "case": case.id, "title": case.title, "kind": case.kind,
                "perspective": a.perspective, "dimension": dim, "label": label,
                "level": r.level, "score": level_score(r.level),
                "evidence": r.evidence, "source": format_source(r.source),
            })
    cols = ["case", "title", "kind", "perspective", "dimension", "label", "level", "score", "evidence", "source"]
    return pd.DataFrame(rows, columns=cols)
