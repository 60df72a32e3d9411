"""The pictograms that stand beside card categories and run-sheet steps: a curated
set of OpenMoji (https://openmoji.org, CC BY-SA 4.0) shipped in static/pictograms
with their licence; bin/pictograms copies them again from the npm package. Each is
decorative: its text label always stands beside it."""

from pathlib import Path

from flask import url_for
from flask_babel import lazy_gettext as _l

FOLDER = Path(__file__).parent / "static" / "pictograms"
CREDIT = "OpenMoji, CC BY-SA 4.0"

# key: (OpenMoji hexcode, label)
PICTOGRAMS = {
    "strength": ("1F4AA", _l("Flexed arm")),
    "bandage": ("1FA79", _l("Bandage")),
    "mountain": ("26F0", _l("Mountain")),
    "target": ("1F3AF", _l("Target")),
    "chart": ("1F4C8", _l("Rising chart")),
    "speech": ("1F4AC", _l("Speech bubble")),
    "applause": ("1F44F", _l("Applause")),
    "tools": ("1F6E0", _l("Tools")),
    "puzzle": ("1F9E9", _l("Puzzle piece")),
    "stop": ("1F6D1", _l("Stop sign")),
    "link": ("1F517", _l("Link")),
    "together": ("1F9D1-200D-1F91D-200D-1F9D1", _l("People holding hands")),
    "idea": ("1F4A1", _l("Light bulb")),
    "note": ("1F4DD", _l("Note")),
    "wave": ("1F44B", _l("Waving hand")),
    "placard": ("1FAA7", _l("Placard")),
    "writing": ("270D", _l("Writing hand")),
    "microphone": ("1F3A4", _l("Microphone")),
    "picture": ("1F5BC", _l("Framed picture")),
    "ballot": ("1F5F3", _l("Ballot box")),
    "coffee": ("2615", _l("Coffee")),
    "finish": ("1F3C1", _l("Finish flag")),
    "pin": ("1F4CC", _l("Pin")),
    "housing": ("1F3E0", _l("Housing")),
    "neighbourhood": ("1F3D8", _l("Neighbourhood")),
    "school": ("1F3EB", _l("School")),
    "education": ("1F393", _l("Education")),
    "book": ("1F4D6", _l("Book")),
    "work": ("1F4BC", _l("Work")),
    "money": ("1F4B6", _l("Money")),
    "language": ("1F5E3", _l("Language")),
    "health": ("1FA7A", _l("Health")),
    "hospital": ("1F3E5", _l("Hospital")),
    "care": ("2764", _l("Care")),
    "bus": ("1F68C", _l("Bus")),
    "train": ("1F686", _l("Train")),
    "bicycle": ("1F6B2", _l("Bicycle")),
    "family": ("1F46A", _l("Family")),
    "baby": ("1F476", _l("Baby")),
    "child": ("1F9D2", _l("Child")),
    "playground": ("1F6DD", _l("Playground")),
    "senior": ("1F9D3", _l("Older person")),
    "sport": ("26BD", _l("Sport")),
    "culture": ("1F3AD", _l("Culture")),
    "music": ("1F3B5", _l("Music")),
    "food": ("1F372", _l("Food")),
    "shopping": ("1F6D2", _l("Shopping")),
    "nature": ("1F333", _l("Nature")),
    "world": ("1F30D", _l("World")),
    "diversity": ("1F308", _l("Diversity")),
    "religion": ("1F6D0", _l("Place of worship")),
    "administration": ("1F3DB", _l("Administration")),
    "law": ("2696", _l("Law")),
    "safety": ("1F6E1", _l("Safety")),
    "information": ("2139", _l("Information")),
    "phone": ("1F4F1", _l("Mobile phone")),
    "cooperation": ("1F91D", _l("Handshake")),
    "volunteering": ("1F64B", _l("Volunteering")),
    "accessibility": ("267F", _l("Accessibility")),
    "arrival": ("1F9F3", _l("Arrival")),
    "calendar": ("1F4C5", _l("Calendar")),
    "question": ("2753", _l("Question")),
}

CATEGORY_PICTOGRAMS = {
    "strength": "strength",
    "weakness": "bandage",
    "challenge": "mountain",
    "goal": "target",
    "indicator": "chart",
    "discussion": "speech",
    "praise": "applause",
    "change": "tools",
    "needed": "puzzle",
    "veto": "stop",
    "networks": "link",
    "society": "together",
    "ideas": "idea",
}
CUSTOM_CATEGORY = "note"

STEP_PICTOGRAMS = {
    "welcome": "wave",
    "intro": "placard",
    "phase": "writing",
    "plenary": "microphone",
    "gallery": "picture",
    "vote": "ballot",
    "break": "coffee",
    "closing": "finish",
    "other": "pin",
}


def category_pictogram(key, chosen=""):
    """The pictogram of a category: the organiser's choice, else its key's default."""
    if chosen in PICTOGRAMS:
        return chosen
    return CATEGORY_PICTOGRAMS.get(key, CUSTOM_CATEGORY)


def step_pictogram(kind):
    return STEP_PICTOGRAMS.get(kind, STEP_PICTOGRAMS["other"])


def pictogram_url(key):
    return url_for("static", filename=f"pictograms/{key}.svg")


def pictogram_png(key):
    """The file a PDF draws: PNG, since reportlab draws no SVG."""
    return FOLDER / f"{key}.png"


def pictogram_choices():
    return [(key, label) for key, (_code, label) in PICTOGRAMS.items()]
