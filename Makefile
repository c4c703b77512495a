# `make run` and `make test` work on a fresh machine with only Python, make and the package
# registries: each creates the virtualenv and installs first. `make run` also migrates and loads
# the catalog into db.sqlite3; the tests build their own database and leave that one alone.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CATALOG ?= catalog scenarios

.PHONY: install setup run serve test test-fast lint test-postgres superuser bench bench-onet bench-rescore \
	bench-growth loadtest clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddata $(CATALOG)
	$(PY) manage.py load_occupations
	$(PY) manage.py load_crosswalk
	$(PY) manage.py check_catalog

run: setup
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-style: gunicorn with config.settings.prod (needs DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS; see docs/DEPLOY.md). WEB_CONCURRENCY sets the number of workers.
# config/gunicorn.py: the access log on stdout, with the tokens in URLs masked, and
# X-Forwarded-Proto believed only from DJANGO_TRUSTED_PROXIES (docs/DEPLOY.md).
serve: install
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py loaddata $(CATALOG)
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.prod $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi \
		--bind $${BIND:-127.0.0.1:$(PORT)} --workers $${WEB_CONCURRENCY:-2}

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# The whole suite, headless-browser tests included. The migrations check compares the models
# with the migration files on an in-memory database, so that it does not create db.sqlite3.
test: install lint
	./scripts/ensure-chromium
	DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# The quick loop while working: everything but the browser tests, on SQLite.
test-fast: install lint
	$(VENV)/bin/pytest -m "not browser"

# The whole suite against a real PostgreSQL server, installed and started when missing; with a
# private Redis too, for the test of two app servers sharing both (tests/test_two_servers.py).
test-postgres: install
	url=$$(./scripts/postgres-test-server) && redis=$$(./scripts/redis-test-server) && \
		DATABASE_URL="$$url" TEST_REDIS_URL="$$redis" $(VENV)/bin/pytest -m "not browser"

superuser: setup
	$(PY) manage.py createsuperuser

# Times import_onet on a generated release of full size (900 occupations × 35 skills) in a
# throw-away database; prints rows, seconds and rows/s. Not a test.
bench-onet: install
	$(PY) bench/onet_import.py

# Requests per second, p50/p95 latency and SQL queries of the main pages next to /ping, on a
# throw-away database of 10,000 job seekers and 100,000 assessments (SQLite; PostgreSQL with
# BENCH_DATABASE_URL=$(./scripts/postgres-test-server)). Smaller: BENCH_ARGS="--users 1000
# --assessments 10000 --counselors 20 --seconds 2 --warmup 0.5"; with Redis, as several servers:
# --redis-url $(./scripts/redis-test-server) (the run's keys carry a prefix of its own and are
# deleted afterwards; nothing else in that Redis is touched). Marks each page against its target
# (GET 0.5 × /ping, POST 0.25 ×) and prints its server CPU per request, with a signed-in floor
# row (bench/floor.py, served by the bench's URLconf only). See docs/PERFORMANCE.md. Not a test.
bench: install
	$(PY) -m bench.pages $(BENCH_ARGS)

# Re-scoring: the same throwaway database, its results marked one scoring version back, then
# `rescore_results` timed (results per second) and the old version checked kept. PostgreSQL
# with BENCH_DATABASE_URL=$(./scripts/postgres-test-server); smaller with BENCH_ARGS as above.
# See docs/PERFORMANCE.md. Not a test.
bench-rescore: install
	$(PY) -m bench.rescoring $(BENCH_ARGS)

# Growth: each page's SQL queries and in-process server time as the stored results grow (100,
# 1,000, 10,000 and 100,000 assessments) and for roles of 10, 35 and 100 skills, in a throwaway
# database (SQLite; PostgreSQL with BENCH_DATABASE_URL=$(./scripts/postgres-test-server)).
# Marks each page whose queries grow, or whose time grows faster than its own size. A check in
# a minute: GROWTH_ARGS="--quick". See docs/PERFORMANCE.md. Not a test.
bench-growth: install
	$(PY) -m bench.growth $(GROWTH_ARGS)

# 50 job seekers taking an assessment end to end at once, against gunicorn on a fresh
# PostgreSQL database (scripts/postgres-test-server); then checks every answer was stored.
loadtest: install
	$(PY) -m bench.loadtest $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 test-db-*.sqlite3* staticfiles test-artifacts .pytest_cache
