# Đảng bộ số — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install install-dev run demo test lint typecheck pytest pytest-sqlite pytest-postgres \
        browser-deps render-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed          ## the virtualenv with the project

install-dev: $(VENV)/.installed-dev  ## plus what the tests need

demo: install                        ## the demo database (SQLite), if there is none
	$(BIN)/dangbo demo --if-empty

# The demo runs in development mode (DANGBO_DEBUG=1, Django's server): production is
# `dangbo serve` with the variables of README, "Chạy thật".
run: demo                            ## serve the back office with the demo at http://127.0.0.1:8000/quan-ly/
	@$(BIN)/dangbo logins --port $(PORT)
	@# DEBUG stays off (no debug page ever); the demo's own secret key is made once in data/.
	@test -s data/.demo-secret-key || (umask 077; $(BIN)/python -c \
	  "import secrets; print(secrets.token_urlsafe(50))" > data/.demo-secret-key)
	@echo "Bản demo chạy bằng máy chủ của Django (dangbo serve --dev), khóa bí mật riêng trong data/: không dùng cho máy thật (xem README, mục Chạy thật)."
	DANGBO_SECRET_KEY=$$(cat data/.demo-secret-key) $(BIN)/dangbo serve --dev --port $(PORT)

lint: install-dev
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: install-dev
	$(BIN)/mypy

# Debian's Chromium for the browser tests (never a browser download); best effort.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Cài Chromium của Debian cho kiểm thử trình duyệt..."; \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1)) || \
	    echo "Không cài được Chromium: bỏ qua kiểm thử trình duyệt."; \
	  else echo "Không có /usr/bin/chromium: bỏ qua kiểm thử trình duyệt."; fi; \
	fi

# LibreOffice (Debian's, without a GUI) for the test that a report's .docx renders to PDF.
render-deps:
	@if ! command -v soffice >/dev/null; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Cài LibreOffice của Debian cho kiểm thử báo cáo .docx..."; \
	    (apt-get install -y -q --no-install-recommends libreoffice-writer-nogui >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null 2>&1 && \
	      apt-get install -y -q --no-install-recommends libreoffice-writer-nogui >/dev/null 2>&1)) || \
	    echo "Không cài được LibreOffice: bỏ qua kiểm thử mở tệp .docx."; \
	  else echo "Không có LibreOffice (soffice): bỏ qua kiểm thử mở tệp .docx."; fi; \
	fi

pytest-sqlite: install-dev
	@echo "== pytest trên SQLite"
	env -u DATABASE_URL $(BIN)/pytest -q -n 2 $(PYTEST_ARGS)

pytest-postgres: install-dev
	@url=$$($(BIN)/python scripts/pg_url.py) ; \
	if [ -n "$$url" ]; then \
	  echo "== pytest trên PostgreSQL ($$url)"; \
	  DATABASE_URL=$$url $(BIN)/pytest -q -n 2 $(PYTEST_ARGS); \
	else \
	  echo "== BỎ QUA PostgreSQL: không có máy chủ (đặt DATABASE_URL hoặc chạy PostgreSQL ở 127.0.0.1:5432, CSDL test)"; \
	fi

test: install-dev browser-deps render-deps lint typecheck pytest-sqlite pytest-postgres  ## ruff, mypy, pytest on SQLite and PostgreSQL

bench: install-dev                   ## performance budgets, as ratios to a floor measured in the same run
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
