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


def _flag(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


class Config:
    INSTANCE_PATH = str(INSTANCE_DIR)
    SECRET_KEY = None  # filled in by create_app, so importing the module writes nothing
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'tischrunde.sqlite'}"
    )
    # One gevent process answers hundreds of phones at once: a pool too small
    # for them opened and closed a connection per vote (each with its PRAGMAs).
    # Each process holds up to twice DATABASE_POOL_SIZE connections: processes x
    # 2 x size must stay below PostgreSQL's max_connections (100 by default).
    SQLALCHEMY_ENGINE_OPTIONS = {
        "pool_size": int(os.environ.get("DATABASE_POOL_SIZE", "10")),
        "max_overflow": int(os.environ.get("DATABASE_POOL_SIZE", "10")),
    }
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
    PORT = int(os.environ.get("PORT", "5000"))
    # Reverse proxies in front (nginx: 1) whose X-Forwarded-For and -Proto are
    # believed; 0 believes none, so nobody can choose the address limits count.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    SOCKETIO_MESSAGE_QUEUE = os.environ.get("SOCKETIO_MESSAGE_QUEUE") or None
    SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL", "tischrunde")
    COUNTS_PUSH_INTERVAL = float(os.environ.get("COUNTS_PUSH_INTERVAL", "0.5"))
    # Seconds between two tally pushes of one poll (0: one per vote, for tests).
    TALLY_PUSH_INTERVAL = float(os.environ.get("TALLY_PUSH_INTERVAL", "0.2"))
    SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE", "gevent")
    # The app's own log lines (mailings, settings changes, phones hanging up).
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
    LANGUAGES = ["de", "en", "ar", "fa", "tr", "ru", "uk", "pl", "ro"]
    BABEL_DEFAULT_LOCALE = os.environ.get("DEFAULT_LOCALE", "de")
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).parent.parent / "translations")
    # Phones keep a page open for a whole 4-hour event: the CSRF token lives as long
    # as the session instead of expiring after an hour.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 30
    # A phone's cookie is signed once at join, not again with every card and vote.
    SESSION_REFRESH_EACH_REQUEST = False
    # Where rate-limit counts live (a limits storage URI such as redis://…); unset:
    # the Redis of SOCKETIO_MESSAGE_QUEUE if there is one, else memory.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "")
    CARD_RATE_LIMIT = int(os.environ.get("CARD_RATE_LIMIT", "30"))
    CARD_RATE_WINDOW = int(os.environ.get("CARD_RATE_WINDOW", "60"))
    # Reported barriers per address and hour (the public form on statement pages).
    BARRIER_RATE_LIMIT = int(os.environ.get("BARRIER_RATE_LIMIT", "10"))
    # Votes and vote changes per phone and window (seconds).
    VOTE_RATE_LIMIT = int(os.environ.get("VOTE_RATE_LIMIT", "20"))
    VOTE_RATE_WINDOW = int(os.environ.get("VOTE_RATE_WINDOW", "60"))
    # Wrong secret links (join, host, projector, interpreter, tablet …) one
    # address may open per window (seconds) before every link is refused to it.
    LINK_GUESS_LIMIT = int(os.environ.get("LINK_GUESS_LIMIT", "20"))
    LINK_GUESS_WINDOW = int(os.environ.get("LINK_GUESS_WINDOW", "300"))
    INTERPRETER_RATE_LIMIT = int(os.environ.get("INTERPRETER_RATE_LIMIT", "60"))
    TRANSLATION_REQUEST_LIMIT = int(os.environ.get("TRANSLATION_REQUEST_LIMIT", "60"))
    # A LibreTranslate-compatible server; unset, no text leaves this server.
    TRANSLATE_URL = os.environ.get("TRANSLATE_URL", "").rstrip("/")
    TRANSLATE_API_KEY = os.environ.get("TRANSLATE_API_KEY", "")
    TRANSLATE_TIMEOUT = float(os.environ.get("TRANSLATE_TIMEOUT", "10"))
    TRANSLATE_RETRIES = int(os.environ.get("TRANSLATE_RETRIES", "2"))
    TRANSLATE_RETRY_DELAY = float(os.environ.get("TRANSLATE_RETRY_DELAY", "2"))
    # The assistant compares an event's cards a second after a change, but at
    # most once per this many seconds; below 0: only when asked (tests).
    ASSISTANT_INTERVAL = float(os.environ.get("ASSISTANT_INTERVAL", "10"))
    SETUP_TOKEN_FILE = str(INSTANCE_DIR / "setup_token")
    # Poster photos live outside static/: a route checks who may see them.
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads"))
    PHOTO_MAX_MB = int(os.environ.get("PHOTO_MAX_MB", "20"))
    PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", "64000000"))
    # Memory one photo may take while it is decoded and shrunk (MiB), and how many
    # are decoded at once: the worker's peak grows by about their product.
    PHOTO_DECODE_MAX_MB = int(os.environ.get("PHOTO_DECODE_MAX_MB", "192"))
    PHOTO_DECODE_SLOTS = int(os.environ.get("PHOTO_DECODE_SLOTS", "1"))
    PHOTO_RATE_LIMIT = int(os.environ.get("PHOTO_RATE_LIMIT", "20"))
    PHOTO_RATE_WINDOW = int(os.environ.get("PHOTO_RATE_WINDOW", "600"))
    # One photo per request, plus room for the caption and the form around it.
    MAX_CONTENT_LENGTH = (PHOTO_MAX_MB + 1) * 1024 * 1024
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_TLS = _flag("MAIL_USE_TLS", "1")
    MAIL_USE_SSL = _flag("MAIL_USE_SSL", "0")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "")
    MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", "20"))
    # A report larger than this is sent as an expiring link instead of an attachment.
    MAIL_ATTACHMENT_MAX_BYTES = int(
        os.environ.get("MAIL_ATTACHMENT_MAX_BYTES", str(8 * 1024 * 1024))
    )
    REPORT_LINK_DAYS = int(os.environ.get("REPORT_LINK_DAYS", "30"))
    ADDRESS_RETENTION_DAYS = int(os.environ.get("ADDRESS_RETENTION_DAYS", "30"))
    OUTBOX_WORKER = _flag("OUTBOX_WORKER", "1")
    OUTBOX_POLL_INTERVAL = float(os.environ.get("OUTBOX_POLL_INTERVAL", "3"))
    OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
    OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "8"))
    OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS", "30"))
    OUTBOX_RETRY_MAX_SECONDS = int(os.environ.get("OUTBOX_RETRY_MAX_SECONDS", "3600"))
    EMAIL_RATE_LIMIT = int(os.environ.get("EMAIL_RATE_LIMIT", "5"))
    # Failed logins (passwords or codes) per account within the window (seconds)
    # before it refuses logins until the window has passed.
    LOGIN_ACCOUNT_FAILURES = int(os.environ.get("LOGIN_ACCOUNT_FAILURES", "10"))
    LOGIN_ACCOUNT_WINDOW = int(os.environ.get("LOGIN_ACCOUNT_WINDOW", "900"))
    PASSWORD_RESET_HOURS = int(os.environ.get("PASSWORD_RESET_HOURS", "24"))


def secret_key():
    return _secret_key()
