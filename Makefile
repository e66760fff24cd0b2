# The Alliance Learning Casebook.
#   make lab    open the casebook in JupyterLab (creates .venv on first use)
#   make test   run every test: unit tests, doctests, nbval over the chapters, browser tests
# Everything installs into .venv from pyproject.toml, pinned by constraints.txt.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3)
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8888
CONSTRAINTS := constraints.txt
# JupyterLab refuses to run as root unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PIP_INSTALL := $(PY) -m pip install --disable-pip-version-check --quiet -c $(CONSTRAINTS)

.PHONY: help lab test chapters book instructor slides present browser-deps bench clean-venv

help:
	@echo "make lab      open the casebook in JupyterLab on http://127.0.0.1:$(PORT) (PORT=... to change;"
	@echo "              POOL=class/class_pool.json to show the class split in decision points)"
	@echo "make test     run the whole test suite (what CI runs)"
	@echo "make chapters re-execute every chapter in place and store its outputs"
	@echo "make book     the HTML book (book/_build/html), offline"
	@echo "make instructor  the instructor edition (solutions open, teaching notes)"
	@echo "make slides   slide decks of the chapters (book/_build/slides)"
	@echo "make present CHAPTER=NN  one chapter as a clean Voila app for projecting"
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

# POOL=path/to/class_pool.json (written by python -m casebook pool) makes decision points show
# the class split: it becomes CASEBOOK_POOL, made absolute because kernels run in chapters/.
lab: $(VENV)/.stamp-lab
	@$(if $(POOL),[ -f "$(abspath $(POOL))" ] || { echo "POOL=$(POOL): no such file; run python -m casebook pool FOLDER first (it writes class_pool.json)"; exit 2; }; \
	export CASEBOOK_POOL="$(abspath $(POOL))";) \
	token=$$($(PY) -c 'import secrets; print(secrets.token_hex(16))'); \
	echo ""; \
	echo "  The casebook opens at: http://127.0.0.1:$(PORT)/lab/tree/00_how_to_use.ipynb?token=$$token"; \
	$(if $(POOL),echo "  Decision points show the class split from $(abspath $(POOL))";) \
	echo "  (stop it with Ctrl-C)"; \
	echo ""; \
	exec $(BIN)/jupyter lab --ServerApp.root_dir=chapters --ServerApp.ip=127.0.0.1 \
	  --ServerApp.port=$(PORT) --ServerApp.port_retries=0 \
	  --IdentityProvider.token=$$token \
	  --LabApp.default_url=/lab/tree/00_how_to_use.ipynb $(ROOT_FLAG)

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

book: $(VENV)/.stamp-test
	$(PY) tools/build_book.py book

instructor: $(VENV)/.stamp-test
	$(PY) tools/build_book.py instructor

slides: $(VENV)/.stamp-test
	$(PY) tools/build_book.py slides

present: $(VENV)/.stamp-test
	@nb=$$(ls chapters/$(CHAPTER)_*.ipynb 2>/dev/null | head -1); \
	if [ -z "$(CHAPTER)" ] || [ -z "$$nb" ]; then echo "usage: make present CHAPTER=NN (a chapter number, e.g. 06)"; exit 2; fi; \
	echo ""; echo "  Presenting $$nb at: http://127.0.0.1:$(PORT)/"; echo ""; \
	exec $(BIN)/voila "$$nb" --port=$(PORT) --no-browser --Voila.ip=127.0.0.1 --theme=light

# Benchmarks print figures and write benchmarks/results.json; BENCH_ARGS=--with-test-suite also times make test.
bench: $(VENV)/.stamp-test
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

clean-venv:
	rm -rf $(VENV)
