# Promises Kept — every target sets up its own virtualenv (.venv) from the pinned constraints.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

PAPER ?= a4

.PHONY: help serve build check handouts lesson test chromium clean

help:
	@echo "make serve   build the course and serve it at http://127.0.0.1:8000 (live reload)"
	@echo "make build   strict build into site/"
	@echo "make check   validate quizzes, embeds and links in well under a second (no site build)"
	@echo "make handouts  build, then print the checklist, handouts and answer key to PDF in site/handouts/"
	@echo "               (A4; US Letter with: make handouts PAPER=letter)"
	@echo "make lesson NAME=first-impressions  start a lesson: skeleton, quiz and nav entry to fill in"
	@echo "make test    the whole test suite, browser tests included"
	@echo "make clean   remove site/ and .venv/"

# Reinstall whenever the declared or pinned dependencies change.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP)
	$(PY) -m mkdocs build --strict

check: $(STAMP)
	@$(PY) -m course.cli check

lesson: $(STAMP)
	@$(PY) -m course.cli new-lesson $(NAME) $(if $(TITLE),--title "$(TITLE)")

# PDFs need a browser; nothing else in the build does.
handouts: build
	$(PY) -m course.cli handouts --site site --paper $(PAPER)

# Prints the browser's path; installs Debian's chromium when run as root on Debian/Ubuntu.
chromium: $(STAMP)
	@$(PY) -m course.browser >/dev/null

test: $(STAMP)
	@CHROMIUM="$$($(PY) -m course.browser)" && export CHROMIUM && $(PY) -m pytest

clean:
	rm -rf site $(VENV)
