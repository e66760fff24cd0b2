"""Build the casebook's HTML book, its instructor edition, or its slides, offline.

    python tools/build_book.py book        -> book/_build/html/
    python tools/build_book.py instructor  -> book/_build/instructor/
    python tools/build_book.py slides      -> book/_build/slides/

The chapters are staged into book/_build/<edition>-src/ and lightly rewritten
for Sphinx on the way (the notebooks themselves stay plain for JupyterLab):
reference bullets' ``<!-- cite: key -->`` markers become citations into the
bibliography, the first bold use of each glossary term becomes a link into the
glossary, and in the instructor edition every folded solution is opened and
every case's teaching note is added. JavaScript (require.js, the widgets' HTML
manager, MathJax, reveal.js) comes from npm at build time (book/package.json)
and is copied into the site, so the pages make no request outside it.

Every edition is built from the chapters as git's HEAD has them: if a file in
chapters/ differs (a run saved by JupyterLab, an unfinished edit), the build
stops and names it; ``--allow-modified`` (``make book ALLOW_MODIFIED=1``)
builds from the files as they are, for an author checking an edit.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
BUILD = BOOK / "_build"
NPM_DIR = BUILD / "npm"
CITE = re.compile(r"<!--\s*cite:\s*([A-Za-z0-9_:\-]+)\s*-->")
SOLUTION = re.compile(r'<details class="cb-solution">')


# ---------------------------------------------------------------- chapters as committed
def modified_chapters(root: Path = ROOT) -> list[tuple[str, str]] | None:
    """Files under ``chapters/`` that differ from git's HEAD, as ``(status, path)`` pairs.

    ``status`` is git's two-letter short status (``" M"`` modified, ``"??"``
    not in git, ``" D"`` deleted...); files git ignores (checkpoints) do not
    count. ``None`` if ``root`` is not a git checkout (or git is missing), in
    which case nothing can be checked.
    """
    git = shutil.which("git")
    if git is None or not (root / "chapters").is_dir():
        return None
    done = subprocess.run([git, "-C", str(root), "status", "--porcelain=v1", "-z", "--untracked-files=all",
                           "--", "chapters"], capture_output=True, text=True)
    if done.returncode != 0:
        return None
    entries, changed = iter(done.stdout.split("\0")), []
    for entry in entries:
        if entry:
            changed.append((entry[:2], entry[3:]))
            if entry[0] in "RC":  # a rename or copy: the next entry is the old path
                next(entries, None)
    return changed


_STATUS_WORDS = {"M": "modified", "A": "added", "D": "deleted", "R": "renamed", "?": "not in git", "T": "type changed"}


def refusal(changed: list[tuple[str, str]], edition: str) -> str:
    """The message that stops a build from changed chapters: which files, and what to do."""
    lines = [f"build_book.py {edition}: not building, because these files in chapters/ differ from git's HEAD:"]
    for status, path in changed:
        word = next((_STATUS_WORDS[c] for c in status if c in _STATUS_WORDS), status.strip())
        lines.append(f"  {path}  ({word})")
    tracked = [path for status, path in changed if status != "??"]
    lines += [
        "The book is built from the chapters as committed. Students work in their own copy (my_chapters/,",
        "which make lab opens and make refresh updates), so a change here is a run or an edit made in chapters/ itself.",
    ]
    if tracked:
        lines.append(f"  to restore the committed chapters: git restore --staged --worktree {' '.join(tracked)}")
    if len(tracked) < len(changed):
        lines.append("  files not in git: move them out of chapters/ (or git add them, if they belong to the book)")
    lines += [
        "  to keep someone's work first: copy the notebook into my_chapters/ (make lab opens that copy)",
        f"  as an author checking an edit before committing: make {edition} "
        "ALLOW_MODIFIED=1 (or add --allow-modified)",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- vendor JS
def npm_modules() -> Path:
    """Install book/package.json's packages (once per change) and return node_modules."""
    NPM_DIR.mkdir(parents=True, exist_ok=True)
    wanted = (BOOK / "package.json").read_text(encoding="utf-8")
    stamp = NPM_DIR / ".installed-package.json"
    if not (stamp.exists() and stamp.read_text(encoding="utf-8") == wanted):
        (NPM_DIR / "package.json").write_text(wanted, encoding="utf-8")
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed to build the book offline (Debian: apt-get install npm)")
        subprocess.run([npm, "install", "--no-package-lock", "--no-audit", "--no-fund", "--silent"],
                       cwd=NPM_DIR, check=True)
        stamp.write_text(wanted, encoding="utf-8")
    return NPM_DIR / "node_modules"


