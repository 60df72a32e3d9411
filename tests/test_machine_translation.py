"""Optional machine translation, tested against a local stand-in speaking
LibreTranslate's HTTP API (POST /translate {q, source, target, format})."""

import json
import threading
import time
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from sqlalchemy import select

from app.extensions import db, socketio
from app.models import CardTranslation
from tests.conftest import join, live_client, send_card
from tests.test_live import received


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up waiting is what some tests want


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class StandInTranslator:
    """Answers like LibreTranslate: "[target] q". Can fail, hold or talk nonsense."""

    def __init__(self):
        self.requests = []
        self.status = "200 OK"
        self.answer = None
        self.hold = threading.Event()
        self.hold.set()

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(length))
        self.requests.append((environ["PATH_INFO"], body))
        self.hold.wait(10)
        answer = self.answer or {"translatedText": f"[{body['target']}] {body['q']}"}
        start_response(self.status, [("Content-Type", "application/json")])
        return [json.dumps(answer).encode()]


@pytest.fixture
def translator(app):
    stand_in = StandInTranslator()
    server = make_server(
        "127.0.0.1",
        0,
        stand_in,
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = {
        "TRANSLATE_URL": f"http://127.0.0.1:{server.server_port}",
        "TRANSLATE_TIMEOUT": 5,
        "TRANSLATE_RETRIES": 2,
        "TRANSLATE_RETRY_DELAY": 0.01,
    }
    saved = {key: app.config[key] for key in settings}
    app.config.update(settings)
    yield stand_in
    stand_in.hold.set()
    app.config.update(saved)
    server.shutdown()
    server.server_close()


def translations(app):
    with app.app_context():
        rows = db.session.scalars(select(CardTranslation)).all()
        return [(row.language, row.state, row.text) for row in rows]


def wait_until(condition, timeout=10):
    """Wait for background work to finish; the deadline only stops a hung test."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "background work did not finish"
        time.sleep(0.02)


def arabic_phone_at_a_running_table(phone, open_event):
    _, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1], language="ar")
    return writer, data["phases"][0][1][0]


def test_new_card_is_machine_translated_in_the_background_and_marked(
    app, phone, open_event, translator
):
    writer, strength = arabic_phone_at_a_running_table(phone, open_event)
    response = send_card(writer, strength, "مزيد من دورات اللغة")

    assert response.status_code == 201
    wait_until(lambda: translations(app)[0][1] != "requested")
    assert translations(app) == [("de", "machine", "[de] مزيد من دورات اللغة")]
    assert translator.requests == [
        (
            "/translate",
            {
                "q": "مزيد من دورات اللغة",
                "source": "ar",
                "target": "de",
                "format": "text",
            },
        )
    ]


def test_machine_translation_reaches_the_console_live(
    app, phone, logged_in, open_event, translator
):
    event_id, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1], language="fa")
    console = live_client(app, logged_in, {"role": "console", "event": event_id})
    console.get_received("/live")

    send_card(writer, data["phases"][0][1][0], "پارک بیشتر")
    # The push follows the commit from the translating thread: wait for it, not
    # only for the stored translation.
    pushed = []

    def machine_push_arrived():
        pushed.extend(received(console, "card"))
        return any(
            c["translations"].get("de", {}).get("state") == "machine" for c in pushed
        )

    wait_until(machine_push_arrived)
    assert pushed[-1]["translations"] == {
        "de": {"text": "[de] پارک بیشتر", "state": "machine"}
    }


def test_slow_translator_never_blocks_the_card(app, phone, open_event, translator):
    writer, strength = arabic_phone_at_a_running_table(phone, open_event)
    translator.hold.clear()

    response = send_card(writer, strength, "بطيء")

    # Had the phone waited for the translator, the translation would be there.
    assert response.status_code == 201
    assert translations(app) == [("de", "requested", "")]
    translator.hold.set()
    wait_until(lambda: translations(app)[0][1] == "machine")


def test_translator_that_does_not_answer_in_time_is_given_up(
    app, phone, open_event, translator, caplog
):
    writer, strength = arabic_phone_at_a_running_table(phone, open_event)
    translator.hold.clear()
    app.config.update(TRANSLATE_TIMEOUT=0.2, TRANSLATE_RETRIES=0)

    send_card(writer, strength, "بطيء جدا")

    wait_until(lambda: "translator ar→de, attempt 1" in caplog.text)
    translator.hold.set()
    assert translations(app) == [("de", "requested", "")]
    assert "بطيء جدا" in writer.get("/me").get_data(as_text=True)


def test_failing_translator_is_retried_a_bounded_number_of_times(
    app, phone, open_event, translator, caplog
):
    writer, strength = arabic_phone_at_a_running_table(phone, open_event)
    translator.status = "500 Internal Server Error"

    send_card(writer, strength, "فشل")

    wait_until(lambda: caplog.text.count("translator ar→de") == 3)
    assert len(translator.requests) == 3
    assert translations(app) == [("de", "requested", "")]


def test_answer_without_a_translation_is_not_stored(
    app, phone, open_event, translator, caplog
):
    writer, strength = arabic_phone_at_a_running_table(phone, open_event)
    translator.answer = {"error": "Unsupported language"}
    app.config["TRANSLATE_RETRIES"] = 0
    send_card(writer, strength, "غريب")
    wait_until(lambda: "translator ar→de, attempt 1" in caplog.text)
    assert translations(app) == [("de", "requested", "")]


def test_phone_request_is_machine_translated_into_the_phones_language(
    app, phone, open_event, translator
):
    event_id, data = open_event()
    writer, reader = phone(), phone()
    join(writer, data["tables"][0][1])
    card = send_card(writer, data["phases"][0][1][0], "Mehr Bänke").json["card"]
    join(reader, data["tables"][0][1], language="ro")

    reader.post(
        f"/me/cards/{card['id']}/translation", headers={"Accept": "application/json"}
    )

    wait_until(lambda: translations(app)[0][1] == "machine")
    assert translations(app) == [("ro", "machine", "[ro] Mehr Bänke")]


def test_machine_translation_never_replaces_a_human_one(app, phone, open_event):
    from app.models import Interpreter
    from app.services.machine_translation import record_machine_translation

    writer, strength = arabic_phone_at_a_running_table(phone, open_event)
    send_card(writer, strength, "سلام")
    with app.test_request_context():
        row = db.session.scalar(select(CardTranslation))
        row.record_human("Hallo", Interpreter(event_id=row.card.event_id))
        db.session.commit()
        assert record_machine_translation(row.id, "Guten Tag") is None
    assert translations(app) == [("de", "human", "Hallo")]


def test_without_translate_url_nothing_is_sent_anywhere(
    app, phone, open_event, translator, monkeypatch
):
    started = []
    monkeypatch.setattr(
        socketio, "start_background_task", lambda *args: started.append(args)
    )
    app.config["TRANSLATE_URL"] = ""
    writer, strength = arabic_phone_at_a_running_table(phone, open_event)

    send_card(writer, strength, "لا شيء يخرج")

    assert started == [] and translator.requests == []
    assert translations(app) == [("de", "requested", "")]


def text_translations(app):
    from app.models import TextTranslation

    with app.app_context():
        rows = db.session.scalars(select(TextTranslation)).all()
        return {(row.source.text, row.language): (row.state, row.text) for row in rows}


def test_poll_texts_are_machine_translated_and_reach_the_phone_live(
    app, phone, open_event, translator
):
    from tests.test_voting import make_poll

    event_id, data = open_event()
    turkish = phone()
    join(turkish, data["tables"][0][1], language="tr")
    socket = live_client(app, turkish, {"role": "phone"})
    socket.get_received("/live")

    poll_id = make_poll(app, event_id, "single", question="Passt es?", options="Ja\nNo")

    def all_machine():
        found = text_translations(app)
        return len(found) == 3 and all(s == "machine" for s, _ in found.values())

    wait_until(all_machine)
    assert text_translations(app)[("Passt es?", "tr")] == ("machine", "[tr] Passt es?")
    sent = {
        (body["q"], body["source"], body["target"]) for _, body in translator.requests
    }
    assert sent == {("Passt es?", "de", "tr"), ("Ja", "de", "tr"), ("No", "de", "tr")}
    pushed = []

    def pushed_question():
        pushed.extend(received(socket, "text"))
        return any(p["text"] == "Passt es?" for p in pushed)

    wait_until(pushed_question)
    page = turkish.get(f"/me/polls/{poll_id}").get_data(as_text=True)
    assert "[tr] Passt es?" in page
    assert 'data-mark="machine" >' in page  # marked as not checked yet
