# LLP Certificates — the two commands: `make demo` (run the product) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The suite also runs on Django 4.2 with XBlock 5 (Open edX Sumac and Teak), in a second virtualenv.
VENV42 ?= .venv-django42
BIN42 := $(VENV42)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install install-django42 lint migrations-check bench mutation messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The editable install also compiles the gettext catalogs (setup.py build_py, ADR 0041): redone when a .po changes.
$(VENV)/.installed: $(BIN)/python requirements/base.in requirements/production.in requirements/dev.in setup.py \
		$(wildcard llp_edx_plugin/conf/locale/*/LC_MESSAGES/*.po)
	$(BIN)/python -m pip install --quiet -r requirements/dev.in
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

$(VENV42)/.installed: requirements/base.in requirements/production.in requirements/dev.in setup.py
	$(PYTHON) -m venv $(VENV42)
	$(BIN42)/python -m pip install --quiet --upgrade pip
	$(BIN42)/python -m pip install --quiet -r requirements/dev.in "Django>=4.2,<4.3" "XBlock>=5,<6"
	$(BIN42)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install-django42: $(VENV42)/.installed

## Run the demo: migrate, seed, start a Celery worker and the web server on the embedded default.
demo: install
	HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) scripts/demo.sh

## Run the whole test suite (lint, layering, migrations, SQLite on Django 5.2 and 4.2, PostgreSQL + services).
test: install install-django42
	BIN=$(BIN) BIN42=$(BIN42) scripts/test.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: install
	BIN=$(BIN) $(BIN)/python bench/run.py

## Mutation testing of the pure policy modules ([tool.mutmut] in pyproject.toml); not part of CI's time budget.
mutation: install
	rm -rf mutants
	DATABASE_URL=sqlite:///:memory: $(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

## Update the es/fr catalogs from the marked strings (ADR 0041; needs GNU gettext: apt-get install gettext).
## New msgids come with an empty msgstr (English until translated); fuzzy guesses must be checked by hand.
messages: install
	DJANGO_SETTINGS_MODULE=settings.test $(BIN)/python manage.py makemessages -l es -l fr --add-location=file \
		--no-obsolete -i 'tests/*' -i 'bench/*' -i 'mutants/*' -i 'build/*' -i 'docs/*' -i 'scripts/*' -i 'var/*' \
		-i '*.egg-info/*'

clean:
	rm -rf $(VENV) $(VENV42) var build *.egg-info mutants
