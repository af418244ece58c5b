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

.PHONY: help setup run train shell test coverage bench validate lock sync-reference clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(VENV)/.installed: requirements.lock
	@test -x $(BIN)/python || $$(scripts/find-python310.sh) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==24.0
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip check
	@touch $@

setup: $(VENV)/.installed  ## create .venv (Python 3.10) with the pinned dependencies

train: setup  ## train the model if data or config changed (prints the model path and time)
	@start=$$(date +%s); $(RASA) train --fixed-model-name kyra --out models --num-threads 2; \
	  echo "model: models/kyra.tar.gz, $$(( $$(date +%s) - start )) s"

run: train  ## set up, train if needed, start the Rasa server (:5005) and the action server (:5055)
	@echo "KYRA: REST channel http://127.0.0.1:$(RASA_PORT)/webhooks/rest/webhook — chat with 'make shell' in another terminal. Ctrl-C stops."
	$(BIN)/honcho start -f Procfile

shell: setup  ## chat in the terminal with the server started by `make run`
	$(BIN)/python -m scripts.chat

validate: setup  ## rasa data validate
	$(RASA) data validate --fail-on-warnings

test: setup  ## set up and run every test (trains the model, starts servers on 127.0.0.1)
	$(BIN)/python -m pytest -q tests

coverage: setup  ## translation/review table per language and NLU example counts per intent
	$(BIN)/python -m scripts.coverage

bench: train  ## NLU, language-ID, latency, training-time and memory figures -> reports/bench.md
	$(BIN)/python -m scripts.bench

lock: setup  ## re-pin requirements.lock from the installed environment
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock

sync-reference:  ## copy ../shared reference data into content/reference/
	cp ../shared/spec/topics.yml ../shared/reference/rights_facts.yml ../shared/reference/services.yml content/reference/

clean:  ## remove models, caches and the local tracker database
	rm -rf models .rasa kyra.db reports/*.png
