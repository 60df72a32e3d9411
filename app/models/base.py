import secrets
from datetime import UTC, datetime

from sqlalchemy import String, event

from app.extensions import db
from app.plain_text import clean_text


def utcnow():
    return datetime.now(UTC).replace(tzinfo=None)


# Lower case without look-alikes (0/o, 1/l/i): typed from a projector into a phone.
TOKEN_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_token(length=14):
    """A random token (~69 bits): join links, projector links, sessions."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(length))


@event.listens_for(db.Model, "mapper_configured", propagate=True)
def _clean_text_columns(mapper, _class):
    """Every text a model is given loses what no keyboard types (a NUL, an
    escape): the one place forms, tablets and scripts all pass through."""
    for column in mapper.column_attrs:
        if isinstance(column.columns[0].type, String):
            event.listen(column.class_attribute, "set", _cleaned, retval=True)


def _cleaned(_target, value, _old, _initiator):
    return clean_text(value)
