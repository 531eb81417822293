# GRC Citoyenne: the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help setup run start stop reset test lint bench two-servers backup restore clean

help:
	@echo "make run    set up everything, create the demo database, serve http://localhost:8069"
	@echo "make test   set up everything and run all tests and linters"
	@echo "make start / make stop   the same server in the background"
	@echo "make reset  drop and recreate the demo database"
	@echo "make lint   linters only;  make bench   benchmarks"
	@echo "make two-servers [ARGS='--template DB']   replica + two servers behind nginx, one killed under load"
	@echo "make backup [DB=grc]   database dump + filestore into backups/DB-DATE/"
	@echo "make restore BACKUP=backups/DB-DATE [DB=new_name]   restore into a new database"

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

# A streaming replica of the cluster, two Odoo servers behind nginx, a load
# run with one server killed (tests/benchmarks/two_servers.py; needs nginx).
two-servers: setup
	@bash scripts/pg.sh start
	@.venv/bin/python tests/benchmarks/two_servers.py $(ARGS)

backup:
	@bash scripts/backup.sh backup $(DB)

restore:
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<db>-<date> [DB=new_name]"; exit 2; }
	@bash scripts/backup.sh restore "$(BACKUP)" $(DB)

clean: stop
	rm -rf .venv .local
