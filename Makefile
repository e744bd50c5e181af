# Marsad: `make demo` serves the hub with example data; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Message catalogs (content.i18n): sources marsad.po per language, template marsad.pot; .mo are built.
LOCALES  := content/i18n/locales
KEYWORDS := -k NC_:1c,2 -k NN_:1,2 -k translate -k translate_plural:1,2 -k translate_context:1c,2

.PHONY: install demo test bench-search bench-ingest bench-graphql schema clean messages compile-messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/pybabel compile --domain marsad --directory $(LOCALES)
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/marsad demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

schema: $(STAMP)
	$(BIN)/marsad schema

bench-search: $(STAMP)
	$(BIN)/python bench/search.py

bench-ingest: $(STAMP)
	$(BIN)/python bench/ingest.py

bench-graphql: $(STAMP)
	$(BIN)/python bench/graphql_overhead.py

# Extract the user-facing strings into the template and merge it into each language's catalog; new
# entries come out untranslated (no fuzzy guesses) and tests/content/test_i18n.py fails until they are
# translated (`python -m content.i18n.compile --check` lists them).
messages: $(STAMP)
	$(BIN)/pybabel extract --mapping-file babel.cfg $(KEYWORDS) --add-comments TRANSLATORS: \
		--no-location --sort-output --width 110 --project Marsad --version 0.1.0 --copyright-holder Marsad \
		--output-file $(LOCALES)/marsad.pot .
	$(BIN)/pybabel update --domain marsad --input-file $(LOCALES)/marsad.pot --output-dir $(LOCALES) \
		--no-fuzzy-matching --ignore-obsolete --width 110
	$(BIN)/python -m content.i18n.compile --check || echo "Translate the entries above, then: make compile-messages"

compile-messages: $(STAMP)
	$(BIN)/pybabel compile --domain marsad --directory $(LOCALES) --statistics

clean:
	rm -rf $(VENV) var .pytest_cache
