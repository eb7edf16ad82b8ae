# counsel: two commands. `make run` sets everything up and opens counsel on the example
# office; `make test` sets everything up and runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 poppler-utils \
	postgresql

.PHONY: setup system-packages run test lint typecheck unit audit bench clean docx-check

setup: system-packages $(STAMP)

# WeasyPrint needs pango and harfbuzz-subset (without it every PDF is ~2.4x slower);
# Liberation Serif is metric-compatible with Times New Roman; poppler-utils reads PDFs back;
# postgresql: the register tests start their own throwaway server from its programs (as the
# `postgres` system user when run as root), so nothing needs to be running.
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing system packages; run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/counsel --office examples/office.toml

lint: setup
	$(BIN)/ruff check counsel tests bench tools
	$(BIN)/ruff format --check counsel tests bench tools

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q -n auto


# pip-audit fails the run on a known advisory; an unreachable advisory service is reported
# and does not fail it (tools/audit.py).
audit: setup
	$(BIN)/python tools/audit.py

test: lint typecheck unit audit

bench: setup
	$(BIN)/python bench/statutes.py
	$(BIN)/python bench/render.py
	$(BIN)/python bench/tui.py
	$(BIN)/python bench/register.py
	$(BIN)/python bench/batch.py --rows 1000

# Optional, not in CI: every DOCX laid out by LibreOffice against counsel's PDF (page count and
# words). Needs LibreOffice: apt-get install libreoffice-writer-nogui.
docx-check: setup
	$(BIN)/python tools/docx_check.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Regenerate counsel/statutes/ (section files) from ../shared: the committed data is this output.
.PHONY: statutes
statutes: setup
	$(BIN)/python -m counsel.law.importer ../shared
