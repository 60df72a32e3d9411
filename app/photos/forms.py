from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, HiddenField, StringField, SubmitField

from app.forms import PageForm
from app.models.photo import MAX_CAPTION_LENGTH

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class PhotoForm(PageForm):
    """A poster photo from a phone. The file is checked by the service, so a phone
    gets the same answer with or without JavaScript."""

    uuid = HiddenField()
    photo = FileField(_l("Photo of the poster"), render_kw={"accept": ACCEPT})
    caption = StringField(
        _l("Caption (optional)"), render_kw={"maxlength": MAX_CAPTION_LENGTH}
    )
    submit = SubmitField(_l("Send photo"))


class ModeratorPhotoForm(PageForm):
    uuid = HiddenField()
    photo = MultipleFileField(_l("Add photos"), render_kw={"accept": ACCEPT})
    submit = SubmitField(_l("Upload"))


class FaceBlurForm(PageForm):
    blur_faces = BooleanField(_l("Blur faces in poster photos before they are stored"))
    submit = SubmitField(_l("Save"))
