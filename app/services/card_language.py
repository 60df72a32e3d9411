"""The language a card is written in: detected from its text on the server, else
the writer's choice, else the phone's language; the writer can correct it.

Detection uses lingua (its models are compiled into the PyPI package: nothing is
downloaded) restricted to the phone languages, in its low-accuracy mode: 28 MB and
0.1 s to load instead of 280 MB and 3 s, and no wrong answer on our card samples
above CONFIDENCE (bench/card_language.py measures all of this).
"""

import re
import threading

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.extensions import db, socketio
from app.live import broadcast
from app.models import DomainError
from app.ratelimit import limit_phone_actions
from app.services import machine_translation
from app.services.translations import replan_for_language

# Below this share of the detector's confidence a text is too mixed to tell, and
# with fewer letters too short (a greeting like "سلام" is Arabic and Farsi alike);
# chosen with bench/card_language.py: no wrong answer on its samples.
CONFIDENCE = 0.8
MIN_LETTERS = 10
# A card in two scripts (German and Arabic, say) is as much one as the other: the
# writer's choice decides. The detector itself is sure of either half.
MIXED_SHARE = 0.3
SCRIPTS = [  # the letters of Latin, Cyrillic and Arabic (with Farsi) script
    re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
    re.compile(r"[\u0400-\u052f]"),
    re.compile(r"[\u0600-\u077f\ufb50-\ufdff\ufe70-\ufefc]"),
]
# The start of a long card tells its language as well as all of it, at a third of
# the cost of 500 characters.
DETECT_CHARS = 200

# Letters only one of the two alphabets has: the trigram mode misses them in short
# sentences ("Автобусы в деревни ходят плохо" came out Ukrainian).
OWN_LETTERS = {"ru": set("ыэъёЫЭЪЁ"), "uk": set("іїєґІЇЄҐ")}

_detectors = {}
_building = threading.Lock()


def _detector(languages):
    """One detector per process and language set, built on first use (or warmed
    up by the first join): loading costs ~0.1 s, which neither a server start nor
    every card should pay."""
    key = tuple(sorted(languages))
    if key not in _detectors:
        with _building:
            if key not in _detectors:
                _detectors[key] = _build(key)
    return _detectors[key]


def _build(codes):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
        for code in codes
    ]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return builder.with_low_accuracy_mode().with_preloaded_language_models().build()


def warm_up_later(languages):
    """Build the detector in the background once phones join, so neither the
    server's start nor the first card waits for it."""
    if tuple(sorted(languages)) not in _detectors:
        socketio.start_background_task(_detector, list(languages))


def detect(text, languages):
    """The code of the language text is written in, among `languages`, when the
    detector is confident; None for text too short or too mixed to tell."""
    text = text[:DETECT_CHARS]
    if len(languages) < 2 or _too_short_or_mixed(text):
        return None
    ranked = _detector(languages).compute_language_confidence_values(text)
    if not ranked:
        return None
    found = ranked[0].language.iso_code_639_1.name.lower()
    if found in OWN_LETTERS:
        return _by_own_letters(text, languages) or _if_sure(found, ranked[0].value)
    return _if_sure(found, ranked[0].value)


def _if_sure(found, confidence):
    return found if confidence >= CONFIDENCE else None


def _by_own_letters(text, languages):
    """Russian or Ukrainian by the letters only one of them has."""
    letters = set(text)
    sure = [code for code, own in OWN_LETTERS.items() if own & letters]
    return sure[0] if len(sure) == 1 and sure[0] in languages else None


def _too_short_or_mixed(text):
    letters = sum(map(str.isalpha, text))
    if letters < MIN_LETTERS:
        return True
    counts = sorted((len(script.findall(text)) for script in SCRIPTS), reverse=True)
    return counts[1] >= MIXED_SHARE * letters


def language_of_card(text, chosen, phone_language):
    """What a new card is stored as: the detected language when the detector is
    sure, else the writer's explicit choice, else the phone's language."""
    found = detect(text, current_app.config["LANGUAGES"])
    return found or chosen or phone_language


def correct_language(participant, card, language):
    """The writer says which language their card is in: its translations are
    planned again (and the machine asked again, where one is set up)."""
    if card.participant_id != participant.id:
        raise DomainError(
            _l("Only the writer of a card can change its language."), status=403
        )
    if language not in current_app.config["LANGUAGES"]:
        raise DomainError(_l("Please choose one of the offered languages."), 400)
    limit_phone_actions(participant.id)
    if language == card.language:
        return card
    card.language = language
    asked = replan_for_language(card, participant.event.language)
    db.session.flush()
    current_app.logger.info("card %s: language corrected to %s", card.id, language)
    broadcast.card_translated(card)
    machine_translation.translate_later(asked)
    return card
