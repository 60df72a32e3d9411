import os
import re
import shutil
from datetime import datetime

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db, limiter, socketio
from app.services import accounts, events
from app.unit_of_work import unit

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
PASSWORD = "a-long-password-1"
# What confirm.js (or the confirm page without JavaScript) adds to a form.
CONFIRMED = {"confirm": "1"}


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("instance")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL
            or f"sqlite:///{folder}/test.sqlite",
            "SOCKETIO_ASYNC_MODE": "threading",
            "COUNTS_PUSH_INTERVAL": 0,
            "TALLY_PUSH_INTERVAL": 0,
            "ASSISTANT_INTERVAL": -1,
            "WTF_CSRF_ENABLED": False,
            "PUBLIC_BASE_URL": "http://tischrunde.test",
            "SETUP_TOKEN_FILE": str(folder / "setup_token"),
            "UPLOAD_FOLDER": str(folder / "uploads"),
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()


@pytest.fixture(autouse=True)
def _clean(app):
    yield
    limiter.reset()
    shutil.rmtree(app.config["UPLOAD_FOLDER"], ignore_errors=True)
    app.config["WTF_CSRF_ENABLED"] = False
    with app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


@pytest.fixture
def ctx(app):
    """A request context: services, lazy translations and url_for all work in it."""
    with app.test_request_context():
        yield


def mail_url(client, suffix="", event_id=None):
    """The mail settings page of the first organisation."""
    from app.models import Organisation

    with client.application.app_context():
        organisation = db.session.scalar(
            select(Organisation.id).order_by(Organisation.id)
        )
    query = f"?event={event_id}" if event_id else ""
    return f"/organisations/{organisation}/mail{suffix}{query}"


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def phone(app):
    """Another browser: its own cookie jar, like a second phone."""
    return lambda: app.test_client()


@pytest.fixture
def organiser(app):
    with app.app_context(), unit():
        user = accounts.create_organiser("orga@example.org", "Olga Organiser", PASSWORD)
        return user.id


@pytest.fixture
def logged_in(client, organiser):
    client.post("/login", data={"email": "orga@example.org", "password": PASSWORD})
    return client


@pytest.fixture
def make_event(app, organiser):
    """make_event(catalogue=..., custom_fields=...) -> event id."""

    def make(catalogue="laatzen", custom_fields=(), **details):
        from app.models import Organiser

        values = {
            "title": "Dialogforum Laatzen",
            "starts_at": datetime(2026, 11, 24, 18, 0),
            "venue": "Rathaus",
            "target_group": "Bürger*innen",
            "language": "de",
        }
        values.update(details)
        with app.test_request_context(), unit():
            owner = db.session.get(Organiser, organiser)
            return events.create_event(owner, values, catalogue, custom_fields).id

    return make


@pytest.fixture
def event_data(app):
    """event_data(event_id) -> dict of tokens and ids, read fresh from the database."""

    def read(event_id):
        from app.models import Event

        with app.app_context():
            event = db.session.get(Event, event_id)
            return {
                "join_token": event.join_token,
                "projector_token": event.projector_token,
                "interpreter_token": event.interpreter_token,
                "tables": [(t.id, t.join_token) for t in event.tables],
                "phases": [(p.id, [c.id for c in p.categories]) for p in event.phases],
            }

    return read


@pytest.fixture
def start_phase(app):
    def start(event_id, index=0):
        """Start a phase as set-up: jumping ahead needs no question."""
        from app.models import Event
        from app.services import moderation

        with app.test_request_context(), unit():
            event = db.session.get(Event, event_id)
            moderation.start_phase(event, event.phases[index], confirmed=True)

    return start


@pytest.fixture
def open_event(make_event, event_data, start_phase):
    """open_event(**details) -> (event id, event data) with phase 1 running."""

    def make(**details):
        event_id = make_event(**details)
        start_phase(event_id)
        return event_id, event_data(event_id)

    return make


def join(client, table_token, first_name="", language=None):
    """Seat a phone at a table; language: the phone's UI language, chosen first."""
    if language:
        client.get(f"/lang/{language}")
    return client.post(
        f"/t/{table_token}",
        data={"first_name": first_name, "table": _table_id(client, table_token)},
    )


def _table_id(client, table_token):
    page = client.get(f"/t/{table_token}").get_data(as_text=True)
    match = re.search(r'name="table" value="(\d+)"', page)
    return match.group(1) if match else ""


