"""Browser journey: a phone asks for the results, the organiser edits the report
and mails it; the server's own outbox worker delivers it to a real SMTP server."""

import pytest
from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.live_server import (
    create_event,
    logged_in_organiser,
    print_logs_if_failed,
    projector_path,
    running_servers,
    start_first_phase,
    table_tokens,
)
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    log_in,
    wait_until_live,
    write_card,
)

pytestmark = journeys.pytestmark
browser = journeys.browser  # the same Chromium fixtures as the other journeys
new_context = journeys.new_context


@pytest.fixture(scope="module")
def server(request, tmp_path_factory, smtp_server):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("browser-report")
    mail = {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_server.port),
        "MAIL_USE_TLS": "0",
        "MAIL_SENDER": "tischrunde@example.org",
        "OUTBOX_POLL_INTERVAL": "0.5",
    }
    with running_servers(folder, "report-secret", extra_env=mail) as (server,):
        yield server
        print_logs_if_failed(request, [server], failed_before)


def ask_for_results_at_join(page, table_token, address):
    page.goto(f"/t/{table_token}")
    page.click(".results-mail summary")
    page.fill("#email", address)
    page.check("#consent")
    page.screenshot(path=ARTIFACTS / "phone-join-results.png")
    page.click("main input[type=submit]")
    page.wait_for_url("**/me")


def test_phone_asks_for_results_and_the_organiser_mails_the_report(
    new_context, server, smtp_server
):
    organiser = logged_in_organiser(server.url)
    event_id = create_event(organiser, server.url, title="Dialogforum Melle 2026")
    start_first_phase(organiser, server.url, event_id)
    phone = new_context(**PHONE).new_page()
    ask_for_results_at_join(
        phone, table_tokens(server.database, event_id)[0], "lena@example.org"
    )
    wait_until_live(phone)
    write_card(phone, "Mehr Begegnungsorte im Stadtteil")
    expect(phone.locator("#cards")).to_contain_text("Mehr Begegnungsorte")
    expect(phone.locator("#results")).to_contain_text("per E-Mail")
    phone.screenshot(path=ARTIFACTS / "phone-table-results.png", full_page=True)

    laptop = new_context(**LAPTOP).new_page()
    log_in(laptop)
    laptop.goto(f"/events/{event_id}/report")
    laptop.fill("#introduction", "Liebe Teilnehmende, danke für Ihre Ideen!")
    laptop.click("main input[type=submit]")
    expect(laptop.locator(".flash")).to_be_visible()
    preview = organiser.get(server.url + laptop.locator("iframe").get_attribute("src"))
    assert preview.content.startswith(b"%PDF")
    laptop.screenshot(path=ARTIFACTS / "report-page.png")

    laptop.goto(f"/events/{event_id}/mailing")
    laptop.on("dialog", lambda dialog: dialog.accept())
    laptop.click("#progress-panel form button.primary")
    wait_until_live(laptop)
    expect(laptop.locator("#count-sent")).to_have_text("1", timeout=15000)
    expect(laptop.locator("#mails .state")).to_have_text(["gesendet"])
    laptop.screenshot(path=ARTIFACTS / "mailing-page.png", full_page=True)

    assert smtp_server.recipients() == ["lena@example.org"]
    message = smtp_server.messages[0][1]
    assert message["Subject"] == "Ergebnisse: Dialogforum Melle 2026"
    assert next(message.iter_attachments()).get_content().startswith(b"%PDF")


def test_projector_still_shows_the_join_code(new_context, server):
    organiser = logged_in_organiser(server.url)
    event_id = create_event(organiser, server.url)
    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(projector_path(organiser, server.url, event_id))
    wait_until_live(projector)
    expect(projector.locator(".projector-qr svg")).to_be_visible()
    projector.screenshot(path=ARTIFACTS / "projector.png")
