from app.models.accessibility import AccessibilityStatement, BarrierReport
from app.models.assistant import DuplicateSuggestion, Theme
from app.models.card import Card
from app.models.draft import Draft
from app.models.errors import ConfirmationNeeded, DomainError
from app.models.event import ActionField, Category, Event, Phase, Table
from app.models.mail import MailAddress, Mailing, OutboxMail
from app.models.organisation import (
    AuditEntry,
    Invitation,
    Membership,
    Organisation,
)
from app.models.participant import Participant
from app.models.password_reset import PasswordReset
from app.models.photo import Photo
from app.models.poll import Ballot, Poll, PollOption, VotingCode
from app.models.process import (
    ConceptDraft,
    Goal,
    GoalUpdate,
    Idea,
    IdeaCard,
    Process,
    ReviewDecision,
)
from app.models.reaction import Reaction
from app.models.report import ReportDocument, ReportText
from app.models.runsheet import Step
from app.models.settings import MailSettings
from app.models.translation import (
    CardTranslation,
    EventText,
    Interpreter,
    TextTranslation,
)
from app.models.user import Organiser

__all__ = [
    "AccessibilityStatement",
    "BarrierReport",
    "DuplicateSuggestion",
    "Theme",
    "AuditEntry",
    "Invitation",
    "Membership",
    "Organisation",
    "ReviewDecision",
    "Process",
    "IdeaCard",
    "Idea",
    "GoalUpdate",
    "Goal",
    "ConceptDraft",
    "ActionField",
    "Ballot",
    "Card",
    "CardTranslation",
    "Category",
    "ConfirmationNeeded",
    "DomainError",
    "Draft",
    "Event",
    "EventText",
    "MailAddress",
    "MailSettings",
    "Mailing",
    "Interpreter",
    "Organiser",
    "OutboxMail",
    "Participant",
    "PasswordReset",
    "Phase",
    "Photo",
    "Poll",
    "PollOption",
    "Reaction",
    "ReportDocument",
    "ReportText",
    "Step",
    "Table",
    "TextTranslation",
    "VotingCode",
]
