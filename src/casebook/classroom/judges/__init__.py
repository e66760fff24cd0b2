"""Judges: what a chapter's model says a decision point's option leads to.

A decision point in a question file may name a ``judge``, ``"concept.function"``,
and give each option ``params`` (what the option means in the model). The
judge is the function ``function`` of the module
``casebook.classroom.judges.<concept>``; it is called as
``function(params, **judge_context)`` and returns a :class:`Judgement`: a
one-line ``summary`` a student can read and ``figures``, the numbers behind
it (so a test can check the line against the model).

To add a judge, write ``src/casebook/classroom/judges/<concept>.py`` with a
function of that shape (numpydoc docstring, runnable example), point the
question's ``judge`` at it and give every option ``params``; ``python -m
casebook validate`` checks that the name resolves and that every option's
params are accepted. See :mod:`casebook.classroom.judges.races` for the
worked example.

Examples
--------
>>> j = judge_option("races.who_first", {"a_intent": 0.9, "a_connections": 0.9},
...                  {"scenario": "nummi"})
>>> isinstance(j, Judgement), sorted(j.figures)[:2]
(True, ['a_independent_year', 'b_independent_year'])
>>> resolve("nosuch.thing")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
casebook.classroom.judges.JudgeError: judge 'nosuch.thing': there is no judge module 'nosuch' (casebook/classroom/judges/nosuch.py); known: ...races...
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["Judgement", "JudgeError", "resolve", "judge_option", "known_judges"]

_NAME = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$")


class JudgeError(ValueError):
    """A judge name does not resolve, or a judge refused an option's params."""


@dataclass(frozen=True)
class Judgement:
    """What the model says one option leads to.

    Parameters
    ----------
    summary : str
        One plain line, e.g. "Toyota is independent of the venture by 1990; GM never is."
    figures : dict of str to float
        The numbers behind the line.

    Examples
    --------
    >>> Judgement("Both stay allied.", {"years": 10}).figures["years"]
    10.0
    >>> Judgement("", {})
    Traceback (most recent call last):
    ...
    ValueError: a Judgement needs a one-line summary
    """

    summary: str
    figures: dict = field(default_factory=dict)

    def __post_init__(self):
        text = " ".join(str(self.summary).split())
        if not text:
            raise ValueError("a Judgement needs a one-line summary")
        object.__setattr__(self, "summary", text)
        figs = {}
        for k, v in dict(self.figures).items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(float(v)):
                if v is None:
                    figs[str(k)] = None
                    continue
                raise ValueError(f"figure {k!r} must be a finite number or None, got {v!r}")
            figs[str(k)] = float(v)
        object.__setattr__(self, "figures", figs)


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def known_judges() -> list[str]:
    """Every ``concept.function`` name a question file may use.

    Examples
    --------
    >>> "races.who_first" in known_judges()
    True
    """
    out = []
    for mod in _modules():
        module = importlib.import_module(f"{__name__}.{mod}")
        out += [f"{mod}.{n}" for n in getattr(module, "__all__", [])]
    return out


def resolve(name: str) -> Callable:
    """The judge function named ``"concept.function"``.

    Raises
    ------
    JudgeError
        If the name is malformed, or names no module or function.
    """
    m = _NAME.match(str(name))
    if not m:
        raise JudgeError(f"judge {name!r}: write it as 'concept.function', e.g. 'races.who_first'")
    concept, func = m.groups()
    if concept not in _modules():
        raise JudgeError(f"judge {name!r}: there is no judge module {concept!r} "
                         f"(casebook/classroom/judges/{concept}.py); known: {', '.join(_modules())}")
    module = importlib.import_module(f"{__name__}.{concept}")
    fn = getattr(module, func, None)
    if func not in getattr(module, "__all__", []) or not callable(fn):
        raise JudgeError(f"judge {name!r}: module {concept!r} has no judge {func!r}; "
                         f"known: {', '.join(getattr(module, '__all__', [])) or 'none'}")
    return fn


def judge_option(name: str, params: Mapping, context: Mapping | None = None) -> Judgement:
    """Call the judge ``name`` on one option's ``params`` with the question's ``judge_context``.

    Raises
    ------
    JudgeError
        If the judge does not resolve, refuses the params, or returns something else than a Judgement.
    """
    fn = resolve(name)
    try:
        out = fn(dict(params), **dict(context or {}))
    except (TypeError, ValueError, KeyError) as exc:
        raise JudgeError(f"judge {name!r}: {exc}") from None
    if not isinstance(out, Judgement):
        raise JudgeError(f"judge {name!r} returned {type(out).__name__}, not a Judgement")
    return out
