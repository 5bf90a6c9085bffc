# 还款助手 — `make run` starts the assistant on the demo store; `make test` is everything CI checks.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MODEL := models/huankuan.tar.gz

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
# The local commands run in development (demo pages, development secrets) — the explicit switch; the
# cluster runs in production unless told otherwise (`make run-cluster ASSISTANT_ENV=development`).
ifeq ($(filter run-cluster,$(MAKECMDGOALS)),)
export ASSISTANT_ENV ?= development
endif
export ASSISTANT_JWT_SECRET ?= $(if $(filter development,$(ASSISTANT_ENV)),dev-only-secret-not-for-production,)
export SMS_OUTBOX ?= var/sms_outbox.jsonl
# The secret the Rasa server shows the action server (endpoints.yml, actions/server.py): given, or a
# new random one for the servers this command starts.
ifndef ACTION_SERVER_TOKEN
export ACTION_SERVER_TOKEN := $(shell head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
endif

.PHONY: browser fonts install seed train run shell test validate lint unit conversations e2e nlu-eval nlu-cv token clean bench run-cluster cluster-deps

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $$(scripts/python310) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

WIDGET := web/node_modules/socket.io-client/dist/socket.io.min.js

$(WIDGET): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --silent

# Debian's Chromium and a CJK font for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null && fc-list | grep -qi "Noto Sans CJK" || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; }

# Debian's TrueType CJK font the PDF documents are set in (ReportLab embeds TrueType, not Noto's CFF).
fonts:
	@test -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei; }

# Debian's nginx, the cluster's balancer.
cluster-deps:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light; }

install: $(STAMP) $(WIDGET)

seed: install
	$(BIN)/python -m loan_store.seed

# Rasa compares fingerprints itself: an unchanged project keeps the current model.
train: install
	$(BIN)/rasa train --fixed-model-name huankuan --out models

# What the model is made of: `make run` trains only when one of these is newer than the model (a
# no-change `rasa train` still takes ~9 s to check and repack; make's check takes none).
MODEL_INPUTS := config.yml domain.yml $(shell find data nlu policies -type f -not -path '*/__pycache__/*' 2>/dev/null)

$(MODEL): $(MODEL_INPUTS) $(STAMP)
	$(BIN)/rasa train --fixed-model-name huankuan --out models
	@touch $(MODEL)

run: seed fonts $(MODEL)
	scripts/run-servers

# Two Rasa servers and two action servers behind nginx on PostgreSQL, Redis and RabbitMQ (docs/cluster.md).
run-cluster: install train cluster-deps fonts
	scripts/run-cluster

shell: seed $(MODEL)
	scripts/run-servers --shell

token: install
	@$(BIN)/python -c "import sys; from auth.tokens import mint_host_token; print(mint_host_token(sys.argv[1]))" $${BORROWER:-B001}

validate: install
	scripts/validate

# Style (ruff: lint and format, pyproject.toml) and the layering contracts (import-linter, pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

unit: install fonts
	$(BIN)/pytest tests/unit -q

conversations: train
	$(BIN)/rasa test core --model $(MODEL) --stories tests/conversations --fail-on-prediction-errors --out results/conversations

nlu-eval: train
	$(BIN)/python -m tests.nlu_report --model $(MODEL) --out reports/nlu

# Cross-validation of the NLU pipeline on the training data (on demand, not part of `make test`).
nlu-cv: install
	$(BIN)/rasa test nlu --nlu data/nlu --config config.yml --cross-validation --folds 5 --out reports/nlu-cv

e2e: seed $(MODEL) browser cluster-deps fonts
	$(BIN)/pytest tests/e2e -q

# The unit tests take one core; the model's training, conversation tests and NLU gates run beside
# them on the other (on 2 cores ~5 min instead of ~9). Each target's output is printed whole when
# it ends. The browser and cluster tests come after, alone: they time real servers.
test: validate lint
	$(MAKE) --no-print-directory --output-sync=target -j2 unit conversations nlu-eval
	$(MAKE) --no-print-directory e2e

# The stock `rasa init` bot, this assistant and the cluster side by side (on demand, not part of `make test`).
bench: install fonts cluster-deps
	$(BIN)/python -m bench.run --out reports/bench

# Planning a day of contacts for a generated store on PostgreSQL (issue #19; `make bench` records it too).
.PHONY: bench-contacts
bench-contacts: install
	$(BIN)/python -m bench.contacts --borrowers $(or $(BORROWERS),100000) --out reports/bench

# Analytics (issue #8): the consumer stores the event broker's tracker events (ANALYTICS_DATABASE_URL,
# RABBITMQ_URL, ANALYTICS_QUEUE, ANALYTICS_SALT); the report prints the figures and draws a PNG
# (`make analytics-report DAYS=7` for the last week).
.PHONY: analytics-consumer analytics-report

analytics-consumer: install
	$(BIN)/python -m analytics.consumer

analytics-report: install
	$(BIN)/python -m analytics.report --out reports/analytics $(if $(DAYS),--days $(DAYS))

# The Official Account's menu (channels/wechat_menu.json), created through WeChat's menu API at deploy
# time with WECHAT_APPID, WECHAT_SECRET, WECHAT_API_BASE and REDIS_URL (the replicas' shared token).
.PHONY: wechat-menu

wechat-menu: $(STAMP)
	$(BIN)/python -m channels.wechat_menu

clean:
	rm -rf models results reports .pytest_cache

# The contact engine (issue #19): one day by hand (`make contact-run DAY=2026-11-20`), the scheduler
# process (`make run` starts it), the compliance report (`make contact-report FROM=… TO=…`).
.PHONY: contact-run contact-report
contact-run: seed
	$(BIN)/python -m outreach.run $(if $(DAY),--day $(DAY)) $(if $(UNTIL),--until $(UNTIL))

contact-report: seed
	$(BIN)/python -m outreach.report $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO)) --out reports/contacts
