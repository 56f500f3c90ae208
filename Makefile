# permdocs: the two commands a newcomer needs are `make demo` and `make test`.
# Each creates .venv/ inside the repository and installs what it needs.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SAMPLES := $(wildcard samples/*.json)
# Test workers: one per core (pytest-xdist).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Tests keep Python's bytecode cache (and pytest's rewritten test modules)
# even where the shell turns it off: each worker would otherwise compile the
# whole suite afresh, some ten seconds a run. The cache lives in the
# git-ignored __pycache__ folders.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest

.PHONY: demo test test-fast schemas snapshots document bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# axe-core and playwright-core for the HTML accessibility test, at the
# versions tools/axe/package-lock.json pins. Without npm the test skips and
# says why (in CI, where .ci/run sets PERMDOCS_NO_SKIPS, it fails).
AXE := tools/axe/node_modules/.installed
$(AXE): tools/axe/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tools/axe --no-audit --no-fund --silent && touch $@; \
	else echo "npm is not installed: tests/test_html_accessibility.py will skip"; fi

## Render every document, in every audience's copy, for every sample case
## into out/ (DOCX, HTML, PDF). Documents and audiences come from the
## registry ('permdocs docs --json'), so a new document joins the demo by itself.
demo: $(INSTALLED)
	@for case in $(SAMPLES); do \
		$(BIN)/permdocs render "$$case" --doc all --audience all --format docx,html,pdf,ics --out out --force || exit $$?; \
	done
	@# The sample written in YAML, with a Markdown file beside it: the same documents as its JSON twin.
	$(BIN)/permdocs render samples/written-in-yaml/cpr-relinquished-baby.yaml --doc cpr --format docx,pdf --out out/written-in-yaml --force
	$(BIN)/permdocs bundle samples/bundle.yaml --out out/bundle.pdf --force

## Run the whole test suite, on every core. Snapshots are never updated here.
## Each test module runs on one worker (--dist loadscope), so the PDFs a
## module's tests share are laid out once.
test: $(INSTALLED) $(AXE)
	$(PYTEST) -n $(JOBS) --dist loadscope

## The quick loop while working: no PDF layout, LibreOffice, qpdf or OOXML
## validation (the tests marked slow), the leak test over the fixtures and
## one sample per document, and a quarter of the property tests' examples;
## on every core.
test-fast: $(INSTALLED)
	PERMDOCS_QUICK_LOOP=1 $(PYTEST) -n $(JOBS) -m "not slow" -q

## Regenerate schemas/*.schema.json from the models, and what docs/ makes of
## them: the field references of the case file and of profiles, and the
## fields each document's templates can use.
schemas: $(INSTALLED)
	for kind in case profile routes bundle; do \
		$(BIN)/permdocs schema --of $$kind > schemas/$$kind.schema.json.tmp && mv schemas/$$kind.schema.json.tmp schemas/$$kind.schema.json || exit $$?; \
	done
	for kind in case profile; do \
		for fmt in md html; do \
			$(BIN)/permdocs schema --of $$kind --format $$(test $$fmt = md && echo markdown || echo html) > docs/$$kind-reference.$$fmt.tmp \
				&& mv docs/$$kind-reference.$$fmt.tmp docs/$$kind-reference.$$fmt || exit $$?; \
		done; \
	done
	$(BIN)/permdocs templates fields > docs/template-fields.md.tmp && mv docs/template-fields.md.tmp docs/template-fields.md

## After a deliberate change of output: rewrite snapshots, then review the diff
## and open the changed documents before committing.
snapshots: $(INSTALLED)
	$(PYTEST) --snapshot-update -q

## Start a new document type, which renders and passes the document tests at
## once: make document NAME=key-dates-note TITLE="Key dates". Then write its
## body in src/permdocs/documents/<name>/__init__.py and review its snapshots.
document: $(INSTALLED)
	@test -n "$(NAME)" || { echo 'usage: make document NAME=key-dates-note TITLE="Key dates"'; exit 2; }
	$(BIN)/python tools/new_document.py "$(NAME)" $(if $(TITLE),--title "$(TITLE)")
	$(MAKE) schemas
	$(PYTEST) -n $(JOBS) -q --snapshot-update -k "$(NAME)" tests/test_writer_html.py tests/test_writer_docx.py tests/test_writer_pdf.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache tools/axe/node_modules

## Measure permdocs against docxtpl, WeasyPrint and pikepdf side by side (ratios of
## medians), print one table and write it to benchmarks/results.md.
bench: $(INSTALLED)
	$(BIN)/python benchmarks/performance.py
