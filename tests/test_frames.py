"""Kernel-free widgets for the static book (casebook.widgets.frames), headless.

Every widget the chapters build has its book version: its main controls (``book_controls``)
switch precomputed frames through ``jslink``-ed Stacks, each frame an image with alt text
made from the picture's data and the numbers behind it; the frames really differ; the frame
shown first is the live widget's own state; the live widget is left as it was.
"""

from __future__ import annotations

import importlib
import re

import pytest

BUILDERS = [("audit", "build_audit"), ("cases", "build_case_explorer"), ("cases", "build_comparison_grid"),
            ("diagnostic", "build_diagnostic"), ("governance", "build_chooser"), ("knowledge", "build_spiral"),
            ("networks", "build_network_explorer"), ("phases", "build_phase_explorer"),
            ("races", "build_learning_race"), ("spillovers", "build_cluster_explorer"),
            ("spillovers", "build_leak_or_share"), ("spillovers", "build_cluster_over_time"),
            ("transfer", "build_learning_plan")]
IMG = re.compile(r'<img class="cb-figure cb-frame" src="data:image/png;base64,([^"]+)" alt="([^"]+)"')


def frames_of(stack):
    """Every frame (a VBox) under a Stack, nested Stacks flattened in order."""
    import ipywidgets as w

    out = []
    for child in stack.children:
        out += frames_of(child) if isinstance(child, w.Stack) else [child]
    return out


def shown(frame):
    return "".join(getattr(c, "value", "") for c in frame.children)


@pytest.fixture(scope="module")
def casebook_home_module(tmp_path_factory):
    """One empty answers folder for the module's widgets (built once each: each build takes seconds)."""
    import os

    old = os.environ.get("CASEBOOK_HOME")
    os.environ["CASEBOOK_HOME"] = str(tmp_path_factory.mktemp("home"))
    yield
    if old is None:
        os.environ.pop("CASEBOOK_HOME", None)
    else:
        os.environ["CASEBOOK_HOME"] = old


@pytest.fixture(scope="module", params=BUILDERS, ids=lambda b: b[1])
def built(request, casebook_home_module):
    from casebook.widgets.frames import kernel_free

    mod, fn = request.param
    box = getattr(importlib.import_module(f"casebook.widgets.{mod}"), fn)()
    before = {n: c.value for n, c in box.controls.items() if hasattr(c, "value")}
    return box, before, kernel_free(box)


def test_every_widget_declares_its_book_controls(built):
    box, _, book = built
    assert all(n in box.controls for n in box.book_controls)
    assert 1 <= book.frames <= 64
    assert len(book.live_controls) == len(box.book_controls)
    assert not hasattr(book, "book_controls")  # the book version is shown as it is, never converted again


def test_controls_are_linked_to_the_stacks_in_the_browser(built):
    import ipywidgets as w

    box, _, book = built
    stacks = [book.stack] + [c for c in book.stack.children if isinstance(c, w.Stack)]
    linked = {(l.source[0].model_id, l.target[0].model_id) for l in book.links}
    if len(book.live_controls) >= 1:
        assert (book.live_controls[0].model_id, book.stack.model_id) in linked
    if len(book.live_controls) == 2:
        for inner in stacks[1:]:
            assert (book.live_controls[1].model_id, inner.model_id) in linked
    for control in book.live_controls:
        assert control.index == (book.stack.selected_index if control is book.live_controls[0]
                                 else book.stack.children[0].selected_index)


def test_each_frame_has_an_image_with_alt_text_and_its_numbers(built):
    _, _, book = built
    frames = frames_of(book.stack)
    assert len(frames) == book.frames
    for frame in frames:
        text = shown(frame)
        found = IMG.search(text)
        assert found, "a frame has no image"
        assert len(found.group(2)) > 30 and not found.group(2).endswith(".png")
        assert '<details class="cb-numbers">' in text and "<table" in text


def test_frames_differ_as_the_controls_move(built):
    _, _, book = built
    if book.frames == 1:
        pytest.skip("no book control (its inputs are the reader's own answers)")
    views = [shown(f) for f in frames_of(book.stack)]
    pictures = {IMG.search(v).group(1) for v in views}
    # Most settings show something of their own (some settings lead to the same result: the same
    # recommendation, a capacity that has saturated; a case with no chart exhibit shows the same
    # placeholder picture, with its own text).
    assert len(set(views)) > book.frames // 2, f"only {len(set(views))} distinct frames of {book.frames}"
    assert len(pictures) >= min(book.frames, 3), f"only {len(pictures)} distinct pictures in {book.frames} frames"


def test_the_first_frame_shown_is_the_live_widgets_state_and_the_widget_is_left_as_it_was(built):
    from casebook.plotting.describe import describe

    box, before, book = built
    assert {n: c.value for n, c in box.controls.items() if hasattr(c, "value")} == before
    index = book.stack.selected_index
    first = book.stack.children[index]
    if hasattr(first, "selected_index"):
        first = first.children[first.selected_index]
    assert IMG.search(shown(first)).group(2).replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&") \
        .replace("&lt;", "<").replace("&gt;", ">") == describe(box.outputs["figure"].fig)


def test_a_widget_without_book_controls_names_every_control_as_needing_python(casebook_home):
    from casebook.widgets.diagnostic import build_diagnostic
    from casebook.widgets.frames import kernel_free

    book = kernel_free(build_diagnostic())
    note = next(c.value for c in book.children if "cb-kernel-free-note" in str(getattr(c, "value", "")))
    assert "need Python" in note and "make lab" in note and book.frames == 1


def test_the_display_hook_swaps_in_the_book_version_only_while_building(monkeypatch, casebook_home):
    from casebook.widgets.spillovers import build_leak_or_share

    box = build_leak_or_share()
    monkeypatch.delenv("CASEBOOK_KERNEL_FREE", raising=False)
    assert box._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"]["model_id"] == box.model_id
    monkeypatch.setenv("CASEBOOK_KERNEL_FREE", "1")
    shown_id = box._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert shown_id != box.model_id and shown_id == box._book.model_id
    assert "cb-kernel-free" in box._book._dom_classes
