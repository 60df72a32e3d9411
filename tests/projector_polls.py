"""An evening's polls for the projector tests, built once over HTTP on the live
server: every poll kind twice, with the fewest options it can have and with the
most (60 cards for a dot vote), long texts (500-character cards, long German
compounds, Arabic) and votes from 32 phones."""

import random
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

from tests.live_server import (
    JSON,
    create_event,
    csrf_token,
    http_session,
    start_first_phase,
    table_tokens,
)

PHONES = 32
COMPOUND = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"
GERMAN = (
    "Wir wünschen uns eine mehrsprachige Beratungsstelle in jedem Stadtteil, "
    "offen auch am Abend, mit Kinderbetreuung und Dolmetschenden vor Ort. "
)
ARABIC = (
    "نقترح إنشاء مركز استشاري متعدد اللغات في كل حي، مفتوح في المساء أيضاً، "
    "مع رعاية للأطفال ومترجمين في المكان. "
)


def long_text(n, length):
    """Text number n of a mix: German, Arabic, compounds; cut to length."""
    body = [GERMAN, ARABIC, f"{COMPOUND} {COMPOUND}{COMPOUND} "][n % 3]
    return f"{n + 1}. {body * (length // len(body) + 1)}"[:length].strip()


def short_text(n):
    return [f"Ziel {n + 1}: Radweg an der B6", f"الهدف {n + 1}: مكتبة للجميع"][n % 2]


def option_lines(count, long_every=5, length=500, short_length=150):
    """count distinct option texts, every long_every-th one long."""
    return [
        long_text(n, length if n % long_every == 0 else short_length)
        for n in range(count)
    ]


class Evening:
    """The event, its phones and its polls: {(kind, size): poll id}."""

    def __init__(self, base_url, database, organiser):
        self.url, self.organiser = base_url, organiser
        self.event_id = create_event(organiser, base_url, title="Dialogforum Osnabrück")
        start_first_phase(organiser, base_url, self.event_id)
        # One CSRF token serves every form of the organiser's session.
        self.token = csrf_token(
            organiser.get(f"{base_url}/events/{self.event_id}/console").text
        )
        tokens = table_tokens(database, self.event_id)
        seats = [tokens[n % len(tokens)] for n in range(PHONES)]
        with ThreadPoolExecutor(4) as pool:  # phones join together, as in a room
            self.phones = list(pool.map(self._seat, seats))
        self.polls = {}

    def _seat(self, table_token):
        phone = http_session()
        page = phone.get(f"{self.url}/t/{table_token}").text
        table = re.search(r'name="table" value="(\d+)"', page).group(1)
        data = {"csrf_token": csrf_token(page), "table": table}
        phone.post(f"{self.url}/t/{table_token}", data=data).raise_for_status()
        me = phone.get(f"{self.url}/me").text
        phone.csrf = csrf_token(me)
        phone.categories = re.findall(r'name="category" value="(\d+)"', me)
        return phone

    def send_card(self, phone, text, category=0):
        data = {
            "csrf_token": phone.csrf,
            "uuid": str(uuid.uuid4()),
            "category": phone.categories[category],
            "text": text,
        }
        phone.post(f"{self.url}/me/cards", data=data, headers=JSON).raise_for_status()

    def create_poll(self, kind, question, **fields):
        url = f"{self.url}/events/{self.event_id}/polls/new/{kind}"
        data = {"csrf_token": self.token, "visibility": "live", "step": 0}
        answer = self.organiser.post(
            url, data={**data, "question": question, **fields}, allow_redirects=False
        )
        answer.raise_for_status()
        return int(re.search(r"/polls/(\d+)$", answer.headers["Location"]).group(1))

    def action(self, poll_id, action):
        url = f"{self.url}/events/{self.event_id}/polls/{poll_id}/{action}"
        answer = self.organiser.post(url, data={"csrf_token": self.token}, headers=JSON)
        answer.raise_for_status()

    def results(self, poll_id):
        url = f"{self.url}/events/{self.event_id}/polls/{poll_id}/results"
        return self.organiser.get(url, headers=JSON).json()

    def run(self, key, kind, question, ballots, **fields):
        """Create, open, let the phones vote (ballots: one form per phone), close."""
        poll_id = self.create_poll(kind, question, **fields)
        self.action(poll_id, "open")
        options = [o["id"] for o in self.results(poll_id).get("options", [])]

        def vote(phone_and_ballot):
            phone, ballot = phone_and_ballot
            data = {"csrf_token": phone.csrf, **ballot}
            url = f"{self.url}/me/polls/{poll_id}/vote"
            phone.post(url, data=data, headers=JSON).raise_for_status()

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(vote, zip(self.phones, ballots(options), strict=False)))
        self.action(poll_id, "close")
        self.polls[key] = poll_id
        return poll_id


def card_source(evening, category_index):
    form = evening.organiser.get(
        f"{evening.url}/events/{evening.event_id}/polls/new/dots"
    ).text
    return re.findall(r'value="(category:\d+)"', form)[category_index]


