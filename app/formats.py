"""Built-in workshop formats and action-field catalogues (facts from the seeds)."""

from flask_babel import lazy_gettext as _l

from app.simple_language import _s

CATALOGUES = {
    "osnabrueck": (
        _l("Landkreis Osnabrück (9 action fields)"),
        [
            "Ankommen & Aufenthalt",
            "Wohnen & Leben",
            "Sprache",
            "Bildung",
            "Arbeitsmarkt",
            "Gesundheit",
            "Gesellschaftliche Integration & Teilhabe",
            "Zivilgesellschaftliches Engagement",
            "Migrations- und Integrationsmanagement",
        ],
    ),
    "laatzen": (
        _l("Laatzen (7 action fields)"),
        [
            "Willkommenskultur",
            "Wohnen und Leben",
            "Bildung und Sprache",
            "Wirtschaft und Arbeit",
            "Teilhabe",
            "Interkulturelle Öffnung",
            "Vernetzung",
        ],
    ),
    "offenburg": (
        _l("Offenburg (11 action fields)"),
        [
            "Sprache",
            "Bildung und Schule",
            "Kultur und kulturelle Vielfalt",
            "Wohnen, Nachbarschaften, Zusammenleben im Stadtteil",
            "Offene Arbeit mit Kindern und Jugendlichen",
            "Ausbildung, Beschäftigung und Arbeit/Betriebe",
            "Pflege und Altern",
            "Interreligiöser Dialog",
            "Zusammenarbeit der Migrantenorganisationen und der Stadt",
            "Freizeit und Sport",
            "Interkulturelle Öffnung der Verwaltung",
        ],
    ),
    "melle": (
        _l("Melle (6 action fields)"),
        [
            "Schnittstellen stärken",
            "Informationen vermitteln",
            "Austausch und Begegnung gestalten",
            "Teilhabe verbessern",
            "Vielfalt anerkennen und wertschätzen",
            "Vielfalt im Engagement fördern",
        ],
    ),
}


# The built-in names in other languages, through the gettext catalogues. An event
# stores the German name from the council papers; the catalogues translate from
# English (the source language of every msgid), so German readers keep the
# stored name and other readers get the catalogue's text where it has one.
def _p(context, message):
    """Marks a message with its context for extraction; translated where it is read
    (services/text_views.py), so the msgid stays at hand to compare with."""
    return message


ACTION_FIELD_CONTEXT = "action field"
ACTION_FIELD_NAMES = {
    "Ankommen & Aufenthalt": _p("action field", "Arrival & residence"),
    "Wohnen & Leben": _p("action field", "Housing & living"),
    "Sprache": _p("action field", "Language"),
    "Bildung": _p("action field", "Education"),
    "Arbeitsmarkt": _p("action field", "Labour market"),
    "Gesundheit": _p("action field", "Health"),
    "Gesellschaftliche Integration & Teilhabe": _p(
        "action field", "Social integration & participation"
    ),
    "Zivilgesellschaftliches Engagement": _p("action field", "Civic engagement"),
    "Migrations- und Integrationsmanagement": _p(
        "action field", "Migration and integration management"
    ),
    "Willkommenskultur": _p("action field", "Welcome culture"),
    "Wohnen und Leben": _p("action field", "Housing and living"),
    "Bildung und Sprache": _p("action field", "Education and language"),
    "Wirtschaft und Arbeit": _p("action field", "Economy and work"),
    "Teilhabe": _p("action field", "Participation"),
    "Interkulturelle Öffnung": _p("action field", "Intercultural opening"),
    "Vernetzung": _p("action field", "Networking"),
    "Bildung und Schule": _p("action field", "Education and school"),
    "Kultur und kulturelle Vielfalt": _p(
        "action field", "Culture and cultural diversity"
    ),
    "Wohnen, Nachbarschaften, Zusammenleben im Stadtteil": _p(
        "action field", "Housing, neighbourhoods, living together in the district"
    ),
    "Offene Arbeit mit Kindern und Jugendlichen": _p(
        "action field", "Open work with children and young people"
    ),
    "Ausbildung, Beschäftigung und Arbeit/Betriebe": _p(
        "action field", "Vocational training, employment and work/businesses"
    ),
    "Pflege und Altern": _p("action field", "Care and ageing"),
    "Interreligiöser Dialog": _p("action field", "Interreligious dialogue"),
    "Zusammenarbeit der Migrantenorganisationen und der Stadt": _p(
        "action field", "Cooperation of the migrant organisations and the city"
    ),
    "Freizeit und Sport": _p("action field", "Leisure and sport"),
    "Interkulturelle Öffnung der Verwaltung": _p(
        "action field", "Intercultural opening of the administration"
    ),
    "Schnittstellen stärken": _p("action field", "Strengthening interfaces"),
    "Informationen vermitteln": _p("action field", "Passing on information"),
    "Austausch und Begegnung gestalten": _p(
        "action field", "Shaping exchange and encounter"
    ),
    "Teilhabe verbessern": _p("action field", "Improving participation"),
    "Vielfalt anerkennen und wertschätzen": _p(
        "action field", "Recognising and valuing diversity"
    ),
    "Vielfalt im Engagement fördern": _p(
        "action field", "Promoting diversity in civic engagement"
    ),
}
ACTION_FIELD_LANGUAGE = "de"


