"""The notebook's side against a real class server (uvicorn, loopback): a student's commit
(idempotent, never raising) and the instructor's panel driven headlessly through
open, live count (split hidden), show split, reveal outcome and close."""

from __future__ import annotations

import time

import pytest
from live_fixtures import OPTIONS, QID, free_port, start_server, stop

from casebook.classroom.live import client


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    proc, code, key, _ = start_server(tmp_path_factory.mktemp("class"), port)
    yield f"http://127.0.0.1:{port}", code, key
    stop(proc)


@pytest.fixture
def student_env(server, monkeypatch, casebook_home):
    url, code, key = server
    monkeypatch.setenv("CASEBOOK_CLASS", url)
    monkeypatch.setenv("CASEBOOK_CLASS_CODE", code)
    monkeypatch.delenv("CASEBOOK_CLASS_KEY", raising=False)
    return server


@pytest.fixture
def instructor_env(student_env, monkeypatch):
    monkeypatch.setenv("CASEBOOK_CLASS_KEY", student_env[2])
    return student_env


def wait_for(predicate, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        time.sleep(0.05)


def test_config_from_the_environment(monkeypatch):
    monkeypatch.setenv("CASEBOOK_CLASS", "http://10.0.0.5:8765/")
    monkeypatch.setenv("CASEBOOK_CLASS_CODE", "ab2cde")
    monkeypatch.setenv("CASEBOOK_CLASS_KEY", "k")
    assert client.class_config() == client.ClassConfig("http://10.0.0.5:8765", "AB2CDE", "k")
    monkeypatch.setenv("CASEBOOK_CLASS", "ftp://x")
    with pytest.raises(ValueError, match="CASEBOOK_CLASS"):
        client.class_config()
    monkeypatch.setenv("CASEBOOK_CLASS", "http://10.0.0.5:8765")
    monkeypatch.delenv("CASEBOOK_CLASS_CODE")
    with pytest.raises(ValueError, match="CASEBOOK_CLASS_CODE"):
        client.class_config()
    assert client.send_commit(QID, OPTIONS[0], "r", "Ana", "c").startswith("Not sent to the class:")


def test_a_panel_drives_the_whole_cycle_and_students_commit_from_notebooks(instructor_env, monkeypatch):
    panel = client.instructor_panel(QID, poll_seconds=0.05)
    assert set(panel.controls) == {"open", "split", "reveal", "close", "refresh"}
    for name, button in panel.controls.items():
        assert f"cb-control-{name}" in button._dom_classes
    assert panel.controls["split"].disabled and not panel.controls["open"].disabled
    panel.controls["open"].click()
    assert "Open" in panel.outputs["status"].value and panel.controls["open"].disabled
    assert "0 students committed so far" in panel.outputs["count"].value

    monkeypatch.delenv("CASEBOOK_CLASS_KEY")  # the students' notebooks have no key
    assert client.instructor_panel(QID) is None
    said = client.send_commit(QID, OPTIONS[0], "<b>cheap</b>", "Ana María", "nb-ana-1")
    assert said == f"Sent to the class as Ana María: {OPTIONS[0]}."
    assert client.send_commit(QID, OPTIONS[0], "<b>cheap</b>", "Ana María", "nb-ana-1") == \
        f"Already sent to the class ({OPTIONS[0]})."
    assert client.send_commit(QID, OPTIONS[2], "other", "Ana María", "nb-ana-2").endswith("a commit is final")
    assert client.send_commit(QID, OPTIONS[2], "fast", "Ben", "nb-ben-1").startswith("Sent")

    wait_for(lambda: "2 students committed so far" in panel.outputs["count"].value, "the live count")
    assert panel.outputs["split"].value == "" and panel.outputs["outcome"].value == ""
    panel.controls["split"].click()
    split = panel.outputs["split"].value
    assert "How the class split (2 students)" in split
    assert all(o in split for o in OPTIONS) and "&lt;b&gt;cheap&lt;/b&gt;" in split and "Ana María" in split
    assert panel.outputs["outcome"].value == "" and not panel.controls["reveal"].disabled
    panel.controls["reveal"].click()
    outcome = panel.outputs["outcome"].value
    assert "Both partners stayed" in outcome and "Fixture source (2026)" in outcome
    assert "the learning race ends with both still allied" in outcome   # Stay: chosen, judged
    assert "the laggard exits with what it has learned" in outcome      # Exit: chosen, judged
    panel.controls["close"].click()
    assert all(panel.controls[k].disabled for k in ("open", "split", "reveal", "close"))
    panel.stop()


def test_a_commit_to_an_unreachable_class_never_raises(monkeypatch, casebook_home):
    monkeypatch.setenv("CASEBOOK_CLASS", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("CASEBOOK_CLASS_CODE", "ABCDEF")
    said = client.send_commit(QID, OPTIONS[0], "r", "Ana", "c-1")
    assert said.startswith("Not sent to the class:") and "did not answer" in said


def test_a_wrong_key_shows_in_the_panel_and_changes_nothing(student_env, monkeypatch):
    monkeypatch.setenv("CASEBOOK_CLASS_KEY", "not-the-key")
    panel = client.instructor_panel(QID + "_other", poll_seconds=None)
    assert "instructor key" in panel.outputs["status"].value
    panel.controls["open"].click()
    assert "instructor key" in panel.outputs["status"].value


def test_a_key_with_a_wrong_address_says_so_where_the_panel_would_be(monkeypatch):
    monkeypatch.setenv("CASEBOOK_CLASS", "class.example.edu")
    monkeypatch.setenv("CASEBOOK_CLASS_KEY", "k")
    note = client.instructor_panel(QID)
    assert note.controls == {} and "CASEBOOK_CLASS=" in note.outputs["status"].value


def test_the_real_command_and_a_students_decision_point(tmp_path, monkeypatch, casebook_home):
    """`python -m casebook class serve` with the chapters' question files; a student's decision
    point (built from its chapter's question file) commits to the class and to the answers file."""
    from live_fixtures import real_decision_point

    from casebook.classroom.answers import get_answer
    from casebook.classroom.questions import ask

    qid = real_decision_point().qid

    port = free_port()
    proc, code, key, _ = start_server(tmp_path / "class", port, real=True)
    try:
        url = f"http://127.0.0.1:{port}"
        admin = client.Connection(client.ClassConfig(url, code, key))
        admin.post("open", {"qid": qid}, auth=True)
        monkeypatch.setenv("CASEBOOK_CLASS", f"{url}/j/{code}")
        monkeypatch.delenv("CASEBOOK_CLASS_KEY", raising=False)
        monkeypatch.delenv("CASEBOOK_INSTRUCTOR", raising=False)
        box = ask(qid, student="Ana María", home=casebook_home)
        pick = real_decision_point().option_texts()[1]
        box.controls["choice"].value = pick
        box.controls["reason"].value = "cheaper cars now"
        box.button.click()
        assert get_answer(qid, student="Ana María", home=casebook_home)["response"] == pick
        assert f"Sent to the class as Ana María: {pick}." in box.outputs["live"].value
        q = admin.get("admin", auth=True)["questions"][0]
        assert [(c["name"], c["choice"], c["reason"]) for c in q["commits"]] == \
            [("Ana María", pick, "cheaper cars now")]
    finally:
        stop(proc)


def test_the_key_alone_gives_a_decision_point_the_panel(instructor_env, monkeypatch, casebook_home):
    """README: set CASEBOOK_CLASS, _CODE and _KEY (or make lab CLASS=... CLASS_KEY=...): nothing more."""
    from live_fixtures import real_decision_point

    from casebook.classroom.questions import ask

    monkeypatch.delenv("CASEBOOK_INSTRUCTOR", raising=False)
    qid = real_decision_point().qid
    box = ask(qid, home=casebook_home)
    assert box.live_panel is not None and "open" in box.live_panel.controls
    monkeypatch.delenv("CASEBOOK_CLASS_KEY")  # a student's notebook: commits go to the class, no panel
    assert ask(qid, home=casebook_home).live_panel is None
