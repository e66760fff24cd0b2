# The Alliance Learning Casebook.
#   make lab    open the casebook in JupyterLab (creates .venv on first use), in the
#               student's working copy of the chapters (my_chapters/, made on first use)
#   make test   run every test: unit tests, doctests, nbval over the chapters, browser tests
# Everything installs into .venv from pyproject.toml, pinned by constraints.txt.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3)
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8888
# The student's working copy of the chapters: what make lab opens, never tracked by git
# (see .gitignore), made from chapters/ on first use and updated by make refresh.
WORK ?= my_chapters
WORK_ABS := $(abspath $(WORK))
# What make lab and make present run under: the project's .venv first on PATH, as if activated,
# so that terminals opened in JupyterLab find `casebook` and the casebook's `python`.
VENV_ABS := $(abspath $(VENV))
ACTIVATE := export VIRTUAL_ENV="$(VENV_ABS)" CASEBOOK_VENV="$(VENV_ABS)" PATH="$(VENV_ABS)/bin:$$PATH";
CONSTRAINTS := constraints.txt
# JupyterLab refuses to run as root unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PIP_INSTALL := $(PY) -m pip install --disable-pip-version-check --quiet -c $(CONSTRAINTS)

.PHONY: help lab refresh handin pool note info test chapters book instructor slides pdf present browser-deps bench clean-venv

help:
	@echo "make lab      open the casebook in JupyterLab on http://127.0.0.1:$(PORT) (PORT=... to change;"
	@echo "              POOL=class/pool/class_pool.json to show the class split in decision points)"
	@echo "              It opens your working copy of the chapters, $(WORK)/ (WORK=... to change)."
	@echo "make refresh  update $(WORK)/ from chapters/ (changed notebooks are saved in $(WORK)/backups/ first)"
	@echo "make handin NAME=\"Ana María\"  write your hand-in into $(WORK)/handin/"
	@echo "make pool DIR=class/handins [OUT=class/pool]  pool the class's hand-ins"
	@echo "make note CASE=nummi [FORMAT=html]  print a case's teaching note"
	@echo "make info     the folders the casebook reads and writes"
	@echo "make test     run the whole test suite (what CI runs)"
	@echo "make chapters re-execute every chapter in place and store its outputs"
	@echo "make book     the HTML book (book/_build/html), offline, from chapters/ as committed"
	@echo "              (ALLOW_MODIFIED=1 to build from chapters you changed, as an author)"
	@echo "make instructor  the instructor edition (solutions open, teaching notes)"
	@echo "make slides   slide decks of the chapters (book/_build/slides)"
	@echo "make pdf      the PDF edition (book/_build/pdf/casebook.pdf), offline"
	@echo "make present CHAPTER=NN  one chapter as a clean Voila app for projecting"
	@echo "       ... POOL=DIR       with a class pool (hand-ins folder or class_pool.json): Show split, then Reveal outcome"
	@echo "make class    the live class server: students join from a phone (CLASS_ARGS=... for options)"
	@echo "make bench    benchmarks: widget latency, engines, chapters, import time"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The casebook needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

# Stamps: reinstall only when pyproject.toml or constraints.txt changed.
$(VENV)/.stamp-lab: pyproject.toml $(CONSTRAINTS) tools/lab-overrides.json | $(PY)
	$(PIP_INSTALL) -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp tools/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

$(VENV)/.stamp-test: $(VENV)/.stamp-lab
	$(PIP_INSTALL) -e ".[test]"
	touch $@

# POOL=path/to/class_pool.json (written by casebook pool) makes decision points show the class
# split: it becomes CASEBOOK_POOL, made absolute because kernels run in the working copy.
# JupyterLab runs in the working copy and has it as its root, so the file browser shows it and
# terminals start in it (a terminal starts in the server's own folder): a hand-in written from a
# terminal (handin/ of its folder) shows in the file browser.
# Terminals start bash with tools/lab-terminal.bashrc, which puts .venv/bin first on PATH after the
# user's own settings (a login shell's /etc/profile would otherwise reset PATH).
# CLASS=http://HOST:PORT[/j/CODE] CLASS_CODE=... CLASS_KEY=... (what make class printed) attach the
# chapters to a live class: commits go to it, and with the key each decision point has the panel.
CLASS_EXPORTS = $(if $(CLASS),export CASEBOOK_CLASS="$(CLASS)";) $(if $(CLASS_CODE),export CASEBOOK_CLASS_CODE="$(CLASS_CODE)";) $(if $(CLASS_KEY),export CASEBOOK_CLASS_KEY="$(CLASS_KEY)";)

lab: $(VENV)/.stamp-lab
	@$(if $(POOL),[ -f "$(abspath $(POOL))" ] || { echo "POOL=$(POOL): no such file; run make pool DIR=FOLDER first (it writes class_pool.json)"; exit 2; }; \
	export CASEBOOK_POOL="$(abspath $(POOL))";) \
	$(CLASS_EXPORTS) \
	$(ACTIVATE) export CASEBOOK_WORK="$(WORK_ABS)"; \
	$(BIN)/casebook refresh --missing-only || exit 1; \
	token=$$($(PY) -c 'import secrets; print(secrets.token_hex(16))'); \
	echo ""; \
	echo "  The casebook opens at: http://127.0.0.1:$(PORT)/lab/tree/00_how_to_use.ipynb?token=$$token"; \
	echo "  Your working copy of the chapters: $(WORK_ABS)"; \
	$(if $(POOL),echo "  Decision points show the class split from $(abspath $(POOL))";) \
	$(if $(CLASS),echo "  Decision points send commits to the class at $(CLASS)$(if $(CLASS_KEY), and carry the instructor's panel)";) \
	echo "  (stop it with Ctrl-C)"; \
	echo ""; \
	cd "$(WORK_ABS)" && exec "$(VENV_ABS)/bin/jupyter" lab --ServerApp.root_dir="$(WORK_ABS)" --ServerApp.ip=127.0.0.1 \
	  --ServerApp.port=$(PORT) --ServerApp.port_retries=0 \
	  --IdentityProvider.token=$$token \
	  --ServerApp.terminado_settings='{"shell_command": ["$(SHELL)", "--rcfile", "$(abspath tools/lab-terminal.bashrc)", "-i"]}' \
	  --LabApp.default_url=/lab/tree/00_how_to_use.ipynb $(ROOT_FLAG)

