# GIPZ — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export GIPZ_STATIC_FROM_SOURCE ?= true
export GIPZ_ALLOW_INSECURE_KEY ?= true
# The demo serves plain http://127.0.0.1; production keeps the HTTPS defaults (docs/operations.md).
export GIPZ_HTTPS ?= false
# The demo logs in without a second factor (every page says so); production requires one.
export GIPZ_REQUIRE_2FA ?= false

.PHONY: frontend frontend-check demo test smoke restore-drill fault-drill wal-drill test-postgres test-api-fuzz test-browser lint schema schema-check lock bench bench-first-night bench-live bench-find bench-phone bench-sim bench-accesslog bench-monitoring messages clean

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("GIPZ needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	@# The pip a venv starts with (23.x with Python 3.11) refuses hash-pinned packages whose dependents ask for an
	@# extra (weasyprint -> fonttools[woff]) once a newer release of that package exists; 24.2 and later do not.
	$(BIN)/python -m pip install --quiet "pip>=24.2"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/gipz migrate --no-input -v0
	$(BIN)/gipz loaddemo
	$(BIN)/gipz serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/pytest -m "not browser and not fuzz" -n 2 -q

test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -m "not browser and not fuzz" -n 2 -q

# The API against its committed OpenAPI schema (schemathesis, bounded): no 5xx, answers as documented.
test-api-fuzz: $(STAMP)
	$(BIN)/pytest -m fuzz -q -p no:xdist

smoke: $(STAMP)
	$(BIN)/python deploy/smoke.py

# The production layout while escalations come due: the mail server down and up, a worker killed, the database's
# connections cut. Every escalation once and at most 60 s late, every alert once, no 5xx outside the outage.
fault-drill: $(STAMP)
	$(BIN)/python deploy/fault_drill.py

# Continuous archiving and failover, for real: point-in-time recovery from a base backup and archived WAL, and a
# streaming standby promoted (a PostgreSQL cluster of its own; needs PostgreSQL's server binaries).
wal-drill: $(STAMP)
	$(BIN)/python deploy/wal_drill.py

# A backup taken while GIPZ is busy restores into an empty database and over the busy one; the access log verifies.
restore-drill: $(STAMP)
	$(BIN)/python deploy/restore_drill.py

test-browser: $(STAMP)
	$(BIN)/pytest -m browser -q -p no:xdist

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

schema: $(STAMP)
	$(BIN)/gipz spectacular --lang en --validate --file docs/openapi.yaml

schema-check: $(STAMP)
	$(BIN)/gipz spectacular --lang en --validate --file var/openapi.yaml
	diff -u docs/openapi.yaml var/openapi.yaml

# Translations: .po and the compiled .mo files are committed, so a newcomer needs no gettext tools.
messages: $(STAMP)
	cd src/gipz && ../../$(BIN)/django-admin makemessages -l nl -l en --ignore=tests --no-obsolete
	$(BIN)/gipz compilemessages --ignore=.venv -v0

# The NL Design System stylesheets and the GIPZ token theme (frontend/). Their output is committed, so only someone
# changing the look needs Node.js: `make frontend` after editing frontend/tokens or frontend/package.json.
FRONTEND_OUT := src/gipz/static/vendor/nl-design-system src/gipz/static/gipz/theme.css
frontend:
	cd frontend && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && node build.mjs

# CI: the committed stylesheets are exactly what the locked packages and the tokens build.
frontend-check: frontend
	@test -z "$$(git status --porcelain -- $(FRONTEND_OUT))" || { git status --short -- $(FRONTEND_OUT); \
	  echo "The committed NL Design System files differ from what frontend/ builds: run make frontend and commit."; exit 1; }

lock:
	$(BIN)/pip-compile --quiet --allow-unsafe --extra dev --generate-hashes --strip-extras -o requirements/lock.txt pyproject.toml

bench: bench-sim bench-accesslog bench-monitoring bench-phone bench-find bench-live bench-first-night
	$(BIN)/python bench/intake.py

# Escalations during a burst of 1,000 due alert deliveries (two workers, PostgreSQL), and the SQLite demo under 20
# clients.
bench-first-night: $(STAMP)
	$(BIN)/python bench/first_night.py

# 1,000 open live boards held by server push (uvicorn, PostgreSQL) and how fast a change reaches them.
bench-live: $(STAMP)
	$(BIN)/python bench/live.py

# Finding a melding in 1.5 million on PostgreSQL: every filtered list and API page, first and a million rows deep.
bench-find: $(STAMP)
	$(BIN)/python bench/find.py

# A minimal melding on a phone: chromium at 390x844 on slow 4G with a slowed CPU, plus published typing/tapping times.
bench-phone: $(STAMP)
	$(BIN)/python bench/phone_intake.py

# Simulator speed against ciw, and a simulated year of Midden-Nederland and of the country (no database needed).
bench-sim: $(STAMP)
	$(BIN)/python bench/simulation.py --write

clean:
	rm -rf $(VENV) var

# The access log: writes through the hash chain and `gipz audit verify`, on SQLite and PostgreSQL.
bench-accesslog: $(STAMP)
	$(BIN)/python bench/accesslog.py

# Factsheet and comparison on 1.5 million synthetic situations (PostgreSQL and SQLite) beside DuckDB. The first run
# generates the data (about half an hour on 2 cores); later runs reuse it.
bench-monitoring: $(STAMP)
	$(BIN)/python bench/monitoring.py