def builtin_field_name(catalogue, name):
    """The catalogue's translatable name for an action field stored as `name`,
    or None: only a name of the event's own built-in catalogue, unchanged."""
    if catalogue not in CATALOGUES or name not in CATALOGUES[catalogue][1]:
        return None
    return ACTION_FIELD_NAMES.get(name)


def _phase(key, seating, minutes, categories):
    return {
        "key": key,
        "seating": seating,
        "minutes": minutes,
        "categories": categories,
    }


# A format is data: its work phases (seating, planned minutes, card categories) and
# its run-sheet, steps as (kind, planned minutes, index of the phase or None).
# An event gets its own copy, which the organiser can edit afterwards.
FORMATS = {
    "dialogue_forum": {
        "label": _l("Dialogue forum"),
        "hint": _l(
            "Tables per action field. Phase 1 “Situation”: strengths, weaknesses, "
            "challenges. Phase 2 “Goals”: goal proposals, indicators of success. "
            "Each phase ends with the tables presenting in the plenary."
        ),
        "phases": [
            _phase(
                "situation", "action_field", 45, ["strength", "weakness", "challenge"]
            ),
            _phase("goals", "action_field", 45, ["goal", "indicator"]),
        ],
        "steps": [
            ("welcome", 15, None),
            ("phase", 45, 0),
            ("plenary", 30, 0),
            ("phase", 45, 1),
            ("plenary", 30, 1),
            ("closing", 15, None),
        ],
    },
    "practice_check": {
        "label": _l("Practice check"),
        "hint": _l(
            "A concept draft is shown to participants. Phase 1 at mixed tables of "
            "about 8 to get to know each other; phase 2 re-seated by action field: "
            "what we praise, what must change, what is needed for success."
        ),
        "draft": True,
        "phases": [
            _phase("acquainted", "mixed", 30, ["discussion"]),
            _phase("practice", "action_field", 60, ["praise", "change", "needed"]),
        ],
        "steps": [
            ("welcome", 15, None),
            ("phase", 30, 0),
            ("phase", 60, 1),
            ("plenary", 45, 1),
            ("closing", 15, None),
        ],
    },
    "conference": {
        "label": _l("Conference"),
        "hint": _l(
            "A table host introduces each action field. Phase 1 feedback on the "
            "draft: praise, veto, what is needed. Phase 2 implementation: networks "
            "and structures, how society gets involved. Votes between the phases."
        ),
        "draft": True,
        "phases": [
            _phase("feedback", "action_field", 45, ["praise", "veto", "needed"]),
            _phase("implementation", "action_field", 45, ["networks", "society"]),
        ],
        "steps": [
            ("welcome", 20, None),
            ("vote", 10, None),
            ("intro", 10, None),
            ("phase", 45, 0),
            ("plenary", 30, 0),
            ("vote", 10, None),
            ("phase", 45, 1),
            ("plenary", 30, 1),
            ("vote", 10, None),
            ("closing", 10, None),
        ],
    },
    "custom": {
        "label": _l("Custom"),
        "hint": _l(
            "Start with one work phase and define phases, card categories, seating "
            "and durations yourself on the event's programme page."
        ),
        "phases": [_phase("", "action_field", 45, ["ideas"])],
        "steps": [
            ("welcome", 10, None),
            ("phase", 45, 0),
            ("plenary", 30, 0),
            ("closing", 10, None),
        ],
    },
}

PHASE_LABELS = {
    "situation": _l("Situation"),
    "goals": _l("Goals"),
    "acquainted": _l("Getting to know each other"),
    "practice": _l("Practice check"),
    "feedback": _l("Feedback on the draft"),
    "implementation": _l("Implementation"),
}

CATEGORY_LABELS = {
    "strength": _l("Strengths"),
    "weakness": _l("Weaknesses"),
    "challenge": _l("Challenges"),
    "goal": _l("Goal proposals"),
    "indicator": _l("Indicators of success"),
    "discussion": _l("Discussion notes"),
    "praise": _l("What we praise"),
    "change": _l("What must change"),
    "needed": _l("What is needed for success"),
    "veto": _l("Veto"),
    "networks": _l("Networks and structures needed"),
    "society": _l("How society gets involved"),
    "ideas": _l("Ideas"),
}