# Update the working copy from chapters/; every notebook there that differs from the copy made is
# saved in $(WORK)/backups/<date>_<time>/ first. Answers live in CASEBOOK_HOME and are never touched.
refresh: $(VENV)/.stamp-lab
	@CASEBOOK_WORK="$(WORK_ABS)" $(BIN)/casebook refresh

# The README's commands for a plain shell, run with .venv's casebook (no activation needed).
handin: $(VENV)/.stamp-lab
	@if [ -z "$(NAME)" ]; then echo 'usage: make handin NAME="Your Name" (as your instructor should see it)'; exit 2; fi
	@CASEBOOK_WORK="$(WORK_ABS)" $(BIN)/casebook export --name "$(NAME)" --out "$(WORK_ABS)/handin"

pool: $(VENV)/.stamp-lab
	@if [ -z "$(DIR)" ]; then echo "usage: make pool DIR=class/handins [OUT=class/pool] (DIR: the students' *.casebook.json files)"; exit 2; fi
	@$(BIN)/casebook pool "$(DIR)" --out "$(or $(OUT),class/pool)"

note: $(VENV)/.stamp-lab
	@if [ -z "$(CASE)" ]; then echo "usage: make note CASE=CASE_ID [FORMAT=html]; the case ids:"; ls cases | grep -v '\.' | sed 's/^/  /'; exit 2; fi
	@$(BIN)/casebook teaching-note "$(CASE)" $(if $(FORMAT),--format $(FORMAT))

info: $(VENV)/.stamp-lab
	@CASEBOOK_WORK="$(WORK_ABS)" $(BIN)/casebook info

test: $(VENV)/.stamp-test browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

# The browser tests use Debian's chromium (never a downloaded browser) and npm
# (for the offline book's JavaScript); the class server's tests use Debian's PostgreSQL server
# (postgresql: initdb, pg_ctl). As root on Debian, install what is missing;
# elsewhere, say how (outside CI those tests are then skipped, in CI they fail).
browser-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian packages for the browser tests:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "note: missing$$missing; the browser tests need them (Debian: sudo apt-get install$$missing)"; \
	  fi; \
	fi

# The live class server (README "Teaching live"): its database, QR image and exports go in class/.
# CLASS_ARGS passes options: make class CLASS_ARGS="--host 0.0.0.0 --title 'ch05 NUMMI' --new".
# (The PostgreSQL server its tests use is installed by browser-deps above, as chromium is.)
.PHONY: class
$(VENV)/.stamp-class: $(VENV)/.stamp-lab
	$(PIP_INSTALL) -e ".[class]"
	touch $@

class: $(VENV)/.stamp-class
	$(PY) -m casebook class serve $(CLASS_ARGS)

chapters: $(VENV)/.stamp-test
	$(PY) tools/execute_chapters.py $(if $(CHAPTER),chapters/$(CHAPTER)_*.ipynb,chapters/*.ipynb)

# The book, the instructor edition and the slides are built from chapters/ as git's HEAD has them:
# the builder refuses chapters that differ (a student's run, an author's unfinished edit) and names
# them. ALLOW_MODIFIED=1 builds from them anyway (an author checking an edit before committing).
BUILD_FLAGS := $(if $(filter-out 0,$(ALLOW_MODIFIED)),--allow-modified,)

book: $(VENV)/.stamp-test
	$(PY) tools/build_book.py book $(BUILD_FLAGS)

instructor: $(VENV)/.stamp-test
	$(PY) tools/build_book.py instructor $(BUILD_FLAGS)

slides: $(VENV)/.stamp-test
	$(PY) tools/build_book.py slides $(BUILD_FLAGS)

# The PDF edition: book/_build/pdf/casebook.pdf, from the chapters' stored outputs (pandoc + Typst, offline).
pdf: $(VENV)/.stamp-test
	$(PY) tools/build_pdf.py $(BUILD_FLAGS)

present: $(VENV)/.stamp-test
	@nb=$$(ls chapters/$(CHAPTER)_*.ipynb 2>/dev/null | head -1); \
	if [ -z "$(CHAPTER)" ] || [ -z "$$nb" ]; then echo "usage: make present CHAPTER=NN (a chapter number, e.g. 06)"; exit 2; fi; \
	echo ""; echo "  Presenting $$nb at: http://127.0.0.1:$(PORT)/"; echo ""; \
	$(ACTIVATE) export JUPYTER_PATH="$(CURDIR)/tools/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}"; \
	export CASEBOOK_PRESENT=1 $(if $(POOL),CASEBOOK_POOL="$(abspath $(POOL))"); $(CLASS_EXPORTS) \
	exec $(BIN)/voila "$$nb" --port=$(PORT) --no-browser --Voila.ip=127.0.0.1 --theme=light --template=casebook

# Benchmarks print figures and write benchmarks/results.json; BENCH_ARGS=--with-test-suite also times make test.
bench: $(VENV)/.stamp-test
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

clean-venv:
	rm -rf $(VENV)
