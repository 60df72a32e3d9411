from flask_babel import lazy_gettext as _l
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length

from app.forms import PageForm
from app.models.report import MAX_REPORT_TEXT


class ReportTextForm(PageForm):
    introduction = TextAreaField(
        _l("Introduction"), validators=[Length(max=MAX_REPORT_TEXT)]
    )
    closing = TextAreaField(
        _l("Closing words and next steps"), validators=[Length(max=MAX_REPORT_TEXT)]
    )
    submit = SubmitField(_l("Save and update the preview"))
