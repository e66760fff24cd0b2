"""The instructor's panel beside a decision point: open, count, show split, reveal, close.

Built by :func:`casebook.classroom.live.client.instructor_panel`. The split
stays hidden while the class votes (only the count shows); "Show split"
ends voting and shows a chart sized for a projector, with every reason;
"Reveal outcome" is a separate step, for when the discussion is done. The
instructor never commits a choice to see anything.

Headless use: ``panel.controls`` holds the buttons (``open, split, reveal,
close, refresh``, CSS classes ``cb-control-<name>``), ``panel.outputs`` the
HTML outputs (``status, count, split, outcome``), ``panel.refresh()`` asks
the server once.

Examples
--------
>>> html = split_html({"Stay": 3, "Exit": 1}, [{"name": "Ana", "choice": "Stay", "reason": "cheap"}])
>>> "How the class split (4 students)" in html, "3 · 75%" in html, "cheap <i>(Ana)</i>" in html
(True, True, True)
>>> "&lt;b&gt;Ana&lt;/b&gt;" in split_html({"Stay": 1}, [{"name": "<b>Ana</b>",
...                                          "choice": "Stay", "reason": "r"}])
True
"""

from __future__ import annotations

import threading
from html import escape

__all__ = ["build_panel", "split_html", "outcome_html"]

_BAR = "#0b4f8a"


def split_html(split: dict, commits: list[dict]) -> str:
    """The split as large labelled bars (legible from the back of a room), then the reasons."""
    total = sum(split.values())
    rows = []
    for option, n in split.items():
        share = n / total if total else 0.0
        rows.append(
            f"<div style='margin:14px 0'><div style='display:flex;justify-content:space-between'>"
            f"<b>{escape(option)}</b><span>{n} · {share:.0%}</span></div>"
            f"<div style='background:#e6e6e6;height:34px;border-radius:4px'>"
            f"<div style='background:{_BAR};height:34px;width:{100 * share:.1f}%;"
            f"border-radius:4px'></div></div></div>")
    reasons = []
    for option in split:
        mine = [c for c in commits if c["choice"] == option]
        if mine:
            items = "".join(f"<li>{escape(c['reason'])} <i>({escape(c['name'])})</i></li>"
                            for c in mine)
            reasons.append(f"<div><b>{escape(option)}</b><ul style='margin:4px 0'>{items}</ul></div>")
    return (f"<div class='cb-live-split' style='font-size:26px;line-height:1.3;color:#1a1a1a'>"
            f"<div style='font-size:30px;font-weight:700'>How the class split "
            f"({total} {'student' if total == 1 else 'students'})</div>{''.join(rows)}"
            f"<div style='font-size:20px;margin-top:12px'>{''.join(reasons)}</div></div>")


def outcome_html(q: dict) -> str:
    """The case's outcome and, for each option the class chose, what the model says it leads to."""
    cite = f"<br><i>Source: {escape(q['source'])}</i>" if q.get("source") else ""
    lines = [f"<li><b>{escape(o)}</b> ({n}): {escape(q['judges'][o])}</li>"
             for o, n in q.get("split", {}).items() if n and q.get("judges", {}).get(o)]
    model = (f"<div style='margin-top:10px'><b>What the class's choices lead to in the "
             f"chapter's model</b><ul>{''.join(lines)}</ul></div>") if lines else ""
    happened = (f"<b>What really happened.</b> {escape(q['outcome'])}{cite}"
                if q.get("outcome") else "")
    return (f"<div class='cb-live-outcome' style='font-size:22px;line-height:1.35'>"
            f"{happened or '<i>This question has no outcome to reveal.</i>'}{model}</div>")


def build_panel(conn, qid: str, *, poll_seconds: float | None = 2.0):
    """The panel (an ``ipywidgets.VBox``) for question ``qid`` on connection ``conn``."""
    import ipywidgets as w

    def button(label, name, style=""):
        b = w.Button(description=label, button_style=style, tooltip=label,
                     layout=w.Layout(width="auto"))
        b.add_class(f"cb-control-{name}")
        return b

    def html(name):
        h = w.HTML("")
        h.add_class(f"cb-output-{name}")
        return h

    controls = {"open": button("Open to class", "open", "primary"),
                "split": button("Show split", "split", "info"),
                "reveal": button("Reveal outcome", "reveal", "warning"),
                "close": button("Close", "close"),
                "refresh": button("Refresh", "refresh")}
    outputs = {k: html(k) for k in ("status", "count", "split", "outcome")}
    stop = threading.Event()
    state = {"stage": None, "thread": None}

    def find(doc):
        return next((q for q in doc.get("questions", []) if q["qid"] == qid), None)

    def show(q):
        stage = q["stage"] if q else None
        state["stage"] = stage
        order = [None, "open", "split", "outcome", "closed"]
        at = order.index(stage)
        controls["open"].disabled = stage is not None
        controls["split"].disabled = stage != "open"
        controls["reveal"].disabled = stage != "split"
        controls["close"].disabled = stage in (None, "closed")
        if q is None:
            outputs["count"].value = "<i>Not open to the class yet.</i>"
            return
        n = q["count"]
        verb = "committed so far" if stage == "open" else "committed"
        outputs["count"].value = (f"<span style='font-size:28px;font-weight:700'>{n} "
                                  f"{'student' if n == 1 else 'students'} {verb}</span>"
                                  + (" <i>(the split stays hidden)</i>" if stage == "open" else ""))
        outputs["split"].value = split_html(q["split"], q["commits"]) if at >= 2 else ""
        outputs["outcome"].value = outcome_html(q) if at >= 3 else ""

    def refresh(_=None):
        try:
            show(find(conn.get("admin", auth=True)))
        except Exception as exc:
            outputs["status"].value = f"<span style='color:#b00020'>{escape(str(exc))}</span>"
            return False
        return True

    def poll_loop():
        while not stop.wait(poll_seconds):
            if state["stage"] != "open" or not refresh():
                break

    def act(action, done):
        def handler(_=None):
            try:
                conn.post(action, {"qid": qid}, auth=True, retries=2)
            except Exception as exc:
                outputs["status"].value = f"<span style='color:#b00020'>{escape(str(exc))}</span>"
                refresh()
                return
            outputs["status"].value = escape(done)
            refresh()
            if action == "open" and poll_seconds and (state["thread"] is None
                                                     or not state["thread"].is_alive()):
                state["thread"] = threading.Thread(target=poll_loop, daemon=True)
                state["thread"].start()
        return handler

    controls["open"].on_click(act("open", "Open: students can commit now."))
    controls["split"].on_click(act("split", "Voting has ended; the split is on the projector."))
    controls["reveal"].on_click(act("reveal", "The outcome is revealed."))
    controls["close"].on_click(act("close", "Closed."))
    controls["refresh"].on_click(refresh)
    projector = f"{conn.config.url}/p/{conn.config.code}"
    head = w.HTML(f"<b>Class {escape(conn.config.code)}</b> · projector view: "
                  f"<a href='{escape(projector)}' target='_blank'>{escape(projector)}</a>")
    box = w.VBox([head, w.HBox(list(controls.values())), outputs["status"], outputs["count"],
                  outputs["split"], outputs["outcome"]])
    box.add_class("cb-live-panel")
    box.qid, box.controls, box.outputs, box.refresh = qid, controls, outputs, refresh
    box.stop = stop.set
    refresh()
    return box
