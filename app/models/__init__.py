from app.models.card import Card
from app.models.errors import DomainError
from app.models.event import ActionField, Category, Event, Phase, Table
from app.models.participant import Participant
from app.models.photo import Photo
from app.models.user import Organiser

__all__ = [
    "ActionField",
    "Card",
    "Category",
    "DomainError",
    "Event",
    "Organiser",
    "Participant",
    "Phase",
    "Photo",
    "Table",
]
