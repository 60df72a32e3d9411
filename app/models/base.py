import secrets
from datetime import UTC, datetime


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


# Lower case without look-alikes (0/o, 1/l/i): typed from a projector into a phone.
TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_token(length=14):
    """A random token (~69 bits): join links, projector links, sessions."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(length))
