import io
import uuid
from pathlib import Path

from tests import images

JSON = {"Accept": "application/json"}


def upload_photo(client, data=None, photo_uuid=None, caption="", json=True, **form):
    """POST a photo as the phone page does (multipart, client-made UUID)."""
    fields = {
        "uuid": photo_uuid or str(uuid.uuid4()),
        "caption": caption,
        "photo": (
            io.BytesIO(images.phone_jpeg() if data is None else data),
            "IMG_0001.JPG",
        ),
        **form,
    }
    return client.post(
        "/me/photos",
        data=fields,
        content_type="multipart/form-data",
        headers=JSON if json else {},
    )


def stored_files(app):
    folder = Path(app.config["UPLOAD_FOLDER"])
    return sorted(path for path in folder.rglob("*") if path.is_file())
