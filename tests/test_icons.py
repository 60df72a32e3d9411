"""Browsers find the site's icon on every page, without a 404, and keep it."""

import re

import pytest

from app.icons import ICONS


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("favicon.ico", "image/vnd.microsoft.icon"),
        ("favicon.svg", "image/svg+xml"),
        ("apple-touch-icon.png", "image/png"),
    ],
)
def test_each_icon_answers_at_its_usual_address_and_is_cached(
    client, name, content_type
):
    response = client.get(f"/{name}")

    assert response.status_code == 200
    assert response.mimetype == content_type
    assert response.cache_control.public and response.cache_control.max_age >= 86400
    assert len(response.data) < 8 * 1024


def test_pages_link_the_icons_they_are_served_under(phone, logged_in):
    for browser, path in ((phone(), "/login"), (logged_in, "/")):
        page = browser.get(path).get_data(as_text=True)
        linked = re.findall(
            r'<link rel="(?:icon|apple-touch-icon)" href="/([^"]+)"', page
        )
        assert sorted(linked) == sorted(set(ICONS) - {"favicon.ico"}), path
