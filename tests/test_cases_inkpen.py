"""The Inkpen cases (NUMMI, Alpha-Hito, the protective partner, Sony) say what
the readings say.

Each case file is read with ``yaml.safe_load`` and compared with the readings:
every number recorded as a fact equals the figure the reading states (the
table ``READING_FIGURES`` quotes the passage, and the passage is looked up in
the reading under the heading the fact's locator names); every heading a
locator names really is a heading of that reading; every digit in a sentence
sourced to a reading occurs in the cited section. The files also pass the
casebook's validator.

The reading texts live outside the repository (``../shared/readings``, or the
folder named by ``CASEBOOK_READINGS``); tests that need them are skipped when
that folder is absent, the others always run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"
CASE_IDS = ["nummi", "alpha_hito", "protective_partner", "sony_alliances"]
from readings import READINGS_DIR  # noqa: E402
READING_FILES = {
    "inkpen1996": "inkpen_1996_creating_knowledge_through_collaboration.txt",
    "inkpen1998": "inkpen_1998_learning_and_knowledge_acquisition.txt",
}
PUBLISHED = {"inkpen1996": 1996, "inkpen1998": 1998}
NUMBER_WORDS = {1: ("one", "first"), 2: ("two", "second"), 3: ("three", "third"),
                4: ("four", "fourth"), 5: ("five", "fifth"), 6: ("six", "sixth")}

needs_readings = pytest.mark.skipif(
    not all((READINGS_DIR / f).is_file() for f in READING_FILES.values()),
    reason=f"reading texts not found in {READINGS_DIR}",
)

# (case, fact value, fact unit, reading, passage of the reading that states the value)
READING_FIGURES = [
    ("nummi", 1984, "year", "inkpen1998", "formed in 1984 and still operating"),
    ("nummi", 60, "people (lower bound)", "inkpen1998", "more than 60 managers, supervisors, and team leaders"),
    ("nummi", 16, "managers", "inkpen1998", "GM is allowed to assign 16 managers to NUMMI"),
    ("nummi", 2, "years", "inkpen1998", "assigned to NUMMI for two years"),
    ("nummi", 3, "reasons", "inkpen1998", "there are three reasons"),
    ("nummi", 2, "wholly-owned plants operating", "inkpen1998", "assembly plants in Kentucky and Ontario"),
    ("alpha_hito", 50, "percent each", "inkpen1998", "a 50-50 equity JV between Hito"),
    ("alpha_hito", 4, "year of operation", "inkpen1998", "By its fourth year of operation"),
    ("alpha_hito", 3, "years", "inkpen1998", "over three years of observation"),
    ("alpha_hito", 0, "price charged", "inkpen1998", "with its American partner at no cost"),
    ("sony_alliances", 1995, "year", "inkpen1996", "Wall Street Journal*, April 14, 1995"),
]

PERSPECTIVE = {
    "nummi": "General Motors",
    "alpha_hito": "Alpha",
    "protective_partner": "American partner (unnamed)",
}
DIMENSIONS = ["value", "protectiveness", "tacitness", "connections", "relatedness", "cultural_alignment"]


def load(case_id: str) -> dict:
    with open(CASES / case_id / "case.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def reading_text(key: str) -> str:
    return (READINGS_DIR / READING_FILES[key]).read_text(encoding="utf-8")


def _heading_of(line: str) -> str | None:
    """The heading a line of a reading carries, or None for body text.

    Markdown headings (``## ...``), bold table captions and the short
    stand-alone title lines of the plain-text reading count as headings.
    """
    if "\t" in line:
        return None
    text = line.strip().lstrip("#").strip().strip("*").strip()
    if re.fullmatch(r"[A-Z][a-z]+ [A-Z]\. [A-Z][a-z]+", text):
        return None  # the author's by-line, not a heading
    if not text or len(text) > 80 or text[-1] in ".,;:" or text.startswith(("<", "-", "•")):
        return None
    if line.lstrip().startswith("#") or line.strip().startswith("**"):
        return text
    # plain-text reading: a short line standing alone between blank lines
    return text if len(text.split()) <= 8 and text[0].isupper() else None


def sections(key: str) -> dict[str, str]:
    """Map each heading of a reading to the text under it (up to the next heading).

    A bold caption (``**Table 1**``) opens a section of its own, but the text
    after it still also counts as part of the enclosing ``#`` section, since
    the table is printed in the middle of that section's prose.
    """
    out: dict[str, list[str]] = {"(front matter)": []}
    lines = reading_text(key).splitlines()
    current, parent = "(front matter)", None
    for i, line in enumerate(lines):
        head = _heading_of(line)
        alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 >= len(lines) or not lines[i + 1].strip())
        if head is not None and line.lstrip().startswith("**"):
            parent = parent or current
            current = head
        elif head is not None and (line.lstrip().startswith("#") or alone):
            current, parent = head, None
        else:
            for name in {current, parent} - {None}:
                out.setdefault(name, []).append(line)
            continue
        out.setdefault(current, [])
    return {k: "\n".join(v) for k, v in out.items()}


def named_headings(locator: str) -> list[str]:
    """The headings a locator quotes: "section 'The Value of Alliance Knowledge'"."""
    return re.findall(r"'([^']+)'", locator)


def cited_text(source: dict) -> str:
    """The text of every section a reading source names (notes included)."""
    secs = sections(source["reading"])
    parts = [secs[h] for h in named_headings(source["locator"]) if h in secs]
    return "\n".join(parts)


def sourced_items(case: dict):
    """Every (field path, text, source) in a case that is sourced to a reading."""
    for i, e in enumerate(case["timeline"]):
        yield f"timeline[{i}]", e["event"], e["source"]
    for i, g in enumerate(case.get("learning_goals", [])):
        yield f"learning_goals[{i}]", g["goal"], g["source"]
    for i, k in enumerate(case.get("knowledge", [])):
        yield f"knowledge[{i}]", k["item"], k["source"]
    for dim in DIMENSIONS:
        if case.get("assessment"):
            r = case["assessment"][dim]
            yield f"assessment.{dim}", r["evidence"], r["source"]
    if case.get("outcome"):
        yield "outcome", case["outcome"]["text"], case["outcome"]["source"]
    for i, f in enumerate(case["facts"]):
        yield f"facts[{i}]", f["statement"], f["source"]
    for i, e in enumerate(case["teaching_note"]["epilogue"]):
        yield f"teaching_note.epilogue[{i}]", e["event"], e["source"]


# ---------------------------------------------------------------------------
# Shape and validity
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_file_parses_and_names_its_folder(case_id):
    case = load(case_id)
    assert case["id"] == case_id


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_case_passes_the_casebook_validator(case_id):
    from casebook.cases import validate_file

    case, problems = validate_file(CASES / case_id / "case.yaml")
    assert problems == [], "\n".join(map(str, problems))
    assert case is not None and case.id == case_id


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_time_plans_add_up_to_their_length(case_id):
    plans = load(case_id)["teaching_note"]["time_plans"]
    assert sorted(int(k) for k in plans) == [60, 75, 80, 90]
    for length, slots in plans.items():
        assert sum(s["minutes"] for s in slots) == int(length), length


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_source_is_a_reading_or_a_full_citation(case_id):
    for where, _text, src in sourced_items(load(case_id)):
        if "reading" in src:
            assert src["reading"] in READING_FILES, where
            assert named_headings(src["locator"]), f"{where}: locator names no heading"
        else:
            assert re.search(r"\b(19|20)\d\d\b", src["citation"]), f"{where}: citation has no year"
            assert src["locator"].strip(), where


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_outcome_and_a_dated_epilogue(case_id):
    case = load(case_id)
    assert case["outcome"]["text"].strip()
    epilogue = case["teaching_note"]["epilogue"]
    assert epilogue and all(e["year"] >= case["dates"]["start"] for e in epilogue)


def test_assessments_take_the_perspective_the_brief_fixes():
    for case_id, who in PERSPECTIVE.items():
        case = load(case_id)
        assert case["assessment"]["perspective"] == who
        assert who in [p["name"] for p in case["parties"]]
        assert set(case["assessment"]) == {"perspective", *DIMENSIONS}


def test_sony_has_no_invented_assessment():
    # The reading names no partner and no terms: any level would be made up.
    assert "assessment" not in load("sony_alliances")


def test_disguised_parties_are_marked():
    alpha = {p["name"]: p["disguised"] for p in load("alpha_hito")["parties"]}
    assert alpha == {"Alpha": True, "Hito": True}
    assert all(p["disguised"] for p in load("protective_partner")["parties"])
    nummi = {p["name"]: p["disguised"] for p in load("nummi")["parties"]}
    assert nummi == {"General Motors": False, "Toyota": False}


def test_nummi_dates_and_epilogue_match_the_record():
    case = load("nummi")
    assert case["dates"]["start"] == 1984
    later = {e["year"]: e["event"] for e in case["teaching_note"]["epilogue"]}
    assert "GM withdraws" in later[2009]
    assert "Tesla" in later[2010]
    # later facts come from outside the readings and say so
    outside = [e for e in case["teaching_note"]["epilogue"] if e["year"] > 1998]
    assert outside and all("citation" in e["source"] for e in outside)


def test_start_years_are_the_latest_the_readings_allow():
    # Alpha-Hito: in its fourth year of operation by the 1998 report.
    fourth = next(f["value"] for f in load("alpha_hito")["facts"] if f["unit"] == "year of operation")
    assert load("alpha_hito")["dates"]["start"] == PUBLISHED["inkpen1998"] - (fourth - 1)
    # Protective partner: ran "a few" (>= 2) years and was bought out by 1998.
    assert load("protective_partner")["dates"]["start"] == PUBLISHED["inkpen1998"] - 2
    # Sony: the alliances existed by the April 1995 article of note 8.
    article = next(f["value"] for f in load("sony_alliances")["facts"] if f["unit"] == "year")
    assert load("sony_alliances")["dates"]["start"] == article
    # ... and each says so, so no reader takes the year for a founding date.
    for cid in ("alpha_hito", "protective_partner", "sony_alliances"):
        assert load(cid)["dates"]["start_is"] == "no_later_than", cid


def test_levels_follow_the_evidence_inkpen_gives():
    """Orderings the readings support, from each perspective."""
    from casebook.cases import level_score

    def score(case_id, dim):
        return level_score(load(case_id)["assessment"][dim]["level"])

    # The walled-off plant is the extreme of protectiveness; Hito offered its technology free.
    assert score("protective_partner", "protectiveness") == 5
    assert score("alpha_hito", "protectiveness") == 1
    assert score("nummi", "protectiveness") < score("protective_partner", "protectiveness")
    # GM built rotations and a liaison office; Alpha had few managerial contacts; the protective partner none.
    assert score("nummi", "connections") > score("alpha_hito", "connections") > score("protective_partner", "connections")
    # The Toyota production system is Inkpen's example of highly tacit knowledge.
    assert score("nummi", "tacitness") >= 4
    # Alpha's executives dismissed the JV; GM's NUMMI managers struggled to convince theirs.
    assert score("alpha_hito", "cultural_alignment") < score("nummi", "cultural_alignment") <= 2
    # JV products functionally similar to Alpha's own.
    assert score("alpha_hito", "relatedness") >= 4


# ---------------------------------------------------------------------------
# Against the reading texts
# ---------------------------------------------------------------------------


@needs_readings
@pytest.mark.parametrize("case_id,value,unit,reading,passage", READING_FIGURES)
def test_recorded_figures_equal_the_readings(case_id, value, unit, reading, passage):
    facts = [f for f in load(case_id)["facts"] if f["value"] == value and f["unit"] == unit]
    assert len(facts) == 1, f"{case_id}: no single fact with value {value} {unit}"
    src = facts[0]["source"]
    assert src["reading"] == reading
    flat = " ".join(cited_text(src).split())
    assert passage in flat, f"{passage!r} is not under {src['locator']}"
    # the passage states the value (digits or words)
    spelled = [str(value)] + list(NUMBER_WORDS.get(value, ()))
    if value == 0:
        spelled.append("no cost")
    if unit == "wholly-owned plants operating":
        spelled.append("Kentucky and Ontario")  # two plants, named
    assert any(s.lower() in passage.lower() for s in spelled)


@needs_readings
@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_locator_names_a_real_heading(case_id):
    for where, _text, src in sourced_items(load(case_id)):
        if "reading" not in src:
            continue
        secs = sections(src["reading"])
        for head in named_headings(src["locator"]):
            assert head in secs, f"{case_id} {where}: {head!r} is not a heading of {src['reading']}"
        for note in re.findall(r"note (\d+)", src["locator"]):
            notes = secs.get("Endnotes", "") + secs.get("Notes", "")
            assert re.search(rf"(^|\n)\s*(<sup>{note}</sup>|{note}\.)\s", notes), f"{where}: no note {note}"


@needs_readings
@pytest.mark.parametrize("case_id", CASE_IDS)
def test_numbers_in_sourced_sentences_occur_in_the_cited_section(case_id):
    for where, text, src in sourced_items(load(case_id)):
        if "reading" not in src:
            continue
        cited = cited_text(src).lower()
        for num, decade in re.findall(r"(\d+)(s?)\b", text):
            n = int(num)
            if n == PUBLISHED[src["reading"]]:
                continue  # "the 1998 report": the reading's own date
            forms = [num + decade, *NUMBER_WORDS.get(n, ())]  # "1990s" must read "1990s"
            assert any(re.search(rf"\b{f}\b", cited) for f in forms), f"{case_id} {where}: {num} not in {src['locator']}"


@needs_readings
def test_section_parser_finds_known_headings():
    # Guards the parser the other tests rely on.
    s98, s96 = sections("inkpen1998"), sections("inkpen1996")
    assert "How Protective are Alliance Partners?" in s98
    assert "Japanese firm insisted that the JV head office" in " ".join(s98["How Protective are Alliance Partners?"].split())
    assert "The Research Study" in s96 and "Notes" in s96
    assert "Sony Corp." in s96["Creating Knowledge through Collaboration"]
    assert "Toyota" not in s96["Creating Knowledge through Collaboration"]
    # prose after Table 1 still belongs to the section the table sits in
    assert "increasing management's focus" in s98["Successful Knowledge Management"]
    assert "assign 16 managers" not in s98["Successful Knowledge Management"]


ORIGINALITY = READINGS_DIR.parent / "tools" / "originality.py"


@pytest.mark.skipif(not ORIGINALITY.is_file(), reason="originality tool not available")
def test_cases_are_in_our_own_words():
    files = [str(CASES / c / "case.yaml") for c in CASE_IDS]
    run = subprocess.run([sys.executable, str(ORIGINALITY), "-n", "10", *files],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
