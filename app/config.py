import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(
    os.environ.get("INSTANCE_PATH", Path(__file__).parent.parent / "instance")
)


def _secret_key():
    """The key from SECRET_KEY, else one generated once and kept in instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = INSTANCE_DIR / "secret_key"
    if not key_file.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    INSTANCE_PATH = str(INSTANCE_DIR)
    SECRET_KEY = None  # filled in by create_app, so importing the module writes nothing
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'tischrunde.sqlite'}"
    )
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
    PORT = int(os.environ.get("PORT", "5000"))
    SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
    SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL", "tischrunde")
    COUNTS_PUSH_INTERVAL = float(os.environ.get("COUNTS_PUSH_INTERVAL", "0.5"))
    SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE", "gevent")
    LANGUAGES = ["de", "en", "ar", "fa", "tr", "ru", "uk", "pl", "ro"]
    BABEL_DEFAULT_LOCALE = os.environ.get("DEFAULT_LOCALE", "de")
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).parent.parent / "translations")
    # Phones keep a page open for a whole 4-hour event: the CSRF token lives as long
    # as the session instead of expiring after an hour.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 30
    CARD_RATE_LIMIT = int(os.environ.get("CARD_RATE_LIMIT", "30"))
    CARD_RATE_WINDOW = int(os.environ.get("CARD_RATE_WINDOW", "60"))
    INTERPRETER_RATE_LIMIT = int(os.environ.get("INTERPRETER_RATE_LIMIT", "60"))
    TRANSLATION_REQUEST_LIMIT = int(os.environ.get("TRANSLATION_REQUEST_LIMIT", "60"))
    # A LibreTranslate-compatible server; unset, no text leaves this server.
    TRANSLATE_URL = os.environ.get("TRANSLATE_URL", "").rstrip("/")
    TRANSLATE_API_KEY = os.environ.get("TRANSLATE_API_KEY", "")
    TRANSLATE_TIMEOUT = float(os.environ.get("TRANSLATE_TIMEOUT", "10"))
    TRANSLATE_RETRIES = int(os.environ.get("TRANSLATE_RETRIES", "2"))
    TRANSLATE_RETRY_DELAY = float(os.environ.get("TRANSLATE_RETRY_DELAY", "2"))
    SETUP_TOKEN_FILE = str(INSTANCE_DIR / "setup_token")


def secret_key():
    return _secret_key()
