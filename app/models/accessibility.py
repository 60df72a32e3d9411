from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow

# How far the organisation's pages meet WCAG 2.1 AA / EN 301 549 (the EU
# model statement's three answers).
CONFORMANCE_LABELS = {
    "full": _l("fully compliant"),
    "partial": _l("partially compliant"),
    "none": _l("not compliant"),
}
METHOD_LABELS = {
    "self": _l("a self-assessment"),
    "third_party": _l("an assessment by a third party"),
}


class StatementLabels:
    """The labels of a statement's choices, for the stored statement and the
    app's own alike."""

    @property
    def conformance_label(self):
        return CONFORMANCE_LABELS[self.conformance]

    @property
    def method_label(self):
        return METHOD_LABELS[self.method]


class AccessibilityStatement(StatementLabels, db.Model):
    """An organisation's accessibility statement (Erklärung zur
    Barrierefreiheit, BITV 2.0 § 7); without one, the app's own is shown."""

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True
    )
    conformance: Mapped[str] = mapped_column(String(16))
    known_gaps: Mapped[str] = mapped_column(Text, default="")
    prepared_on: Mapped[date]
    reviewed_on: Mapped[date | None]
    method: Mapped[str] = mapped_column(String(16))
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_address: Mapped[str] = mapped_column(Text, default="")
    enforcement_name: Mapped[str] = mapped_column(String(300))
    enforcement_address: Mapped[str] = mapped_column(Text, default="")
    enforcement_url: Mapped[str] = mapped_column(String(500), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation = relationship("Organisation")


class BarrierReport(db.Model):
    """A barrier someone reported from a statement page; organisers mark it
    handled. Name and e-mail are optional, for an answer."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    page_url: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(120), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    handled_at: Mapped[datetime | None]
    handled_by: Mapped[str] = mapped_column(String(120), default="")

    organisation = relationship("Organisation")

    def mark_handled(self, by_name, now):
        if self.handled_at is None:
            self.handled_at = now
            self.handled_by = by_name