def copy_vendor(dest: Path, *, slides: bool = False) -> None:
    nm = npm_modules()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(nm / "requirejs" / "require.js", dest / "require.js")
    shutil.copytree(nm / "@jupyter-widgets" / "html-manager" / "dist", dest / "html-manager", dirs_exist_ok=True)
    if slides:
        shutil.copytree(nm / "reveal.js", dest / "reveal.js", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("test", "examples", "node_modules"))
        shutil.copy2(nm / "jquery" / "dist" / "jquery.min.js", dest / "jquery.min.js")
        shutil.copytree(nm / "mathjax2", dest / "mathjax2", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("unpacked", "test", "docs"))
    else:
        shutil.copytree(nm / "mathjax", dest / "mathjax3", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("ts", "*.md"))


# ---------------------------------------------------------------- glossary, bibliography
def glossary_entries() -> list[dict]:
    entries, seen = [], {}
    for path in sorted((BOOK / "glossary").glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            key = item["term"].strip().lower()
            if key in seen:
                raise SystemExit(f"{path.name}: glossary term {item['term']!r} is already defined in {seen[key]}")
            seen[key] = path.name
            entries.append({**item, "chapter": path.stem})
    return sorted(entries, key=lambda e: e["term"].lower())


def write_glossary(src: Path, entries: list[dict]) -> None:
    lines = ["# Glossary", "", "Each term is defined once. The chapter that introduces it prints it in bold,",
             "linked here; an earlier chapter may use it in passing.", "", "```{glossary}"]
    for e in entries:
        lines.append(e["term"])
        definition = " ".join(str(e["definition"]).split())
        source = f" ({e['source']})" if e.get("source") else ""
        lines.append(f"  {definition}{source}")
        lines.append("")
    lines.append("```")
    (src / "glossary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_bibliography(src: Path) -> None:
    seen, chunks = set(), []
    files = [BOOK / "references.bib", *sorted((BOOK / "references").glob("*.bib"))]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for entry in re.split(r"(?=^@)", text, flags=re.M):
            m = re.match(r"@\w+\s*\{\s*([^,\s]+)\s*,", entry)
            if not m:
                continue
            if m.group(1) in seen:
                continue
            seen.add(m.group(1))
            chunks.append(entry.strip())
    (src / "references.bib").write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
    (src / "bibliography.md").write_text(
        "# Bibliography\n\nThe readings and every work the chapters cite.\n\n```{bibliography}\n:all:\n```\n",
        encoding="utf-8",
    )


# ---------------------------------------------------------------- chapters
def rewrite_markdown(text: str, terms: list[str], linked: set[str], *, instructor: bool) -> str:
    text = CITE.sub(lambda m: f"{{cite:p}}`{m.group(1)}`", text)
    for term in terms:
        key = term.lower()
        if key in linked:
            continue
        # "**lead firms**" and "**Tacitness.**" count as uses of "lead firm" and "tacitness".
        pattern = re.compile(r"\*\*(" + re.escape(term) + r"(?:s|es)?)([.:]?)\*\*", re.I)
        new, n = pattern.subn(lambda m: f"**{{term}}`{m.group(1)} <{term}>`{m.group(2)}**", text, count=1)
        if n:
            text = new
            linked.add(key)
    if instructor:
        text = SOLUTION.sub('<details class="cb-solution" open>', text)
    return text


ASK_CELL = re.compile(r"""^\s*ask\(\s*["']([^"']+)["']\s*\)\s*;?\s*$""")


def question_extra(qid: str, *, instructor: bool) -> str | None:
    """What the book prints after an ``ask("qid")`` cell, from the chapter's question file.

    The solution, folded (open in the instructor edition, which also gets the correct answer and,
    for a decision point, the anticipated responses and misconceptions).
    """
    sys.path.insert(0, str(ROOT / "src"))
    from casebook.classroom.questions import get_question  # noqa: E402

    q = get_question(qid, root=ROOT / "chapters")
    parts = [q.solution] if q.solution else []
    if instructor:
        answer = {"multiple_choice": lambda: " / ".join([q.correct] if isinstance(q.correct, str) else q.correct),
                  "numeric": lambda: f"{q.answer:g}" + (f" {q.units}" if q.units else "")
                  + (f" (tolerance {q.tolerance:g})" if q.tolerance else ""),
                  "classify": lambda: "; ".join(f"{i.text}: {i.category}" for i in q.items),
                  "ranking": lambda: " > ".join(q.correct_order or [])}.get(q.kind)
        if answer is not None and answer():
            parts.insert(0, f"**Answer.** {answer()}")
        teaching = getattr(q, "teaching", None)
        if teaching is not None:
            for title, items in (("Anticipated responses", teaching.anticipated),
                                 ("Common misconceptions", teaching.misconceptions)):
                if items:
                    parts.append(f"**{title}.**\n\n" + "\n".join(f"- {x}" for x in items))
            if teaching.notes:
                parts.append(f"**Notes.** {teaching.notes}")
    if not parts:
        return None
    return ('<details class="cb-solution"><summary>Solution</summary>\n\n' + "\n\n".join(parts)
            + "\n\n</details>")


def downloads(name: str) -> str:
    """The line under a chapter's title that links its notebook and the PDF (both copied into the site)."""
    return (f'<p class="cb-downloads">Download <a href="notebooks/{name}" download>this chapter as a notebook '
            f'({name})</a> to run it in JupyterLab, or <a href="casebook.pdf">the whole casebook as a PDF</a>.</p>')


def stage_chapter(path: Path, dest: Path, terms: list[str], *, instructor: bool) -> None:
    nb = nbformat.read(path, as_version=4)
    linked: set[str] = set()
    cells = []
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is not None:  # under the title: the chapter's notebook and the PDF
        head, sep, rest = first.source.partition("\n")
        first.source = head + "\n\n" + downloads(path.name) + ("\n" + rest if sep else "")
    for cell in nb.cells:  # each ask("qid") cell is followed by its solution from the question file
        cells.append(cell)
        m = ASK_CELL.match(cell.source) if cell.cell_type == "code" else None
        extra = question_extra(m.group(1), instructor=instructor) if m else None
        if extra:
            cells.append(nbformat.v4.new_markdown_cell(extra))
    nb.cells = cells
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_markdown(cell.source, terms, linked, instructor=instructor)
    nbformat.write(nb, dest / path.name)


if str(Path(__file__).resolve().parent) not in sys.path:  # imported by path (tests): find the tools beside it
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from execute_chapters import execute_kernel_free  # noqa: E402 (the book runs its chapters kernel-free)


def teaching_notes(src: Path) -> list[str]:
    """Write one page per case's teaching note (instructor edition)."""
    sys.path.insert(0, str(ROOT / "src"))
    from casebook.cases import list_cases  # noqa: E402

    pages = []
    notes = src / "teaching_notes"
    notes.mkdir(exist_ok=True)
    for case_id in list_cases():
        out = subprocess.run([sys.executable, "-m", "casebook", "teaching-note", case_id, "--format", "md"],
                             capture_output=True, text=True, check=True).stdout
        (notes / f"{case_id}.md").write_text(out, encoding="utf-8")
        pages.append(f"teaching_notes/{case_id}")
    return pages


def build_site(edition: str) -> Path:
    """Build the HTML book (``student``) or the instructor edition.

    Each staged chapter is run once more (:func:`execute_kernel_free`), so that its widgets work
    with no kernel.
    """
    instructor = edition == "instructor"
    src = BUILD / f"{edition}-src"
    out = BUILD / ("instructor" if instructor else "html")
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    shutil.copy2(BOOK / "conf.py", src / "conf.py")
    shutil.copytree(BOOK / "_static", src / "_static", ignore=shutil.ignore_patterns("vendor"))
    # The accessibility layer shared with the slides and the Voila app (tools/jupyter/nbconvert/templates/casebook_slides).
    for name in ("casebook-a11y.css", "casebook-a11y.js"):
        shutil.copy2(ROOT / "tools" / "jupyter" / "nbconvert" / "templates" / "casebook_slides" / name, src / "_static" / name)
    copy_vendor(src / "_static" / "vendor")

    entries = glossary_entries()
    terms = sorted((e["term"] for e in entries), key=len, reverse=True)
    chapters = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
    for nb in chapters:
        stage_chapter(nb, src, terms, instructor=instructor)
        execute_kernel_free(src / nb.name)
    write_glossary(src, entries)
    write_bibliography(src)
    notes = teaching_notes(src) if instructor else []

    banner = ("\n```{admonition} Instructor edition\n:class: cb-edition-banner\n"
              "Solutions are open and every case's teaching note is included. Do not share with students.\n```\n"
              if instructor else "")
    toc = ["```{toctree}", ":maxdepth: 1", ":caption: Chapters", ""] + [nb.stem for nb in chapters] + ["```", ""]
    if notes:
        toc += ["```{toctree}", ":maxdepth: 1", ":caption: Teaching notes", ""] + notes + ["```", ""]
    toc += ["```{toctree}", ":maxdepth: 1", ":caption: Reference", "", "glossary", "bibliography", "```", ""]
    (src / "index.md").write_text(
        "# The Alliance Learning Casebook\n\nHow firms learn through strategic alliances and industrial clusters: "
        "chapters, cases and models you can run.\n" + banner + "\n" + "\n".join(toc), encoding="utf-8")

    shutil.rmtree(out, ignore_errors=True)
    env = {"CASEBOOK_EDITION": edition}
    import os

    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "2", str(src), str(out)],
                   check=True, env={**os.environ, **env})
    copy_widget_fonts(out)
    fix_aria_roles(out)
    # What each chapter page links (downloads()): the chapters as notebooks, and the PDF edition.
    (out / "notebooks").mkdir(exist_ok=True)
    for nb in chapters:
        shutil.copy2(nb, out / "notebooks" / nb.name)
    import build_pdf

    shutil.copy2(build_pdf.build_pdf(), out / "casebook.pdf")
    return out


