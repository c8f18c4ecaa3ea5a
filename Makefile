# Promises Kept — every target sets up its own virtualenv (.venv) from the pinned constraints.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

PAPER ?= a4

.PHONY: help serve build check handouts lesson lms offline test chromium clean

help:
	@echo "make serve   build the course and serve it at http://127.0.0.1:8000 (live reload)"
	@echo "make build   strict build into site/"
	@echo "make check   validate quizzes, embeds and links in well under a second (no site build)"
	@echo "make handouts  build, then print the checklist, handouts and answer key to PDF in site/handouts/"
	@echo "               (A4; US Letter with: make handouts PAPER=letter)"
	@echo "make lesson NAME=first-impressions  start a lesson: skeleton, quiz and nav entry to fill in"
	@echo "make lms     SCORM 1.2, SCORM 2004 and cmi5 packages of the course in dist/, for an LMS"
	@echo "make question-banks  every quiz question for LMS quiz engines in dist/question-banks/ (GIFT, Moodle XML, QTI 1.2 and 2.1, Aiken)"
	@echo "make offline dist/promises-kept-offline.zip: the whole course, PDFs included, opened from a folder with no network"
	@echo "make test    the whole test suite, browser and LMS tests included"
	@echo "make clean   remove site/, dist/ and every installed tool (.venv/, .venv-lrs/, tests/js/node_modules/, js/node_modules/)"

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

# SCORM 1.2, SCORM 2004 and cmi5 packages of the whole course, ready to upload to an LMS.
lms: $(STAMP)
	$(PY) -m course.cli lms --out dist

# Every quiz question for LMS quiz engines: GIFT, Moodle XML, QTI 1.2 (Canvas), QTI 2.1 and Aiken.
.PHONY: question-banks
question-banks: $(STAMP)
	$(PY) -m course.cli export all --out dist/question-banks

lesson: $(STAMP)
	@$(PY) -m course.cli new-lesson $(NAME) $(if $(TITLE),--title "$(TITLE)")

# PDFs need a browser; nothing else in the build does.
handouts: build
	$(PY) -m course.cli handouts --site site --paper $(PAPER)

# Prints the browser's path; installs Debian's chromium when run as root on Debian/Ubuntu.
chromium: $(STAMP)
	@$(PY) -m course.browser >/dev/null

# The real LMS clients the tests use (scorm-again, the SCORM XSDs), pinned by tests/js/package-lock.json,
# and the iframe-worker shim the offline pack ships (search from file://), pinned by js/package-lock.json.
# Node.js and npm come from Debian's packages when missing and run as root; otherwise we say how.
NODE_STAMP := tests/js/node_modules/.installed-stamp
JS_STAMP := js/node_modules/.installed-stamp
$(NODE_STAMP) $(JS_STAMP): %/node_modules/.installed-stamp: %/package.json %/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "make needs Node.js and npm for $*/package.json: install them (Debian/Ubuntu: sudo apt-get install nodejs npm)" >&2; exit 1; fi; }
	npm ci --prefix $* --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# The whole course as one zip for a trainer with no network (file://): search, quizzes and the PDFs included.
offline: $(STAMP) $(JS_STAMP)
	$(PY) -m course.cli offline --out dist --paper $(PAPER)

# Ralph, a real Learning Record Store for the cmi5 tests, in its own virtualenv (its pins clash with MkDocs').
LRS := .venv-lrs
LRS_STAMP := $(LRS)/.installed-stamp
$(LRS_STAMP): tests/lrs-requirements.txt
	@test -x $(LRS)/bin/python || $(PYTHON) -m venv $(LRS)
	$(LRS)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/lrs-requirements.txt
	@touch $@

test: $(STAMP) $(NODE_STAMP) $(JS_STAMP) $(LRS_STAMP)
	@CHROMIUM="$$($(PY) -m course.browser)" && export CHROMIUM && $(PY) -m pytest

clean:
	rm -rf site dist $(VENV) $(LRS) tests/js/node_modules js/node_modules
