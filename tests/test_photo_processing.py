"""What is stored of an upload: upright, no metadata, JPEG in two sizes."""

import io

import pytest
from PIL import Image

from app.models import DomainError
from app.services.face_blur import find_faces
from app.services.photo_processing import DISPLAY_SIZE, process_photo
from tests import images

MAX_PIXELS = 64_000_000
RED = (200, 30, 30)


@pytest.fixture(autouse=True)
def _request(ctx):
    """Lazy messages render in a request context."""


def opened(data):
    return Image.open(io.BytesIO(data))


def is_red(pixel):
    return pixel[0] > 150 and pixel[1] < 90 and pixel[2] < 90


def test_phone_photo_is_turned_upright_by_its_exif_orientation():
    stored = opened(process_photo(images.phone_jpeg(orientation=6), MAX_PIXELS).display)
    assert stored.size == (800, 1200)
    assert is_red(stored.getpixel((400, 50))) and not is_red(
        stored.getpixel((400, 1150))
    )


@pytest.mark.parametrize("size", ["display", "thumbnail"])
def test_no_metadata_survives(size):
    result = process_photo(images.phone_jpeg(), MAX_PIXELS)
    data = getattr(result, size)
    stored = opened(data)
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert not {"exif", "icc_profile", "xmp", "comment", "gps"} & set(stored.info)
    assert not any(secret in data for secret in images.SECRETS)
    assert b"Exif" not in data


def test_large_photo_is_shrunk_to_display_size_with_a_thumbnail():
    result = process_photo(images.phone_jpeg(1, (4000, 3000)), MAX_PIXELS)
    assert opened(result.display).size == (DISPLAY_SIZE, 1500)
    assert max(opened(result.thumbnail).size) == 480
    assert (result.width, result.height) == (DISPLAY_SIZE, 1500)


def test_heic_from_an_iphone_is_accepted_upright_and_clean():
    result = process_photo(images.heic(orientation=6), MAX_PIXELS)
    stored = opened(result.display)
    assert stored.format == "JPEG" and stored.size == (480, 640)
    assert is_red(stored.getpixel((240, 20))) and not is_red(
        stored.getpixel((240, 620))
    )
    assert not any(secret in result.display for secret in images.SECRETS)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt):
    image = images.poster().convert("RGBA")
    result = process_photo(images.encoded(image, fmt), MAX_PIXELS)
    assert opened(result.display).mode == "RGB"


def test_transparent_parts_become_white():
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    stored = opened(process_photo(images.encoded(image, "PNG"), MAX_PIXELS).display)
    assert min(stored.getpixel((50, 50))) > 245


@pytest.mark.parametrize(
    "data, status",
    [
        (images.truncated_jpeg(), 400),
        (images.pdf_named_jpg(), 415),
        (images.pixel_bomb(), 400),
        (images.pixel_bomb(9000, 9000), 400),
        (images.encoded(images.poster(), "GIF"), 415),
        (b"", 415),
    ],
    ids=["truncated", "pdf", "bomb", "too-many-pixels", "gif", "empty"],
)
def test_bad_files_are_refused_with_a_message(data, status):
    with pytest.raises(DomainError) as refused:
        process_photo(data, MAX_PIXELS)
    assert refused.value.status == status and str(refused.value.message)


def test_faces_are_blurred_when_asked():
    photo = images.poster((900, 600))
    photo.paste(images.face(300), (500, 150))
    data = images.encoded(photo)
    assert len(find_faces(opened(data))) == 1
    kept = process_photo(data, MAX_PIXELS)
    blurred = process_photo(data, MAX_PIXELS, blur=True)
    assert (kept.faces, blurred.faces) == (0, 1)
    assert find_faces(opened(blurred.display)) == []
    assert len(find_faces(opened(kept.display))) == 1


def test_a_poster_without_people_is_left_alone_when_blurring():
    result = process_photo(images.phone_jpeg(), MAX_PIXELS, blur=True)
    assert result.faces == 0
