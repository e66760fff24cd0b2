"""The answers store: atomic writes, the lock, read-merge-write, clear errors."""

from __future__ import annotations

import json
import multiprocessing as mp
import os

import pytest

from casebook.classroom import answers as store
from casebook.classroom.answers import (AnswersFileError, answers_path, clean_display_name, display_name,
                              get_answer, load_answers, sanitize_name, save_answer, student_name)


def test_default_location_and_student(casebook_home, monkeypatch):
    monkeypatch.setenv("CASEBOOK_STUDENT", "Ana/../Bob")
    save_answer("ch01.q", "numeric", 1.0)
    path = casebook_home / "Ana_.._Bob.answers.json"
    assert path.exists() and answers_path() == path
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["schema_version"] == 1 and doc["student"] == "Ana_.._Bob"
    assert doc["created_at"] and doc["updated_at"]


def test_login_name_when_no_variable(monkeypatch):
    monkeypatch.delenv("CASEBOOK_STUDENT", raising=False)
    monkeypatch.setattr(store.getpass, "getuser", lambda: "jo\x00e/x")
    assert student_name() == "jo_e_x"


@pytest.mark.parametrize("raw", ["../../x", "a\\b", "a/b", "\x00\n", ".hidden", "..", "", "é" * 100, "-rf", "-.-x"])
def test_sanitized_names_are_plain_file_names(raw):
    name = sanitize_name(raw)
    assert name and "/" not in name and "\\" not in name and not name.startswith((".", "-"))
    assert name.isprintable() and len(name) <= 64


def test_merge_keeps_other_answers_and_counts_attempts(casebook_home):
    save_answer("ch01.a", "numeric", 1.0, correct=False, score=0.0)
    save_answer("ch01.b", "short_answer", "text")
    rec = save_answer("ch01.a", "numeric", 2.0, correct=True, score=1.0)
    assert rec["attempts"] == 2
    doc = load_answers()
    assert set(doc["answers"]) == {"ch01.a", "ch01.b"}
    assert doc["answers"]["ch01.a"]["response"] == 2.0


def test_failure_between_write_and_replace_leaves_previous_file(casebook_home, monkeypatch):
    save_answer("ch01.a", "numeric", 1.0)
    path = answers_path()
    before = path.read_bytes()

    def boom(src, dst):
        raise OSError("disk pulled out")

    monkeypatch.setattr(store.os, "replace", boom)
    with pytest.raises(OSError, match="disk pulled out"):
        save_answer("ch01.b", "numeric", 2.0)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert get_answer("ch01.a", home=casebook_home)["response"] == 1.0
    assert get_answer("ch01.b", home=casebook_home) is None
    leftovers = [p.name for p in casebook_home.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_write_is_fsynced_before_replace(casebook_home, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(store.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(store.os, "replace",
                        lambda a, b: (events.append("replace"), real_replace(a, b))[1])
    save_answer("ch01.a", "numeric", 1.0)
    assert events[:2] == ["fsync", "replace"]


def _writer(home, student, start, n):
    os.environ["CASEBOOK_HOME"] = home
    for i in range(start, start + n):
        save_answer(f"ch01.q{i}", "numeric", float(i), student=student)


def test_two_processes_never_overwrite_each_other(casebook_home):
    casebook_home.mkdir(parents=True)
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(casebook_home), "ana", k * 25, 25))
             for k in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    doc = load_answers("ana", home=casebook_home)
    assert sorted(doc["answers"]) == sorted(f"ch01.q{i}" for i in range(75))


def test_lock_timeout_is_reported(casebook_home, monkeypatch):
    from filelock import FileLock, Timeout

    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.05)
    casebook_home.mkdir(parents=True)
    path = answers_path()
    held = FileLock(str(path) + ".lock")
    ctx = mp.get_context("spawn")
    # the lock is per process for filelock, so hold it in this process and write from another
    with held:
        p = ctx.Process(target=_timeout_child, args=(str(casebook_home),))
        p.start()
        p.join(60)
    assert p.exitcode == 3
    assert not path.exists()
    assert Timeout  # imported for the child's benefit


def _timeout_child(home):
    import sys

    from filelock import Timeout

    os.environ["CASEBOOK_HOME"] = home
    store.LOCK_TIMEOUT = 0.05
    try:
        save_answer("ch01.a", "numeric", 1.0, student="test-student")
    except Timeout:
        sys.exit(3)
    sys.exit(0)


@pytest.mark.parametrize("content, field", [
    ("{not json", "not valid JSON"),
    ("[]", "JSON object"),
    ('{"schema_version": 99, "answers": {}}', "schema_version"),
    ('{"schema_version": 1, "answers": []}', "'answers'"),
    ('{"schema_version": 1, "answers": {"ch01.a": 3}}', "answers.ch01.a"),
])
def test_bad_file_error_names_file_and_field(casebook_home, content, field):
    casebook_home.mkdir(parents=True)
    path = answers_path()
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnswersFileError) as err:
        load_answers()
    assert str(path) in str(err.value) and field in str(err.value)
    with pytest.raises(AnswersFileError):
        save_answer("ch01.b", "numeric", 1.0)
    assert path.read_text(encoding="utf-8") == content  # never overwritten


