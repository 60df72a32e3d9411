"""Every shipped catalogue translates every string that code and templates use."""

import re
import shutil
from collections import Counter
from gettext import GNUTranslations, c2py

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from app.config import Config
from app.translate_cli import KEYWORDS, PROJECT_ROOT, TRANSLATIONS

CATALOGUES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
PLACEHOLDER = re.compile(r"%%|%(\(\w+\))?[#0 +-]*\d*(\.\d+)?[diouxXeEfFgGcrsa]")
UPDATE_HINT = "run `make update-messages` and translate the new strings"


@pytest.fixture(scope="module")
def source_messages():
    """(msgid, context) of every string `pybabel extract` would put in the template."""
    with open(PROJECT_ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(KEYWORDS)}
    found = extract_from_dir(PROJECT_ROOT, method_map, options_map, keywords)
    return {(message_id, context) for _, _, message_id, _, context in found}


@pytest.fixture(scope="module", params=CATALOGUES, ids=lambda path: path.parts[-3])
def catalogue(request):
    with request.param.open("rb") as po:
        return read_po(po)


def translations(catalogue):
    """The catalogue's real entries (no header), each with its msgstr forms."""
    for message in catalogue:
        if message.id:
            strings = message.string if message.pluralizable else (message.string,)
            yield message, strings


def placeholders(text):
    found = Counter(match.group(0) for match in PLACEHOLDER.finditer(text))
    del found["%%"]
    return found


def test_every_configured_language_ships_a_catalogue():
    shipped = {path.parts[-3] for path in CATALOGUES}
    assert set(Config.LANGUAGES) <= shipped


def test_catalogue_has_every_extracted_string(catalogue, source_messages):
    missing = [
        message_id
        for message_id, context in source_messages
        if catalogue.get(message_id, context) is None
    ]
    assert not missing, f"{catalogue.locale}: {UPDATE_HINT}: {missing}"


def test_catalogue_has_no_empty_or_fuzzy_translation(catalogue):
    unfinished = [
        message.id
        for message, strings in translations(catalogue)
        if message.fuzzy or not all(strings)
    ]
    assert not catalogue.fuzzy and not unfinished, f"{catalogue.locale}: {unfinished}"


def test_translations_keep_the_placeholders_of_their_source(catalogue):
    wrong = []
    for message, strings in translations(catalogue):
        if message.pluralizable:
            allowed = placeholders(message.id[0]) | placeholders(message.id[1])
            wrong += [text for text in strings if placeholders(text) - allowed]
        elif placeholders(message.string) != placeholders(message.id):
            wrong.append(message.string)
    assert not wrong, f"{catalogue.locale}: {wrong}"


def test_a_plural_form_for_many_keeps_every_placeholder(catalogue):
    """Where a language's form also serves counts other than one (all counts in
    Turkish and Persian, 21 and 31 in Russian), it must say everything the
    plural says: "%(max)s per card" left out of form 0 is lost for those counts
    (GNU msgfmt -c refuses such a catalogue)."""
    forms_for_many = {
        catalogue.plural_expr and c2py(catalogue.plural_expr)(n) for n in range(2, 1000)
    }
    wrong = [
        (message.id[1], index)
        for message, strings in translations(catalogue)
        if message.pluralizable
        for index, text in enumerate(strings)
        if index in forms_for_many
        and set(placeholders(message.id[1])) - set(placeholders(text))
    ]
    assert not wrong, f"{catalogue.locale}: {wrong}"


def test_catalogue_compiles_to_a_working_mo_file(catalogue, tmp_path):
    errors = [(m.lineno, error) for m, errs in catalogue.check() for error in errs]
    assert not errors
    mo_path = tmp_path / "messages.mo"
    with mo_path.open("wb") as mo:
        write_mo(mo, catalogue)
    with mo_path.open("rb") as mo:
        compiled = GNUTranslations(mo)
    for message, strings in translations(catalogue):
        if not message.pluralizable and not message.context:
            assert compiled.gettext(message.id) == strings[0]


def test_flask_translate_extract_finds_the_strings_the_tests_check(
    app, tmp_path, source_messages
):
    template = tmp_path / "messages.pot"
    result = app.test_cli_runner().invoke(
        args=["translate", "extract", "-o", str(template)]
    )
    assert result.exit_code == 0, result.output
    with template.open("rb") as pot:
        extracted = {(m.id, m.context) for m in read_po(pot) if m.id}
    assert extracted == source_messages


def test_flask_translate_compile_writes_an_mo_file_per_catalogue(app, tmp_path):
    shutil.copytree(TRANSLATIONS, tmp_path, dirs_exist_ok=True)
    result = app.test_cli_runner().invoke(
        args=["translate", "compile", "-d", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    for path in CATALOGUES:
        relative = path.relative_to(TRANSLATIONS).with_suffix(".mo")
        assert (tmp_path / relative).stat().st_size > 0


def test_flask_translate_compile_fails_on_a_broken_placeholder(app, tmp_path):
    catalogue = Catalog(locale="de", fuzzy=False)
    catalogue.add("Table %(number)s", "Tisch %(nummer)s", flags=["python-format"])
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as po:
        write_po(po, catalogue)
    result = app.test_cli_runner().invoke(
        args=["translate", "compile", "-d", str(tmp_path)]
    )
    assert result.exit_code != 0
