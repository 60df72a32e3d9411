VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi.py
STAMP := $(VENV)/.installed

.PHONY: run test setup translations browser lint extract-messages update-messages

run: setup
	bin/serve

setup: $(STAMP) translations
	@mkdir -p instance

$(STAMP): requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

translations: $(STAMP)
	$(FLASK) translate compile

extract-messages: $(STAMP)
	$(FLASK) translate extract

update-messages: $(STAMP)
	$(FLASK) translate update

browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils)

test: setup browser
	$(VENV)/bin/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench
