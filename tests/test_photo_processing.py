"""What is stored of an upload: upright, no metadata, JPEG in two sizes."""

import io

import pytest
from PIL import Image, ImageFile

from app.models import DomainError
from app.services.face_blur import find_faces
from app.services.photo_processing import (
    DAMAGED,
    DISPLAY_SIZE,
    TOO_LARGE_TO_DECODE,
    Limits,
    process_photo,
)
from tests import images

LIMITS = Limits(pixels=64_000_000, decoding_bytes=192 * 1024 * 1024)
RED = (200, 30, 30)


@pytest.fixture(autouse=True)
def _request(ctx):
    """Lazy messages render in a request context."""


def opened(data):
    return Image.open(io.BytesIO(data))


def is_red(pixel):
    return pixel[0] > 150 and pixel[1] < 90 and pixel[2] < 90


def test_phone_photo_is_turned_upright_by_its_exif_orientation():
    stored = opened(process_photo(images.phone_jpeg(orientation=6), LIMITS).display)
    assert stored.size == (800, 1200)
    assert is_red(stored.getpixel((400, 50))) and not is_red(
        stored.getpixel((400, 1150))
    )


@pytest.mark.parametrize("size", ["display", "thumbnail"])
def test_no_metadata_survives(size):
    result = process_photo(images.phone_jpeg(), LIMITS)
    data = getattr(result, size)
    stored = opened(data)
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}
    assert not {"exif", "icc_profile", "xmp", "comment", "gps"} & set(stored.info)
    assert not any(secret in data for secret in images.SECRETS)
    assert b"Exif" not in data


def test_large_photo_is_shrunk_to_display_size_with_a_thumbnail():
    result = process_photo(images.phone_jpeg(1, (4000, 3000)), LIMITS)
    assert opened(result.display).size == (DISPLAY_SIZE, 1500)
    assert max(opened(result.thumbnail).size) == 480
    assert (result.width, result.height) == (DISPLAY_SIZE, 1500)


def test_heic_from_an_iphone_is_accepted_upright_and_clean():
    result = process_photo(images.heic(orientation=6), LIMITS)
    stored = opened(result.display)
    assert stored.format == "JPEG" and stored.size == (480, 640)
    assert is_red(stored.getpixel((240, 20))) and not is_red(
        stored.getpixel((240, 620))
    )
    assert not any(secret in result.display for secret in images.SECRETS)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt):
    image = images.poster().convert("RGBA")
    result = process_photo(images.encoded(image, fmt), LIMITS)
    assert opened(result.display).mode == "RGB"


def transparent_palette(size):
    """A palette image whose index 0 is transparent: all of it."""
    image = Image.new("P", size, 0)
    image.info["transparency"] = 0
    return image


@pytest.mark.parametrize(
    "image",
    [
        Image.new("RGBA", (100, 100), (0, 0, 0, 0)),
        Image.new("RGBA", (2100, 1400), (0, 0, 0, 0)),
        transparent_palette((2100, 1400)),
    ],
    ids=["small", "shrunk", "palette"],
)
def test_transparent_parts_become_white(image):
    stored = opened(process_photo(images.encoded(image, "PNG"), LIMITS).display)
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
        process_photo(data, LIMITS)
    assert refused.value.status == status and str(refused.value.message)


def test_faces_are_blurred_when_asked():
    photo = images.poster((900, 600))
    photo.paste(images.face(300), (500, 150))
    data = images.encoded(photo)
    assert len(find_faces(opened(data))) == 1
    kept = process_photo(data, LIMITS)
    blurred = process_photo(data, LIMITS, blur=True)
    assert (kept.faces, blurred.faces) == (0, 1)
    assert find_faces(opened(blurred.display)) == []
    assert len(find_faces(opened(kept.display))) == 1


def test_a_poster_without_people_is_left_alone_when_blurring():
    result = process_photo(images.phone_jpeg(), LIMITS, blur=True)
    assert result.faces == 0


def refusal(data, limits=LIMITS):
    with pytest.raises(DomainError) as refused:
        process_photo(data, limits)
    return refused.value


def test_small_png_declaring_8000_by_8000_is_refused_before_decoding():
    """Issue #13: 253 KB that decode to 256 MB, and to as much again in copies."""
    refused = refusal(images.blank_png(8000, 8000))
    assert refused.status == 400 and refused.message == TOO_LARGE_TO_DECODE


@pytest.mark.parametrize(
    "data",
    [
        images.phone_jpeg(),
        images.encoded(images.poster(), "JPEG", progressive=True),
        images.encoded(images.poster(), "PNG"),
        images.encoded(images.poster(), "WEBP"),
        images.heic(),
    ],
    ids=["jpeg", "progressive-jpeg", "png", "webp", "heic"],
)
def test_memory_a_photo_needs_is_reckoned_from_its_header(data):
    """The same photo fits the usual budget and is refused under a tiny one."""
    assert process_photo(data, LIMITS).width
    tiny_budget = Limits(pixels=64_000_000, decoding_bytes=2 * 1024 * 1024)
    assert refusal(data, tiny_budget).message == TOO_LARGE_TO_DECODE


@pytest.mark.parametrize(
    "data",
    [
        images.jpeg_declaring(7900, 7900),
        images.truncated_jpeg(),
        images.blank_png(4000, 4000, colour_type=0, rows=10),
        images.encoded(images.camera_poster((900, 600)), "PNG")[:-20_000],
    ],
    ids=["jpeg-declaring-7900", "jpeg-cut", "png-data-ends-early", "png-cut"],
)
def test_incomplete_photos_are_refused_like_cut_ones(data):
    """A file too small for the image it declares would decode, for seconds, to
    grey or black: refused before decoding, as damaged as a file cut short."""
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    refused = refusal(data)
    assert refused.status == 400 and refused.message == DAMAGED


@pytest.mark.parametrize(
    "image, fmt",
    [
        (images.poster((2100, 1400)).convert("P"), "PNG"),
        (images.poster((2100, 1400)).convert("LA"), "PNG"),
        (images.poster().convert("I;16"), "PNG"),
        (images.poster().convert("1"), "PNG"),
        (images.poster().convert("CMYK"), "JPEG"),
        (images.poster().convert("L"), "JPEG"),
    ],
    ids=["palette", "grey-alpha", "16-bit-grey", "1-bit", "cmyk", "grey"],
)
def test_every_kind_of_image_is_stored_as_an_rgb_jpeg(image, fmt):
    """Shrunk before it is converted; transparent parts still become white."""
    stored = opened(process_photo(images.encoded(image, fmt), LIMITS).display)
    assert stored.mode == "RGB" and max(stored.size) == min(max(image.size), 2000)
    assert min(stored.getpixel((stored.width - 10, stored.height // 2))) > 200
