# Two entry points for a fresh Debian/Ubuntu machine with Python 3.11: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve site offline pdf test benchmark chromium clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(BIN)/.installed

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: install
	$(BIN)/mkdocs build --strict --site-dir site

# dist/psa-werkboek-offline.zip: the site for file://, e.g. from a USB stick.
offline: install
	$(BIN)/python tools/editions.py offline

# dist/psa-werkboek.pdf (the whole book) and dist/psa-werkboek-handouts.pdf (every instrument, blank).
pdf: install chromium
	$(BIN)/python tools/editions.py pdf

# Debian's Chromium; Playwright's own browser download is not used.
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

test: install chromium
	$(BIN)/python -m pytest

# Speed and size against a stock Material build, with the budgets beside them (see README, Speed and size). Not part
# of `make test`: it installs the pinned Lighthouse from npm (tools/lighthouse/) and takes about ten minutes.
benchmark: install chromium
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y npm; }
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
	$(BIN)/python tools/benchmark.py --lighthouse

clean:
	rm -rf site dist .pytest_cache test-results