def build(base_url, database, organiser):
    """Every kind with its fewest ("few") and its most ("many") options, voted on."""
    evening = Evening(base_url, database, organiser)
    rng = random.Random(11)
    for n in range(60):  # 60 cards of phase 1's first kind, ten per table
        evening.send_card(
            evening.phones[n % 6], long_text(n, 500) if n % 4 == 0 else short_text(n)
        )
    evening.send_card(evening.phones[0], long_text(0, 500), category=1)
    evening.send_card(evening.phones[1], long_text(1, 500), category=1)
    long_question = long_text(2, 300)
    for size, count in (("few", 2), ("many", 30)):
        question = long_question if size == "many" else "Passt der Termin?"
        lines = "\n".join(option_lines(count))
        evening.run(
            ("single", size),
            "single",
            question,
            lambda ids: [{"option": rng.choice(ids)} for _ in range(PHONES)],
            options=lines,
        )
        evening.run(
            ("multiple", size),
            "multiple",
            question,
            lambda ids: [{"option": rng.sample(ids, 2)} for _ in range(PHONES)],
            options=lines,
            min_choices=1,
            max_choices=2,
        )
        evening.run(
            ("ranking", size),
            "ranking",
            question,
            lambda ids: [_ranks(rng, ids) for _ in range(10)],
            options=lines,
        )
    for size, source in (("few", 1), ("many", 0)):
        evening.run(
            ("dots", size),
            "dots",
            long_question if size == "many" else "Welche Ziele zuerst?",
            lambda ids: [_dots(rng, ids) for _ in range(PHONES)],
            card_source=card_source(evening, source),
            dots=20,
            dots_per_card=3,
        )
    _scales(evening, rng, long_question)
    _open_answers(evening, rng, long_question)
    return evening


def _ranks(rng, ids):
    order = rng.sample(ids, len(ids))
    return {f"rank_{option}": order.index(option) + 1 for option in ids}


def _dots(rng, ids):
    dots, ballot = 20, {}
    while dots:
        option = rng.choice(ids)
        given = min(dots, 3 - ballot.get(f"dots_{option}", 0), rng.randint(1, 3))
        if given > 0:
            ballot[f"dots_{option}"] = ballot.get(f"dots_{option}", 0) + given
            dots -= given
        if len(ballot) == len(ids) and all(v == 3 for v in ballot.values()):
            break
    return ballot


def _scales(evening, rng, long_question):
    labels = [long_text(n, 150) for n in range(11)]
    evening.run(
        ("scale", "few"),
        "scale",
        "Wie zufrieden?",
        lambda ids: [{"value": rng.randint(1, 2)} for _ in range(PHONES)],
        scale_min=1,
        scale_max=2,
        scale_labels="\n".join(labels[:2]),
    )
    evening.run(
        ("scale", "many"),
        "scale",
        long_question,
        lambda ids: [{"value": rng.randint(-5, 5)} for _ in range(PHONES)],
        scale_min=-5,
        scale_max=5,
        scale_labels="\n".join(labels),
    )


def _open_answers(evening, rng, long_question):
    choices = ["agree", "live_with", "veto"]
    evening.run(
        ("consent", "few"),
        "consent",
        "Tragen wir das mit?",
        lambda ids: [
            {"choice": "agree"},
            {"choice": "veto", "reason": long_text(1, 200)},
        ],
    )
    evening.run(
        ("consent", "many"),
        "consent",
        long_question,
        lambda ids: [
            {"choice": "veto", "reason": long_text(n, 200)}
            if n % 4
            else {"choice": rng.choice(choices[:2])}
            for n in range(PHONES)
        ],
    )
    evening.run(
        ("words", "few"),
        "words",
        "Ein Wort zum Abend?",
        lambda ids: [{"entry": "Zusammenhalt"}, {"entry": "تعاون"}],
    )
    evening.run(  # sixty words, a few of them popular
        ("words", "many"),
        "words",
        long_question,
        lambda ids: (
            [{"entry": [_word(n * 3 + k) for k in range(3)]} for n in range(20)]
            + [
                {"entry": [_word(n % 4), _word(4 + n % 9), _word(13 + n % 15)]}
                for n in range(PHONES - 20)
            ]
        ),
    )
    evening.run(
        ("text", "few"),
        "text",
        "Was fehlt?",
        lambda ids: [{"text": "Ein Kino"}, {"text": long_text(1, 280)}],
    )
    evening.run(
        ("text", "many"),
        "text",
        long_question,
        lambda ids: [{"text": long_text(n, 280)} for n in range(PHONES)],
    )


def _word(n):
    """Sixty distinct entries of at most 40 characters, some one long word."""
    words = [COMPOUND[:38], "مكتبة عامة للجميع", "Nachbarschaftshilfe"]
    return f"{words[n % 3][:36]}{n}"
