# KYRA — every job is one make target. `make help` lists them.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
RASA := $(BIN)/rasa

export PYTHONPATH := $(CURDIR)
export ACTIONS_PORT ?= 5055
export RASA_PORT ?= 5005
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:$(ACTIONS_PORT)/webhook
export TRACKER_DB ?= $(CURDIR)/kyra.db
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export RASA_TELEMETRY_ENABLED ?= false
# the action server listens on loopback only (rasa-sdk reads SANIC_HOST)
export SANIC_HOST ?= 127.0.0.1

.PHONY: help setup run train shell test coverage bench bench-emergency cases bench-telegram validate eval new-language review review-apply lock sync-reference clean browser-deps widget-snippet server-deps test-scale bench-scale purge stats

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(VENV)/.installed: requirements.lock
	@test -x $(BIN)/python || $$(scripts/find-python310.sh) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==24.0
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip check
	@touch $@

setup: $(VENV)/.installed  ## create .venv (Python 3.10) with the pinned dependencies

# Fixed seed: random_seed on DIET in config.yml (make validate checks it). Rasa reuses the unchanged steps of
# the training graph from its cache, .rasa/cache (RASA_CACHE_DIRECTORY; `make clean` empties it).
train: setup  ## train the model if data or config changed (fixed seed, cached steps; prints the model path and time)
	@start=$$(date +%s); $(RASA) train --fixed-model-name kyra --out models --num-threads 2 \
	  && echo "model: models/kyra.tar.gz, $$(( $$(date +%s) - start )) s"

run: train  ## set up, train if needed, start the Rasa server (:5005) and the action server (:5055)
	@echo "KYRA: REST channel http://127.0.0.1:$(RASA_PORT)/webhooks/rest/webhook — chat with 'make shell' in another terminal. Ctrl-C stops."
	@echo "KYRA web widget demo: http://127.0.0.1:$(RASA_PORT)/widget/demo/ (embed code: make widget-snippet)"
	$(BIN)/honcho start -f Procfile

shell: setup  ## chat in the terminal with the server started by `make run`
	$(BIN)/python -m scripts.chat

validate: setup  ## rasa data validate + the project's own data checks (scripts/validate.py)
	$(BIN)/python -m scripts.validate --rasa

# The widget's browser tests use Debian's Chromium (CI runs as root on a fresh Debian machine); without it they skip.
browser-deps:  ## install Chromium for the web widget's browser tests (apt-get, only if /usr/bin/chromium is missing)
	@test -x /usr/bin/chromium || { { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; } \
	  || echo "browser-deps: could not install chromium (not root? no network?): the widget's browser tests will be skipped"; }

widget-snippet: setup  ## print the web widget's <script> tag (SRI hash) and host CSP; WIDGET_SERVER=https://your.kyra.server
	$(BIN)/python -m scripts.widget_snippet --server $(or $(WIDGET_SERVER),http://127.0.0.1:$(RASA_PORT))

test: setup browser-deps server-deps  ## set up and run every test (trains the model, starts servers on 127.0.0.1)
	$(BIN)/python -m pytest -q tests

# Redis, PostgreSQL and nginx for the scale tests and the PostgreSQL privacy tests; started by the tests
# themselves on 127.0.0.1 (scripts/debian_servers.py), never as system services.
SERVER_PACKAGES := redis-server postgresql nginx-light
server-deps:  ## install Redis, PostgreSQL and nginx from Debian (apt-get, only those missing)
	@missing=$$(for p in $(SERVER_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	test -z "$$missing" || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; }

test-scale: setup server-deps  ## two Rasa replicas + action server behind nginx, PostgreSQL, Redis: load, bursts, faults
	$(BIN)/python -m pytest -q tests/scale

bench-scale: train server-deps  ## throughput and p95, 1 vs 2 replicas; burst integrity vs Rasa's RedisLockStore -> reports/scale.md
	$(BIN)/python -m scripts.bench_scale

coverage: setup  ## translation/review table per language and NLU example counts per intent
	$(BIN)/python -m scripts.coverage

# LANG=xx on the command line picks a language (the LANG locale variable of the environment does not).
ONE_LANG = $(if $(filter command line,$(origin LANG)),$(LANG))

eval: setup  ## NLU report on the held-out sets -> reports/eval.md + PNGs (CV=5 LANG=es: cross-validation, slow)
	PYTHONUTF8=1 $(BIN)/python -m scripts.eval $(if $(CV),--cv $(CV)) $(if $(ONE_LANG),--language $(ONE_LANG))

new-language: setup  ## scaffold a language: make new-language LANG=sw (prints what is left to fill in)
	@PYTHONUTF8=1 $(BIN)/python -m scripts.new_language $(ONE_LANG)

review: setup  ## export badly understood messages (redacted) -> reviews/review-<date>.yml (SINCE=YYYY-MM-DD)
	@$(BIN)/python -m scripts.review export $(if $(SINCE),--since $(SINCE))

review-apply: setup  ## check an annotated review file and merge it into the training data: FILE=reviews/...
	@test -n "$(FILE)" || { echo "usage: make review-apply FILE=reviews/review-<date>.yml"; exit 2; }
	@$(BIN)/python -m scripts.review apply "$(FILE)"

bench: train  ## NLU, language-ID, latency, training-time and memory figures -> reports/bench.md
	$(BIN)/python -m scripts.bench

bench-emergency: train  ## emergency recall/false alarms, handoff intents, countries per language -> reports/emergency.md
	$(BIN)/python -m scripts.bench_emergency

cases: setup  ## caseworkers: list warm-handoff referrals in the SQLite inbox (python -m scripts.cases --help)
	@$(BIN)/python -m scripts.cases list

purge: setup  ## delete conversations and cases older than DAYS=30 days from every store (prints counts only)
	@$(BIN)/python -m scripts.purge --days $(or $(DAYS),30)

stats: setup  ## CSV of counts per day x language x topic x country x handoff, <5 suppressed (SINCE= UNTIL= OUT= K=5)
	@$(BIN)/python -m scripts.stats $(if $(SINCE),--since $(SINCE)) $(if $(UNTIL),--until $(UNTIL)) $(if $(OUT),--out $(OUT)) --min-count $(or $(K),5)

bench-telegram: train  ## Telegram front end: 200 chats x 5 messages, fake Bot API, real Rasa -> reports/telegram-bench.md
	$(BIN)/python -m scripts.bench_telegram

lock: setup  ## re-pin requirements.lock from the installed environment
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock

sync-reference:  ## copy ../shared reference data into content/reference/
	cp ../shared/spec/topics.yml ../shared/reference/rights_facts.yml ../shared/reference/services.yml content/reference/

clean:  ## remove models, caches and the local tracker database
	rm -rf models .rasa kyra.db reports/*.png
