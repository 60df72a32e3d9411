import uuid as uuidlib

from app.models import DomainError


def valid_uuid(value, message):
    """The client-made UUID that makes a resend idempotent, normalised; else a 400."""
    try:
        return str(uuidlib.UUID(str(value)))
    except ValueError:
        raise DomainError(message, status=400) from None


def derived_uuid(base, index):
    """The UUID of the index-th file of one upload: a resent form gets the same ones."""
    return str(uuidlib.uuid5(uuidlib.UUID(base), str(index)))
