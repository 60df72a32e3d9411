"""Optional machine translation through a LibreTranslate-compatible server.

Only when TRANSLATE_URL is set: without it no text leaves this server. Cards and
organisers' texts are stored first and translated in the background, so a slow
or failing translator never blocks or loses a card; its results stay marked as
machine translations until an interpreter confirms or corrects them.
"""

import json
import urllib.request

from flask import current_app

from app.extensions import db, socketio
from app.live import broadcast
from app.models import CardTranslation
from app.models.translation import MAX_TRANSLATION_LENGTH
from app.unit_of_work import after_commit


def is_enabled():
    return bool(current_app.config["TRANSLATE_URL"])


def translate_later(translations):
    """Hand committed translation requests (card or text) to the machine, off
    the request."""
    hand_over([(type(t), t.id) for t in translations if t.state == "requested"])


def hand_over(jobs):
    """jobs: [(CardTranslation or TextTranslation, id)] of requests, handed over
    once they are committed."""
    if jobs and is_enabled():
        app = current_app._get_current_object()
        after_commit(socketio.start_background_task, _translate_all, app, list(jobs))


def _translate_all(app, jobs):
    with app.app_context():
        for model, translation_id in jobs:
            try:
                _translate_one(model, translation_id)
            except Exception:  # one failure must not end the others
                current_app.logger.exception("machine translation %s", translation_id)
            finally:
                db.session.remove()


def _translate_one(model, translation_id):
    job = _job(model, translation_id)
    # No database connection is held while the translator thinks.
    db.session.remove()
    if job is not None:
        text = fetch_translation(*job)
        if text:
            record_machine_translation(translation_id, text, model)


def _job(model, translation_id):
    translation = db.session.get(model, translation_id)
    if translation is None or translation.state != "requested":
        return None
    source = translation.source
    return source.text, source.language, translation.language


def record_machine_translation(translation_id, text, model=CardTranslation):
    """Store the machine's text unless an interpreter got there first."""
    translation = db.session.get(model, translation_id, with_for_update=True)
    if translation is None or translation.state != "requested":
        db.session.rollback()
        return None
    translation.record_machine(text)
    db.session.commit()
    current_app.logger.info("%s machine-translated", translation.source.view_key)
    broadcast.translation_changed(translation.source)
    return translation


def fetch_translation(text, source, target):
    """The translator's text, or None once TRANSLATE_RETRIES retries failed too."""
    config = current_app.config
    for attempt in range(config["TRANSLATE_RETRIES"] + 1):
        if attempt:
            socketio.sleep(config["TRANSLATE_RETRY_DELAY"] * 2 ** (attempt - 1))
        try:
            return _post(text, source, target)
        except (OSError, ValueError, LookupError, TypeError) as error:
            current_app.logger.warning(
                "translator %s→%s, attempt %s: %s", source, target, attempt + 1, error
            )
    return None


def _post(text, source, target):
    """One POST /translate as LibreTranslate answers it: {"translatedText": …}."""
    config = current_app.config
    body = {"q": text, "source": source, "target": target, "format": "text"}
    if config["TRANSLATE_API_KEY"]:
        body["api_key"] = config["TRANSLATE_API_KEY"]
    request = urllib.request.Request(
        _endpoint(config["TRANSLATE_URL"]),
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=config["TRANSLATE_TIMEOUT"]) as answer:
        translated = json.load(answer)["translatedText"]
    if not isinstance(translated, str) or not translated.strip():
        raise ValueError("the answer holds no translatedText")
    return translated.strip()[:MAX_TRANSLATION_LENGTH]


def _endpoint(url):
    return url if url.endswith("/translate") else url + "/translate"
