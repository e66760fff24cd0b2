"""A student's whole path, in a real browser, on JupyterLab started by ``make lab``.

Open chapter 00 in the working copy, answer its first exercise, restart the
kernel and see the answer come back, open a JupyterLab terminal
(*File → New → Terminal*), type the README's hand-in command, read the
terminal's output, find the hand-in in the file browser and download it;
then the checkout's ``git status`` is what it was before (on a clean clone:
clean). The working copy, the answers folder (``CASEBOOK_HOME``), JupyterLab's
workspace and user settings all live in a temporary folder, so the test never
touches a real student's files.

The terminal is read through xterm.js's screen-reader rows, switched on by
the user setting ``screenReaderMode`` in the temporary settings folder
(``JUPYTERLAB_SETTINGS_DIR``): ``make lab`` itself is run unchanged.
Synchronisation is by explicit waits on selectors and text, never sleeps.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

from browser_support import ARTIFACTS, ROOT, launch, make_lab
from checkout_support import assert_checkout_unchanged, checkout_state

pytestmark = pytest.mark.browser

CHAPTER = "00_how_to_use.ipynb"
SHOWN = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def readme_handin_command() -> str:
    """The hand-in command the README tells students to type in JupyterLab's terminal."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"^(casebook export --name \"[^\"]+\")\s*$", text, re.M)
    assert found, "README.md gives no `casebook export --name \"...\"` line for the JupyterLab terminal"
    return found[0]


def menu(page, *labels: str) -> None:
    """Click a menu-bar item, then each sub-menu item in turn."""
    page.locator(".lm-MenuBar-itemLabel", has_text=labels[0]).click()
    for label in labels[1:]:
        item = page.locator(".lm-Menu:visible .lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(label)}"))
        item.first.click()


def type_into_terminal(page, text: str) -> None:
    """Type ``text`` key by key. A character beyond ASCII (the í of María) is sent as the key event
    of a keyboard that has that key (Chromium's DevTools protocol): Playwright knows only the US
    layout's keys, and its ``type`` inserts other characters as composed text, which xterm.js drops."""
    cdp = page.context.new_cdp_session(page)
    for char in text:
        if char.isascii():
            page.keyboard.type(char)
        else:
            for kind in ("keyDown", "keyUp"):
                cdp.send("Input.dispatchKeyEvent", {"type": kind, "key": char, "text": char if kind == "keyDown" else "",
                                                    "unmodifiedText": char})
    cdp.detach()


def flat(text: str) -> str:
    """``text`` without whitespace: the terminal wraps long lines at its width."""
    return "".join(text.split())


