"""What a phone writes, the same whichever way it comes in: a form posted over
HTTP (no JavaScript, or the live socket is down) or an event on the live socket
(app/live/writes.py). Each function checks, calls the service and returns the
answer as (payload, status): the same checks, rate limits, idempotency and
answers on both ways."""

from app.access import get_poll_for_participant
from app.live.payloads import card_payload
from app.ratelimit import limit_votes
from app.services import participation
from app.services.voting import ballots


def send_card(participant, sent):
    """A card from the fields of the phone's card form (a mapping); a card
    resent with its UUID is answered with the card stored (200, not 201)."""
    writer = participation.CardWriter.phone(participant)
    card, created = participation.add_sent_card(writer, sent)
    return {"card": own_card_payload(card)}, 201 if created else 200


def cast_vote(participant, poll_id, sent):
    """A vote from the fields of the phone's ballot form (a MultiDict), with the
    vote's UUID if the phone made one."""
    poll = get_poll_for_participant(participant, poll_id)
    limit_votes(participant.id)
    return {"ballot": ballots.cast(poll, participant, sent)}, 200


def own_card_payload(card):
    """A card as its writer's phone sees it: with the control to correct its
    language (other phones never learn whose card it is)."""
    return {**card_payload(card), "own": True}
