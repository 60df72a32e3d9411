"""Phone pages stay light: ≤ 60 KB transferred to join and write, JS included,
with brotli where the browser takes it and with gzip where it does not."""

import gzip
import re

import brotli
import pytest

from tests.conftest import join

BUDGET = 60 * 1024
BROWSERS = {
    "br": "gzip, deflate, br, zstd",  # what today's phones send
    "gzip": "gzip, deflate",
}
DECOMPRESS = {"br": brotli.decompress, "gzip": gzip.decompress}


def assets_of(page):
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', page)


def transferred(client, url, encoding="gzip"):
    """The page at url and the bytes sent for it and its static assets, each in
    `encoding` (gzip, the larger, unless a test asks for brotli)."""
    headers = {"Accept-Encoding": BROWSERS[encoding]}
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    assert response.headers["Content-Encoding"] == encoding, url
    page = DECOMPRESS[encoding](response.data).decode()
    total = len(response.data)
    for asset in assets_of(page):
        answer = client.get(asset, headers=headers)
        assert answer.status_code == 200, asset
        if len(answer.data) >= 1024:
            assert answer.headers["Content-Encoding"] == encoding, asset
        total += len(answer.data)
    return page, total


@pytest.mark.parametrize("encoding", BROWSERS)
def test_join_and_table_pages_fit_the_phone_budget(
    client, make_event, event_data, encoding
):
    table_token = event_data(make_event())["tables"][0][1]
    total = transferred(client, f"/t/{table_token}", encoding)[1]
    join(client, table_token)
    total += transferred(client, "/me", encoding)[1]
    print(f"phone pages transferred ({encoding}): {total} bytes")
    assert total <= BUDGET, f"{total} bytes"
