# citygraph: the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared
DEMO_STORE ?= demo-store

.PHONY: install demo test eval lint gazetteer docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install citygraph with its dependencies

demo: install  ## ingest the sample articles of data/ and show what was found
	rm -rf $(DEMO_STORE)
	$(BIN)/citygraph ingest data/articles --store $(DEMO_STORE)
	$(BIN)/citygraph stats --store $(DEMO_STORE)
	$(BIN)/citygraph list agreements --store $(DEMO_STORE)

test: install  ## the whole test suite
	$(BIN)/python -m pytest

eval: install  ## score the extractor on the dev corpus; fail below the floor in scripts/eval_floor.json
	$(BIN)/python scripts/check_eval.py --shared $(SHARED)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

gazetteer: install  ## rebuild data/gazetteer from ../shared/data and the packages (installed by .[dev])
	$(BIN)/python data/gazetteer/build_gazetteer.py --shared $(SHARED)/data

docs: install  ## the ontology reference: docs/ontology/*.html from ontology/*.ttl (commit the result)
	$(BIN)/python -m citygraph.docs docs/ontology

clean:
	rm -rf $(VENV) $(DEMO_STORE) .pytest_cache
