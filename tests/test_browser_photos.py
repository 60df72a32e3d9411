"""Browser journeys for poster photos: phone camera upload, console, projector."""

import re

from playwright.sync_api import expect

from tests import images
from tests import test_browser as journeys
from tests.live_server import projector_path
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    join_table,
    log_in,
    offline_phone,
    wait_until_live,
    write_card,
)

# The browser journeys' fixtures, shared rather than written again.
pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser, running_event = journeys.organiser, journeys.running_event

PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "de-DE"}


def poster_file(name="IMG_2041.JPG"):
    data = images.encoded(images.sticky_notes(), exif=images.exif_with_secrets(1))
    return {"name": name, "mimeType": "image/jpeg", "buffer": data}


def loaded(image_locator):
    return image_locator.evaluate("img => img.complete && img.naturalWidth > 0")


def open_console(context, event_id):
    console = context.new_page()
    log_in(console)
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    return console


def test_photo_from_the_phone_camera_appears_on_the_console_and_the_projector(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    console = open_console(new_context(**LAPTOP), event_id)
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_token, "Lena")
    wait_until_live(phone)
    for text in ("Kurze Wege ins Rathaus", "Mehr Treffpunkte im Stadtteil 🏠"):
        write_card(phone, text)
    camera = phone.locator("#photo-camera")
    assert camera.get_attribute("capture") == "environment"

    phone.fill("#caption", "Unser Plakat: Begegnung")
    camera.set_input_files(poster_file())

    console_photo = console.locator(".table-grid .photos .photo")
    expect(console_photo).to_have_count(1, timeout=10000)
    expect(console_photo.locator(".photo-caption")).to_have_text(
        "Unser Plakat: Begegnung"
    )
    expect(phone.locator("#photo-list .photo")).to_have_count(1)
    expect(phone.locator("#photo-pending li")).to_have_count(0)
    console.wait_for_function(
        "document.querySelector('.table-grid .photos img').naturalWidth > 0"
    )
    phone.screenshot(path=ARTIFACTS / "phone-photos.png", full_page=True)
    console.screenshot(path=ARTIFACTS / "console-photos.png", full_page=True)

    projector = new_context(**PROJECTOR).new_page()
    projector.goto(projector_path(organiser, server.url, event_id))
    wait_until_live(projector)
    console.locator(".table-col").first.locator(".spotlight-action button").click()
    expect(projector.locator("#spotlight-view")).to_be_visible()
    expect(projector.locator("#spotlight-photos .photo")).to_have_count(1)
    expect(projector.locator("#spotlight-cards .card")).to_have_count(2)
    projector.wait_for_function(
        "document.querySelector('#spotlight-photos img').naturalWidth > 0"
    )
    expect(console.locator(".table-col").first).to_have_class(
        re.compile("is-spotlight")
    )
    projector.screenshot(path=ARTIFACTS / "projector-spotlight.png")


def test_moderator_uploads_several_photos_and_removes_one_after_confirming(
    new_context, running_event
):
    event_id, table_token = running_event
    console = open_console(new_context(**LAPTOP), event_id)
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_token, "Noor")
    wait_until_live(phone)
    column = console.locator(".table-col").first

    column.locator(".photo-upload input[type=file]").set_input_files(
        [poster_file("a.jpg"), poster_file("b.jpg")]
    )

    expect(column.locator(".photos .photo")).to_have_count(2, timeout=10000)
    expect(phone.locator("#photo-list .photo")).to_have_count(2)
    console.once("dialog", lambda dialog: dialog.accept())
    column.locator(".photo-action button").first.click()
    expect(phone.locator("#photo-list .photo")).to_have_count(1)
    expect(column.locator(".photos .photo")).to_have_count(1)


def test_bad_file_gets_a_message_on_the_phone(new_context, running_event):
    _event_id, table_token = running_event
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_token, "Aziz")
    wait_until_live(phone)
    phone.locator("#photo-file").set_input_files(
        {
            "name": "plakat.jpg",
            "mimeType": "image/jpeg",
            "buffer": images.pdf_named_jpg(),
        }
    )
    expect(phone.locator("#photo-error")).to_contain_text("JPEG, PNG, WebP oder HEIC")
    expect(phone.locator("#photo-list .photo")).to_have_count(0)


def test_photo_taken_offline_is_kept_and_sent_once_later(
    new_context, running_event, server, organiser
):
    event_id, table_token = running_event
    context, phone = offline_phone(new_context, table_token, "Mira")

    phone.locator("#photo-camera").set_input_files(poster_file())

    expect(phone.locator("#photo-pending li")).to_have_count(1)
    expect(phone.locator("#photo-pending .hint")).to_contain_text("Noch nicht gesendet")
    context.set_offline(False)
    expect(phone.locator("#photo-list .photo")).to_have_count(1, timeout=15000)
    expect(phone.locator("#photo-pending li")).to_have_count(0)
    gallery = organiser.get(f"{server.url}/events/{event_id}/photos").json()
    assert len(gallery["photos"]) == 1


def test_phone_without_javascript_sends_a_photo_through_the_plain_form(
    new_context, running_event
):
    _event_id, table_token = running_event
    phone = new_context(java_script_enabled=False, **PHONE).new_page()
    join_table(phone, table_token, "Kai")
    phone.locator("#photo-camera").set_input_files(poster_file())
    phone.locator("#photo-form button.no-js").click()
    phone.wait_for_url("**/me#photos")
    expect(phone.locator("#photo-list .photo")).to_have_count(1)
    assert loaded(phone.locator("#photo-list img"))
