"""The process the process scale bench measures (bench/process_scale.py): made
in the database of the app context it runs in."""

from datetime import date, datetime, timedelta

from report_build import make_card

LANGUAGES = ("de", "de", "ar", "uk")  # half German, a quarter each Arabic, Ukrainian
SAMPLES = {
    "de": [
        "Mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können",
        "Ein Willkommensbüro im Rathaus mit Beratung in mehreren Sprachen",
        "Patenschaften zwischen Vereinen und neu Zugewanderten fördern 🤝",
        "Die Anerkennung ausländischer Abschlüsse dauert viel zu lange; es "
        "braucht eine Stelle, die Anträge begleitet und bei Nachweisen hilft, "
        "sonst arbeiten Fachkräfte jahrelang unter ihrer Qualifikation.",
    ],
    "ar": [
        "نحتاج إلى المزيد من دورات اللغة في المساء للعاملين",
        "مكتب استقبال في البلدية يقدم المشورة بعدة لغات",
        "الاعتراف بالشهادات الأجنبية يستغرق وقتا طويلا جدا ونحتاج إلى مرافقة",
    ],
    "uk": [
        "Потрібно більше мовних курсів для дорослих увечері",
        "Місця зустрічі в кожному районі, відкриті ввечері",
        "Визнання дипломів триває надто довго, потрібен супровід 📄",
    ],
}
TRANSLATIONS = {
    "ar": "Mehr Sprachkurse am Abend für Berufstätige (aus dem Arabischen)",
    "uk": "Mehr Sprachkurse für Erwachsene am Abend (aus dem Ukrainischen)",
}
GROUPS = ("Eltern", "Jugendliche", "Senior*innen", "Fachkräfte", "Ehrenamt", "Alle")
OUTCOME_MIX = (
    ("in_draft", {}),
    ("adopted", {"section": "2.3"}),
    ("new_idea", {}),
    ("not_adopted", {"reason": "Liegt nicht in der Zuständigkeit des Landkreises."}),
    ("passed_on", {"passed_to": "Jobcenter"}),
)
PARTICIPANTS = 60


def make_process(args, rng):
    from app.services import accounts, processes

    owner = accounts.create_organiser("bench@example.org", "Bench Reviewer", "x" * 12)
    details = {
        "title": "Konzept Migration und Integration 2027–2031",
        "description": "Sechs Dialogforen, ein Praxischeck und eine Konferenz.\n\n"
        "Die Koordinierungsgruppe hat jeden Beitrag bewertet.",
        "starts_on": date(2027, 1, 1),
        "ends_on": date(2027, 12, 31),
        "language": "de",
    }
    process = processes.create_process(owner, details, "osnabrueck")
    for number in range(args.events):
        event = processes.create_event_in(process, owner, _event_details(number))
        _fill_event(event, args.cards, rng)
    _review(process, owner, args.decided, rng)
    _add_goals(process, owner, rng)
    return process


def _event_details(number):
    return {
        "title": f"Dialogforum {number + 1}: {GROUPS[number % len(GROUPS)]}",
        "starts_at": datetime(2027, 2, 1, 18) + timedelta(weeks=3 * number),
        "venue": "Kreishaus Osnabrück",
        "target_group": GROUPS[number % len(GROUPS)],
    }


def _fill_event(event, count, rng):
    from app.extensions import db
    from app.models import Interpreter, Participant

    people = [
        Participant(event=event, table=event.tables[n % len(event.tables)], locale=lang)
        for n, lang in zip(range(PARTICIPANTS), LANGUAGES * PARTICIPANTS, strict=False)
    ]
    interpreter = Interpreter(event_id=event.id, name="Ingrid", languages="ar,uk")
    db.session.add_all([*people, interpreter])
    categories = [c for phase in event.phases for c in phase.categories]
    for number in range(count):
        card = _card(event, categories, number, people, rng)
        db.session.add(card)
        _translate(card, interpreter, number)
    db.session.commit()
    _add_polls(event, people, rng)


def _card(event, categories, number, people, rng):
    language = LANGUAGES[number % len(LANGUAGES)]
    category = categories[number % len(categories)]
    text = rng.choice(SAMPLES[language])
    person = people[number % len(people)]
    return make_card(event, category, number, language, text, person)


def _translate(card, interpreter, number):
    """A third of the foreign cards get a German translation: half by the
    interpreter, half by a machine."""
    from app.extensions import db
    from app.models import CardTranslation

    if card.language == "de" or number % 3:
        return
    row = CardTranslation(card=card, language="de")
    if number % 2:
        row.record_human(TRANSLATIONS[card.language], interpreter)
    else:
        row.record_machine(TRANSLATIONS[card.language])
    db.session.add(row)


def _add_polls(event, people, rng):
    """Two polls, closed, with a ballot from most participants."""
    from app.extensions import db
    from app.services.voting import polls

    single = {"kind": "single", "options": "Ja\nNein\nEnthaltung"}
    scale = {"kind": "scale", "scale_min": 1, "scale_max": 5}
    for number, values in enumerate((single, scale)):
        question = f"Frage {number + 1}: Wie wichtig ist das Thema Sprache?"
        poll = polls.create_poll(
            event, {"question": question, "visibility": "live", **values}
        )
        poll.open()
        voters = people[: int(len(people) * 0.8)]
        db.session.add_all(_ballot(poll, person, rng) for person in voters)
        poll.close()
    db.session.commit()


def _ballot(poll, person, rng):
    from app.models import Ballot

    if poll.options:
        answer = {"options": [rng.choice(poll.options).id]}
    else:
        answer = {"value": rng.randint(poll.scale_min, poll.scale_max)}
    return Ballot(poll_id=poll.id, participant_id=person.id, answer=answer)


def _review(process, reviewer, share, rng):
    """Most contributions decided, a card or a few at a time; some similar ones
    from different events grouped into an idea and decided together."""
    from app.extensions import db
    from app.models import Idea, IdeaCard
    from app.services import review

    cards = db.session.scalars(review.contributions(process)).all()
    rng.shuffle(cards)
    cards = cards[: int(len(cards) * share)]
    ideas, singles = cards[: len(cards) // 10], cards[len(cards) // 10 :]
    for start in range(0, len(ideas), 4):
        members = ideas[start : start + 4]
        idea = Idea(process_id=process.id, title=f"Idee {start // 4 + 1}")
        idea.members = [IdeaCard(card=card) for card in members]
        db.session.add(idea)
        db.session.commit()
        outcome, details = rng.choice(OUTCOME_MIX)
        review.decide(process, members, reviewer, outcome, idea_id=idea.id, **details)
    for start in range(0, len(singles), 3):
        outcome, details = rng.choice(OUTCOME_MIX)
        review.decide(process, singles[start : start + 3], reviewer, outcome, **details)


def _add_goals(process, owner, rng):
    from app.extensions import db
    from app.models import Goal

    fields = [f.name for f in process.events[0].action_fields]
    for number in range(24):
        goal = Goal(
            process=process,
            action_field=fields[number % len(fields)],
            text=f"Ziel {number + 1}: Mehr Menschen finden in ihrem Beruf Arbeit",
            indicator="Anteil der anerkannten Abschlüsse",
            target_value=f"{40 + number} %",
            actor="Migrationszentrum",
            deadline=date(2029, 12, 31),
            resources="Eine Stelle",
        )
        db.session.add(goal)
        for month in range(1, rng.randint(1, 3) + 1):
            state = rng.choice(("under_way", "reached", "not_started"))
            goal.record(state, date(2027, month * 3, 1), "Stand der Umsetzung", owner)
    db.session.commit()
