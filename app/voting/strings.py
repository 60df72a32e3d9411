from flask_babel import gettext as _

from app.plurals import plural_forms


def chart_strings():
    """What voting.js writes around the numbers, in the page's language."""
    return {
        "voted": plural_forms(
            "%(num)s of %(present)s present voted",
            "%(num)s of %(present)s present voted",
        ),
        "votes": plural_forms("%(num)s vote", "%(num)s votes"),
        "leading": _("Leading: %(answer)s (%(result)s)"),
        "none": _("No votes yet."),
        "caption": _("Results as a table"),
        "answer": _("Answer"),
        "result": _("Result"),
        "points": _("Points: %(n)s"),
        "dots": _("Dots: %(n)s"),
        "table": _("Table %(number)s"),
        "mean": _("Mean %(mean)s · median %(median)s"),
        "reasons": _("Veto reasons"),
        "hiddenWords": _("Taken off the cloud:"),
        "hide": _("Hide"),
        "show": _("Show"),
        "hidden": _("The results are shown later."),
        "page": _("Page %(page)s of %(pages)s"),
    }
