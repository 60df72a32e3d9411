"""Accessibility statements (Erklärung zur Barrierefreiheit after the EU model,
BITV 2.0 § 7) per organisation, and the barriers people report from them: each
report is kept for the organisers and mailed to the statement's contact address
through the outbox."""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AccessibilityStatement,
    BarrierReport,
    Organisation,
    OutboxMail,
)
from app.models.accessibility import StatementLabels
from app.models.base import utcnow
from app.services.audit import record

# When the app's own statement was prepared (by the team that built the app).
APP_STATEMENT_DATE = date(2026, 12, 4)
FEDERAL_BODY = (
    "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem "
    "Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen"
)
FEDERAL_ADDRESS = "Mauerstraße 53\n10117 Berlin"
FEDERAL_URL = "https://www.schlichtungsstelle-bgg.de"
KNOWN_GAPS = (
    _l(
        "Poster photos have no text alternative beyond their table and phase; "
        "the cards of the table are the text version."
    ),
    _l("The printed table cards and the report PDF are not tagged PDF documents."),
    _l(
        "The live projector view is made for the room; its results are also "
        "shown on the phones."
    ),
    _l(
        "Cards that participants write are shown as written; they may hold "
        "abbreviations or difficult words."
    ),
)
STATEMENT_FIELDS = (
    "conformance",
    "known_gaps",
    "prepared_on",
    "reviewed_on",
    "method",
    "contact_email",
    "contact_phone",
    "contact_address",
    "enforcement_name",
    "enforcement_address",
    "enforcement_url",
)


@dataclass
class Statement(StatementLabels):
    """What a statement page shows: the organisation's statement or the app's."""

    organisation: Organisation | None
    conformance: str = "partial"
    gaps: list = field(default_factory=lambda: list(KNOWN_GAPS))
    prepared_on: date = APP_STATEMENT_DATE
    reviewed_on: date | None = None
    method: str = "self"
    contact_email: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    enforcement_name: str = FEDERAL_BODY
    enforcement_address: str = FEDERAL_ADDRESS
    enforcement_url: str = FEDERAL_URL
    is_default: bool = True


def stored_statement(organisation):
    return db.session.get(AccessibilityStatement, organisation.id)


def statement_of(organisation):
    """The organisation's statement, or the app's own where it wrote none (or
    for no organisation)."""
    stored = stored_statement(organisation) if organisation else None
    if stored is None:
        return Statement(organisation)
    values = {name: getattr(stored, name) for name in STATEMENT_FIELDS}
    gaps = [line for line in values.pop("known_gaps").splitlines() if line.strip()]
    return Statement(organisation, gaps=gaps, is_default=False, **values)


def form_values(organisation):
    """What the edit form starts with: the stored statement, else the app's."""
    shown = statement_of(organisation)
    values = {name: getattr(shown, name, None) for name in STATEMENT_FIELDS}
    values["known_gaps"] = "\n".join(str(gap) for gap in shown.gaps)
    return values


def save_statement(organisation, values, by):
    """Write the organisation's statement from the form's values."""
    stored = stored_statement(organisation)
    if stored is None:
        stored = AccessibilityStatement(organisation_id=organisation.id)
        db.session.add(stored)
    for name in STATEMENT_FIELDS:
        value = values[name]
        setattr(stored, name, value.strip() if isinstance(value, str) else value)
    record(organisation, by, "accessibility_statement_changed", organisation.name)
    db.session.flush()
    return stored


def the_only_organisation():
    """The installation's organisation when there is exactly one: then every
    page belongs to it."""
    found = db.session.scalars(select(Organisation).limit(2)).all()
    return found[0] if len(found) == 1 else None


def report_barrier(organisation, values, language):
    """Keep a reported barrier and queue its mail to the statement's contact
    address (if the organisation gave one)."""
    report = BarrierReport(
        organisation_id=organisation.id,
        page_url=values["page_url"].strip(),
        description=values["description"].strip(),
        name=values["name"].strip(),
        email=values["email"].strip(),
        language=language,
    )
    db.session.add(report)
    db.session.flush()
    if statement_of(organisation).contact_email:
        default = current_app.config["BABEL_DEFAULT_LOCALE"]
        db.session.add(OutboxMail(barrier_report_id=report.id, language=default))
    current_app.logger.info("barrier report %s kept", report.id)
    return report


def reports_of(organisation):
    """Open reports first, each group newest first."""
    query = (
        select(BarrierReport)
        .where(BarrierReport.organisation_id == organisation.id)
        .order_by(BarrierReport.handled_at.is_not(None), BarrierReport.id.desc())
    )
    return db.session.scalars(query).all()


def open_report_count(organisation):
    query = select(func.count(BarrierReport.id)).where(
        BarrierReport.organisation_id == organisation.id,
        BarrierReport.handled_at.is_(None),
    )
    return db.session.scalar(query)


def mail_states(reports):
    """{report id: state of its mail} for the reports that have one."""
    ids = [report.id for report in reports]
    query = select(OutboxMail.barrier_report_id, OutboxMail.state).where(
        OutboxMail.barrier_report_id.in_(ids)
    )
    return dict(db.session.execute(query).all())


def mark_handled(report, by):
    report.mark_handled(by.name, utcnow())
    record(report.organisation, by, "barrier_report_handled", f"#{report.id}")
    db.session.flush()
