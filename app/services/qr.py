"""QR codes: SVG for pages, PNG for PDFs, text for the terminal."""

import io

import qrcode
import qrcode.image.svg
from markupsafe import escape


def _code(url):
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_svg(url, label):
    """An inline SVG that scales to its container; label: its name for screen
    readers. Its path's id goes: a page may show two codes."""
    image = _code(url).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode").replace(' id="qr-path"', "", 1)
    named = f'<svg role="img" aria-label="{escape(label)}" '
    return svg.replace("<svg ", named + 'preserveAspectRatio="xMidYMid meet" ', 1)


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
