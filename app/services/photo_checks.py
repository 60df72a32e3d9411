"""What an opened upload declares, checked before a pixel is decoded: whether the
file can hold the image it declares, and how much memory decoding it would take.

A few hundred bytes can declare 64 megapixels: decoding such a file costs seconds
and hundreds of MB for an image the file cannot even contain.
"""

import struct

DISPLAY_SIZE = 2000  # the longest side of a stored photo
# A JPEG spends at least one bit on each 8x8 block (the Huffman code of its DC
# value); deflate, PNG's compression, packs at most 1032 bytes into one.
JPEG_PIXELS_PER_BYTE = 8 * 64
DEFLATE_MAX_RATIO = 1032
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Bytes a pixel the decoder holds beside Pillow's image: libheif's RGB(A) output;
# libwebp's canvas, its previous canvas and the copy handed to Pillow.
DECODER_BYTES = {"HEIF": 4, "WEBP": 12}


def holds_declared_image(image, data):
    """False when the file is too small for the image its header declares: an
    incomplete file that would decode to mostly grey or black."""
    if image.format in ("JPEG", "MPO"):
        return len(data) * JPEG_PIXELS_PER_BYTE >= image.width * image.height
    if image.format == "PNG":
        return len(data) * DEFLATE_MAX_RATIO >= _png_image_bytes(data)
    return True  # libwebp and libheif refuse incomplete data themselves


def _png_image_bytes(data):
    """The filtered rows the header declares (without interlacing, the fewest);
    a PNG that does not start with its header cannot hold any."""
    if data[12:16] != b"IHDR":
        return float("inf")
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    bits = width * depth * PNG_CHANNELS.get(colour, 4)
    return height * (1 + (bits + 7) // 8)


def working_mode(image):
    """The mode an image is shrunk in: transparency is kept until the image is
    small; palettes and other modes become RGB (or L) first, as resizing needs."""
    if "transparency" in image.info or image.mode == "PA":
        return "RGBA"
    if image.mode in ("L", "LA", "RGB", "RGBA"):
        return image.mode
    return "L" if image.mode == "1" else "RGB"


def decoding_bytes(image, declared_size):
    """The most memory decoding and shrinking the image take at one time: the
    decoded image (a JPEG's at the size it is drafted to), and either the
    decoder's own buffers or the images shrinking makes."""
    stored = image.width * image.height * _pixel_bytes(image.mode)
    decoder = _decoder_bytes(image, declared_size)
    return stored + max(decoder, _shrinking_bytes(image))


def _decoder_bytes(image, declared_size):
    if image.format in ("JPEG", "MPO"):
        return _jpeg_coefficient_bytes(image, declared_size)
    return image.width * image.height * DECODER_BYTES.get(image.format, 0)


def _jpeg_coefficient_bytes(image, declared_size):
    """A progressive or multi-scan JPEG keeps every coefficient of the declared
    size (two bytes each) whatever size it is decoded at; assume it does."""
    width, height = declared_size
    most = max(h * v for _, h, v, _ in image.layer)
    share = sum(h * v for _, h, v, _ in image.layer) / most
    return int(2 * width * height * share)


def _shrinking_bytes(image):
    """The converted image, the premultiplied copy a transparent one is resized
    through, and what the resize's first pass makes: the full height at the new
    width."""
    mode = working_mode(image)
    full_size = image.width * image.height * _pixel_bytes(mode)
    converted = full_size if mode != image.mode else 0
    premultiplied = full_size if mode in ("RGBA", "LA") else 0
    first_pass = full_size * min(1, DISPLAY_SIZE / max(image.size))
    return converted + premultiplied + int(first_pass)


def _pixel_bytes(mode):
    """What Pillow keeps a pixel in: one byte for 1, L and P, two for 16-bit
    grey, four for everything else (RGB too)."""
    if mode in ("1", "L", "P"):
        return 1
    return 2 if mode.startswith("I;16") else 4
