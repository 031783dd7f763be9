# Lanterne's single entry point. Every target sets up what it needs by itself.
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha1sum | cut -c1-12)
HOST    ?= 127.0.0.1
PORT    ?= 8000
FEEDBACK_PORT ?= 8001
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EDITOR_PORT ?= 8081
EDITOR_MODE ?= fs
EDITOR  := node_modules/.installed-$(shell cat package-lock.json | sha1sum | cut -c1-12)
ESLINT  := node node_modules/eslint/bin/eslint.js
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve serve-internal serve-manual edit build manual test lint browser postgresql nginx node clean bench bench-feedback bench-import

## serve: build the sample help centre and serve it at http://127.0.0.1:8000 (`lanterne serve`: live preview), with the
## feedback service beside it at http://127.0.0.1:8001 (reactions land in feedback.sqlite3); Ctrl-C stops both
serve: $(STAMP)
	@$(BIN)/python -m lanterne.feedback serve --host $(HOST) --port $(FEEDBACK_PORT) --database feedback.sqlite3 \
	    --manifest http://$(HOST):$(PORT)/lanterne/feedback-manifest.json & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  LANTERNE_FEEDBACK_ENDPOINT=http://$(HOST):$(FEEDBACK_PORT)/reactions $(BIN)/lanterne serve --dev-addr $(HOST):$(PORT)

## serve-internal: the internal support reference at http://127.0.0.1:8000 with its health pages, built from the
## report of the feedback service it runs beside it at http://127.0.0.1:8001 (feedback.sqlite3, shared with `make
## serve`). The figures are those of the last build: save any file to rebuild. Ctrl-C stops both
serve-internal: $(STAMP)
	@export LANTERNE_FEEDBACK_REPORT_TOKEN=$${LANTERNE_FEEDBACK_REPORT_TOKEN:-$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))')}; \
	  $(BIN)/python -m lanterne.feedback serve --host $(HOST) --port $(FEEDBACK_PORT) --database feedback.sqlite3 \
	    --manifest http://$(HOST):$(PORT)/lanterne/feedback-manifest.json & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python -c "import socket, time; any(socket.socket().connect_ex(('$(HOST)', $(FEEDBACK_PORT))) == 0 or time.sleep(.1) for _ in range(100))"; \
	  LANTERNE_FEEDBACK_ENDPOINT=http://$(HOST):$(FEEDBACK_PORT)/reactions LANTERNE_FEEDBACK_REPORT=http://$(HOST):$(FEEDBACK_PORT)/report \
	    $(BIN)/mkdocs serve --strict -f mkdocs.internal.yml --dev-addr $(HOST):$(PORT)

## edit: the editor in the browser at http://127.0.0.1:8000/admin/, beside the live preview of the internal build at
## http://127.0.0.1:8000/: Decap CMS saves through its local proxy (decap-server on 127.0.0.1:8081) into docs/ of this
## working tree. EDITOR_MODE=git makes each save a draft on its own branch, merged when published. Ctrl-C stops both
edit: $(STAMP) $(EDITOR)
	@rm -rf .lanterne-edit
	@BIND_HOST=$(HOST) PORT=$(EDITOR_PORT) GIT_REPO_DIRECTORY=$(CURDIR) MODE=$(EDITOR_MODE) node node_modules/decap-server/dist/index.js & \
	  proxy=$$!; $(BIN)/lanterne serve -f mkdocs.internal.yml --site-dir .lanterne-edit --dev-addr $(HOST):$(PORT) & \
	  preview=$$!; trap 'kill $$proxy $$preview 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python -c "import socket, time; any(socket.socket().connect_ex(('$(HOST)', $(PORT))) == 0 or time.sleep(.2) for _ in range(600))"; \
	  $(BIN)/lanterne cms -f mkdocs.internal.yml --site-dir .lanterne-edit --local-proxy http://$(HOST):$(EDITOR_PORT)/api/v1 \
	    $(if $(filter git,$(EDITOR_MODE)),--editorial-workflow) && echo "Editor: http://$(HOST):$(PORT)/admin/"; wait $$preview

