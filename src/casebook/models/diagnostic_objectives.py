"""Inkpen's six objectives for alliance learning, with the questionnaire's statements.

The data behind :mod:`casebook.models.diagnostic` (which re-exports it).
Each statement is a paraphrase of a question in Inkpen (1998), 'Key Issues
to Consider', Table 1, worded so that agreement favours learning, and each
says what it measures: a **condition** of the alliance (the same thing a
case file's assessment rates, so it can be compared with a case profile on
one scale), or the firm's **awareness** of it (whether it knows, has looked,
has asked; no case file rates that). Each objective also names a **lever**:
something the firm can do about it (for the two obstacles, partner
protectiveness and tacitness, what it can do *around* them). Kinds,
measures and levers are the casebook's own reading of the table.

Examples
--------
>>> [o.key for o in OBJECTIVES]
['value', 'access', 'tacitness', 'connections', 'related', 'culture']
>>> OBJECTIVES[2].kinds
('condition', 'condition', 'condition', 'awareness')
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "Advice", "Objective", "OBJECTIVES"]

#: What a statement can measure.
KINDS = ("condition", "awareness")


@dataclass(frozen=True)
class Advice:
    """What the readings advise for one objective (paraphrased)."""

    text: str
    source: str


@dataclass(frozen=True)
class Objective:
    """One of Inkpen's six objectives and its questions, in the casebook's words."""

    key: str
    number: int
    title: str
    questions: tuple[str, ...]
    advice: Advice
    assessment_field: str
    kinds: tuple[str, ...]
    measures: str
    lever: str
    reversed: bool = False

    def __post_init__(self):
        if len(self.kinds) != len(self.questions) or not set(self.kinds) <= set(KINDS):
            raise ValueError(f"objective {self.key!r}: one kind from {KINDS} per question")
        if "condition" not in self.kinds:
            raise ValueError(f"objective {self.key!r}: at least one question must measure the condition")

    def question_ids(self, kind: str | None = None) -> list[str]:
        """Ids of this objective's questions: ``'<key>.<n>'``, 1-based (only one ``kind`` if given)."""
        return [f"{self.key}.{i}" for i, k in enumerate(self.kinds, 1) if kind is None or k == kind]


_TABLE = "Inkpen (1998), 'Key Issues to Consider', Table 1"

