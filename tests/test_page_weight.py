"""Phone pages stay light: ≤ 60 KB transferred to join and write, JS included."""

import re

from tests.conftest import join

BUDGET = 60 * 1024
GZIP = {"Accept-Encoding": "gzip, deflate"}


def transferred(client, url):
    response = client.get(url, headers=GZIP)
    assert response.status_code == 200, url
    return len(response.data), response


def assets_of(page):
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', page)


def test_join_and_table_pages_fit_the_phone_budget(app, client, make_event, event_data):
    import gzip

    data = event_data(make_event())
    table_token = data["tables"][0][1]
    total = 0
    for url in (f"/t/{table_token}",):
        size, response = transferred(client, url)
        total += size
        page = gzip.decompress(response.data).decode()
        for asset in assets_of(page):
            total += transferred(client, asset)[0]
    join(client, table_token)
    size, response = transferred(client, "/me")
    assert response.headers["Content-Encoding"] == "gzip"
    page = gzip.decompress(response.data).decode()
    total += size + sum(transferred(client, asset)[0] for asset in assets_of(page))
    print(f"phone pages transferred: {total} bytes")
    assert total <= BUDGET, f"{total} bytes"