## build: public help centre into site/, internal support reference into site-internal/
build: $(STAMP)
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs build --strict -f mkdocs.internal.yml

## manual: Lanterne's manual (manual/, a help centre built by Lanterne) into manual/site/, strict
manual: $(STAMP)
	$(BIN)/mkdocs build --strict -f manual/mkdocs.yml

## serve-manual: the manual with the live preview at http://127.0.0.1:8000 (`lanterne serve -f manual/mkdocs.yml`)
serve-manual: $(STAMP)
	$(BIN)/lanterne serve -f manual/mkdocs.yml --dev-addr $(HOST):$(PORT)

## test: lint (Python and JavaScript), then the engine tests (pytest: fixture sites, browser tests in Chromium), then lanterne check on docs/
## (the sample) and on manual/ (the manual: links, leaks, accessibility and its own search queries)
test: $(STAMP) $(EDITOR) browser postgresql nginx
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(ESLINT) .
	$(BIN)/pytest
	$(BIN)/lanterne check
	$(BIN)/lanterne check -f manual/mkdocs.yml

## bench: BENCHMARKS.md anew, from one run of today's code (about 30 minutes on a quiet machine; each figure says the
## load average it was taken at, with a warning above 2.5): the build against bare Material at N = 500, the cold build
## against Material + prune at N = 2000 and 5000 (3 pairs, alternating) and the Python-Markdown floor, the live preview,
## git dates, the feedback service under load and the import
bench: $(STAMP) browser postgresql
	$(BIN)/python bench/build_bench.py --fresh --sizes 500 --runs 3 --no-search $(BENCH_ARGS)
	$(BIN)/python bench/cold_bench.py --sizes 2000,5000 --pairs 3 --profile 2000
	$(BIN)/python bench/preview_bench.py --sizes 2000,5000 --edits 5
	$(BIN)/python bench/gitdates_bench.py
	$(BIN)/python bench/feedback_load.py
	$(BIN)/python bench/import_bench.py

## bench-import: `lanterne import zendesk` of 2,000 articles with translations and 3,000 images from a local stand-in of
## the Zendesk API (about a minute); writes its section of BENCHMARKS.md
bench-import: $(STAMP)
	$(BIN)/python bench/import_bench.py

## bench-feedback: the feedback service under load, SQLite in one process against PostgreSQL with 4 workers (about
## two minutes; a throwaway cluster on 127.0.0.1); writes its section of BENCHMARKS.md
bench-feedback: $(STAMP) postgresql
	$(BIN)/python bench/feedback_load.py

## screenshots: build the sample and write PNGs of the home, a collection, an article, the search results and the
## widget open, light and dark, at 1280 and 390 px, into screenshots/ (tools/screenshots.py; the README and the manual show some);
## and the internal build's health pages read from a seeded feedback service (tools/health_screenshots.py)
screenshots: $(STAMP) browser
	$(BIN)/python tools/screenshots.py
	$(BIN)/python tools/health_screenshots.py

## lint: ruff and import-linter on the Python, eslint (pinned in package.json, eslint.config.mjs) on the JavaScript
lint: $(STAMP) $(EDITOR)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(ESLINT) .

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

## browser: Debian's Chromium for the browser tests (Playwright drives it; never `playwright install`)
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

## postgresql: Debian's PostgreSQL server programs for the feedback tests, which start and remove a throwaway cluster
## on 127.0.0.1 themselves (the package's own cluster is not used)
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq postgresql; }

## nginx: Debian's nginx for the production test (tests/test_production.py), which runs it on 127.0.0.1 itself
nginx:
	@[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx; }

## node: Node.js and npm from Debian's packages, if the machine has none, for the editor's pinned npm packages
node:
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm; }

# The npm packages, exactly as package-lock.json pins them: the editor (Decap CMS, its local proxy, a YAML reader)
# and eslint, which `make lint` and `make test` run on the engine's JavaScript.
$(EDITOR): package-lock.json | node
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

clean:
	rm -rf site site-internal manual/site .lanterne-edit .pytest_cache
