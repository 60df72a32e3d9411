"""The public pages: the accessibility statement of an organisation (or the
app's own), its form to report a barrier, and the app explained in Leichte
Sprache (easy read in other languages). No account needed."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.access import get_organisation_by_public_token
from app.accessibility import bp
from app.accessibility.forms import BarrierForm
from app.authorise import public_route
from app.models import DomainError
from app.ratelimit import limit_barrier_reports
from app.services import accessibility


@bp.route("/accessibility")
@public_route("public")
def general():
    organisation = accessibility.the_only_organisation()
    if organisation is not None:
        page = request.args.get("page", "")[:500]
        return redirect(_statement_url(organisation, page=page))
    return _page(None, None)


@bp.route("/accessibility/<token>")
@public_route("public")
def statement(token):
    organisation = get_organisation_by_public_token(token)
    form = BarrierForm(formdata=None, page_url=request.args.get("page", "")[:500])
    return _page(organisation, form)


@bp.route("/accessibility/<token>", methods=["POST"])
@public_route("public")
def report(token):
    organisation = get_organisation_by_public_token(token)
    form = BarrierForm()
    if not form.validate_on_submit():
        return _page(organisation, form, 400)
    try:
        limit_barrier_reports(request.remote_addr or "")
    except DomainError as error:
        form.description.errors.append(error.message)
        return _page(organisation, form, error.status)
    accessibility.report_barrier(organisation, form.data, str(get_locale()))
    flash(_("Thank you. Your report reached the organisers."))
    return redirect(_statement_url(organisation, _anchor="report"))


def _page(organisation, form, status=200):
    page = render_template(
        "accessibility/statement.html",
        shown=accessibility.statement_of(organisation),
        statement_organisation=organisation,
        form=form,
    )
    return page, status


def _statement_url(organisation, **args):
    return url_for("accessibility.statement", token=organisation.public_token, **args)


@bp.route("/easy-read")
@public_route("public")
def easy_read():
    german = str(get_locale()) == "de"
    template = "easy_read_de.html" if german else "easy_read_en.html"
    return render_template(f"accessibility/{template}")
