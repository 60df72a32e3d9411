"""Real image files made in the tests: EXIF orientation and GPS, bombs, broken files."""

import io
import struct
import zlib

from PIL import Image, ImageDraw, ImageFilter

ORIENTATION, MAKE, MODEL, ARTIST = 0x0112, 0x010F, 0x0110, 0x013B
GPS_IFD = 0x8825
SECRETS = (b"SecretCam", b"Model X-99", b"Olga Owner")


def poster(size=(1200, 800), left=(200, 30, 30)):
    """A white poster whose left half is red: shows which way is up."""
    image = Image.new("RGB", size, "white")
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    return image


def exif_with_secrets(orientation=1):
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE], exif[MODEL], exif[ARTIST] = (s.decode() for s in SECRETS)
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (52.0, 16.0, 30.0)
    gps[3], gps[4] = "E", (8.0, 2.0, 15.0)
    return exif


def encoded(image, fmt="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def phone_jpeg(orientation=6, size=(1200, 800)):
    """A JPEG as a phone writes it: stored sideways, EXIF says how to turn it."""
    exif = exif_with_secrets(orientation)
    return encoded(poster(size), exif=exif, comment=b"Olga Owner", quality=90)


def heic(orientation=6, size=(640, 480)):
    from pillow_heif import register_heif_opener

    register_heif_opener()
    exif = exif_with_secrets(orientation).tobytes()
    return encoded(poster(size), "HEIF", exif=exif)


def truncated_jpeg():
    data = phone_jpeg()
    return data[: len(data) // 2]


def pixel_bomb(width=30000, height=30000):
    """A tiny PNG whose header claims ~900 megapixels."""
    data = bytearray(encoded(Image.new("1", (8, 8)), "PNG"))
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[8:33] = png_chunk(b"IHDR", header)
    return bytes(data)


def png_chunk(kind, body):
    checksum = zlib.crc32(kind + body)
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", checksum)


def blank_png(width, height, colour_type=6, rows=None):
    """A complete, valid PNG of zeros: 8000x8000 RGBA (colour type 6) is a 253 KB
    file that decodes to 256 MB. rows: the image data ends after so many rows,
    with a complete deflate stream, as a crafted file does."""
    channels = {0: 1, 2: 3, 6: 4}[colour_type]
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    idat = deflated_zeros((1 + width * channels) * (height if rows is None else rows))
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            png_chunk(b"IHDR", header),
            png_chunk(b"IDAT", idat),
            png_chunk(b"IEND", b""),
        ]
    )


def deflated_zeros(length, chunk=1 << 20):
    """A zlib stream of `length` zero bytes in milliseconds: after a full flush a
    compressed chunk stands alone, so one is repeated."""
    packer = zlib.compressobj(9)

    def piece(size):
        return packer.compress(bytes(size)) + packer.flush(zlib.Z_FULL_FLUSH)

    count, rest = divmod(length, chunk)
    first = piece(min(chunk, length))
    repeated = piece(chunk) * (count - 1) if count > 1 else b""
    tail = piece(rest) if rest and count else b""
    final_block, adler32 = b"\x03\x00", ((length % 65521) << 16) | 1
    return first + repeated + tail + final_block + struct.pack(">I", adler32)


def jpeg_declaring(width, height):
    """A complete little JPEG whose frame header claims width x height: its scan
    ends long before the image it declares (the 775-byte file of issue #13)."""
    data = bytearray(encoded(Image.new("RGB", (16, 16), (120, 130, 140))))
    position = 2
    while data[position + 1] not in (0xC0, 0xC1, 0xC2):
        position += 2 + struct.unpack(">H", data[position + 2 : position + 4])[0]
    data[position + 5 : position + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def svg():
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>'


def pdf_named_jpg():
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def face(size=300):
    """A drawn face that OpenCV's frontal-face cascade finds."""
    image = Image.new("RGB", (size, size), (235, 235, 230))
    draw, s = ImageDraw.Draw(image), size / 600

    def box(*values):
        return [value * s for value in values]

    draw.ellipse(box(150, 100, 450, 520), fill=(224, 172, 140))
    draw.rectangle(box(150, 60, 450, 170), fill=(60, 40, 30))
    for x in (200, 330):
        draw.ellipse(box(x, 240, x + 70, 280), fill=(40, 30, 30))
        draw.rectangle(box(x - 5, 215, x + 75, 228), fill=(70, 50, 40))
    draw.polygon(box(300, 290, 275, 370, 325, 370), fill=(190, 140, 110))
    draw.ellipse(box(240, 410, 360, 450), fill=(150, 60, 60))
    return image.filter(ImageFilter.GaussianBlur(6 * s))


def sticky_notes(size=(1600, 1200)):
    """Something that looks like a workshop poster in a screenshot."""
    image = Image.new("RGB", size, (246, 244, 238))
    draw = ImageDraw.Draw(image)
    colours = [(255, 236, 130), (160, 220, 255), (190, 240, 170), (255, 190, 200)]
    for index in range(12):
        x, y = 80 + (index % 4) * 370, 120 + (index // 4) * 340
        draw.rectangle((x, y, x + 300, y + 260), fill=colours[index % 4])
        for line in range(4):
            draw.line(
                (x + 30, y + 60 + line * 45, x + 260, y + 60 + line * 45),
                fill=(60, 60, 90),
                width=6,
            )
    draw.rectangle((80, 30, 900, 80), fill=(40, 70, 140))
    return image


def camera_poster(size=(2000, 1500)):
    """Sticky notes with a camera's noise: compresses like a real poster photo."""
    noise = Image.effect_noise(size, 24).convert("RGB")
    return Image.blend(sticky_notes(size), noise, 0.15)
