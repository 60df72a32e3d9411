"""The report shows cards as the hosts left them: corrected, merged duplicates
once, grouped under headings; SMART fields, reactions, perspectives, run-sheet."""

from app.extensions import db
from app.models import Event, Participant
from app.services import gallery, hosts, runsheet
from app.services.report import build_report
from tests.test_report import add_card, pdf_text


def test_report_shows_the_hosts_work_smart_fields_and_reactions(ctx, make_event):
    event = db.session.get(Event, make_event())
    table, other = event.tables[0], event.tables[1]
    typo = add_card(event, table, "Sprachkurse am Abnd")
    duplicate = add_card(event, table, "Abendkurse für Sprache")
    goal = add_card(event, table, "Mehr Sprachkurse am Abend anbieten", phase=1)
    goal.indicator, goal.actor, goal.deadline = "20 Kurse pro Jahr", "VHS", "2027"
    hosts.tidy_card(typo, "Sprachkurse am Abend", "Sprache", False)
    hosts.merge_cards([duplicate, typo], typo)
    visitor = Participant(event=event, table=other, perspective="Verwaltung")
    db.session.add(visitor)
    typo.participant_id = None
    db.session.commit()
    gallery_step = next(s for s in event.steps if s.kind == "plenary")
    gallery_step.kind = "gallery"
    runsheet.start_step(event, gallery_step)
    gallery.set_reaction(visitor, typo, "praise", True)

    text = pdf_text(build_report(event, "de"))
    english = pdf_text(build_report(event, "en"))  # counted words: tests/test_plurals

    assert "Sprachkurse am Abend" in text and "Abnd" not in text
    assert "Abendkurse für Sprache" not in text and "mentioned 2 times" in english
    assert "Sprache" in text and "Lob: 1, Bedenken: 0" in text
    assert "Indikator: 20 Kurse pro Jahr" in text and "Verantwortlich: VHS" in text
    assert "Frist: 2027" in text
    assert "Begrüßung" in text and "min planned" in english


def test_report_puts_a_mixed_phase_in_a_chapter_of_its_own(ctx, make_event):
    event = db.session.get(Event, make_event(format="practice_check"))
    add_card(event, event.tables[0], "Kennenlernen war gut")
    add_card(event, event.tables[0], "Abschnitt 2.3 loben", phase=1)

    text = pdf_text(build_report(event, "de"))

    assert "Kennenlernen (gemischte Tische)" in text
    assert text.index("Abschnitt 2.3 loben") < text.index("Kennenlernen war gut")


def test_report_counts_perspectives_per_category_never_per_card(ctx, make_event):
    event = db.session.get(Event, make_event())
    writer = Participant(event=event, table=event.tables[0], perspective="Politik")
    db.session.add(writer)
    db.session.commit()
    card = add_card(event, event.tables[0], "Eine Karte")
    card.participant_id = writer.id
    db.session.commit()

    text = pdf_text(build_report(event, "de"))

    assert "Perspektiven der Schreibenden" in text and "Stärken – Politik: 1" in text
