"""An upload becomes what is stored: upright, without any metadata, JPEG, two sizes.

Plain functions on bytes, no Flask: the service runs them off the server's loop.
"""

import io
import math
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from app.models import DomainError
from app.services.photo_checks import (
    DISPLAY_SIZE,
    decoding_bytes,
    holds_declared_image,
    working_mode,
)

register_heif_opener()

# Pillow's JPEG opener also reads MPO, the JPEG variant many phones write.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
THUMBNAIL_SIZE = 480
DISPLAY_QUALITY = 85
THUMBNAIL_QUALITY = 80
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

NOT_A_PHOTO = _l(
    "This file is not a photo we can read. Please send a JPEG, PNG, WebP or HEIC photo."
)
DAMAGED = _l("This photo is damaged or incomplete. Please take or choose it again.")
TOO_LARGE_TO_DECODE = _l(
    "This image is too large for us to process. Please send a smaller photo or a JPEG."
)


@dataclass(frozen=True)
class Limits:
    """How large an upload may be: the pixels its header declares, and the memory
    decoding it may take (see photo_checks.decoding_bytes)."""

    pixels: int
    decoding_bytes: int

    @classmethod
    def from_config(cls, config):
        megabytes = config["PHOTO_DECODE_MAX_MB"]
        return cls(config["PHOTO_MAX_PIXELS"], megabytes * 1024 * 1024)


@dataclass(frozen=True)
class ProcessedPhoto:
    display: bytes
    thumbnail: bytes
    width: int
    height: int
    faces: int


def _blur_faces(image):
    # Imported when first needed: OpenCV takes about a second to import.
    from app.services.face_blur import blur_faces

    return blur_faces(image)


def process_photo(data, limits, blur=False):
    """Check one upload and return its display JPEG and thumbnail, faces blurred
    if asked. Raises DomainError for anything that is not a readable photo, and
    for a file that declares more than the limits allow before decoding it."""
    image = _without_metadata(_decoded(data, limits))
    faces = _blur_faces(image) if blur else 0
    thumbnail = image.copy()
    thumbnail.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    return ProcessedPhoto(
        display=_jpeg(image, DISPLAY_QUALITY),
        thumbnail=_jpeg(thumbnail, THUMBNAIL_QUALITY),
        width=image.width,
        height=image.height,
        faces=faces,
    )


def _decoded(data, limits):
    image = _opened(data, limits)
    try:
        image = ImageOps.exif_transpose(_shrunk(image))
        return _rgb(_in_srgb(image))
    # Pillow's parsers answer hostile or broken files with many kinds of error.
    except Exception as error:
        raise DomainError(DAMAGED, status=400) from error


def _opened(data, limits):
    """Opened (headers read, nothing decoded) if the file can hold the image it
    declares and decoding it stays within the limits."""
    image = _readable(data, limits.pixels)
    if not holds_declared_image(image, data):
        raise DomainError(DAMAGED, status=400)
    declared = image.size
    _decode_smaller(image)
    if decoding_bytes(image, declared) > limits.decoding_bytes:
        raise DomainError(TOO_LARGE_TO_DECODE, status=400)
    return image


def _readable(data, max_pixels):
    try:
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.DecompressionBombError:
        raise _too_many_pixels(max_pixels) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise DomainError(NOT_A_PHOTO, status=415) from None
    if image.width * image.height > max_pixels:
        raise _too_many_pixels(max_pixels)
    return image


def _too_many_pixels(max_pixels):
    message = lazy_ngettext(
        "This image has too many pixels (at most %(num)s megapixel). "
        "Please send a smaller photo.",
        "This image has too many pixels (at most %(num)s megapixels). "
        "Please send a smaller photo.",
        max_pixels // 1_000_000,
    )
    return DomainError(message, status=400)


def _decode_smaller(image):
    """JPEGs decode at 1/2, 1/4 or 1/8 when that still covers the display size:
    a 12-megapixel photo then needs a quarter of the memory and time."""
    scale = DISPLAY_SIZE / max(image.size)
    if image.format in ("JPEG", "MPO") and scale < 1:
        image.draft(
            None, (math.ceil(image.width * scale), math.ceil(image.height * scale))
        )


def _shrunk(image):
    """Decoded and brought to display size before it is turned or converted: only
    one full-size image is held at a time (and the premultiplied copy a
    transparent one is shrunk through)."""
    image.load()
    mode = working_mode(image)
    if image.mode != mode:
        image = image.convert(mode)
    image.thumbnail((DISPLAY_SIZE, DISPLAY_SIZE), Image.Resampling.LANCZOS)
    return image


def _in_srgb(image):
    """Colours as the camera meant them, before the colour profile is dropped."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if source.profile.xcolor_space.strip() != "RGB":
            return image  # a CMYK photo's profile, its pixels already made RGB
        return ImageCms.profileToProfile(image, source, SRGB, outputMode=image.mode)
    except ImageCms.PyCMSError:
        return image


def _rgb(image):
    """Transparent parts become white, as on paper."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _without_metadata(image):
    """A fresh image holds the pixels only: no EXIF (GPS, device, owner), no XMP,
    no comments, no colour profile."""
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def _jpeg(image, quality):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()
