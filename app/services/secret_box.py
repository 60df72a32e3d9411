"""Secrets the installation keeps (the SMTP password), encrypted with a key derived
from its SECRET_KEY: a copy of the database alone does not give them away.

Fernet (AES-128-CBC with an HMAC-SHA256, from the `cryptography` package) with a
key made from SECRET_KEY by HKDF-SHA256; a secret encrypted under another
SECRET_KEY does not open and reads as missing."""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

PURPOSE = b"tischrunde: stored secrets (mail server password)"


def _fernet():
    secret = current_app.config["SECRET_KEY"]
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(
        secret.encode() if isinstance(secret, str) else secret
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(text):
    return _fernet().encrypt(text.encode()).decode("ascii")


def open_sealed(token):
    """The secret, or None when it was sealed under another SECRET_KEY."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        return None
