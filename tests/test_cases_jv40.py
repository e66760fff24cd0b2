"""Tests for the cases of Inkpen (1996): the study of 40 JVs and its vignettes.

They check that every ``jv40_*`` case validates, that the numbers in the cases
and their exhibit CSVs equal those of the reading, that every locator naming
Inkpen (1996) names a heading that really occurs in it, and that the vignette
assessments follow the casebook's rule for dimensions without evidence.

The reading itself is looked up in ``$CASEBOOK_READINGS`` or in
``../shared/readings`` beside the checkout; tests that compare against its text
are skipped (with the reason) when it is not there. The expected numbers are
also written out here, so the exhibits are checked either way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casebook.cases import load_case, validate_paths
from casebook.paths import cases_dir

STUDY = "jv40_study"
VIGNETTES = (
    "jv40_curtained_line",
    "jv40_untaken_offer",
    "jv40_nonunion_model",
    "jv40_supplier_customer",
    "jv40_differences_meetings",
    "jv40_president_chairman",
    "jv40_dead_proposal",
)
ALL = (STUDY, *VIGNETTES)
READING_FILE = "inkpen_1996_creating_knowledge_through_collaboration.txt"
from readings import READINGS_DIR  # noqa: E402

# Numbers as Inkpen (1996), 'The Research Study', gives them.
OWNERSHIP = {
    "50-50 (equal equity)": 17,
    "Japanese partner holds majority equity": 15,
    "American partner holds majority equity": 8,
}
SAMPLE = 40

# Counts in study_counts.csv: finding -> (count, section that gives it).
STUDY_COUNTS = {
    "JVs in the sample": (40, "The Research Study"),
    "JVs that were not startups or greenfield ventures": (2, "The Research Study"),
    "JVs chosen for in-depth case study": (5, "The Research Study"),
    "cases with regular visits by American parent staff to Japanese parent facilities": (2, "Technology Sharing"),
    "cases with an explicit rotation process between JV and parent": (0, "Personnel Movement"),
    "cases with informal movement of personnel between JV and parent": (4, "Personnel Movement"),
    "cases where senior managers moved to the JV at its formation": (4, "Personnel Movement"),
    "cases where the JV worked like a related division of the American parent": (
        2, "Linkages Between Parent and Alliance Strategies"),
    "JVs judged highly integrated with the American parent": (2, "Linkages Between Parent and Alliance Strategies"),
    "cases where the JV-parent relationship had become high-trust": (3, "Climate of Trust"),
}

# Table I of Inkpen (1996): process -> {knowledge type: examples}.
TABLE_I = {
    "Personnel movement": {
        "tacit": {"commitment to customer satisfaction", "continuous improvement objectives"},
    },
    "JV-parent interactions": {
        "tacit": {"expectations of Japanese customers"},
        "explicit": {"specific human resource practices"},
    },
    "Linkages between parent and alliance strategies": {
        "tacit": {"the partner's keiretsu relationships", "visions for the future"},
        "explicit": {"market intelligence"},
    },
    "Technology sharing": {"explicit": {"scheduling systems", "product designs", "quality control processes"}},
}

NUMBER_WORDS = {
    "none": 0, "no": 0, "one": 1, "two": 2, "twice": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "seventeen": 17, "forty": 40,
}


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _reading_path() -> Path | None:
    path = READINGS_DIR / READING_FILE
    return path if path.is_file() else None


@pytest.fixture(scope="module")
def reading() -> str:
    path = _reading_path()
    if path is None:
        pytest.skip(f"reading {READING_FILE} not found (set CASEBOOK_READINGS to its folder)")
    return path.read_text(encoding="utf-8")


def headings(text: str) -> set[str]:
    """Lines that stand alone as headings: short, no final full stop.

    >>> sorted(headings("Intro text that goes on.\\n\\nTechnology Sharing\\n\\nMore text."))
    ['Technology Sharing']
    """
    out = set()
    for line in text.splitlines():
        s = line.strip()
        if 0 < len(s) <= 80 and not s.endswith((".", ",", ":", ";", '"')) and s[0].isupper():
            out.add(s)
    return out


def section(text: str, heading: str) -> str:
    """The text from ``heading`` up to the next heading of the reading."""
    heads = headings(text)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == heading)
    body = []
    for line in lines[start + 1:]:
        s = line.strip()
        if s in heads and not s.startswith("TABLE") and len(s.split()) <= 7:
            break
        body.append(line)
    return "\n".join(body)


def numbers_in(text: str) -> set[int]:
    """Every whole number written in ``text`` as digits or as a word.

    >>> sorted(numbers_in("in eight ventures, 17 were 50-50 and it cost $200,000"))
    [8, 17, 50, 200000]
    """
    found = {int(m.replace(",", "")) for m in re.findall(r"\d[\d,]*", text)}
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in NUMBER_WORDS:
            found.add(NUMBER_WORDS[word])
    return found


def quoted_locators(locator: str) -> list[str]:
    """The names quoted in a locator, plus 'Table I' if it is named.

    >>> quoted_locators("sections 'Technology Sharing', 'Climate of Trust'")
    ['Technology Sharing', 'Climate of Trust']
    >>> quoted_locators("Table I")
    ['Table I']
    """
    names = re.findall(r"'([^']+)'", locator)
    if re.search(r"\bTable I\b", locator):
        names.append("Table I")
    return names


def all_sources(case):
    """(field path, Source) for every source in a case."""
    out = [(f"timeline[{i}]", t.source) for i, t in enumerate(case.timeline)]
    out += [(f"learning_goals[{i}]", g.source) for i, g in enumerate(case.learning_goals)]
    out += [(f"knowledge[{i}]", k.source) for i, k in enumerate(case.knowledge)]
    out += [(f"facts[{i}]", f.source) for i, f in enumerate(case.facts)]
    out += [(f"exhibits[{i}]", e.source) for i, e in enumerate(case.exhibits)]
    out += [(f"teaching_note.epilogue[{i}]", e.source) for i, e in enumerate(case.teaching_note.epilogue)]
    if case.outcome is not None:
        out.append(("outcome", case.outcome.source))
    if case.assessment is not None:
        for dim in ("value", "protectiveness", "tacitness", "connections", "relatedness", "cultural_alignment"):
            out.append((f"assessment.{dim}", getattr(case.assessment, dim).source))
    return out


@pytest.fixture(scope="module")
def cases():
    return {cid: load_case(cid) for cid in ALL}


# --------------------------------------------------------------------------
# validity
# --------------------------------------------------------------------------


def test_every_jv40_case_validates():
    folders = [cases_dir() / cid for cid in ALL]
    valid, problems = validate_paths(folders)
    assert [str(p) for p in problems] == []
    assert sorted(c.id for c in valid) == sorted(ALL)


def test_kinds_and_parties(cases):
    assert cases[STUDY].kind == "research_study"
    for cid in VIGNETTES:
        case = cases[cid]
        assert case.kind == "equity_jv", cid
        # The reading names none of the firms.
        assert all(p.disguised for p in case.parties), cid
        assert {p.country for p in case.parties} >= {"United States", "Japan"}, cid


def test_every_source_is_inkpen1996(cases):
    for cid, case in cases.items():
        for field, src in all_sources(case):
            assert src.reading == "inkpen1996", f"{cid}: {field}"


# --------------------------------------------------------------------------
# numbers against the reading
# --------------------------------------------------------------------------


def test_ownership_exhibit_equals_reading(cases):
    df = cases[STUDY].exhibit("ownership")
    assert dict(zip(df["ownership"], df["ventures"])) == OWNERSHIP
    assert df["ventures"].sum() == SAMPLE == 17 + 15 + 8


def test_ownership_numbers_are_the_readings(reading):
    body = section(reading, "The Research Study")
    m = re.search(
        r"(\w+) ventures were 50-50, in (\w+) ventures the Japanese partners had majority equity, "
        r"and in (\w+) ventures the American partners had majority equity",
        body,
    )
    assert m, "ownership sentence not found in 'The Research Study'"
    as_int = [int(x) if x.isdigit() else NUMBER_WORDS[x.lower()] for x in m.groups()]
    assert as_int == [17, 15, 8]
    assert re.search(r"consisted of (\d+) American-Japanese joint ventures", body).group(1) == str(SAMPLE)


def test_study_facts_carry_the_ownership_numbers(cases):
    values = {f.value for f in cases[STUDY].facts if f.value is not None}
    assert {40, 17, 15, 8, 2, 5, 4, 6, 3} <= values
    assert "17 / 15 / 8 = 40" in " ".join(cases[STUDY].teaching_note.board_plan)


def test_study_counts_exhibit(cases):
    df = cases[STUDY].exhibit("study_counts")
    got = {row.finding: (int(row.count), row.section) for row in df.itertuples()}
    assert got == STUDY_COUNTS


def test_study_counts_appear_in_their_sections(cases, reading):
    df = cases[STUDY].exhibit("study_counts")
    for row in df.itertuples():
        assert int(row.count) in numbers_in(section(reading, row.section)), row.finding


def test_numeric_facts_appear_in_their_sections(cases, reading):
    checked = 0
    for cid, case in cases.items():
        for i, fact in enumerate(case.facts):
            if fact.value is None:
                continue
            names = quoted_locators(fact.source.locator)
            assert names, f"{cid}: facts[{i}] locator names no heading"
            text = "\n".join(section(reading, n) for n in names if n != "Table I")
            value = fact.value
            if value == 0:  # 'at no cost' / 'none of the cases'
                assert re.search(r"\bno cost\b|\bnone\b", text), f"{cid}: facts[{i}]"
            else:
                assert int(value) in numbers_in(text), f"{cid}: facts[{i}] value {value} not in {names}"
            checked += 1
    assert checked >= 12


def test_dead_proposal_cost_is_the_readings(cases, reading):
    fact = next(f for f in cases["jv40_dead_proposal"].facts if f.unit == "USD")
    assert fact.value == 200000
    assert "$200,000" in section(reading, "Leadership Commitment")


def test_table_i_exhibit(cases):
    df = cases[STUDY].exhibit("knowledge_processes")
    got: dict = {}
    for row in df.itertuples():
        got.setdefault(row.process, {}).setdefault(row.knowledge_type, set()).add(row.example)
    assert got == TABLE_I
    assert len(df) == 10 and df["process"].nunique() == 4


def test_table_i_examples_are_in_the_reading(cases, reading):
    start = reading.index("TABLE I.")
    table = reading[start:start + 1500].replace("\u2019", "'")
    for example in cases[STUDY].exhibit("knowledge_processes")["example"]:
        core = example.removeprefix("the ")
        assert core in table, example


def test_vignette_exhibit_lists_every_vignette(cases, reading):
    df = cases[STUDY].exhibit("vignettes")
    assert sorted(df["case_id"]) == sorted(VIGNETTES)
    heads = headings(reading)
    for row in df.itertuples():
        assert row.section in heads, row.section
        # the vignette's own case cites that section
        locs = " ".join(s.locator for _, s in all_sources(cases[row.case_id]))
        assert f"'{row.section}'" in locs, row.case_id


# --------------------------------------------------------------------------
# locators
# --------------------------------------------------------------------------


def test_every_locator_names_a_real_heading(cases, reading):
    heads = headings(reading)
    table_line = any(line.strip().startswith("TABLE I.") for line in reading.splitlines())
    for cid, case in cases.items():
        for field, src in all_sources(case):
            names = quoted_locators(src.locator)
            assert names, f"{cid}: {field}: locator {src.locator!r} names no heading"
            for name in names:
                if name == "Table I":
                    assert table_line, "Table I not found in the reading"
                else:
                    assert name in heads, f"{cid}: {field}: {name!r} is not a heading of the reading"


def test_headings_helper_rejects_non_headings(reading):
    heads = headings(reading)
    assert "Technology Sharing" in heads and "Climate of Trust" in heads
    assert "Curtained Line" not in heads


# --------------------------------------------------------------------------
# assessments, teaching notes, epilogues, CSV safety
# --------------------------------------------------------------------------

NO_EVIDENCE = re.compile(r"gives no (direct )?evidence|reports nothing|says nothing", re.I)
DIMS = ("value", "protectiveness", "tacitness", "connections", "relatedness", "cultural_alignment")


def test_vignettes_are_assessed_from_the_american_side(cases):
    for cid in VIGNETTES:
        a = cases[cid].assessment
        assert a is not None and a.perspective == "American parent", cid


def test_dimension_without_evidence_is_medium_and_flagged(cases):
    flagged = 0
    for cid in VIGNETTES:
        a = cases[cid].assessment
        for dim in DIMS:
            r = getattr(a, dim)
            if NO_EVIDENCE.search(r.evidence):
                assert r.level == "medium", f"{cid}: {dim}"
                assert "casebook's inference" in r.evidence, f"{cid}: {dim}"
                flagged += 1
    assert flagged >= 5


def test_time_plans_add_up(cases):
    for cid, case in cases.items():
        for length, slots in case.teaching_note.time_plans.items():
            assert sum(s.minutes for s in slots) == int(length), f"{cid}: {length}"
        assert set(case.teaching_note.time_plans) == {"60", "75", "80", "90"}


def test_epilogues_stay_within_the_study(cases):
    # The reading reports nothing after its publication: no invented later events.
    for cid, case in cases.items():
        for e in case.teaching_note.epilogue:
            assert 1991 <= e.year <= 1996, cid
            assert e.source.reading == "inkpen1996", cid
        assert case.dates.end == 1996, cid


def test_exhibit_cells_cannot_run_as_formulas(cases):
    for cid, case in cases.items():
        for ex in case.exhibits:
            path = cases_dir() / cid / ex.file
            df = case.exhibit(ex.id)
            for col in df.columns:
                for cell in df[col].astype(str):
                    assert not cell.startswith(("=", "+", "-", "@")), f"{path}: {col}: {cell!r}"


def test_jv40_dates_are_the_evidence_the_study_dates():
    """1991 is the one dated interview and 1996 the publication; the ventures are older."""
    for cid in ALL:
        dates = load_case(cid, cases_dir()).dates
        assert (dates.start, dates.end, dates.start_is) == (1991, 1996, "evidence_from"), cid