def fix_aria_roles(out: Path) -> None:
    """sphinxcontrib-bibtex marks each entry ``doc-biblioentry`` (a role deprecated in ARIA 1.2) inside a
    ``role="list"``: make the entries list items, which is what they are (axe: aria-deprecated-role,
    aria-required-children)."""
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'role="doc-biblioentry"' in text:
            page.write_text(text.replace('role="doc-biblioentry"', 'role="listitem"'), encoding="utf-8")


def copy_widget_fonts(out: Path) -> None:
    """Put the widget manager's icon fonts where it asks for them.

    The manager's stylesheet loads its fonts from the folder of its AMD
    module as require.js names it, ``<page folder>/@jupyter-widgets/html-manager/dist/``
    (every chapter page sits at the top of the site), not from _static/.
    """
    dist = npm_modules() / "@jupyter-widgets" / "html-manager" / "dist"
    dest = out / "@jupyter-widgets" / "html-manager" / "dist"
    dest.mkdir(parents=True, exist_ok=True)
    for font in dist.iterdir():
        if font.suffix in {".woff2", ".woff", ".ttf", ".eot", ".svg"}:
            shutil.copy2(font, dest / font.name)


# ---------------------------------------------------------------- slides
def build_slides() -> Path:
    """The decks, cut to fit a room (tools/build_slides.py)."""
    import build_slides as slides

    out = BUILD / "slides"
    shutil.rmtree(out, ignore_errors=True)
    return slides.build_slides(out, lambda dest: copy_vendor(dest, slides=True))


def main(argv: list[str]) -> int:
    allow_modified = "--allow-modified" in argv
    argv = [a for a in argv if a != "--allow-modified"]
    what = argv[0] if argv else "book"
    if what not in ("book", "instructor", "slides"):
        print(__doc__)
        return 2
    changed = modified_chapters(ROOT)
    if changed is None:
        print("note: not a git checkout, so the chapters cannot be checked against git's HEAD", file=sys.stderr)
    elif changed and not allow_modified:
        print(refusal(changed, what), file=sys.stderr)
        return 1
    elif changed:
        print(f"note: building from {len(changed)} changed file(s) in chapters/ (--allow-modified)", file=sys.stderr)
    start = time.perf_counter()
    if what in ("book", "instructor"):
        out = build_site("instructor" if what == "instructor" else "student")
    elif what == "slides":
        out = build_slides()
    else:
        print(__doc__)
        return 2
    print(f"{what}: built {out.relative_to(ROOT)}/ in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