def terminal_text(page) -> str:
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '.jp-Terminal:not(.lm-mod-hidden) .xterm-accessibility-tree > div'))
        .map(d => d.textContent).join('\\n')""")


def test_student_answers_restarts_hands_in_and_downloads(tmp_path):
    before = checkout_state((f"chapters/{CHAPTER}",))
    work, home, settings = tmp_path / "work", tmp_path / "home", tmp_path / "settings"
    terminal_settings = settings / "@jupyterlab" / "terminal-extension"
    terminal_settings.mkdir(parents=True)
    (terminal_settings / "plugin.jupyterlab-settings").write_text(json.dumps({"screenReaderMode": True}))
    env = {"CASEBOOK_HOME": str(home), "JUPYTERLAB_SETTINGS_DIR": str(settings)}
    env.pop("CASEBOOK_STUDENT", None)
    command = readme_handin_command()
    ARTIFACTS.mkdir(exist_ok=True)

    with make_lab(work, tmp_path, env) as (url, port, token), launch(tmp_path / "profile") as browser:
        # make lab made the working copy from chapters/, byte for byte, and JupyterLab's root is that copy.
        assert (work / CHAPTER).read_bytes() == (ROOT / "chapters" / CHAPTER).read_bytes()
        page = browser.new_page()
        # If JupyterLab asks for a kernel (it can when Run All comes while the session is still
        # being set up), take the one it proposes, the chapter's own, as a student would.
        asked_for_kernel = []
        page.add_locator_handler(page.locator(".jp-Dialog:has-text('Select Kernel')"),
                                 lambda dialog: asked_for_kernel.append(1) or dialog.locator(".jp-mod-accept").click())
        try:
            page.goto(url)
            page.wait_for_selector(f".lm-TabBar-tab.lm-mod-current:has-text('{CHAPTER[:-6]}')")
            listing = page.locator(".jp-DirListing-item .jp-DirListing-itemText")
            listing.filter(has_text=CHAPTER).first.wait_for()

            # Answer the chapter's first multiple-choice exercise.
            page.wait_for_selector(f"{SHOWN} .jp-Notebook-ExecutionIndicator[data-status='idle']")
            page.locator("#jp-main-statusbar", has_text=re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for()
            menu(page, "Run", "Run All Cells")
            exercise = page.locator(f"{SHOWN} .cb-multiple-choice").first
            exercise.wait_for(state="attached")
            exercise.scroll_into_view_if_needed()
            options = exercise.locator(".cb-control-choice label")
            options.first.wait_for()
            chosen = options.nth(1).inner_text().strip()
            options.nth(1).click()
            exercise.locator(".cb-control-check button, button.cb-control-check").first.click()
            feedback = exercise.locator(".cb-output-feedback")
            feedback.filter(has_text=re.compile("Correct|Not quite")).wait_for()
            verdict = "Correct" if "Correct" in feedback.inner_text() else "Not quite"

            # Restart the kernel, clearing every output, and run the chapter again: the answer is back.
            menu(page, "Kernel", "Restart Kernel and Clear Outputs of All Cells")
            page.locator(".jp-Dialog .jp-mod-accept").click()
            page.locator(f"{SHOWN} .cb-multiple-choice").first.wait_for(state="detached")
            page.wait_for_selector(f"{SHOWN} .jp-Notebook-ExecutionIndicator[data-status='idle']")
            menu(page, "Run", "Run All Cells")
            exercise = page.locator(f"{SHOWN} .cb-multiple-choice").first
            exercise.wait_for(state="attached")
            exercise.scroll_into_view_if_needed()
            exercise.locator(".cb-output-feedback").filter(has_text=verdict).wait_for()
            checked = exercise.locator(".cb-control-choice input:checked")
            checked.wait_for(state="attached")
            assert exercise.locator(".cb-control-choice label:has(input:checked)").inner_text().strip() == chosen
            page.screenshot(path=str(ARTIFACTS / "student_answer_after_restart.png"))

            # Hand in from a JupyterLab terminal, as the README says.
            menu(page, "File", "New", "Terminal")
            term = page.locator(".jp-Terminal:not(.lm-mod-hidden) .xterm")
            term.wait_for()
            page.wait_for_function("() => document.querySelectorAll("
                                   "'.jp-Terminal:not(.lm-mod-hidden) .xterm-accessibility-tree > div').length > 0")
            page.wait_for_function("() => /[$#]\\s*$/m.test(Array.from(document.querySelectorAll("
                                   "'.jp-Terminal:not(.lm-mod-hidden) .xterm-accessibility-tree > div'))"
                                   ".map(d => d.textContent).join('\\n'))")
            term.click()
            type_into_terminal(page, command)
            page.keyboard.press("Enter")
            page.wait_for_function("() => /Download, and upload[\\s\\S]*[$#]\\s*$/.test(Array.from(document.querySelectorAll("
                                   "'.jp-Terminal:not(.lm-mod-hidden) .xterm-accessibility-tree > div'))"
                                   ".map(d => d.textContent).join(''))")
            page.keyboard.type("python -m casebook info")
            page.keyboard.press("Enter")
            page.wait_for_function("() => /student:/.test(Array.from(document.querySelectorAll("
                                   "'.jp-Terminal:not(.lm-mod-hidden) .xterm-accessibility-tree > div'))"
                                   ".map(d => d.textContent).join(''))")
            shown = " ".join(terminal_text(page).split())
            page.screenshot(path=str(ARTIFACTS / "student_terminal.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "student_path_failed.png"))
            raise

        handin = work / "handin" / "Ana_Maria.casebook.json"
        assert flat(f"{command} wrote {handin}") in flat(shown), shown
        assert flat("name on the hand-in: Ana María") in flat(shown), shown
        assert flat("In JupyterLab's file browser, open handin/, right-click Ana_Maria.casebook.json, "
                    "choose Download") in flat(shown), shown
        assert "No module named" not in shown and "command not found" not in shown, shown
        assert flat(f"working copy: {work}") in flat(shown), shown  # .venv's python sees make lab's working copy
        doc = json.loads(handin.read_text(encoding="utf-8"))
        assert doc["student"] == "Ana María"
        qid = next(q for q in doc["answers"] if q.startswith("ch00."))
        assert doc["answers"][qid]["response"] == chosen

        # The file browser (rooted at the working copy) shows handin/; download the hand-in from it.
        try:
            page.locator(".jp-DirListing-item .jp-DirListing-itemText", has_text=re.compile(r"^handin$")).dblclick()
            page.locator(".jp-BreadCrumbs", has_text="handin").wait_for()
            item = page.locator(".jp-DirListing-item .jp-DirListing-itemText", has_text="Ana_Maria.casebook.json")
            item.wait_for()
            item.click(button="right")
            with page.expect_download() as info:
                page.locator(".lm-Menu:visible .lm-Menu-itemLabel", has_text=re.compile("^Download$")).click()
            download = info.value
            assert download.suggested_filename == "Ana_Maria.casebook.json"
            saved = tmp_path / "downloaded.casebook.json"
            download.save_as(saved)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "student_download_failed.png"))
            raise
        assert saved.read_bytes() == handin.read_bytes()
        page.close()

    # The student's run, answers and hand-in changed nothing in the checkout.
    assert_checkout_unchanged(before)
    if asked_for_kernel:
        warnings.warn("JupyterLab asked which kernel to start (accepted its proposal, the chapter's own kernel)")
