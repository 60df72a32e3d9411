"""Asking for translations ahead of time, so that readers rarely meet "not
translated yet": a poll's texts and dot-vote cards when it is saved or opened,
every text in use when a new language appears at the event, a table's cards when
it goes on the projector or gets a host, every card when the gallery walk starts.

Rows are inserted in the caller's unit of work (a row another request stored at
the same moment is skipped, never an error); the machine translator and the
interpreters hear of them after its commit, through hand_over()."""

from sqlalchemy import select

from app.database import insert_missing
from app.extensions import db
from app.live import broadcast
from app.models import Card, CardTranslation, EventText, TextTranslation
from app.models.translation import digest_of
from app.services import machine_translation
from app.services.event_texts import (
    custom_topic,
    dot_cards,
    is_read_at,
    poll_strings,
    present_languages,
    projector_languages,
    texts_in_use,
)
from app.services.tables import visible_cards

JOBS = "translation_jobs"


def for_poll(poll):
    """Everything phones read of a poll, into every language present."""
    event = poll.event
    languages = present_languages(event)
    for_texts(event, [text for text, _role in poll_strings(poll)], languages)
    for_cards(event, dot_cards(poll), languages)


def for_new_reader(participant, language):
    """A phone reads the event in language: when nobody else did, every text in
    use and the open dot vote's cards are asked for in it."""
    event = participant.event
    if not is_read_at(event, language, participant):
        for_languages(event, {language})


def for_languages(event, languages):
    for_texts(event, [used.text for used in texts_in_use(event).values()], languages)
    for poll in event.polls:
        if poll.is_open:
            for_cards(event, dot_cards(poll), languages)


def for_host(participant):
    """The host reads their table's cards in their own language."""
    cards = visible_cards(participant.hosts_table_id)
    for_cards(participant.event, cards, {participant.locale})


def for_projector(event, cards):
    for_cards(event, cards, projector_languages(event))


def for_gallery(event):
    """The gallery walk: every phone may read every table's cards."""
    cards = db.session.scalars(
        select(Card).where(Card.event_id == event.id, Card.state == "visible")
    ).all()
    for_cards(event, cards, present_languages(event))


def for_topic(table):
    """A table's own name (or a custom action field's) in every language present."""
    topic = custom_topic(table)
    if topic:
        for_texts(table.event, [topic], present_languages(table.event))


def for_cards(event, cards, languages):
    rows = [
        {"card_id": card.id, "language": language}
        for card in cards
        for language in sorted(_missing(card, languages))
    ]
    ids = insert_missing(CardTranslation, rows, ["card_id", "language"])
    _queue(event, CardTranslation, ids)


def _missing(source, languages):
    asked = {translation.language for translation in source.translations}
    return set(languages) - asked - {source.language}


def for_texts(event, texts, languages):
    """Store the texts (in the event language) and ask for them in languages."""
    source = event.language
    wanted = {digest_of(text): text for text in texts if text}
    if not wanted or not set(languages) - {source}:
        return
    stored = [
        {"event_id": event.id, "language": source, "digest": digest, "text": text}
        for digest, text in wanted.items()
    ]
    insert_missing(EventText, stored, ["event_id", "language", "digest"])
    rows = [
        {"text_id": text.id, "language": language}
        for text in _stored_texts(event, source, wanted)
        for language in sorted(_missing(text, languages))
    ]
    ids = insert_missing(TextTranslation, rows, ["text_id", "language"])
    _queue(event, TextTranslation, ids)


def _stored_texts(event, source, digests):
    return db.session.scalars(
        select(EventText).where(
            EventText.event_id == event.id,
            EventText.language == source,
            EventText.digest.in_(list(digests)),
        )
    ).all()


def _queue(event, model, ids):
    if ids:
        jobs = db.session.info.setdefault(JOBS, {})
        jobs.setdefault(event.id, []).extend((model, row_id) for row_id in ids)


def hand_over():
    """After the commit: the machine translator gets the new requests, the
    interpreters' queues look again."""
    for event_id, jobs in db.session.info.pop(JOBS, {}).items():
        machine_translation.hand_over(jobs)
        broadcast.translations_requested(event_id)
