# `make run` and `make test` work on a fresh machine with only Python, make and the package
# registries: each creates the virtualenv, installs, migrates and loads the catalog first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CATALOG ?= catalog scenarios

.PHONY: install setup run serve test lint test-postgres superuser clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddata $(CATALOG)
	$(PY) manage.py check_catalog

run: setup
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-style: gunicorn with config.settings.prod (needs DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS; see docs/DEPLOY.md). WEB_CONCURRENCY sets the number of workers.
serve: install
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py loaddata $(CATALOG)
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.prod $(VENV)/bin/gunicorn config.wsgi \
		--bind $${BIND:-127.0.0.1:$(PORT)} --workers $${WEB_CONCURRENCY:-2} \
		--access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup lint
	./scripts/ensure-chromium
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# The whole suite against a real PostgreSQL server, installed and started when missing.
test-postgres: install
	DATABASE_URL=$$(./scripts/postgres-test-server) $(VENV)/bin/pytest -m "not browser"

superuser: setup
	$(PY) manage.py createsuperuser

# Times import_onet on a generated release of full size (900 occupations × 35 skills) in a
# throw-away database; prints rows, seconds and rows/s. Not a test.
bench-onet: install
	$(PY) bench/onet_import.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts .pytest_cache
