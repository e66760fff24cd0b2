"""The cluster and alliance-growth cases: Toyota City, Silicon Valley, Prato,
the electronics firms' technical alliances (Suarez-Villa 1998, Table I) and the
1990 semiconductor survey (Suarez-Villa 1998, Table II).

The two exhibits are checked three ways: against the reading's numbers typed
in below (independently of the CSV files), against the table rows parsed out of
the reading's text file, and through ``casebook.cases.load_case``. Every derived
claim the cases state ("more than doubled", "Philips grew fastest", ...) and
every numeric fact is recomputed from the typed numbers.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from casebook.cases import load_case, validate_file

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
from readings import READINGS_DIR as READINGS  # noqa: E402
SUAREZ_VILLA = READINGS / "suarez_villa_1998_structures_of_cooperation.txt"
ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality.py"

MY_CASES = ["toyota_city", "silicon_valley", "prato", "electronics_alliances", "semiconductor_survey"]

# Suarez-Villa (1998), Table I, typed from the reading column by column
# (firm -> (1980-84, 1985-89) is assembled below).
_FIRMS = ["Siemens", "Philips", "Olivetti", "IBM", "Fujitsu", "Motorola"]
_EARLY = [51, 40, 42, 48, 46, 53]   # 1980-84
_LATE = [134, 127, 110, 108, 78, 68]  # 1985-89
TABLE_I = {f: (a, b) for f, a, b in zip(_FIRMS, _EARLY, _LATE)}
TABLE_I_TOTAL = (280, 625)
EUROPEAN = {"Siemens", "Philips", "Olivetti"}  # section 2.2 of the reading

# Suarez-Villa (1998), Table II, typed from the reading column by column:
# percent of firms, (SMEs, large firms, very large firms), 1990 survey of 31 firms.
_ROWS = [
    "Technical R&D alliances with independent firms",
    "Technical R&D alliances with consortia",
    "All technical R&D alliances",
]
_SMES = [37, 4, 41]
_LARGE = [10, 6, 16]
_VERY_LARGE = [5, 4, 9]
TABLE_II = {r: (s, l, v) for r, s, l, v in zip(_ROWS, _SMES, _LARGE, _VERY_LARGE)}
TABLE_II_FIRMS = 31
# The CSV labels each row in the casebook's words; this is the mapping.
TABLE_II_ROWS = {
    "independent firms": "Technical R&D alliances with independent firms",
    "consortia": "Technical R&D alliances with consortia",
    "any (total)": "All technical R&D alliances",
}


# --------------------------------------------------------------------------
# Parsing the tables out of the reading's text
# --------------------------------------------------------------------------


def _reading_text() -> str:
    if not SUAREZ_VILLA.is_file():
        pytest.skip(f"reading not available at {SUAREZ_VILLA}")
    return SUAREZ_VILLA.read_text(encoding="utf-8")


def parse_table_i(text: str) -> dict[str, tuple[int, int]]:
    """Rows of Table I: the lines between its header and its source line."""
    start = text.index("Firm name")
    end = text.index("Source:", start)
    rows = {}
    for line in text[start:end].splitlines()[1:]:
        m = re.fullmatch(r"\s*([A-Za-z]+)\s+(\d+)\s+(\d+)\s*", line)
        if m:
            rows[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return rows


def parse_table_ii(text: str) -> dict[str, tuple[int, int, int]]:
    """Rows of Table II: a label followed by three tab-separated percentages."""
    start = text.index("Alliance type")
    end = text.index("Source: Egelhoff", start)
    rows = {}
    for line in text[start:end].splitlines():
        m = re.fullmatch(r"\s*([A-Za-z][A-Za-z&\- ]+?)\t+(\d+)\t+(\d+)\t+(\d+)\s*", line)
        if m:
            rows[m.group(1)] = tuple(int(m.group(i)) for i in (2, 3, 4))
    return rows


def _csv_table_i() -> pd.DataFrame:
    return pd.read_csv(CASES / "electronics_alliances" / "technical_alliances.csv")


def _csv_table_ii() -> pd.DataFrame:
    return pd.read_csv(CASES / "semiconductor_survey" / "alliances_by_size.csv")


# --------------------------------------------------------------------------
# Every case validates and is complete
# --------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", MY_CASES)
def test_case_validates(case_id):
    case, problems = validate_file(CASES / case_id / "case.yaml")
    assert problems == [], "\n".join(map(str, problems))
    assert case.id == case_id


@pytest.mark.parametrize("case_id", MY_CASES)
def test_case_is_complete_and_sourced(case_id):
    case = load_case(case_id, CASES)
    assert case.synopsis and case.parties and case.timeline and case.knowledge
    assert case.facts and case.discussion_questions and case.outcome is not None
    for n in (60, 75, 80, 90):
        assert sum(s.minutes for s in case.teaching_note.time_plans[str(n)]) == n
    sources = [t.source for t in case.timeline]
    sources += [g.source for g in case.learning_goals] + [k.source for k in case.knowledge]
    sources += [case.outcome.source]
    for s in sources:  # the case's story draws on the two readings only
        assert s.reading in {"suarezvilla1998", "tallman_nd"}, s
        assert s.locator.strip()
    # facts and quantitative exhibits may add a public source, given as a full, dated reference with a locator
    for s in [f.source for f in case.facts] + [e.source for e in case.exhibits]:
        assert s.reading in {"suarezvilla1998", "tallman_nd"} or (
            s.citation and re.search(r"\(\d{4}\)", s.citation)), s
        assert s.locator.strip()
    for e in case.teaching_note.epilogue:  # epilogues: a reading or a full reference
        assert e.year >= case.dates.start
        assert e.source.reading in {"suarezvilla1998", "tallman_nd"} or (
            e.source.citation and re.search(r"\(\d{4}\)", e.source.citation)
        ), e


@pytest.mark.parametrize("case_id", ["toyota_city", "silicon_valley", "prato"])
def test_clusters_are_clusters(case_id):
    assert load_case(case_id, CASES).kind == "cluster"


@pytest.mark.parametrize("case_id", ["electronics_alliances", "semiconductor_survey"])
def test_studies_are_research_studies(case_id):
    assert load_case(case_id, CASES).kind == "research_study"


def test_toyota_city_has_a_single_lead_firm_as_the_reading_says():
    tallman = READINGS / "tallman_clusters_and_alliances.txt"
    if not tallman.exists():
        pytest.skip(f"reading not available at {tallman}")
    assert "Toyota was the only lead firm" in tallman.read_text(encoding="utf-8")
    case = load_case("toyota_city", CASES)
    lead = [f for f in case.facts if f.unit == "lead firms"]
    assert [f.value for f in lead] == [1]


# --------------------------------------------------------------------------
# Exhibit 1: Suarez-Villa (1998), Table I
# --------------------------------------------------------------------------


def test_typed_table_i_matches_the_reading_text():
    parsed = parse_table_i(_reading_text())
    assert parsed.pop("Total") == TABLE_I_TOTAL
    assert parsed == TABLE_I


def test_table_i_csv_equals_the_reading():
    df = _csv_table_i()
    parsed = parse_table_i(_reading_text())
    got = {r.firm: (r.alliances_1980_84, r.alliances_1985_89) for r in df.itertuples()}
    assert got == {**TABLE_I, "Total": TABLE_I_TOTAL}
    assert got == parsed
    assert list(df["firm"]) == list(parsed)  # same rows, same order as printed


def test_table_i_loaded_through_the_case_api():
    case = load_case("electronics_alliances", CASES)
    df = case.exhibit("technical_alliances").set_index("firm")
    for firm, (early, late) in {**TABLE_I, "Total": TABLE_I_TOTAL}.items():
        assert (df.loc[firm, "alliances_1980_84"], df.loc[firm, "alliances_1985_89"]) == (early, late)
    regions = df["home_region"].drop("Total")
    assert set(regions[regions == "Europe"].index) == EUROPEAN


def test_table_i_total_row_is_the_sum_of_the_firms():
    assert tuple(sum(v[i] for v in TABLE_I.values()) for i in (0, 1)) == TABLE_I_TOTAL


def test_table_i_claims():
    early, late = TABLE_I_TOTAL
    assert late / early > 2  # "more than doubled" (Suarez-Villa 1998, section 2.2)
    by_late = sorted(TABLE_I, key=lambda f: TABLE_I[f][1], reverse=True)
    assert set(by_late[:3]) == EUROPEAN  # the Europeans lead in 1985-89
    assert max(TABLE_I, key=lambda f: TABLE_I[f][0]) == "Motorola"  # most in 1980-84
    assert by_late[-1] == "Motorola"  # fewest in 1985-89
    growth = {f: b / a for f, (a, b) in TABLE_I.items()}
    assert all(g > 1 for g in growth.values())
    assert max(growth, key=growth.get) == "Philips"
    assert min(growth, key=growth.get) == "Motorola"


def _table_i_quantities() -> dict[str, float]:
    early, late = TABLE_I_TOTAL
    return {
        "total_1980_84": early,
        "total_1985_89": late,
        "growth_total": round(late / early, 2),
        "siemens_1985_89": TABLE_I["Siemens"][1],
        "motorola_1980_84": TABLE_I["Motorola"][0],
        "motorola_1985_89": TABLE_I["Motorola"][1],
        "philips_growth": TABLE_I["Philips"][1] / TABLE_I["Philips"][0],  # 3.175 exactly
        "motorola_growth": round(TABLE_I["Motorola"][1] / TABLE_I["Motorola"][0], 2),
        "european_1985_89": sum(TABLE_I[f][1] for f in EUROPEAN),
        "firms": len(TABLE_I),
        "oecd_year": 1992,
    }


def test_electronics_facts_equal_the_table():
    case = load_case("electronics_alliances", CASES)
    expected = _table_i_quantities()
    values = [f.value for f in case.facts if isinstance(f.value, (int, float))]
    assert sorted(values) == sorted(expected.values())


def test_electronics_outcome_quotes_the_table():
    case = load_case("electronics_alliances", CASES)
    early, late = TABLE_I_TOTAL
    assert f"{early} in 1980-84" in case.outcome.text and f"{late} in 1985-89" in case.outcome.text
    assert f"about {late / early:.1f} times" in case.outcome.text
    assert f"{early} technical" in case.synopsis and f"{late} in 1985-89" in case.synopsis


# --------------------------------------------------------------------------
# Exhibit 2: Suarez-Villa (1998), Table II
# --------------------------------------------------------------------------


def test_typed_table_ii_matches_the_reading_text():
    text = _reading_text()
    assert parse_table_ii(text) == TABLE_II
    assert f"Based on a 1990 survey of {TABLE_II_FIRMS} firms" in text


def test_table_ii_csv_equals_the_reading():
    df = _csv_table_ii()
    parsed = parse_table_ii(_reading_text())
    got = {TABLE_II_ROWS[r.partner]: (r.smes, r.large_firms, r.very_large_firms) for r in df.itertuples()}
    assert len(got) == len(df) == 3
    assert got == TABLE_II
    assert got == parsed
    assert [TABLE_II_ROWS[p] for p in df["partner"]] == list(parsed)  # same order as printed


def test_table_ii_loaded_through_the_case_api():
    case = load_case("semiconductor_survey", CASES)
    df = case.exhibit("alliances_by_size").set_index("partner")
    for label, row in TABLE_II_ROWS.items():
        assert tuple(df.loc[label, ["smes", "large_firms", "very_large_firms"]]) == TABLE_II[row]
    units = {c.name: c.unit for c in case.exhibit_meta("alliances_by_size").columns}
    assert units["smes"] == units["large_firms"] == units["very_large_firms"] == "percent of firms"


def test_table_ii_claims():
    ind = TABLE_II["Technical R&D alliances with independent firms"]
    con = TABLE_II["Technical R&D alliances with consortia"]
    tot = TABLE_II["All technical R&D alliances"]
    assert tuple(a + b for a, b in zip(ind, con)) == tot  # the last row is the sum
    assert tot[0] > tot[1] > tot[2]  # the smaller the firm, the more likely to ally
    assert ind[0] > ind[1] > ind[2]
    assert con[1] == max(con) and con[0] == con[2]  # large firms lead in consortia, 6 vs 4 and 4
    assert ind[0] / tot[0] > 0.85  # SMEs' alliances are mostly with independent firms


def _table_ii_quantities() -> list[float]:
    ind = TABLE_II["Technical R&D alliances with independent firms"]
    con = TABLE_II["Technical R&D alliances with consortia"]
    tot = TABLE_II["All technical R&D alliances"]
    return [
        TABLE_II_FIRMS, 1990, 100, 1000,  # survey size, year, the size thresholds ($ million)
        tot[0], tot[1], tot[2], ind[0], con[1],
        round(tot[0] / tot[2], 2), round(ind[0] / tot[0], 1),
    ]


def test_semiconductor_facts_equal_the_table():
    case = load_case("semiconductor_survey", CASES)
    values = [f.value for f in case.facts if isinstance(f.value, (int, float))]
    assert sorted(values) == sorted(_table_ii_quantities())


def test_semiconductor_size_classes_follow_the_table_notes():
    text = _reading_text()
    for note in ("Revenues of under \\$100 million", "Revenue of \\$100 million to \\$1 billion",
                 "Revenues of over \\$1 billion"):
        assert note in text
    case = load_case("semiconductor_survey", CASES)
    names = " ".join(p.name for p in case.parties)
    assert "under $100 million" in names and "$100 million to $1 billion" in names and "over $1 billion" in names


def test_semiconductor_outcome_quotes_the_table():
    case = load_case("semiconductor_survey", CASES)
    tot = TABLE_II["All technical R&D alliances"]
    for share in tot:
        assert f"{share} per cent" in case.outcome.text
    assert f"{TABLE_II_FIRMS} semiconductor firms" in case.synopsis


# --------------------------------------------------------------------------
# Safety and originality of the files
# --------------------------------------------------------------------------


@pytest.mark.parametrize("csv_path", [
    CASES / "electronics_alliances" / "technical_alliances.csv",
    CASES / "semiconductor_survey" / "alliances_by_size.csv",
])
def test_exhibit_cells_cannot_run_as_formulas(csv_path):
    with csv_path.open(newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), (csv_path.name, cell)


def test_no_passage_repeats_the_readings():
    if not ORIGINALITY.is_file():
        pytest.skip(f"originality tool not available at {ORIGINALITY}")
    files = [str(p) for c in MY_CASES for p in sorted((CASES / c).iterdir())] + [__file__]
    out = subprocess.run([sys.executable, str(ORIGINALITY), "-n", "10", *files],
                         capture_output=True, text=True)
    hits = [l for l in out.stdout.splitlines() if not l.startswith("originality:")]
    assert hits == [], "\n".join(hits)


@pytest.mark.parametrize("case_id", ["prato", "silicon_valley", "toyota_city"])
def test_cluster_start_is_the_first_evidence_not_a_founding_year(case_id):
    """The readings date their sources, not the clusters: the start says so."""
    case = load_case(case_id, CASES)
    assert case.dates.start_is == "evidence_from"
    assert case.dates.start == min(t.year for t in case.timeline)
    assert case.dates.label().startswith(f"evidence from {case.dates.start}")
