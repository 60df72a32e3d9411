"""Counted messages for scripts: a page's script knows the count only when a push
arrives, so the page gets every plural form of the message, keyed by the CLDR
plural category (one, few, many, …), and live.js's plural() picks the form with
the browser's Intl.PluralRules. Babel derives the catalogues' plural formulas from
the same CLDR rules, so the script picks the form the server would."""

from functools import cache

from babel import Locale
from flask_babel import get_locale, get_translations

# Integers up to here show every category a language has for whole numbers.
SAMPLE_LIMIT = 1000


def plural_forms(singular, plural):
    """{category: the translated form}, placeholders left for the script to fill
    (%(num)s for the count). Extracted like ngettext (app/translate_cli.py)."""
    translations = get_translations()
    return {
        category: translations.ungettext(singular, plural, sample)
        for category, sample in category_samples(str(get_locale())).items()
    }


@cache
def category_samples(locale):
    """{CLDR plural category: the smallest whole number in it} for a locale;
    "other" always, as the fallback a script uses."""
    rule = Locale.parse(locale).plural_form
    samples = {}
    for number in range(SAMPLE_LIMIT):
        samples.setdefault(rule(number), number)
    samples.setdefault("other", 100)
    return samples
