"""The base of the app's forms."""

from flask_wtf import FlaskForm

UNLABELLED = {"CSRFTokenField", "HiddenField", "SubmitField"}


class PageForm(FlaskForm):
    """A form whose hidden fields and buttons carry no id: no label points at
    them, and a page with several forms would repeat csrf_token and submit."""

    class Meta:
        def render_field(self, field, render_kw):
            if field.type in UNLABELLED and "id" not in render_kw:
                render_kw = {**render_kw, "id": False}
            return super().render_field(field, render_kw)
