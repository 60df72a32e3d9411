import secrets
from datetime import UTC, datetime


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


def new_token():
    """A random URL-safe token (72 bits): join links, projector links, sessions."""
    return secrets.token_urlsafe(9)
