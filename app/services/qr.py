"""QR codes: SVG for pages, PNG for PDFs, text for the terminal."""

import io

import qrcode
import qrcode.image.svg


def _code(url):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_svg(url):
    """An inline SVG that scales to its container."""
    image = _code(url).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    return svg.replace(
        "<svg ", '<svg role="img" preserveAspectRatio="xMidYMid meet" ', 1
    )


def qr_png(url, box_size=12):
    code = _code(url)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def qr_terminal(url):
    buffer = io.StringIO()
    _code(url).print_ascii(out=buffer, invert=True)
    return buffer.getvalue()