OBJECTIVES: tuple[Objective, ...] = (
    Objective(
        key="value",
        number=1,
        title="Assess and value what the partner knows",
        questions=(
            "We can state the strategic reasons we had for entering this alliance.",
            "We know which competences are at the core of our partner's success.",
            "We know which partner supplies the inputs the alliance depends on.",
            "We rate the partner know-how inside the alliance as valuable to our own strategy.",
            "We know which partner skills matter for our products and markets.",
            "Our view of the partner's abilities is realistic, not a stereotype.",
        ),
        advice=Advice(
            "Get past the mystique: work out why the partner wins and which of its "
            "resources produce that edge, drop stereotyped views of its abilities, and "
            "make sure the partner actually runs part of the alliance, since a firm "
            "cannot learn from a partner who stays silent.",
            "Inkpen (1998), 'The Value of Alliance Knowledge' and 'Key Issues to Consider'",
        ),
        assessment_field="value",
        kinds=("awareness", "awareness", "awareness", "condition", "awareness", "awareness"),
        measures="how much value the firm places on the partner knowledge inside the alliance "
                 "(statement 4), the same thing a case file's 'value' rating records",
        lever="Send the executives who set the learning goal to study why the partner wins, not only "
              "what it does, and restate the goal around what they find.",
    ),
    Objective(
        key="access",
        number=2,
        title="Work out how accessible the knowledge is",
        questions=(
            "Learning was on the table when the alliance was negotiated.",
            "The split of key duties leaves us real managerial roles in the alliance.",
            "Our people can reach the alliance's operations easily.",
            "The alliance agreement puts no limits on our access to its operations.",
            "Our partner has not moved to restrict our access, or we have negotiated "
            "such limits away or placed our managers inside the alliance.",
        ),
        advice=Advice(
            "Protectiveness tends to ease once an alliance survives its first, "
            "hesitant period and trust grows between the managers involved; where "
            "the partner still restricts access, negotiate the limits away or assign "
            "your own managers to the venture.",
            "Inkpen (1998), 'How Protective are Alliance Partners?' and Table 1",
        ),
        assessment_field="protectiveness",
        kinds=("awareness", "condition", "condition", "condition", "condition"),
        measures="how open the alliance's operations are to the firm (roles, distance, the agreement, "
                 "the partner's restrictions), the opposite of a case file's 'protectiveness' rating",
        lever="Negotiate the access limits away and assign your own managers to roles inside the "
              "alliance; trust built in the first years also eases protectiveness.",
        reversed=True,
    ),
    Objective(
        key="tacitness",
        number=3,
        title="Judge how tacit the knowledge is and how easily it moves",
        questions=(
            "What we want to learn is mostly explicit operating know-how: data, drawings, procedures.",
            "The knowledge sits where our people can see it in use, in the alliance's operations.",
            "The knowledge is operational rather than strategic.",
            "We can say what we are trying to learn and how we would put it to use.",
        ),
        advice=Advice(
            "Ask often whether you really know what you are trying to learn; look "
            "beyond what the partner knows to how and why it knows it, and expect the "
            "valuable, tacit part to move only slowly and through people rather than "
            "through documents.",
            "Inkpen (1998), 'The Tacitness of Alliance Knowledge' and 'Key Issues to Consider'",
        ),
        assessment_field="tacitness",
        kinds=("condition", "condition", "condition", "awareness"),
        measures="how explicit and operational the sought knowledge is (statements 1-3), the opposite "
                 "of a case file's 'tacitness' rating",
        lever="The firm cannot make the knowledge less tacit; it can choose channels that carry tacit "
              "knowledge: two-way rotation of managers and long stays in the venture, not documents.",
        reversed=True,
    ),
    Objective(
        key="connections",
        number=4,
        title="Build knowledge connections between the alliance and the parent",
        questions=(
            "Parent managers visit the alliance regularly.",
            "A deliberate plan rotates managers between the alliance and the parent.",
            "Parent managers talk regularly with the alliance's senior managers.",
            "The alliance is part of the parent's strategic plans and its managers "
            "take part in the parent's planning.",
            "Parent and alliance managers trust each other.",
            "Meetings between parent and alliance managers are about more than the "
            "alliance's finances.",
        ),
        advice=Advice(
            "Put the four connecting processes in place: two-way personnel rotation "
            "(the route for tacit knowledge), technology sharing, visits and other "
            "alliance-parent contact, and links between the alliance's strategy and "
            "the parent's; GM's rotation of its managers through NUMMI and its "
            "liaison office there are the model.",
            "Inkpen (1998), 'The Establishment of Knowledge Connections'",
        ),
        assessment_field="connections",
        kinds=("condition",) * 6,
        measures="which knowledge connections exist between alliance and parent, the same thing a case "
                 "file's 'connections' rating records",
        lever="Schedule regular visits, start a two-way rotation plan and put the venture into the "
              "parent's planning meetings.",
    ),
    Objective(
        key="related",
        number=5,
        title="Use what the firm already knows",
        questions=(
            "What the alliance knows is close to what we already know: we have worked with this "
            "partner before, or its products and processes resemble ours.",
            "Managers with earlier alliance experience, or with ties to this partner, "
            "are involved in the learning effort.",
            "Lessons from our other alliances shape how we run this one.",
            "We are realistic about what our partner wants to learn.",
            "We stay open to knowledge that has no immediate short-run use.",
        ),
        advice=Advice(
            "Bring in the managers who have run alliances before or who know this "
            "partner, carry lessons over from earlier alliances, and do not dismiss "
            "knowledge just because it pays off only in the long run.",
            "Inkpen (1998), 'Is Alliance Knowledge Related To What Is Already Known?' "
            "and 'Key Issues to Consider'",
        ),
        assessment_field="relatedness",
        kinds=("condition", "awareness", "awareness", "awareness", "awareness"),
        measures="how close the alliance's knowledge is to what the firm already knows (statement 1), "
                 "the same thing a case file's 'relatedness' rating records",
        lever="Staff the learning effort with managers who have run alliances before or know this "
              "partner, and carry over lessons from earlier alliances.",
    ),
    Objective(
        key="culture",
        number=6,
        title="Align the cultures of parent and alliance managers",
        questions=(
            "Parent managers see the alliance as an asset, not a threat.",
            "Within the parent, people agree on why the alliance exists.",
            "Alliance managers understand why the parent's learning goal matters.",
        ),
        advice=Advice(
            "Work on both sides to end the 'us versus them' split: parent executives "
            "should not treat the alliance as a threat, alliance managers should not "
            "feel orphaned, and the two groups need enough trust to talk, or knowledge "
            "will not climb from the alliance into the parent.",
            "Inkpen (1998), 'Cultural Alignment Between Alliance and Parent "
            "Management' and 'Key Issues to Consider'",
        ),
        assessment_field="cultural_alignment",
        kinds=("condition",) * 3,
        measures="whether parent executives and alliance managers share assumptions about the "
                 "alliance, the same thing a case file's 'cultural_alignment' rating records",
        lever="Bring the executives who doubt the venture into it (visits, a seat in its reviews) and "
              "agree inside the parent on why the alliance exists.",
    ),
)
