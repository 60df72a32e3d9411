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


def batch(*files):
    """The console's upload form: (data, file name) for each file."""
    photos = [(io.BytesIO(data), name) for data, name in files]
    return {"uuid": str(uuid.uuid4()), "photo": photos}


def good_bad_good(bad_name="drawing.svg"):
    png = images.encoded(images.poster(), "PNG")
    return batch(
        (images.phone_jpeg(), "a.jpg"), (images.svg(), bad_name), (png, "c.png")
    )
