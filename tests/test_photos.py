import io
import logging
import uuid

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Event, Photo
from app.services import photos
from tests import images
from tests.conftest import CONFIRMED, PASSWORD, join
from tests.photo_helpers import JSON, good_bad_good, stored_files, upload_photo


@pytest.fixture
def seated(app, client, make_event, event_data):
    """An event with the client seated at table 1: (event id, event data)."""
    event_id = make_event()
    data = event_data(event_id)
    join(client, data["tables"][0][1])
    return event_id, data


@pytest.fixture
def moderator(app, organiser):
    """The organiser's laptop: a browser of its own, apart from the phone's."""
    laptop = app.test_client()
    laptop.post("/login", data={"email": "orga@example.org", "password": PASSWORD})
    return laptop


def photo_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Photo.id)))


def test_phone_photo_is_stored_once_even_when_resent(app, client, seated):
    event_id, data = seated
    photo_uuid = str(uuid.uuid4())
    first = upload_photo(client, photo_uuid=photo_uuid, caption=" Unser  Plakat ")
    again = upload_photo(client, photo_uuid=photo_uuid)
    assert (first.status_code, again.status_code) == (201, 200)
    photo = first.json["photo"]
    assert again.json["photo"]["id"] == photo["id"]
    assert (
        photo["caption"] == "Unser Plakat" and photo["table_id"] == data["tables"][0][0]
    )
    assert photo_count(app) == 1
    files = stored_files(app)
    assert len(files) == 2 and all(f.parent.name == str(event_id) for f in files)
    assert not any("IMG" in f.name for f in files)


def test_stored_photo_is_upright_and_without_metadata(client, seated):
    photo = upload_photo(client, images.phone_jpeg(orientation=6)).json["photo"]
    served = client.get(photo["url"])
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.headers["Cache-Control"].startswith("private")
    assert not any(secret in served.data for secret in images.SECRETS)
    assert (photo["width"], photo["height"]) == (800, 1200)
    assert client.get(photo["thumb_url"]).status_code == 200


def test_photo_records_the_running_phase(app, client, seated, start_phase):
    event_id, data = seated
    before = upload_photo(client).json["photo"]
    start_phase(event_id, 1)
    during = upload_photo(client).json["photo"]
    assert before["phase_id"] is None and during["phase_id"] == data["phases"][1][0]


def test_photo_works_without_javascript(client, seated):
    response = upload_photo(client, json=False)
    assert response.status_code == 302 and response.location.endswith("/me#photos")
    page = client.get("/me").get_data(as_text=True)
    with client.application.app_context():
        file_id = db.session.scalar(select(Photo.file_id))
    assert f"/photos/{file_id}/thumb.jpg" in page and "Foto wurde gesendet" in page


@pytest.mark.parametrize(
    "data, status, words",
    [
        (images.truncated_jpeg(), 400, "beschädigt"),
        (images.pixel_bomb(), 400, "egapixel"),  # a new counted message (#11)
        (images.pdf_named_jpg(), 415, "JPEG, PNG, WebP oder HEIC"),
        (b"", 400, "Foto"),
    ],
    ids=["truncated", "bomb", "pdf-named-jpg", "no-file"],
)
def test_bad_files_are_refused_in_the_users_language_and_nothing_is_saved(
    app, client, seated, data, status, words
):
    response = upload_photo(client, data)
    assert response.status_code == status
    assert response.json["ok"] is False and words in response.json["error"]
    assert photo_count(app) == 0 and stored_files(app) == []


@pytest.mark.parametrize(
    "data",
    [images.blank_png(8000, 8000), images.jpeg_declaring(7900, 7900)],
    ids=["png-8000-by-8000", "jpeg-declaring-7900"],
)
def test_small_files_declaring_huge_photos_are_refused(app, client, seated, data):
    """Issue #13: neither is decoded (hundreds of MB, seconds); nothing is kept."""
    response = upload_photo(client, data)
    assert response.status_code == 400 and response.json["error"]
    assert photo_count(app) == 0 and stored_files(app) == []


def test_bad_file_without_javascript_is_shown_on_the_phone_page(app, client, seated):
    response = upload_photo(client, images.pdf_named_jpg(), json=False)
    page = client.get(response.location).get_data(as_text=True)
    assert "JPEG, PNG, WebP oder HEIC" in page


def test_upload_over_20_mb_gets_a_clear_413(app, client, seated):
    response = upload_photo(client, b"\xff" * (30 * 1024 * 1024))
    assert response.status_code == 413
    assert "20 MB" in response.json["error"]
    assert photo_count(app) == 0 and stored_files(app) == []


def test_photo_just_over_the_limit_is_refused_by_the_service(app, client, seated):
    response = upload_photo(client, b"\xff" * (20 * 1024 * 1024 + 10))
    assert response.status_code == 413 and "20 MB" in response.json["error"]


def test_caption_has_a_length_limit(app, client, seated):
    response = upload_photo(client, caption="x" * 201)
    assert response.status_code == 400 and "200" in response.json["error"]


def test_failed_commit_leaves_no_files(app, client, seated, monkeypatch):
    def broken_commit():
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError), app.test_request_context():
        event = db.session.get(Event, seated[0])
        photos.add_photo(
            event.tables[0], str(uuid.uuid4()), io.BytesIO(images.phone_jpeg())
        )
        assert stored_files(app) != []  # written, not committed yet
        monkeypatch.setattr(db.session, "commit", broken_commit)
    assert stored_files(app) == []


def test_photos_are_refused_after_the_event_closed(app, client, seated, moderator):
    moderator.post(f"/events/{seated[0]}/close", data=CONFIRMED)
    response = upload_photo(client)
    assert response.status_code == 409 and response.json["error"]