def send_card(client, category_id, text, card_uuid=None, json=True, language=None):
    import uuid

    headers = {"Accept": "application/json"} if json else {}
    data = {
        "uuid": card_uuid or str(uuid.uuid4()),
        "category": category_id,
        "text": text,
    }
    if language:
        data["language"] = language
    return client.post("/me/cards", data=data, headers=headers)


def write_at_table(client, data, text, language=None, table=0):
    """Seat a phone (in `language`) at a table; send a card of phase 1's first kind."""
    join(client, data["tables"][table][1], language=language)
    return send_card(client, data["phases"][0][1][0], text)


def join_as_interpreter(client, interpreter_token, languages, name=""):
    return client.post(
        f"/i/{interpreter_token}", data={"name": name, "languages": list(languages)}
    )


def live_client(app, client, auth):
    return socketio.test_client(
        app, namespace="/live", flask_test_client=client, auth=auth
    )


class MailServer:
    """A real SMTP server in this process (aiosmtpd): it can go down and come back
    on the same port, and refuses recipients whose address starts with 'reject'.
    tls: "starttls" or "ssl" (TLS from the start) with an SSLContext; login: the
    (user, password) it requires."""

    def __init__(self, port, tls=None, context=None, login=None):
        self.port = port
        self.messages = []
        self.controller = None
        self.tls, self.context, self.login = tls, context, login

    def _options(self):
        options = {}
        if self.tls == "starttls":
            options["tls_context"] = self.context
        elif self.tls == "ssl":
            options["ssl_context"] = self.context
        if self.login:
            options.update(authenticator=self._authenticate, auth_required=True)
            options["auth_require_tls"] = self.tls is not None
        return options

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        given = (auth_data.login.decode(), auth_data.password.decode())
        return AuthResult(success=given == self.login, handled=False)

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("reject"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(
            self, hostname="127.0.0.1", port=self.port, **self._options()
        )
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def recipients(self):
        return sorted(to for tos, _message in self.messages for to in tos)


@pytest.fixture(scope="module")
def smtp_server():
    """A real SMTP server for a module's live server (the browser journeys)."""
    from tests.live_server import free_port

    server = MailServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_server(app):
    from tests.live_server import free_port

    server = MailServer(free_port())
    server.start()
    saved = {
        key: app.config[key] for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS")
    }
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False
    )
    yield server
    server.stop()
    app.config.update(saved)


# (event title, target group, card texts with their language) of the process
# fixture: two dialogue forums and the conference, cards in three languages.
PROCESS_EVENTS = (
    (
        "Dialogforum Eltern",
        "Eltern",
        [("Mehr Sprachkurse für Eltern", "de"), ("دورات لغة للأمهات", "ar")],
    ),
    (
        "Dialogforum Jugend",
        "Jugendliche",
        [("Більше місць у гуртках", "uk"), ("Treffpunkte für Jugendliche", "de")],
    ),
    ("Integrationskonferenz", "Alle", []),
)


@pytest.fixture
def make_process(app, organiser, open_event, phone):
    """make_process() -> {"process_id", "events": [ids], "cards": {text: id},
    "phones": {text: the client that wrote it}}: a Laatzen process with two
    dialogue forums (two cards each, German, Arabic, Ukrainian) and a conference."""

    def make():
        from app.models import Card, Event, Organiser, Process
        from app.services import processes

        with app.test_request_context(), unit():
            owner = db.session.get(Organiser, organiser)
            process = processes.create_process(
                owner,
                {"title": "Konzept Integration 2027", "language": "de"},
                "laatzen",
            )
            process_id = process.id
        made = {"process_id": process_id, "events": [], "cards": {}, "phones": {}}
        for number, (title, group, cards) in enumerate(PROCESS_EVENTS):
            event_id, data = open_event(
                title=title,
                target_group=group,
                starts_at=datetime(2027, 2 + number, 10, 18, 0),
            )
            with app.test_request_context(), unit():
                processes.attach_event(
                    db.session.get(Process, process_id), db.session.get(Event, event_id)
                )
            made["events"].append(event_id)
            for text, language in cards:
                writer = phone()
                write_at_table(writer, data, text, language=language)
                with app.app_context(), unit():
                    card = db.session.scalar(select(Card).where(Card.text == text))
                    made["cards"][text], made["phones"][text] = card.id, writer
        return made

    return make
