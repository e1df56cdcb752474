# One entry point for newcomers and CI. `make demo` opens the notebooks, `make test` runs
# everything CI runs. Both set up what they need first, on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CHROMIUM := /usr/bin/chromium

.PHONY: setup build chromium demo test test-python test-js lint bench bench-quick notebooks clean fuzz

# --- set-up -----------------------------------------------------------------------------

$(BIN)/.installed: pyproject.toml package-lock.json
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-fund --no-audit
	touch $@

# The browser tests drive Debian's Chromium (Playwright's own download cannot work here).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; \
	fi

setup: node_modules/.installed $(BIN)/.installed chromium

# The bundle is git-ignored and rebuilt from js/ on every run (esbuild takes ~100 ms).
build: node_modules/.installed
	npm run -s build

# --- the main job -----------------------------------------------------------------------

# Jupyter refuses to run as root without --allow-root (containers, CI-like machines).
demo: setup build
	@ROOT=$$( [ "$$(id -u)" = 0 ] && echo --allow-root || true ); \
	if [ -n "$${DISPLAY:-}" ]; then \
	  cd notebooks && ../$(BIN)/jupyter lab $$ROOT 01-quickstart.ipynb; \
	else \
	  echo "No display: open the URL printed below in your browser."; \
	  cd notebooks && ../$(BIN)/jupyter lab $$ROOT --no-browser --ip=127.0.0.1 01-quickstart.ipynb; \
	fi

# --- checks -----------------------------------------------------------------------------

lint: setup
	$(BIN)/ruff check nbimage tests bench
	$(BIN)/ruff format --check nbimage tests bench
	$(BIN)/mypy
	npm run -s typecheck
	npm run -s lint

test-js: setup build
	npm test

# Unit, browser (real JupyterLab + Chromium) and notebook (nbval) tests in one pytest run.
test-python: setup build
	$(BIN)/pytest tests notebooks --nbval --nbval-sanitize-with notebooks/nbval-sanitize.cfg -p no:cacheprovider

# Re-execute the example notebooks and save their outputs (what nbval then compares).
notebooks: setup build
	$(PY) notebooks/build_notebooks.py

test: lint test-js bench-quick test-python

# The fuzz suite searching deeper than `make test` does: random seeds and
# NBIMAGE_FUZZ_EXAMPLES cases per test (10000: about 140000 cases, some half an hour).
fuzz: setup build
	NBIMAGE_FUZZ_DEEP=1 NBIMAGE_FUZZ_EXAMPLES=$${NBIMAGE_FUZZ_EXAMPLES:-10000} \
	  $(BIN)/pytest tests/fuzz -p no:cacheprovider -o timeout=0

# --- benchmarks -------------------------------------------------------------------------

bench: setup build
	$(PY) bench/run.py

bench-quick: setup build
	$(PY) bench/run.py --quick

clean:
	rm -rf $(VENV) node_modules nbimage/static test-artifacts bench/results
