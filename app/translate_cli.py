"""`flask translate extract|update|compile`: pybabel with the project's options."""

import subprocess
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = PROJECT_ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
# Beyond pybabel's own (gettext, ngettext, …): name:1,2 takes singular and plural;
# _p: lazy_pgettext with its context first (the built-in action-field names);
# simple:2, simple_plural:2,3 and _s: the texts of simple mode (app/simple_language.py).
KEYWORDS = (
    "_l",
    "lazy_gettext",
    "lazy_ngettext:1,2",
    "plural_forms:1,2",
    "_p:1c,2",
    "simple:2",
    "simple_plural:2,3",
    "_s",
)
ABSOLUTE_PATH = click.Path(path_type=Path, resolve_path=True)

translate = AppGroup("translate", help="Extract, update and compile translations.")


def register(app):
    app.cli.add_command(translate)


def run_pybabel(command, *args, quiet=False):
    """Run the venv's pybabel from the project root; a failure stops the command."""
    pybabel = Path(sys.executable).parent / "pybabel"
    options = ["-q"] if quiet else []
    argv = [str(pybabel), *options, command, *map(str, args)]
    if subprocess.run(argv, cwd=PROJECT_ROOT).returncode:
        raise click.ClickException(f"pybabel {command} failed.")


def extract_template(output=TEMPLATE):
    keywords = [option for word in KEYWORDS for option in ("-k", word)]
    run_pybabel("extract", "-F", "babel.cfg", *keywords, "-o", output, ".")


@translate.command()
@click.option("-o", "--output", type=ABSOLUTE_PATH, default=TEMPLATE)
def extract(output):
    """Extract the strings of code and templates into messages.pot."""
    extract_template(output)


@translate.command()
def update():
    """Extract, then merge messages.pot into every catalogue."""
    extract_template()
    run_pybabel("update", "-i", TEMPLATE, "-d", TRANSLATIONS, "--no-fuzzy-matching")


@translate.command()
@click.argument("language")
def init(language):
    """Start the catalogue of a new language from the extracted strings."""
    extract_template()
    run_pybabel("init", "-i", TEMPLATE, "-d", TRANSLATIONS, "-l", language)


@translate.command("compile")
@click.option("-d", "--directory", type=ABSOLUTE_PATH, default=TRANSLATIONS)
def compile_catalogues(directory):
    """Compile the catalogues to the .mo files the app reads."""
    run_pybabel("compile", "-d", directory, quiet=True)
