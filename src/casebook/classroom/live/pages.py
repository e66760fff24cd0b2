"""The class server's HTML pages: a shell each, filled in by the page's own script.

Every value written into a page is HTML-escaped here; everything a student
types reaches a page only through the scripts in ``static/``, which set
``textContent`` and never ``innerHTML``. No page has an inline script or
style (the content-security policy forbids both).

Examples
--------
>>> html = phone_page("", "ABC234", "<b>ch05</b>", "http://127.0.0.1:8000/j/ABC234")
>>> "<b>ch05</b>" in html, "&lt;b&gt;ch05&lt;/b&gt;" in html, "<script>" in html
(False, True, False)
"""

from __future__ import annotations

from html import escape

__all__ = ["home_page", "phone_page", "projector_page", "message_page"]


def _page(base: str, title: str, body: str, *, script: str | None = None,
          attrs: str = "", css: str = "live.css") -> str:
    js = "".join(f'<script src="{escape(base)}/static/{name}" defer></script>'
                 for name in (("common.js", script) if script else ()))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="{escape(base)}/static/{css}">{js}</head>'
            f"<body{attrs}>{body}</body></html>\n")


def home_page(base: str) -> str:
    """The front page: a form that takes a join code to the class's phone page."""
    body = ("<main><h1>Join your class</h1>"
            f'<form action="{escape(base)}/join" method="get" class="stack">'
            '<label for="code">Join code (on the projector)</label>'
            '<input id="code" name="code" autocomplete="off" autocapitalize="characters" '
            'maxlength="12" required>'
            '<button type="submit">Join</button></form></main>')
    return _page(base, "Join your class", body)


def message_page(base: str, message: str) -> str:
    """A page that says one thing (an unknown code, for instance)."""
    body = (f"<main><h1>Class</h1><p>{escape(message)}</p>"
            f'<p><a href="{escape(base)}/">Enter a join code</a></p></main>')
    return _page(base, "Class", body)


def _data(base: str, code: str) -> str:
    return f' data-base="{escape(base)}" data-code="{escape(code)}"'


def phone_page(base: str, code: str, title: str, join_url: str) -> str:
    """The student's page: name once, then the open question, commit, split and outcome."""
    body = (
        "<main>"
        f'<h1 id="title">{escape(title)}</h1>'
        '<p id="status" role="status" aria-live="polite"></p>'
        '<section id="join" aria-labelledby="join-h">'
        '<h2 id="join-h">Your name</h2>'
        '<form id="join-form" class="stack">'
        '<label for="name">Name, as your instructor knows you</label>'
        '<input id="name" name="name" autocomplete="name" maxlength="60" required>'
        '<button type="submit">Join the class</button></form></section>'
        '<section id="wait" hidden><p>You are in. The question appears here when your '
        "instructor opens it.</p></section>"
        '<section id="question" hidden aria-labelledby="prompt">'
        '<h2 id="prompt"></h2>'
        '<form id="commit-form" class="stack">'
        '<fieldset><legend>Your call</legend><div id="options" class="options"></div></fieldset>'
        '<label for="reason">Because (one line)</label>'
        '<input id="reason" name="reason" maxlength="200" required autocomplete="off">'
        '<button type="submit" id="commit">Commit (final)</button></form>'
        '<p id="mine"></p>'
        '<div id="split" class="split"></div>'
        '<div id="outcome" class="outcome"></div>'
        "</section>"
        f'<p class="small">Code {escape(code)} · <span id="who"></span></p>'
        "</main>")
    return _page(base, f"{title} · class", body, script="phone.js", attrs=_data(base, code))


def projector_page(base: str, code: str, title: str, join_url: str) -> str:
    """The projector view: question, QR code and count; then the split; then the outcome."""
    body = (
        '<main class="projector">'
        f'<p class="join">Join: <strong>{escape(join_url)}</strong> · code '
        f'<strong id="code">{escape(code)}</strong></p>'
        f'<h1 id="prompt">{escape(title)}</h1>'
        '<div class="row"><div id="count" class="count" aria-live="polite"></div>'
        f'<img id="qr" src="{escape(base)}/qr/{escape(code)}.svg" width="260" height="260" '
        f'alt="QR code of the join address {escape(join_url)}"></div>'
        '<div id="split" class="split"></div>'
        '<div id="outcome" class="outcome"></div>'
        "</main>")
    return _page(base, f"{title} · projector", body, script="projector.js",
                 attrs=_data(base, code) + ' class="big"')