CATEGORY_HELP = {
    "discussion": _l("What does successful integration mean in your daily work?"),
    "praise": _l("Which goals, measures or sections of the draft do you praise?"),
    "change": _l("Which sections must change, and how?"),
    "needed": _l("What is needed so that the goals are reached?"),
    "veto": _l("Which goals or measures do you object to, and why?"),
    "networks": _l("Which networks and (new) structures are needed?"),
    "society": _l("How can society be involved to support integration?"),
    "goal": _l("A goal for the concept; details fold out below."),
    "indicator": _l("How would we notice that a goal has been reached?"),
}

# Simple mode (app/simple_language.py): the built-in categories in Einfache Sprache.
CATEGORY_SIMPLE_LABELS = {
    "strength": _s("What is good"),
    "weakness": _s("What is not good"),
    "challenge": _s("What is hard"),
    "goal": _s("Ideas for goals"),
    "indicator": _s("How we see success"),
    "discussion": _s("Notes"),
    "praise": _s("What we like"),
    "change": _s("What must change"),
    "needed": _s("What we need"),
    "veto": _s("What we are against"),
    "networks": _s("Who must work together"),
    "society": _s("How everyone can help"),
    "ideas": _s("Ideas"),
}

CATEGORY_SIMPLE_HELP = {
    "strength": _s("What works well today?"),
    "weakness": _s("What does not work well today?"),
    "challenge": _s("What makes things hard?"),
    "discussion": _s("Think of your daily work.\nWhen does integration work well?"),
    "praise": _s("Read the draft.\nWhat do you like in it?"),
    "change": _s("Read the draft.\nWhat must change?\nHow must it change?"),
    "needed": _s("We want to reach the goals.\nWhat do we need for this?"),
    "veto": _s("Is there a goal you are against?\nTell us why."),
    "networks": _s("Who must work together?\nWhat new groups do we need?"),
    "society": _s("How can all people help with integration?"),
    "goal": _s("Write a goal.\nYou can add more details below."),
    "indicator": _s("We reached a goal.\nHow can we see this?"),
    "ideas": _s("Write your idea."),
}

CATEGORY_COLOURS = {
    "strength": "#2e7d32",
    "weakness": "#c62828",
    "challenge": "#b45309",
    "goal": "#1565c0",
    "indicator": "#6a1b9a",
    "discussion": "#00796b",
    "praise": "#2e7d32",
    "change": "#b45309",
    "needed": "#1565c0",
    "veto": "#c62828",
    "networks": "#6a1b9a",
    "society": "#00796b",
    "ideas": "#1565c0",
}

# Goal proposals carry the optional SMART fields.
SMART_CATEGORIES = {"goal"}

SEATING_MODES = {
    "action_field": _l("By action field (participants choose their table)"),
    "mixed": _l("Mixed tables (assigned automatically)"),
    "free": _l("Free seating (everyone stays or sits where they like)"),
}

STEP_KINDS = {
    "welcome": _l("Welcome"),
    "intro": _l("Table hosts introduce the action fields"),
    "phase": _l("Work phase"),
    "plenary": _l("Plenary"),
    "gallery": _l("Gallery walk"),
    "vote": _l("Vote"),
    "break": _l("Break"),
    "closing": _l("Closing"),
    "other": _l("Other"),
}

PERSPECTIVES = [
    _l("Resident"),
    _l("Administration"),
    _l("Association"),
    _l("Migrant organisation"),
    _l("Business"),
    _l("Politics"),
    _l("Other"),
]

# Table colours: distinct on a projector and for colour-blind eyes, by table number.
TABLE_COLOURS = [
    "#0b5cad", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490",
    "#a16207", "#be185d", "#4d7c0f", "#1e3a8a", "#9a3412", "#334155",
]  # fmt: skip

TARGET_GROUPS = [
    _l("Migrants"),
    _l("Citizens"),
    _l("Volunteers"),
    _l("Associations and migrant organisations"),
    _l("Businesses and education providers"),
    _l("Mayors"),
]


def phase_label(key):
    return PHASE_LABELS.get(key)


def category_label(key):
    return CATEGORY_LABELS.get(key)


def category_help(key):
    return CATEGORY_HELP.get(key)


def category_simple_label(key):
    return CATEGORY_SIMPLE_LABELS.get(key)


def category_simple_help(key):
    return CATEGORY_SIMPLE_HELP.get(key)


def table_colour(number):
    return TABLE_COLOURS[(number - 1) % len(TABLE_COLOURS)]
