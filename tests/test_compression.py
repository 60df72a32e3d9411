"""Text answers travel compressed (brotli, else gzip); a static file is compressed
once per version, and partial content is sent as it is."""

import brotli

from app.extensions import compress

STYLESHEET = "/static/css/app.css"
BROTLI = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_static_file_is_compressed_once_and_revalidates(client):
    first = client.get(STYLESHEET, headers=BROTLI)
    kept = dict(compress.cache.bodies)
    second = client.get(STYLESHEET, headers=BROTLI)

    assert first.headers["Content-Encoding"] == "br"
    assert second.data == first.data and compress.cache.bodies == kept
    assert [key for key in kept if key.endswith(STYLESHEET)] == [
        f"br;{first.get_etag()[0].removesuffix(':br')}:{STYLESHEET}"
    ]
    headers = {**BROTLI, "If-None-Match": first.headers["ETag"]}
    assert client.get(STYLESHEET, headers=headers).status_code == 304


def test_pages_are_compressed_but_not_kept(client, organiser):
    response = client.get("/login", headers=BROTLI)

    assert response.headers["Content-Encoding"] == "br"
    assert "<form" in brotli.decompress(response.data).decode()
    assert not [key for key in compress.cache.bodies if key.endswith("/login")]


def test_a_client_without_brotli_gets_gzip_and_one_without_either_plain(client):
    gzipped = client.get(STYLESHEET, headers={"Accept-Encoding": "gzip, deflate"})
    plain = client.get(STYLESHEET)

    assert gzipped.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert plain.data.startswith(b"/*") or b"{" in plain.data[:200]


def test_partial_content_is_sent_as_it_is(client):
    headers = {**BROTLI, "Range": "bytes=0-99"}
    response = client.get(STYLESHEET, headers=headers)

    assert response.status_code == 206
    assert "Content-Encoding" not in response.headers
    assert len(response.data) == 100


def test_small_answers_stay_plain(client):
    response = client.get("/static/js/confirm.js", headers=BROTLI)

    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
