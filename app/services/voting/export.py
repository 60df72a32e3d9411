"""A poll's results as rows: the CSV download, the JSON export and the report
read them from here, so all three say the same."""

from flask_babel import gettext as _

from app.models.poll import POLL_KINDS
from app.services.spreadsheet import csv_bytes
from app.services.voting.results import results


def result_table(poll, counted=None, card_ids=False):
    """(headers, rows) of the poll's tally, as the room may see it. card_ids: a
    dot vote's rows start with their card's id (the files; the report has none)."""
    counted = counted or results(poll, public=True)
    headers, rows = TABLES[poll.kind](counted)
    if card_ids and poll.kind == "dots":
        ids = [o["card_id"] for o in counted["options"]]
        return [_("Card id"), *headers], [
            [i, *r] for i, r in zip(ids, rows, strict=True)
        ]
    return headers, rows


def _choices(counted):
    return [_("Option"), _("Votes"), _("Percent")], [
        [o["label"], o["count"], o["percent"]] for o in counted["options"]
    ]


def _scale(counted):
    rows = [[d["value"], d["label"], d["count"]] for d in counted["distribution"]]
    return [_("Value"), _("Label"), _("Votes")], rows


def _ranking(counted):
    return [_("Place"), _("Option"), _("Points")], [
        [place, o["label"], o["points"]]
        for place, o in enumerate(counted["options"], start=1)
    ]


def _words(counted):
    return [_("Word"), _("Entries")], [
        [w["word"], w["count"]] for w in counted["words"]
    ]


def _texts(counted):
    return [_("Answer")], [[a["text"]] for a in counted["answers"]]


def _dots(counted):
    headers = [_("Card"), _("Table"), _("Action field"), _("Dots")]
    return headers, [
        [o["label"], *_source(o["table"]), o["dots"]] for o in counted["options"]
    ]


def _source(table):
    return (table["number"], table["action_field"]) if table else ("", "")


def _consent(counted):
    rows = [[c["label"], c["count"]] for c in counted["choices"]]
    rows += [[_("Veto reason"), reason] for reason in counted["reasons"]]
    return [_("Answer"), _("Votes")], rows


TABLES = {
    "single": _choices,
    "multiple": _choices,
    "scale": _scale,
    "ranking": _ranking,
    "words": _words,
    "text": _texts,
    "dots": _dots,
    "consent": _consent,
}


def summary(counted):
    """Voters, present, and for a scale its mean and median."""
    lines = [
        (_("Votes cast"), counted["voters"]),
        (_("Participants present"), counted["present"]),
    ]
    if counted["kind"] == "scale" and counted["mean"] is not None:
        lines += [(_("Mean"), counted["mean"]), (_("Median"), counted["median"])]
    return lines


def poll_csv(poll):
    """The room's view of the tally, during or after the event."""
    counted = results(poll, public=True)
    headers, rows = result_table(poll, counted, card_ids=True)
    head = [[_("Question"), poll.question], [_("Kind"), str(POLL_KINDS[poll.kind])]]
    return csv_bytes([*head, *summary(counted), [], headers, *rows])


def poll_json(poll):
    counted = results(poll, public=True)
    headers, rows = result_table(poll, counted, card_ids=True)
    return {
        "question": poll.question,
        "kind": poll.kind,
        "state": poll.state,
        "votes": counted["voters"],
        "present": counted["present"],
        "columns": headers,
        "results": rows,
        "mean": counted.get("mean"),
        "median": counted.get("median"),
    }
