"""The case schema, loader and validator (casebook.cases, python -m casebook validate)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from casebook import cases as C
from casebook.paths import cases_dir

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "cases_fixture"
MALFORMED = HERE / "cases_malformed"

# fixture -> (field path the problem must name, words the message must contain)
EXPECTED = {
    "assessment_missing.yaml": ("assessment", "required for a case of kind equity_jv"),
    "bad_id.yaml": ("id", "pattern"),
    "bad_kind.yaml": ("kind", "'merger' is not allowed"),
    "bad_level.yaml": ("assessment.value.level", "'huge' is not allowed"),
    "bad_start_is.yaml": ("dates.start_is", "'roughly' is not allowed"),
    "disguised_not_bool.yaml": ("parties[0].disguised", "boolean"),
    "duplicate_ids": ("id", "duplicate id 'alpha'"),
    "duplicate_key.yaml": ("title", "duplicate key 'title'"),
    "empty.yaml": ("(top level)", "empty"),
    "end_before_start.yaml": ("dates.end", "1985 is before the start, 1990"),
    "epilogue_empty.yaml": ("teaching_note.epilogue", "at least 1 item"),
    "exhibit_columns_mismatch": ("exhibits[0].columns", "names and order must match"),
    "exhibit_missing_csv": ("exhibits[0].file", "not found"),
    "exhibit_path_escape.yaml": ("exhibits[0].file", "../secret.csv"),
    "exhibit_text_in_count": ("exhibits[0].columns[1].unit", "non-numbers"),
    "fact_without_source.yaml": ("facts[0].source", "missing"),
    "id_mismatch.yaml": ("id", "differs from the file's folder/name 'id_mismatch'"),
    "minutes_not_number.yaml": ("teaching_note.time_plans.80[0].minutes", "integer"),
    "missing_title.yaml": ("title", "missing"),
    "no_case_yaml": ("case.yaml", "no case.yaml"),
    "not_a_mapping.yaml": ("(top level)", "expected a mapping"),
    "not_utf8.yaml": ("(file)", "not UTF-8"),
    "python_tag.yaml": ("(yaml)", "python/object"),
    "source_without_reading_or_citation.yaml": ("timeline[0].source", "reading key or a citation"),
    "teaching_note_missing_part.yaml": ("teaching_note.wrap_up", "missing"),
    "time_plan_missing.yaml": ("teaching_note.time_plans.90", "90-minute plan"),
    "time_plan_sum.yaml": ("teaching_note.time_plans.60", "minutes add up to 55, expected 60"),
    "unknown_field.yaml": ("colour", "unknown field"),
    "unknown_reading.yaml": ("facts[0].source", "unknown reading key 'hamel1991'"),
    "yaml_syntax.yaml": ("(yaml)", "line 14"),
    "year_in_future.yaml": ("timeline[1].year", "impossible year 2150"),
    "year_too_early.yaml": ("dates.start", "impossible year 1850"),
}


def test_every_malformed_fixture_is_listed():
    found = {p.name for p in MALFORMED.iterdir()}
    assert found == set(EXPECTED)
    assert len(found) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_case_is_rejected_naming_file_and_field(name):
    field, words = EXPECTED[name]
    target = MALFORMED / name
    cases, problems = C.validate_paths([target])
    assert cases == [] or name == "duplicate_ids"
    assert problems, f"{name} was accepted"
    hits = [p for p in problems if p.field == field and words in p.message]
    assert hits, [str(p) for p in problems]
    # the file named is the fixture itself (or a file inside the fixture folder)
    assert all(name in p.file for p in hits)


@pytest.mark.parametrize("name", ["time_plan_sum.yaml", "not_utf8.yaml", "yaml_syntax.yaml",
                                  "no_case_yaml", "exhibit_missing_csv", "python_tag.yaml"])
def test_cli_reports_bad_input_without_traceback(name):
    out = subprocess.run([sys.executable, "-m", "casebook", "validate", str(MALFORMED / name)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr + out.stdout
    field, words = EXPECTED[name]
    assert any(f": {field}: " in line and words in line and name in line for line in out.stdout.splitlines())


def test_cli_line_format_matches_the_contract():
    out = subprocess.run([sys.executable, "-m", "casebook", "validate", "-q",
                          str(MALFORMED / "time_plan_sum.yaml")], capture_output=True, text=True,
                         cwd=HERE.parent)
    assert out.stdout == ("tests/cases_malformed/time_plan_sum.yaml: teaching_note.time_plans.60: "
                          "minutes add up to 55, expected 60\n")


def test_cli_ok_summary_and_exit_zero():
    out = subprocess.run([sys.executable, "-m", "casebook", "validate", str(FIXTURE)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    assert out.stdout.startswith("OK: 1 case(s) valid")
    assert len(out.stdout.splitlines()) == 1


def test_cli_missing_path():
    out = subprocess.run([sys.executable, "-m", "casebook", "validate", "no/such/folder"],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "no such file or folder" in out.stdout


def test_whole_malformed_folder_reports_every_fixture():
    cases, problems = C.validate_paths([MALFORMED])
    for name in EXPECTED:
        assert any(name in p.file for p in problems), name
    assert cases == []


def test_unreadable_file(tmp_path):
    f = tmp_path / "locked.yaml"
    f.write_text("id: locked\n")
    f.chmod(0)
    try:
        if f.open("rb").readable():  # root can read anything: nothing to test
            pytest.skip("running as root")
    except PermissionError:
        pass
    try:
        _, problems = C.validate_file(f)
        assert problems and problems[0].field == "(file)" and "cannot read" in problems[0].message
    finally:
        f.chmod(0o644)


# ---------------------------------------------------------------- the fixture


def test_fixture_loads_typed_with_exhibits():
    case = C.load_case("fixture_jv", FIXTURE)
    assert isinstance(case, C.Case)
    assert case.parties[0].disguised is True
    df = case.exhibit("staff")
    assert list(df.columns) == ["year", "engineers"]
    assert df["engineers"].tolist() == [12, 18, 25, 9]
    assert set(case.exhibits_df) == {"staff"}
    df.loc[0, "engineers"] = -1  # a copy: the case is not changed
    assert case.exhibit("staff").loc[0, "engineers"] == 12
    with pytest.raises(KeyError, match="no exhibit 'nope'"):
        case.exhibit("nope")


def test_load_case_unknown_id_raises_case_error():
    with pytest.raises(C.CaseError, match="no case 'nowhere'") as err:
        C.load_case("nowhere", FIXTURE)
    assert err.value.problems[0].field == "id"
    with pytest.raises(C.CaseError, match="not a case id"):
        C.load_case("../etc", FIXTURE)


def test_load_case_invalid_raises_with_problems():
    with pytest.raises(C.CaseError) as err:
        C.load_case("time_plan_sum", MALFORMED)
    assert "minutes add up to 55" in str(err.value)


def test_time_plan_keys_may_be_numbers(tmp_path):
    text = (FIXTURE / "fixture_jv" / "case.yaml").read_text().replace('"60":', "60:").replace('"80":', "80:")
    assert not C.validate_text(text, name="fixture_jv")


def test_new_folder_appears_without_code_changes(tmp_path):
    shutil.copytree(FIXTURE / "fixture_jv", tmp_path / "fixture_jv")
    assert C.list_cases(tmp_path) == ["fixture_jv"]
    new = tmp_path / "second_case"
    shutil.copytree(FIXTURE / "fixture_jv", new)
    yaml_path = new / "case.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("id: fixture_jv", "id: second_case"))
    assert C.list_cases(tmp_path) == ["fixture_jv", "second_case"]
    assert set(C.comparison_table(root=tmp_path)["case"]) == {"fixture_jv", "second_case"}
    # an edit is seen (cache keyed on modification time), and a broken file drops out
    yaml_path.write_text(yaml_path.read_text().replace("kind: equity_jv", "kind: nonsense"))
    import os
    os.utime(yaml_path, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert C.list_cases(tmp_path) == ["fixture_jv"]


def test_single_file_case(tmp_path):
    text = (MALFORMED / "id_mismatch.yaml").read_text().replace("id: somebody_else", "id: solo")
    (tmp_path / "solo.yaml").write_text(text)
    assert C.list_cases(tmp_path) == ["solo"]
    assert C.load_case("solo", tmp_path).exhibits_df == {}


def test_comparison_table_is_tidy():
    t = C.comparison_table(root=FIXTURE)
    assert list(t["dimension"]) == list(C.DIMENSIONS)
    assert t["score"].tolist() == [4, 2, 5, 3, 3, 1]
    assert t["source"].iloc[0] == "Casebook test fixture (invented), whole file"
    assert t["score"].between(1, 5).all()


def test_levels_and_scores():
    assert [C.level_score(level) for level in C.LEVELS] == [1, 2, 3, 4, 5]


def test_source_rules():
    from pydantic import ValidationError

    assert C.Source(reading="serrat2009", locator="x").reading == "serrat2009"
    for bad in ({"locator": "x"}, {"reading": "nope", "locator": "x"},
                {"reading": "inkpen1996", "citation": "X", "locator": "x"}, {"reading": "inkpen1996"}):
        with pytest.raises(ValidationError):
            C.Source(**bad)


def test_problem_paths_format():
    assert C.base._path_str(("teaching_note", "time_plans", "60", 2, "minutes")) == "teaching_note.time_plans.60[2].minutes"


def test_epilogue_before_start_is_an_error():
    text = (FIXTURE / "fixture_jv" / "case.yaml").read_text().replace("- {year: 1999, event: \"The partners wound", "- {year: 1980, event: \"The partners wound")
    problems = C.validate_text(text, name="fixture_jv")
    assert [p.field for p in problems] == ["teaching_note.epilogue[0].year"]


# ---------------------------------------------------------------- the real cases


def test_every_case_in_the_casebook_validates():
    cases, problems = C.validate_paths([cases_dir()])
    assert not problems, "\n".join(str(p) for p in problems)


def test_loading_all_cases_reuses_the_cache():
    """Load time is measured by benchmarks/; here: a second load parses nothing again."""
    C.loader._CACHE.clear()
    first = C.load_all()
    cached = dict(C.loader._CACHE)
    second = C.load_all()
    assert sorted(first) == sorted(second) and first
    assert C.loader._CACHE.keys() == cached.keys()
    assert all(C.loader._CACHE[k] is cached[k] for k in cached)


def _hostile_case(tmp_path):
    shutil.copytree(FIXTURE / "fixture_jv", tmp_path / "fixture_jv")
    y = tmp_path / "fixture_jv" / "case.yaml"
    y.write_text(y.read_text()
                 .replace('wrap_up: "Learning depends on access as much as on intent."',
                          'wrap_up: "<script>alert(1)</script> & <img src=x onerror=alert(2)>"')
                 .replace('activity: "Opening poll"}, {minutes: 40', 'activity: "Poll | <b>vote</b>"}, {minutes: 40')
                 .replace('evidence: "Birch opens the plant to visitors."',
                          'evidence: "Open | <iframe src=javascript:alert(3)></iframe>"'))
    return tmp_path


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_teaching_note_escapes_case_text(tmp_path, fmt):
    root = _hostile_case(tmp_path)
    out = subprocess.run([sys.executable, "-m", "casebook", "teaching-note", "fixture_jv", "--format", fmt,
                          "--cases", str(root)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "<script>" not in out.stdout and "<img" not in out.stdout and "<b>vote" not in out.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img" in out.stdout
    # the assessment's evidence is shown, and escaped like the rest
    assert "<iframe" not in out.stdout and "&lt;iframe src=javascript:alert(3)&gt;" in out.stdout


def test_teaching_note_has_every_part():
    from casebook.cases.teaching_note import render_html, render_markdown

    case = C.load_case("fixture_jv", FIXTURE)
    md = render_markdown(case)
    for head in ("## Synopsis", "## Learning objectives", "## Assignment questions", "## Discussion questions",
                 "### 60-minute session", "### 75-minute session", "### 80-minute session", "### 90-minute session", "## Board plan",
                 "## Assessment", "## Wrap-up", "## Epilogue"):
        assert head in md
    assert "| | **80** | total |" in md
    assert "- **1999**: The partners wound the venture up. (Casebook test fixture (invented), whole file)" in md
    page = render_html(case)
    assert page.count("<table>") == 5 and "<h2>Epilogue</h2>" in page and "<h2>Assessment</h2>" in page


def test_teaching_note_unknown_case():
    out = subprocess.run([sys.executable, "-m", "casebook", "teaching-note", "nowhere", "--cases", str(FIXTURE)],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "no case 'nowhere'" in out.stderr and "Traceback" not in out.stderr


def test_cli_says_list_positions_count_from_zero():
    out = subprocess.run([sys.executable, "-m", "casebook", "validate", str(MALFORMED / "fact_without_source.yaml")],
                         capture_output=True, text=True)
    assert "facts[0].source" in out.stdout and "count from 0" in out.stdout
    quiet = subprocess.run([sys.executable, "-m", "casebook", "validate", "-q", str(MALFORMED / "year_too_early.yaml")],
                           capture_output=True, text=True)
    assert "count from 0" not in quiet.stdout  # -q prints problems only


def test_teaching_note_nummi_shows_assessment_and_discussion_questions():
    from html import escape

    from casebook.cases.teaching_note import render_html, render_markdown

    case = C.load_case("nummi")
    md, page = render_markdown(case), render_html(case)
    assessment = md.split("## Assessment", 1)[1].split("\n## ", 1)[0]
    assert "perspective: General Motors" in assessment
    for dim, label in C.DIMENSIONS.items():
        r = getattr(case.assessment, dim)
        level = f"{C.level_label(r.level)} ({C.level_score(r.level)} of 5)"
        assert f"| {label} | {level} |" in assessment
        assert C.format_source(r.source) in assessment
        assert f"<td>{escape(label)}</td><td>{escape(level)}</td>" in page
    assert "| Tacitness | very high (5 of 5) |" in assessment  # the reading's NUMMI, checked by hand
    questions = md.split("## Discussion questions", 1)[1].split("\n## ", 1)[0]
    for i, q in enumerate(case.discussion_questions, 1):
        assert f"{i}. {q}" in questions
        assert f"<li>{escape(q)}</li>" in page
    assert len(case.discussion_questions) == 6


def test_teaching_note_nummi_has_no_stray_punctuation_after_citations():
    from casebook.cases.teaching_note import render_html, render_markdown

    case = C.load_case("nummi")
    for text in (render_markdown(case), render_html(case)):
        assert ".," not in text
        assert "first broadcast 26 March 2010. whole episode" in text


def test_teaching_note_without_assessment_has_no_assessment_section():
    from casebook.cases.teaching_note import render_html, render_markdown

    case = C.load_case("prato")
    assert case.assessment is None
    assert "## Assessment" not in render_markdown(case) and "<h2>Assessment</h2>" not in render_html(case)


def test_format_source_after_a_full_stop():
    cited = C.Source(citation="Adler, P. (1993). Time-and-motion regained. ", locator="p. 98")
    assert C.format_source(cited) == "Adler, P. (1993). Time-and-motion regained. p. 98"
    asked = C.Source(citation="Doz, Y. (1996). Learning in alliances?", locator="p. 60")
    assert C.format_source(asked) == "Doz, Y. (1996). Learning in alliances? p. 60"
    assert C.format_source(C.Source(reading="inkpen1998", locator="Table 1")) == "Inkpen (1998), Table 1"


@pytest.mark.parametrize("bad", ["Toyota_City", "toyota", "toyota city", "../etc"])
def test_unknown_id_lists_the_valid_ids(bad):
    with pytest.raises(C.CaseError) as err:
        C.load_case(bad)
    message = err.value.problems[0].message
    listed = message.split("(cases: ", 1)[1].rstrip(")").split(", ")
    assert listed == C.list_cases() and "nummi" in listed
    if bad != "../etc":
        assert "did you mean toyota_city?" in message


def test_teaching_note_unknown_id_lists_the_valid_ids():
    out = subprocess.run([sys.executable, "-m", "casebook", "teaching-note", "Fixture_JV", "--cases", str(FIXTURE)],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "'Fixture_JV' is not a case id" in out.stderr
    assert "did you mean fixture_jv? (cases: fixture_jv)" in out.stderr


# ---------------------------------------------------------------- hostile case files (issue 17, item 7)

def _validate_cli(*paths, timeout=120):
    # The timeout only keeps a regression from hanging the suite; nothing is timed.
    return subprocess.run([sys.executable, "-m", "casebook", "validate", *map(str, paths)],
                          capture_output=True, text=True, timeout=timeout)


def test_billion_laughs_is_refused_at_once_with_one_line(tmp_path):
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for k in range(1, 10):
        lines.append(f"lol{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]")
    f = tmp_path / "laughs.yaml"
    f.write_text("\n".join(lines) + "\n")
    assert f.stat().st_size < 1024
    out = _validate_cli(f)
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr
    assert out.stdout.splitlines()[0] == (
        f"{f}: (yaml): more than 20 YAML aliases (*name); a case file needs none: write the values out")
    assert len(out.stdout.splitlines()) == 2  # the problem, then the count


def test_a_few_aliases_are_still_read():
    text = "id: x\ntitle: &t T\nsynopsis: *t\n"
    fields = {p.field for p in C.validate_text(text, name="x")}
    assert "(yaml)" not in fields and "synopsis" not in fields


def test_an_oversized_case_file_is_refused_before_it_is_read(tmp_path):
    f = tmp_path / "big.yaml"
    f.write_text("id: big\nsynopsis: >-\n" + ("  word\n" * 60_000))
    out = _validate_cli(f)
    assert out.returncode == 1
    assert out.stdout.splitlines()[0] == (
        f"{f}: (file): {f.stat().st_size} bytes: larger than a case file may be (262144 bytes)")


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_link_out_of_the_cases_folder_is_refused_and_its_content_never_shown(tmp_path, what):
    secret = tmp_path / "elsewhere"
    secret.mkdir()
    (secret / "case.yaml").write_text("private_line_one: 1\nprivate_line_two: 2\n")
    cases = tmp_path / "cases"
    (cases / "evil").mkdir(parents=True) if what == "file" else cases.mkdir()
    if what == "file":
        (cases / "evil" / "case.yaml").symlink_to(secret / "case.yaml")
    else:
        (cases / "evil").symlink_to(secret, target_is_directory=True)
    out = _validate_cli(cases)
    assert out.returncode == 1
    assert "private_line" not in out.stdout + out.stderr
    assert "elsewhere" not in out.stdout + out.stderr
    assert f"the case {what} is a symbolic link to somewhere outside" in out.stdout


def test_a_link_inside_the_case_folder_is_still_read(tmp_path):
    import shutil

    folder = tmp_path / "fixture_jv"
    shutil.copytree(FIXTURE / "fixture_jv", folder)
    (folder / "case.yaml").rename(folder / "real.yaml")
    (folder / "case.yaml").symlink_to(folder / "real.yaml")
    case, problems = C.validate_file(folder)
    assert case is not None and case.id == "fixture_jv", problems
