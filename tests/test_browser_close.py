"""Closing a browser profile after a test cannot hang the suite: past its bound
the test process's Chromium is killed and the next profile comes from a fresh one."""

import pytest

from tests import test_browser as journeys

pytestmark = journeys.pytestmark
browser = journeys.browser


class HangingProfile:
    """A profile whose close waits on the browser for good, as one did in CI."""

    def __init__(self, page):
        self.page = page

    def close(self):
        self.page.evaluate("new Promise(() => {})")


def test_a_hung_close_is_cut_off_and_the_next_profile_gets_a_fresh_chromium(
    browser, monkeypatch
):
    monkeypatch.setattr(journeys, "CLOSE_WITHIN", 2)
    page = browser.new_context().new_page()
    first = browser.current()

    with pytest.warns(UserWarning, match="Chromium killed after a close hung"):
        journeys.close_context(HangingProfile(page))

    assert not first.is_connected()
    fresh = browser.new_context().new_page()
    fresh.set_content("<p>noch da</p>")
    assert fresh.inner_text("p") == "noch da"
    assert browser.current() is not first
