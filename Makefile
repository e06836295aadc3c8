# plancheck — developer tasks. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint,engine]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install plancheck with its engine, test and lint tools

# The main job: every bundled plan against the bundled actuals, as of today. Its exit code is
# information (1 lagging, 2 missed); only 3 and above (bad input, bad usage) fail the make target.
run: $(STAMP)
	$(BIN)/plancheck status || [ $$? -le 2 ]

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check plancheck tests benchmarks
	$(BIN)/mypy plancheck

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache benchmarks/data
