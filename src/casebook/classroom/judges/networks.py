"""Judges for chapter 08 decisions, from :mod:`casebook.models.networks`.

``organise``: how a network of small firms organises itself to bring an
innovation in from a research institution (or a buyer) and pass it on. An
option's ``params``:

``kind``
    one of :data:`casebook.models.networks.KINDS`.
``attach``
    ``"hub"`` (the outside link goes to the nodal or large firm, or firm 0
    of a circuit) or ``"periphery"`` (to the firm from which the spread is
    slowest).
``two_way``
    circuit only: add reciprocal subcontracting ties (seed 1).

The judgement is the casebook's own model's (its reading of Suarez-Villa's
figures), not a finding of the reading.

Examples
--------
>>> organise({"kind": "nodal_circuit"}).figures["steps_to_all"]
2.0
>>> organise({"kind": "star"})
Traceback (most recent call last):
...
ValueError: params: 'kind' must be one of circuit, nodal_circuit, branch, circuit_barrier, circuit_branch, got 'star'
"""

from __future__ import annotations

from casebook.classroom.judges import Judgement

__all__ = ["organise"]


def organise(params: dict, *, n: int = 20) -> Judgement:
    """Speed of diffusion, disparity and fragility of the structure an option chooses.

    Returns
    -------
    Judgement
        ``figures``: ``steps_to_all`` (None if some firm is shut out),
        ``steps_worst_attachment``, ``degree_centralization``,
        ``largest_exit_impact``, ``cut_points``.

    Examples
    --------
    >>> a = organise({"kind": "circuit"})
    >>> b = organise({"kind": "nodal_circuit"})
    >>> a.figures["steps_to_all"] > b.figures["steps_to_all"]
    True
    """
    from casebook.models.networks import KINDS, KIND_LABELS, diffusion, structure, structure_metrics

    for k in params:
        if k not in ("kind", "attach", "two_way"):
            raise ValueError(f"params: unknown key {k!r}; use kind, attach, two_way")
    kind = params.get("kind")
    if kind not in KINDS:
        raise ValueError(f"params: 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    attach = params.get("attach", "hub")
    if attach not in ("hub", "periphery"):
        raise ValueError(f"params: 'attach' must be 'hub' or 'periphery', got {attach!r}")
    two_way = params.get("two_way", False)
    if not isinstance(two_way, bool) or (two_way and kind != "circuit"):
        raise ValueError("params: 'two_way' must be true or false, and true only for the circuit")
    by_firm = {}
    for v in range(n):
        dv = diffusion(structure(kind, n=n, seed=1, two_way=two_way, institution_at=v), barrier_closed=False)
        by_firm[v] = dv.steps_to_all
    worst = max(by_firm.values())
    at = 0 if attach == "hub" else min(v for v, s in by_firm.items() if s == worst)
    G = structure(kind, n=n, seed=1, two_way=two_way, institution_at=at)
    d = diffusion(G)
    m = structure_metrics(G)
    steps = d.steps_to_all
    spread = (f"reaches all {n} firms in {steps} steps" if steps is not None
              else f"never reaches {len(d.shut_out)} shielded firms")
    line = (f"In the casebook's network model a {KIND_LABELS[kind].lower()} {spread} "
            f"(from the slowest attachment point, barrier open: {worst} steps); degree centralization {m.degree_centralization:.2f}; "
            f"the worst single exit cuts {m.max_exit_impact:.0%} of the remaining pairs.")
    return Judgement(line, {"steps_to_all": None if steps is None else float(steps),
                            "steps_worst_attachment": float(worst),
                            "degree_centralization": m.degree_centralization,
                            "largest_exit_impact": m.max_exit_impact, "cut_points": float(len(m.cut_points))})
