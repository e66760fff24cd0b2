r"""Knowledge items from the readings' cases, placed on two axes (chapter 01).

Each item is placed on *tacitness* (tacit or explicit; Inkpen 1998, 'The
Tacitness of Alliance Knowledge'; Inkpen 1996, Table 1) and *scope*
(component or architectural; Tallman n.d., '2. Knowledge', after Henderson
and Clark 1990), with the reason for each placement and its source. The
tacitness labels come from the readings; the scope labels apply Tallman's
definitions and are the casebook's reading of them, so a sort by scope tests
an argument, not a fact. Re-exported by :mod:`casebook.models.knowledge`.

Examples
--------
>>> t = items_table()
>>> sorted(set(zip(t.tacitness, t.scope)))[0]
('explicit', 'architectural')
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["KnowledgeItem", "ITEMS", "LATER_ITEMS", "items_table", "sorting_items"]


@dataclass(frozen=True)
class KnowledgeItem:
    """One piece of knowledge from a case, placed on both axes.

    Attributes
    ----------
    item : str
        Short description shown to the student.
    tacitness : {"tacit", "explicit"}
    scope : {"component", "architectural"}
    why_tacitness, why_scope : str
        Feedback explaining each placement.
    source : str
        Reading and section the item comes from.
    case : str or None
        Id of the case the item belongs to (None: an example in a reading only).
    """

    item: str
    tacitness: str
    scope: str
    why_tacitness: str
    why_scope: str
    source: str
    case: str | None


ITEMS: tuple[KnowledgeItem, ...] = (
    KnowledgeItem(
        "Quality control procedures of a Japanese-American supplier JV",
        "explicit", "component",
        "Inkpen's Table I lists quality control processes among the explicit knowledge reached through technology sharing.",
        "A quality procedure is one process that can be written down and moved, a component in Tallman's sense.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "Product designs and scheduling systems shared by the Japanese partner",
        "explicit", "component",
        "Designs and schedules exist as documents and data; Table I puts them under explicit knowledge.",
        "Each is a piece of the value-adding process that can be codified further.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "What Japanese transplant customers expect from a supplier",
        "tacit", "component",
        "Table I lists these expectations as tacit knowledge gained through JV-parent interactions: "
        "they are learnt by dealing with the customer, not from a manual.",
        "They bear on one activity (serving a customer), not on how the firm's activities fit together.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "A commitment to continuous improvement and to customer satisfaction",
        "tacit", "architectural",
        "Table I puts these under tacit knowledge carried by personnel movement: they live in people's habits and values.",
        "They orient every process in the plant, so they belong to the organisation and direction of the work.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "Market intelligence passed between a JV and its parent",
        "explicit", "component",
        "Table I lists market intelligence as explicit knowledge reached by linking parent and JV strategies.",
        "It is a discrete input to one activity (selling), easy to pass on once gathered.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "The Japanese partner's keiretsu relationships and its vision for the future",
        "tacit", "architectural",
        "Table I lists visions and keiretsu relationships as tacit knowledge reached by linking strategies.",
        "They shape how a whole group of firms is organised and directed, the core of architectural knowledge.",
        "Inkpen (1996), Table I", "jv40_study"),
    KnowledgeItem(
        "The layout of the venture's plant, drawn up as a copy of a Japanese plant",
        "explicit", "architectural",
        "A layout exists as drawings that can be handed over and copied; Inkpen reports that the "
        "plant was designed as closely as possible to replicate a Japanese one.",
        "The casebook's own placement: a layout fixes how the plant's processes are arranged and "
        "linked as a whole, which is what Tallman means by architecture, yet it is written down. "
        "Tallman says architectural knowledge is tacit in its important parts, not in all of them.",
        "Inkpen (1998), 'Understanding Knowledge'; Tallman (n.d.), '2. Knowledge'", "alpha_hito"),
    KnowledgeItem(
        "The documentation of a business model sent from one subsidiary to another",
        "explicit", "component",
        "Tallman's example of knowledge made explicit so that it can travel; it becomes tacit again only when used.",
        "Tallman says most externally gathered knowledge, including this kind, is component knowledge.",
        "Tallman (n.d.), '2. Knowledge'", None),
    KnowledgeItem(
        "Proprietary process technology offered to Alpha by Hito at no cost",
        "explicit", "component",
        "Process technology offered as a package is technology sharing, which gives access mainly to explicit knowledge.",
        "It improves one manufacturing process; it does not reorganise Alpha.",
        "Inkpen (1998), 'Understanding Knowledge'", "alpha_hito"),
    KnowledgeItem(
        "How to keep a relationship with Japanese customers going, which Alpha hoped to learn",
        "tacit", "architectural",
        "Relationship skills are built by experience and are hard to articulate, the marks of tacit knowledge.",
        "Keeping such customers turned on Hito's manufacturing and quality control as a whole, that is on how "
        "the firm's processes fit together, not on one process.",
        "Inkpen (1998), 'Alliance Knowledge: Access Versus Acquisition'", "alpha_hito"),
)


#: Inkpen's own NUMMI example (Inkpen 1998, 'The Tacitness of Alliance Knowledge'), kept out of
#: :data:`ITEMS` and so out of chapter 01: naming NUMMI as a Toyota venture there would give away
#: chapter 02's decision (Toyota's route into North America). Later chapters may use them.
LATER_ITEMS: tuple[KnowledgeItem, ...] = (
    KnowledgeItem(
        "How many NUMMI cars needed repair after assembly, where they stood and how they were counted",
        "explicit", "component",
        "A visitor can be told the count, the place and the bookkeeping in a few sentences; "
        "Inkpen uses it as his example of knowledge an outsider receives easily.",
        "It concerns one step of the value-adding process (final repair), not how the whole plant is organised.",
        "Inkpen (1998), 'The Tacitness of Alliance Knowledge'", "nummi"),
    KnowledgeItem(
        "Why NUMMI needed so few repair cars (the Toyota production system behind the number)",
        "tacit", "architectural",
        "The reason lies in Toyota's whole approach to manufacturing, quality and people, which GM "
        "found slow and painful to learn because it was embedded in Toyota's history and culture.",
        "It is about how the processes are organised and directed together, which Tallman calls architectural.",
        "Inkpen (1998), 'The Tacitness of Alliance Knowledge'", "nummi"),
)


def items_table(items=ITEMS) -> pd.DataFrame:
    """All knowledge items as a table, one row per item.

    Examples
    --------
    >>> t = items_table()
    >>> sorted(t.columns)[:3]
    ['case', 'item', 'scope']
    >>> set(t.tacitness) == {"tacit", "explicit"}
    True
    """
    return pd.DataFrame([item.__dict__ for item in items])


def sorting_items(axis: str, items=ITEMS) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Inputs for a ``classify`` exercise on one axis.

    Parameters
    ----------
    axis : {"tacitness", "scope"}

    Returns
    -------
    answers : dict
        item text -> correct category.
    explanations : dict
        item text -> feedback naming the source.
    categories : list of str

    Raises
    ------
    ValueError
        If ``axis`` is not one of the two axes.

    Examples
    --------
    >>> answers, why, cats = sorting_items("scope")
    >>> cats
    ['component', 'architectural']
    >>> len(answers) == len(ITEMS)
    True
    """
    if axis not in ("tacitness", "scope"):
        raise ValueError(f"sorting_items: axis must be 'tacitness' or 'scope', not {axis!r}")
    categories = ["tacit", "explicit"] if axis == "tacitness" else ["component", "architectural"]
    answers = {it.item: getattr(it, axis) for it in items}
    why = {it.item: f"{getattr(it, 'why_' + axis)} ({it.source})" for it in items}
    return answers, why, categories