def test_phones_that_send_too_many_photos_are_slowed_down(app, client, seated):
    app.config["PHOTO_RATE_LIMIT"] = 2
    try:
        codes = [upload_photo(client).status_code for _ in range(3)]
    finally:
        app.config["PHOTO_RATE_LIMIT"] = 20
    assert codes == [201, 201, 429]


def test_photos_are_seen_only_by_their_event(
    app, client, phone, seated, make_event, event_data, moderator
):
    photo = upload_photo(client).json["photo"]
    outsider = phone()
    join(outsider, event_data(make_event(catalogue="melle"))["tables"][0][1])
    projector_token = event_data(seated[0])["projector_token"]
    neighbour = phone()
    join(neighbour, seated[1]["tables"][3][1])
    assert outsider.get(photo["url"]).status_code == 404
    assert outsider.get(photo["thumb_url"]).status_code == 404
    assert phone().get(photo["url"]).status_code == 404
    assert phone().get(photo["url"] + "?projector=guess").status_code == 404
    assert phone().get(f"{photo['url']}?projector={projector_token}").status_code == 200
    assert neighbour.get(photo["url"]).status_code == 200
    assert moderator.get(photo["url"]).status_code == 200


def test_moderator_uploads_several_photos_for_a_table_at_once(
    app, moderator, make_event, event_data
):
    event_id = make_event()
    table_id = event_data(event_id)["tables"][2][0]
    form = {
        "uuid": str(uuid.uuid4()),
        "photo": [
            (io.BytesIO(images.phone_jpeg()), "a.jpg"),
            (io.BytesIO(images.encoded(images.poster(), "PNG")), "b.png"),
        ],
    }
    url = f"/events/{event_id}/tables/{table_id}/photos"
    for _attempt in range(2):
        sent = {
            **form,
            "photo": [(io.BytesIO(f[0].getvalue()), f[1]) for f in form["photo"]],
        }
        response = moderator.post(url, data=sent, headers=JSON)
        assert response.status_code == 200
    assert [p["table_id"] for p in response.json["photos"]] == [table_id, table_id]
    assert photo_count(app) == 2


def test_moderator_batch_with_one_bad_file_stores_none_and_names_it(
    app, moderator, make_event, event_data
):
    event_id = make_event()
    table_id = event_data(event_id)["tables"][2][0]
    url = f"/events/{event_id}/tables/{table_id}/photos"
    response = moderator.post(url, data=good_bad_good(), headers=JSON)
    assert response.status_code == 415
    assert "drawing.svg" in response.json["error"]
    assert "JPEG, PNG, WebP oder HEIC" in response.json["error"]
    assert photo_count(app) == 0 and stored_files(app) == []
    page = moderator.post(url, data=good_bad_good("<img src=x>.svg"))
    assert page.status_code == 415 and "&lt;img src=x&gt;.svg" in page.text
    assert photo_count(app) == 0 and stored_files(app) == []


def test_refused_uploads_log_no_error(
    app, client, seated, moderator, make_event, event_data, caplog
):
    """A refused file is the user's mistake, not the server's: no traceback."""
    table_id = seated[1]["tables"][0][0]
    url = f"/events/{seated[0]}/tables/{table_id}/photos"
    with caplog.at_level(logging.INFO):
        assert upload_photo(client, images.svg()).status_code == 415
        assert upload_photo(client, images.blank_png(8000, 8000)).status_code == 400
        assert moderator.post(url, data=good_bad_good(), headers=JSON).status_code
    assert [
        r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info
    ] == []


def test_moderator_removes_a_photo_and_its_files_only_once_confirmed(
    app, client, seated, moderator
):
    photo = upload_photo(client).json["photo"]
    url = f"/events/{seated[0]}/photos/{photo['id']}/remove"
    asked = moderator.post(url, headers=JSON)
    assert asked.status_code == 409 and asked.json["confirm"] is True
    assert "Foto entfernen?" in asked.json["error"] and photo_count(app) == 1
    response = moderator.post(url, data=CONFIRMED, headers=JSON)
    assert response.status_code == 200
    assert stored_files(app) == []
    assert moderator.get(photo["url"]).status_code == 404
    resent = upload_photo(client, photo_uuid=photo["uuid"])
    assert resent.json["photo"]["removed"] is True and stored_files(app) == []


def test_phone_cannot_remove_photos(app, client, seated):
    photo = upload_photo(client).json["photo"]
    response = client.post(
        f"/events/{seated[0]}/photos/{photo['id']}/remove", headers=JSON
    )
    assert response.status_code == 403 and photo_count(app) == 1


def test_photo_of_another_event_cannot_be_removed_through_this_one(
    app, client, seated, moderator, make_event
):
    photo = upload_photo(client).json["photo"]
    other = make_event(catalogue="melle")
    response = moderator.post(f"/events/{other}/photos/{photo['id']}/remove")
    assert response.status_code == 404


def test_table_with_photos_cannot_be_removed(app, client, seated, moderator):
    upload_photo(client)
    table_id = seated[1]["tables"][0][0]
    join(client, seated[1]["tables"][1][1])  # the phone moves to another table
    response = moderator.post(f"/events/{seated[0]}/tables/{table_id}/delete")
    assert response.status_code == 409 and "Fotos" in response.get_data(as_text=True)


def test_organiser_switches_face_blurring_on(app, client, seated, moderator, phone):
    response = moderator.post(
        f"/events/{seated[0]}/photo-privacy", data={"blur_faces": "y"}
    )
    assert response.status_code == 302
    photo = images.poster((900, 600))
    photo.paste(images.face(300), (500, 150))
    writer = phone()
    join(writer, seated[1]["tables"][0][1])
    upload_photo(writer, images.encoded(photo))
    with app.app_context():
        assert db.session.scalar(select(Photo.faces_blurred)) == 1
