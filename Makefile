VENV := .venv
FLASK := $(VENV)/bin/flask --app wsgi.py
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
AXE := node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test translations browser lint extract-messages update-messages

run: $(RUNTIME) translations
	@mkdir -p instance
	bin/serve

test: $(DEV) translations browser $(AXE)
	$(VENV)/bin/python -m pytest -q $(PYTEST_ARGS)

$(RUNTIME): requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core from npm for tests/test_accessibility.py, at the version package-lock.json pins.
$(AXE): package-lock.json | browser
	npm ci --no-audit --no-fund
	touch $@

translations: $(RUNTIME)
	$(FLASK) translate compile

extract-messages: $(RUNTIME)
	$(FLASK) translate extract

update-messages: $(RUNTIME)
	$(FLASK) translate update

# Debian's Chromium for the browser journeys, poppler-utils for reading PDFs in tests,
# nginx for the several-processes test (started by the test itself, never as a service),
# npm for axe-core.
browser:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

lint: $(DEV)
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/ruff format --check app tests bench
