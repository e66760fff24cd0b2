"""Which route to knowledge do the readings' arguments favour? The governance chooser.

A firm that lacks knowledge it needs can build it (internal development),
buy it (market purchase), buy a firm that has it (acquisition), or ally
with a firm that has it (Tallman n.d., '3. Alliance Networks', after
Madhok and Tallman 1998). An alliance can be contractual or an equity
joint venture (Inkpen 1998, 'Understanding Knowledge').

The chooser turns a described situation into a ranking of the five routes.
Every argument is one explicit rule below: a condition on the situation, a
number of points for or against one route, the reason in the casebook's
words, and the reading and section it comes from. A rule may also rule a
route out. The points (+3 decisive, +2/-2 strong, +1/-1 moderate, 0 noted) are the
casebook's own weighting of the readings' qualitative arguments; the
readings give directions, not sizes, and the chapter says so.

The score of a route is the sum of the points of the rules that fire:

.. math::

    S_r = \\sum_{k \\in \\text{fired}(x)} p_{k,r},

and the recommended route is the feasible route with the highest score.
When two or more feasible routes share the top score the chooser reports a
**tie** (:attr:`Recommendation.leaders` lists them, :attr:`Recommendation.best`
is ``None``): the readings do not separate them, and list order must not.

Internal development wins on its merits where the readings give reasons
for it: time to spare (its slowness costs little), a strong base of related
capability (strong firms gain less from alliances and have more to lose to
partners, Tallman n.d., '3. Alliance Networks', citing Srivastava and
Gnyawali 2011 and the bargaining-power literature; what can be learned
depends on what is already known, Inkpen 1998), and the money to pay for it.

Examples
--------
>>> rec = choose(Situation(speed="high", budget="low", knowledge="component", coordination="simple"))
>>> rec.best
'contract_alliance'
>>> rec.feasible["market_purchase"]
False
>>> choose(speed="low", budget="high", capability="strong").best
'internal'
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["ROUTES", "ROUTE_LABELS", "OPTIONS", "RULES", "Situation", "Reason", "Rule",
           "Recommendation", "choose"]

ROUTES = ("internal", "market_purchase", "contract_alliance", "equity_jv", "acquisition")
ROUTE_LABELS = {
    "internal": "Internal development",
    "market_purchase": "Market purchase",
    "contract_alliance": "Contractual alliance",
    "equity_jv": "Equity joint venture",
    "acquisition": "Acquisition",
}

# Allowed values of each field of a Situation, in display order.
OPTIONS: dict[str, tuple[str, ...]] = {
    "speed": ("low", "medium", "high"),          # how fast the knowledge is needed
    "budget": ("low", "medium", "high"),         # how much the firm can spend
    "knowledge": ("commodity", "component", "architectural"),
    "coordination": ("simple", "complex"),       # several objectives, value-adding steps or product development
    "keep_separate": ("yes", "no"),              # must the firms keep their other businesses apart?
    "fear_of_leakage": ("low", "high"),
    "capability": ("weak", "strong"),           # the firm's own base of related capability
}

TALLMAN_3 = "Tallman (n.d.), '3. Alliance Networks'"
TALLMAN_2 = "Tallman (n.d.), '2. Knowledge'"
INKPEN_98 = "Inkpen (1998), 'Understanding Knowledge'"
SUAREZ = "Suarez-Villa (1998), '2.2. Embedding cooperation in alliances'"
INKPEN_98_RELATED = "Inkpen (1998), 'Is Alliance Knowledge Related To What Is Already Known?'"


@dataclass(frozen=True)
class Situation:
    """What the student says about the firm's situation.

    Parameters
    ----------
    speed : {"low", "medium", "high"}
        How urgently the knowledge is needed.
    budget : {"low", "medium", "high"}
        How much the firm can afford to spend.
    knowledge : {"commodity", "component", "architectural"}
        Commodity-like knowledge on sale to anyone; component knowledge
        about one value-adding process; architectural knowledge about how
        processes are organised (Tallman n.d., '2. Knowledge').
    coordination : {"simple", "complex"}
        "complex" when the project has several objectives, spans several
        value-adding steps (R&D, manufacturing, marketing) or aims at
        product development.
    keep_separate : {"yes", "no"}, default "yes"
        Whether the firm wants to go on with its other businesses apart
        from the partner.
    fear_of_leakage : {"low", "high"}, default "low"
        How much the firm fears its partner will take its knowledge.
    capability : {"weak", "strong"}, default "weak"
        The firm's own base of capability related to the knowledge it needs.

    Raises
    ------
    ValueError
        Naming the field and the allowed values.

    Examples
    --------
    >>> Situation(speed="fast")
    Traceback (most recent call last):
    ...
    ValueError: Situation.speed must be one of ('low', 'medium', 'high'), got 'fast'
    """

    speed: str = "medium"
    budget: str = "medium"
    knowledge: str = "component"
    coordination: str = "simple"
    keep_separate: str = "yes"
    fear_of_leakage: str = "low"
    capability: str = "weak"

    def __post_init__(self):
        for name, allowed in OPTIONS.items():
            value = getattr(self, name)
            if value not in allowed:
                raise ValueError(f"Situation.{name} must be one of {allowed}, got {value!r}")


@dataclass(frozen=True)
class Rule:
    """One argument from the readings, as code.

    ``points`` maps a route to its points; a route in ``excludes`` becomes
    infeasible when the rule fires.
    """

    id: str
    field: str
    values: tuple[str, ...]
    points: dict
    reason: str
    source: str
    excludes: tuple[str, ...] = ()

    def fires(self, situation: Situation) -> bool:
        return getattr(situation, self.field) in self.values


@dataclass(frozen=True)
class Reason:
    """A fired rule as it bears on one route."""

    rule: str
    route: str
    points: int
    text: str
    source: str
    excludes: bool = False


RULES: tuple[Rule, ...] = (
    # Speed
    Rule("slow_internal", "speed", ("medium", "high"),
         {"internal": -2, "market_purchase": 1, "acquisition": 1, "contract_alliance": 1, "equity_jv": 1},
         "Building the knowledge in-house is slow and its result uncertain; buying it, buying a firm "
         "or allying are all quick by comparison.", TALLMAN_3),
    Rule("time_available", "speed", ("low",), {"internal": 2},
         "With time to spare, the slowness of internal development costs little, and the firm keeps "
         "all of what it builds without giving anything to a partner.", TALLMAN_3 + "; " + SUAREZ),
    # Cost
    Rule("cheap_needed", "budget", ("low",),
         {"internal": -1, "acquisition": -2, "contract_alliance": 1, "equity_jv": 1},
         "Little money to spend: internal development is expensive and an acquisition even more so, "
         "while alliances are comparatively cheap.", TALLMAN_3),
    Rule("deep_pockets", "budget", ("high",), {"acquisition": 2, "internal": 1},
         "A large budget makes the cost of buying a whole firm bearable, and pays for the expense of "
         "building the knowledge in-house.", TALLMAN_3),
    # The firm's own capability
    Rule("strong_base", "capability", ("strong",),
         {"internal": 2, "contract_alliance": -1, "equity_jv": -1},
         "A firm with strong related capability of its own can build on what it already knows, gains "
         "less from alliances than weaker firms do, and has more to lose to a partner.",
         TALLMAN_3 + " (citing Srivastava and Gnyawali 2011); " + INKPEN_98_RELATED),
    Rule("weak_base", "capability", ("weak",), {"internal": -1},
         "A firm short of capital, knowledge or capacity can obtain through an alliance what it could "
         "not obtain on its own; building from a weak base is slow and uncertain.",
         SUAREZ + "; " + TALLMAN_3),
    # Knowledge
    Rule("commodity", "knowledge", ("commodity",), {"market_purchase": 3},
         "Knowledge that is commodity-like can simply be bought, quickly, on the market.", TALLMAN_3),
    Rule("not_on_market", "knowledge", ("component", "architectural"), {},
         "The market sells only commodity-like knowledge; this knowledge is not for sale as such.",
         TALLMAN_3, excludes=("market_purchase",)),
    Rule("component_contract", "knowledge", ("component",), {"contract_alliance": 1},
         "Alliances, above all contractual ones, are usually set up to combine component knowledge.",
         TALLMAN_3),
    Rule("architectural_practice", "knowledge", ("architectural",),
         {"equity_jv": 2, "contract_alliance": -1},
         "Architectural knowledge is tacit and grows only through shared practice, so it needs a longer, "
         "deeper relationship than a contract; equity JVs also pass on partner capabilities better than "
         "licensing (Mowery et al. 1996, cited by Inkpen).", TALLMAN_2 + "; " + INKPEN_98),
    # Coordination
    Rule("complex_ejv", "coordination", ("complex",), {"equity_jv": 2},
         "Several objectives, several value-adding steps or a product-development goal point to an "
         "equity JV with its own identity, staff and strategy (Phene and Tallman 2012).", TALLMAN_3),
    Rule("simple_contract", "coordination", ("simple",), {"contract_alliance": 1},
         "A narrow task with simple coordination can be run by contract; equity is not needed for a "
         "reliable partnership (Apple and Nike rely on outsourcing contracts).", TALLMAN_3),
    # Focus
    Rule("focus", "keep_separate", ("yes",),
         {"acquisition": -1, "contract_alliance": 1, "equity_jv": 1},
         "An acquisition brings a whole firm with unrelated baggage; an alliance is focused on the item "
         "at hand and lets both parties carry on separately with everything else.", TALLMAN_3),
    Rule("whole_firm_ok", "keep_separate", ("no",), {"acquisition": 1},
         "If the firm is content to take on the partner's other activities, the unrelated baggage of an "
         "acquisition weighs less, and its speed remains.", TALLMAN_3),
    # Leakage fear: noted, not scored
    Rule("leakage_noted", "fear_of_leakage", ("high",), {"equity_jv": 0, "contract_alliance": 0},
         "Fear that the partner will take component knowledge finds little support as a reason for "
         "choosing equity (Phene and Tallman 2012); over-restrictive contracts can stop the alliance from "
         "reaching its goal. The chooser therefore notes this fear but gives it no points.", TALLMAN_3),
    Rule("give_up", "knowledge", ("component", "architectural"), {"contract_alliance": 0, "equity_jv": 0},
         "Any alliance means giving up some knowledge, facilities or capital to gain what the firm could "
         "not get alone; a firm allies only while the expected gain exceeds what it gives up.", SUAREZ),
)


@dataclass
class Recommendation:
    """The chooser's answer.

    Attributes
    ----------
    situation : Situation
    scores : dict route -> int
    feasible : dict route -> bool
    reasons : dict route -> list of Reason
    ranking : list of routes, best first (feasible routes before infeasible;
        equal scores in ROUTES order, for display only)
    leaders : tuple of the feasible routes with the top score
    best : str or None (None when the top is a tie)
    """

    situation: Situation
    scores: dict
    feasible: dict
    reasons: dict = field(default_factory=dict)
    ranking: list = field(default_factory=list)

    @property
    def leaders(self) -> tuple:
        """The feasible routes that share the top score (more than one: a tie)."""
        live = [r for r in ROUTES if self.feasible[r]]
        top = max(self.scores[r] for r in live)
        return tuple(r for r in live if self.scores[r] == top)

    @property
    def tied(self) -> bool:
        """True when two or more feasible routes share the top score."""
        return len(self.leaders) > 1

    @property
    def best(self) -> str | None:
        """The single recommended route, or ``None`` when the top is a tie (see :attr:`leaders`)."""
        leaders = self.leaders
        return leaders[0] if len(leaders) == 1 else None

    def table(self) -> pd.DataFrame:
        """Scores and feasibility, best first.

        Examples
        --------
        >>> choose().table().columns.tolist()
        ['route', 'score', 'feasible']
        """
        return pd.DataFrame(
            [{"route": ROUTE_LABELS[r], "score": self.scores[r], "feasible": self.feasible[r]}
             for r in self.ranking])

    def explain_html(self, route: str | None = None) -> str:
        """The reasons for one route (default: the best) as escaped HTML.

        Examples
        --------
        >>> "Tallman" in choose().explain_html()
        True
        """
        route = route or self.leaders[0]
        items = []
        for r in self.reasons[route]:
            sign = "rules it out" if r.excludes else f"{r.points:+d}"
            items.append(f"<li><b>{html.escape(sign)}</b> {html.escape(r.text)} "
                         f"<i>({html.escape(r.source)})</i></li>")
        head = html.escape(ROUTE_LABELS[route])
        return f"<p><b>{head}</b>: score {self.scores[route]}</p><ul>{''.join(items)}</ul>"


def choose(situation: Situation | None = None, rules=RULES, **fields) -> Recommendation:
    """Score the five routes for a situation.

    Parameters
    ----------
    situation : Situation, optional
        If omitted, built from ``fields`` (``speed=...`` etc.).
    rules : sequence of Rule

    Returns
    -------
    Recommendation

    Examples
    --------
    >>> rec = choose(speed="high", budget="medium", knowledge="architectural", coordination="complex")
    >>> rec.best
    'equity_jv'
    >>> rec.ranking[-1]
    'market_purchase'
    """
    if situation is None:
        situation = Situation(**fields)
    elif fields:
        raise TypeError("choose: give either a Situation or keyword fields, not both")
    scores = {r: 0 for r in ROUTES}
    feasible = {r: True for r in ROUTES}
    reasons = {r: [] for r in ROUTES}
    for rule in rules:
        if not rule.fires(situation):
            continue
        for route, pts in rule.points.items():
            scores[route] += pts
            reasons[route].append(Reason(rule.id, route, pts, rule.reason, rule.source))
        for route in rule.excludes:
            feasible[route] = False
            reasons[route].append(Reason(rule.id, route, 0, rule.reason, rule.source, excludes=True))
    # Display order only: routes with equal scores keep ROUTES order in the list,
    # but a tie at the top is reported as a tie (Recommendation.leaders), never broken.
    order = {r: i for i, r in enumerate(ROUTES)}
    ranking = sorted(ROUTES, key=lambda r: (not feasible[r], -scores[r], order[r]))
    return Recommendation(situation, scores, feasible, reasons, ranking)
