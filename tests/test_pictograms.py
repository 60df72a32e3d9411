"""Pictograms (OpenMoji, shipped with its licence) beside every card category and
run-sheet step: on the phone, the console, the projector and the printed table
cards; organisers pick another one from the set for a category."""

import re
import subprocess

from app.extensions import db
from app.formats import CATEGORY_LABELS, FORMATS, STEP_KINDS
from app.models import Category, Event, Table
from app.pictograms import (
    CATEGORY_PICTOGRAMS,
    CUSTOM_CATEGORY,
    FOLDER,
    PICTOGRAMS,
    STEP_PICTOGRAMS,
)
from app.services.table_cards import table_cards_pdf
from tests.conftest import join, send_card


def pictograms_in(page):
    """The pictogram files a page shows, each as a decorative image."""
    images = re.findall(r'<img class="picto"[^>]*>', page)
    for image in images:
        assert 'alt=""' in image, image
    return re.findall(r'src="/static/pictograms/([a-z]+)\.svg"', " ".join(images))


def category_of(app, category_id):
    with app.app_context():
        category = db.session.get(Category, category_id)
        return category.pictogram, category.pictogram_key


def test_every_category_and_step_kind_has_a_shipped_pictogram_with_its_licence():
    built_in = {
        key for f in FORMATS.values() for p in f["phases"] for key in p["categories"]
    }
    assert built_in <= set(CATEGORY_LABELS) == set(CATEGORY_PICTOGRAMS)
    assert set(STEP_PICTOGRAMS) == set(STEP_KINDS)
    used = {*CATEGORY_PICTOGRAMS.values(), *STEP_PICTOGRAMS.values(), CUSTOM_CATEGORY}
    assert used <= set(PICTOGRAMS) and len(PICTOGRAMS) >= len(used) + 30
    for key in PICTOGRAMS:
        assert (FOLDER / f"{key}.svg").read_text().startswith("<svg"), key
        assert (FOLDER / f"{key}.png").read_bytes().startswith(b"\x89PNG"), key
    assert "Attribution-ShareAlike 4.0" in (FOLDER / "LICENSE.txt").read_text()
    assert "OpenMoji" in (FOLDER / "ATTRIBUTION.txt").read_text()


def test_phone_shows_the_pictograms_of_categories_cards_and_the_step(
    client, open_event
):
    _event_id, data = open_event()
    strength, weakness, challenge = data["phases"][0][1]
    join(client, data["tables"][0][1])
    send_card(client, weakness, "Zu wenig Kitaplätze")

    page = client.get("/me").get_data(as_text=True)

    radios = page[page.index('id="card-form"') : page.index("</fieldset>")]
    assert pictograms_in(radios)[:3] == ["strength", "bandage", "mountain"]
    cards = page[page.index('id="cards"') :]
    assert pictograms_in(cards)[0] == "bandage"
    now = page[page.index('class="now-step"') :]
    assert pictograms_in(now)[0] == "writing"
    assert "OpenMoji" in page and "CC BY-SA 4.0" in page
    served = client.get("/static/pictograms/bandage.svg")
    assert served.status_code == 200 and served.mimetype == "image/svg+xml"


def test_console_run_sheet_and_projector_show_the_step_pictograms(
    app, logged_in, open_event
):
    event_id, data = open_event()
    console = logged_in.get(f"/events/{event_id}/console").get_data(as_text=True)
    sheet = console[console.index('id="runsheet"') :]
    sheet = sheet[: sheet.index("</section>")]
    assert pictograms_in(sheet) == [
        "writing",  # now
        *["wave", "writing", "microphone", "writing", "microphone", "finish"],
    ]

    projector = logged_in.get(f"/projector/{data['projector_token']}")
    page = projector.get_data(as_text=True)
    assert pictograms_in(page[page.index('class="projector-now"') :])[0] == "writing"
    assert "OpenMoji" in page


def test_organiser_picks_a_pictogram_for_a_custom_category(
    app, logged_in, make_event, event_data
):
    event_id = make_event(format="custom")
    base = f"/events/{event_id}/programme"
    phase_id, (ideas,) = event_data(event_id)["phases"][0]
    logged_in.get("/lang/en")
    page = logged_in.get(base).get_data(as_text=True)
    assert '<option value="housing"' in page and 'id="pictogram-set"' in page

    logged_in.post(
        f"{base}/phases/{phase_id}/categories",
        data={
            "new-category-name": "Wohnen",
            "new-category-colour": "#aa0000",
            "new-category-pictogram": "housing",
        },
    )
    added = event_data(event_id)["phases"][0][1][1]
    assert category_of(app, added) == ("housing", "housing")
    logged_in.post(
        f"{base}/categories/{ideas}",
        data={"name": "Ideen", "colour": "#1565c0", "pictogram": "sport"},
    )
    assert category_of(app, ideas) == ("sport", "sport")

    refused = logged_in.post(
        f"{base}/categories/{ideas}",
        data={"name": "Ideen", "colour": "#1565c0", "pictogram": "../../secret"},
        follow_redirects=True,
    )
    message = 'class="flash flash-error">Please choose a pictogram from the set.'
    assert message in refused.get_data(as_text=True)
    assert category_of(app, ideas) == ("sport", "sport")


def test_choosing_a_categorys_default_keeps_following_its_key(
    app, logged_in, make_event, event_data
):
    event_id = make_event()
    strength = event_data(event_id)["phases"][0][1][0]
    url = f"/events/{event_id}/programme/categories/{strength}"
    form = {"name": "Strengths", "colour": "#2e7d32", "pictogram": "strength"}
    logged_in.get("/lang/en")

    logged_in.post(url, data=form)
    assert category_of(app, strength) == ("", "strength")
    logged_in.post(url, data={k: v for k, v in form.items() if k != "pictogram"})
    assert category_of(app, strength) == ("", "strength")


def first_page(*command):
    """The output of a poppler command on the first page of a PDF."""
    tool, *arguments = command
    return subprocess.run(
        [tool, "-f", "1", "-l", "1", *arguments], capture_output=True, check=True
    ).stdout.decode()


def test_printed_table_card_shows_the_category_pictograms(app, make_event, tmp_path):
    with app.test_request_context():
        event = db.session.get(Event, make_event())
        categories = {c.label for p in event.phases for c in p.categories}
        path = tmp_path / "table-cards.pdf"
        path.write_bytes(table_cards_pdf(event))
    listing = first_page("pdfimages", "-list", path).splitlines()[2:]
    images = [line for line in listing if line.split()[2] == "image"]
    assert len(images) == 1 + len(categories)  # the QR code and one per kind
    text = first_page("pdftotext", path, "-")
    assert "OpenMoji, CC BY-SA 4.0" in text


def test_host_tools_show_the_category_pictogram_on_each_card(app, phone, open_event):
    _event_id, data = open_event()
    table_id, table_token = data["tables"][0]
    with app.app_context():
        host_token = db.session.get(Table, table_id).host_token
    host, writer = phone(), phone()
    host.post(f"/h/{host_token}", data={"first_name": "Hanna"})
    join(writer, table_token)
    send_card(writer, data["phases"][0][1][2], "Wenig Wohnraum")

    tools = host.get("/me/host").get_data(as_text=True)

    entry_kinds, cards = pictograms_in(tools)[:3], pictograms_in(tools)[3:]
    assert entry_kinds == ["strength", "bandage", "mountain"] and cards == ["mountain"]
