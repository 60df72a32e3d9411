from app.models.card import Card
from app.models.errors import DomainError
from app.models.event import ActionField, Category, Event, Phase, Table
from app.models.mail import MailAddress, Mailing, OutboxMail
from app.models.participant import Participant
from app.models.photo import Photo
from app.models.report import ReportDocument, ReportText
from app.models.translation import CardTranslation, Interpreter
from app.models.user import Organiser

__all__ = [
    "ActionField",
    "Card",
    "CardTranslation",
    "Category",
    "DomainError",
    "Event",
    "MailAddress",
    "Mailing",
    "Interpreter",
    "Organiser",
    "OutboxMail",
    "Participant",
    "Phase",
    "Photo",
    "ReportDocument",
    "ReportText",
    "Table",
]