def test_not_utf8_is_a_clear_error(casebook_home):
    casebook_home.mkdir(parents=True)
    answers_path().write_bytes(b"\xff\xfe{")
    with pytest.raises(AnswersFileError, match="UTF-8"):
        load_answers()


def test_non_finite_and_bad_qid_refused(casebook_home):
    with pytest.raises(ValueError, match="finite"):
        save_answer("ch01.a", "numeric", float("nan"))
    with pytest.raises(ValueError, match="qid"):
        save_answer("", "numeric", 1.0)
    assert not answers_path().exists()


def test_keep_existing_protects_a_commit(casebook_home):
    save_answer("ch05.d", "decision_point", "Stay", reason="a", keep_existing=True)
    rec = save_answer("ch05.d", "decision_point", "Go", reason="b", keep_existing=True)
    assert rec["response"] == "Stay" and get_answer("ch05.d")["reason"] == "a"


# ---------------------------------------------------------------- names with accents
@pytest.mark.parametrize("raw, slug", [
    ("Ana María", "Ana_Maria"),
    ("  Ana\tMaría\n", "Ana_Maria"),
    ("Jürgen Weiß", "Jurgen_Weiss"),
    ("Søren Ødegård", "Soren_Odegard"),
    ("Łukasz Żółć", "Lukasz_Zolc"),
    ("François-Noël", "Francois-Noel"),
    ("Ana\u0301", "Ana"),  # a combining accent typed on its own
    ("../Zoë", "Zoe"),
    ("-Émile", "Emile"),
    (".Ève", "Eve"),
])
def test_accented_names_fold_to_readable_ascii_slugs(raw, slug):
    assert sanitize_name(raw) == slug


def test_names_without_ascii_letters_get_distinct_safe_slugs():
    a, b, c = sanitize_name("王芳"), sanitize_name("李娜"), sanitize_name("Li 王芳")
    assert len({a, b, c}) == 3
    assert a.startswith("student-") and c.startswith("Li-")
    for name in (a, b, c):
        assert name.isascii() and name.isprintable() and "/" not in name
        assert not name.startswith((".", "-")) and len(name) <= 64


def test_display_name_keeps_accents_and_file_uses_slug(casebook_home, monkeypatch):
    monkeypatch.setenv("CASEBOOK_STUDENT", " Ana  María ")
    assert display_name() == "Ana María" and student_name() == "Ana_Maria"
    save_answer("ch01.q", "numeric", 1.0)
    assert answers_path() == casebook_home / "Ana_Maria.answers.json"
    assert clean_display_name("a\x1b[31m/b\x85c") == "a [31m_b c"


def test_answers_saved_under_the_old_slug_are_still_found(casebook_home, monkeypatch):
    # before accents were folded, "Ana María" was saved as Ana_Mar_a.answers.json
    monkeypatch.setenv("CASEBOOK_STUDENT", "Ana María")
    casebook_home.mkdir(parents=True)
    old = casebook_home / "Ana_Mar_a.answers.json"
    old.write_text(json.dumps({"schema_version": 1, "student": "Ana_Mar_a", "answers": {
        "ch01.q": {"kind": "numeric", "response": 1.0}}}), encoding="utf-8")
    assert answers_path() == old
    assert get_answer("ch01.q")["response"] == 1.0  # an answer without 'prompt' reads fine
    save_answer("ch01.r", "numeric", 2.0)
    assert set(json.loads(old.read_text(encoding="utf-8"))["answers"]) == {"ch01.q", "ch01.r"}
    assert not (casebook_home / "Ana_Maria.answers.json").exists()


def test_a_writer_killed_mid_save_leaves_no_temp_file_after_the_next_save(tmp_path):
    """A process killed between writing its temp file and the rename leaves ``.NAME.*.tmp``;
    the next save (under the lock) sweeps it, and both acknowledged answers survive."""
    import subprocess
    import sys

    from casebook.classroom.answers import answers_path, load_answers, save_answer

    save_answer("ch01.a", "short_answer", "first", home=tmp_path, student="ana")
    killer = (
        "import os, casebook.classroom.answers as a\n"
        "os.replace = lambda *args: os._exit(9)\n"
        f"a.save_answer('ch01.b', 'short_answer', 'lost', home={str(tmp_path)!r}, student='ana')\n"
    )
    rc = subprocess.run([sys.executable, "-c", killer]).returncode
    assert rc == 9
    path = answers_path("ana", tmp_path)
    stale = list(path.parent.glob(f".{path.name}.*.tmp"))
    assert len(stale) == 1  # what the killed writer left
    save_answer("ch01.c", "short_answer", "third", home=tmp_path, student="ana")
    assert not list(path.parent.glob(f".{path.name}.*.tmp"))
    answers = load_answers("ana", tmp_path)["answers"]
    assert {q: r["response"] for q, r in answers.items()} == {"ch01.a": "first", "ch01.c": "third"}
