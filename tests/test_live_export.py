"""`python -m casebook class export|delete|list`: a class meeting written as hand-ins that the
file pool reads (same split, CSV formula neutralisation), a gradebook in the layout Canvas and
Moodle import, and deletion that leaves no trace of a student's name in the database file."""

from __future__ import annotations

import csv
import io
import json

import pytest
from live_fixtures import OPTIONS, QID

from casebook.__main__ import main
from casebook.classroom.live.export import GRADEBOOK_COLUMNS, export_meeting
from casebook.classroom.live.store import Store, sqlite_url

Q2 = QID + "_two"


@pytest.fixture
def meeting(tmp_path):
    store = Store(sqlite_url(tmp_path / "class"))
    m = store.create_meeting("ch05 NUMMI")
    for qid in (QID, Q2):
        store.open_question(m.id, {"qid": qid, "prompt": f"Prompt of {qid}", "options": OPTIONS,
                                   "case_id": "nummi"})
        names = ["Ana María", "Ana Maria", "Zoë Quist"] if qid == QID else ["Ana María"]
        for i, name in enumerate(names):
            if qid == QID:
                store.add_student(m.id, name, f"tok-{i}")
            store.commit(m.id, qid, name, OPTIONS[i % 3], f"=reason {i}", f"{qid}-{i}")
    yield store, m, tmp_path
    store.close()


def test_export_writes_handins_the_pool_reads_with_the_same_split(meeting):
    from casebook.classroom.pool import load_pool, read_handins

    store, m, tmp = meeting
    paths = export_meeting(store, m, tmp / "out")
    files = sorted(p.name for p in paths["handins"].iterdir())
    assert files == ["Ana_Maria-2.casebook.json", "Ana_Maria.casebook.json", "Zoe_Quist.casebook.json"]
    pooled = read_handins(paths["handins"])
    assert pooled.problems == []
    assert sorted(pooled.students) == ["Ana Maria", "Ana María", "Zoë Quist"]
    for qid in (QID, Q2):
        assert pooled.split(qid) == {o: n for o, n in store.split(m.id, qid).items() if n}
    loaded = load_pool(paths["pool"], activate=False)
    assert loaded.split(QID) == pooled.split(QID)
    rec = loaded.answers["Ana María"][QID]
    assert (rec["kind"], rec["reason"], rec["prompt"], rec["case"]) == \
        ("decision_point", "=reason 0", f"Prompt of {QID}", "nummi")
    summary = paths["csv"].read_text(encoding="utf-8")
    assert "'=reason 0" in summary and ",=reason" not in summary


def test_the_gradebook_has_one_row_per_student_and_one_column_per_question(meeting):
    store, m, tmp = meeting
    roster = tmp / "roster.csv"
    roster.write_text("name,sis_login_id,section\nAna María,amaria,A\nNo Show,nshow,B\n",
                      encoding="utf-8")
    paths = export_meeting(store, m, tmp / "out", roster=roster)
    rows = list(csv.DictReader(io.StringIO(paths["gradebook"].read_text(encoding="utf-8"))))
    assert list(rows[0]) == GRADEBOOK_COLUMNS + [QID, Q2]
    table = {r["Student"]: (r["SIS Login ID"], r["Section"], r[QID], r[Q2]) for r in rows}
    assert table == {"Ana María": ("amaria", "A", "1", "1"), "No Show": ("nshow", "B", "0", "0"),
                     "Ana Maria": ("", "", "1", "0"), "Zoë Quist": ("", "", "1", "0")}
    bad = tmp / "bad.csv"
    bad.write_text("student\nAna\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv: a roster needs a 'name' column"):
        export_meeting(store, m, tmp / "out2", roster=bad)


def test_the_commands_list_export_and_delete(meeting, capsys):
    store, m, tmp = meeting
    folder = str(tmp / "class")
    assert main(["class", "list", "--folder", folder]) == 0
    assert m.code in capsys.readouterr().out
    assert main(["class", "export", "--folder", folder]) == 0
    out = capsys.readouterr().out
    assert f"export-{m.code}/gradebook.csv" in out and "make lab POOL=" in out
    doc = json.loads((tmp / "class" / f"export-{m.code}" / "class_pool.json").read_text(encoding="utf-8"))
    assert doc["format"] == "casebook-pool" and len(doc["answers"]) == 3
    store.close()
    assert main(["class", "delete", "--folder", folder, m.code]) == 0
    assert "3 students, 4 commits, 2 questions" in capsys.readouterr().out
    raw = b"".join(p.read_bytes() for p in (tmp / "class").glob("class.sqlite3*"))
    assert "Zoë Quist".encode() not in raw and b"=reason" not in raw  # gone from the file itself


def test_deleting_an_unknown_meeting_says_which_exist(meeting):
    store, m, tmp = meeting
    with pytest.raises(SystemExit, match=f"no meeting 'NOPE99'.*{m.code}"):
        main(["class", "delete", "--folder", str(tmp / "class"), "NOPE99"])


def test_a_database_that_cannot_be_opened_is_a_clear_error_without_its_password(capsys):
    assert main(["class", "list", "--db", "postgresql+psycopg://ana:s3cret@127.0.0.1:1/x"]) == 2
    err = capsys.readouterr().err
    assert "cannot open the database" in err and "s3cret" not in err and "***" in err
    assert main(["class", "list", "--db", "not a url"]) == 2
    assert "cannot open the database (the --db URL)" in capsys.readouterr().err
