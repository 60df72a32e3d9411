"""What makes a password acceptable: one rule for setting up, changing and
resetting a password and for accepting an invitation.

The common passwords are Django's list (20,000 passwords collected by Royce
Williams), vendored from Django 5.2's django/contrib/auth/common-passwords.txt.gz
under its BSD licence (app/data/LICENSE-Django.txt)."""

import gzip
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

MIN_LENGTH = 10
MAX_LENGTH = 200
COMMON_PASSWORDS = Path(__file__).parent.parent / "data" / "common-passwords.txt.gz"


@cache
def _common_passwords():
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)


def password_problem(password, user=None):
    """Why the password is not good enough (a lazy message), or None when it is.
    user: the account it is for, whose name and address it must not be."""
    if len(password) < MIN_LENGTH:
        return _l("The password needs at least 10 characters.")
    if len(password) > MAX_LENGTH:
        return _l("The password may have at most 200 characters.")
    if password.strip().lower() in _common_passwords():
        return _l("This is one of the most common passwords. Please choose another.")
    if user is not None and _is_about(password, user):
        return _l("The password must not be your name or e-mail address.")
    return None


def _is_about(password, user):
    candidate = password.strip().lower()
    email = user.email.lower()
    return candidate in (email, email.partition("@")[0], user.name.strip().lower())
