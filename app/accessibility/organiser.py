"""The organisers' side: writing the statement, and the barriers reported."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import get_barrier_report_for_organiser
from app.accessibility import bp
from app.accessibility.forms import StatementForm
from app.authorise import organisation_route
from app.services import accessibility

PREFIX = "/organisations/<int:organisation_id>/accessibility"


@bp.route(PREFIX, methods=["GET", "POST"])
@organisation_route("manage")
def edit(organisation):
    form = StatementForm(data=accessibility.form_values(organisation))
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        page = render_template(
            "accessibility/edit.html",
            organisation=organisation,
            form=form,
            written=accessibility.stored_statement(organisation) is not None,
        )
        return page, status
    accessibility.save_statement(organisation, form.data, current_user)
    flash(_("The accessibility statement is saved."))
    return redirect(url_for("accessibility.edit", organisation_id=organisation.id))


@bp.route(PREFIX + "/reports")
@organisation_route("manage")
def reports(organisation):
    found = accessibility.reports_of(organisation)
    return render_template(
        "accessibility/reports.html",
        organisation=organisation,
        reports=found,
        mail_states=accessibility.mail_states(found),
    )


@bp.route(PREFIX + "/reports/<int:report_id>/handled", methods=["POST"])
@organisation_route("manage")
def handled(organisation, report_id):
    report = get_barrier_report_for_organiser(organisation, report_id)
    accessibility.mark_handled(report, current_user)
    flash(_("Marked as handled."))
    return redirect(url_for("accessibility.reports", organisation_id=organisation.id))
