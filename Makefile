# GRC Citoyenne: the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help setup run start stop reset test lint bench clean

help:
	@echo "make run    set up everything, create the demo database, serve http://localhost:8069"
	@echo "make test   set up everything and run all tests and linters"
	@echo "make start / make stop   the same server in the background"
	@echo "make reset  drop and recreate the demo database"
	@echo "make lint   linters only;  make bench   benchmarks"

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/server.sh run

start: setup
	@bash scripts/server.sh start

stop:
	@bash scripts/server.sh stop

reset: setup
	@bash scripts/server.sh reset

test:
	@GRC_WITH_BROWSER=1 bash scripts/setup.sh
	@bash scripts/test.sh

lint: setup
	@bash scripts/lint.sh

bench: setup
	@bash scripts/bench.sh

clean: stop
	rm -rf .venv .local
