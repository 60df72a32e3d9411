"""Built-in workshop formats and action-field catalogues (facts from the seeds)."""

from flask_babel import lazy_gettext as _l

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

FORMATS = {
    "dialogue_forum": {
        "label": _l("Dialogue forum"),
        "phases": [
            ("situation", ["strength", "weakness", "challenge"]),
            ("goals", ["goal", "indicator"]),
        ],
    },
}

PHASE_LABELS = {
    "situation": _l("Situation"),
    "goals": _l("Goals"),
}

CATEGORY_LABELS = {
    "strength": _l("Strengths"),
    "weakness": _l("Weaknesses"),
    "challenge": _l("Challenges"),
    "goal": _l("Goal proposals"),
    "indicator": _l("Indicators of success"),
}

CATEGORY_COLOURS = {
    "strength": "#2e7d32",
    "weakness": "#c62828",
    "challenge": "#b45309",
    "goal": "#1565c0",
    "indicator": "#6a1b9a",
}

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
