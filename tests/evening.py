"""What the whole-evening journey does on each screen, and what it checks on every
screen it looks at: nothing wider than the screen, a projector without scrolling."""

import re
import subprocess

from playwright.sync_api import expect

from tests.test_browser import ARTIFACTS, EMAIL, PASSWORD, wait_until_live

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "de-DE"}
PROJECTOR_SIZES = [(1920, 1080), (1280, 720), (1024, 768)]
LOCALES = {"de": "de-DE", "ar": "ar", "uk": "uk-UA", "tr": "tr-TR"}
SCREENS = ARTIFACTS / "evening"


def snap(page, name, full_page=False):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"{name}.png", full_page=full_page)


def assert_no_horizontal_overflow(page):
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth, location.pathname]"
    )
    assert widths[0] <= widths[1], f"{widths[2]} is {widths[0]}px wide on {widths[1]}"


# Visible text that is cut off: a line box that leaves the viewport or a box that
# clips its overflow. Lines a box hides on purpose (line-clamp, ellipsis: the text
# is shortened, the full one is elsewhere) are left out; text for screen readers
# only (.visually-hidden) too.
TEXT_OUTSIDE = """() => {
  const cut = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const viewport = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  function inside(box, frame) {
    return box.left >= frame.left - 1 && box.top >= frame.top - 1 &&
      box.right <= frame.right + 1 && box.bottom <= frame.bottom + 1;
  }
  function frames(element) {  // [box, shortens on purpose] of each clipping ancestor
    const found = [];
    for (let e = element; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      const shortens =
        style.webkitLineClamp !== "none" || style.textOverflow === "ellipsis";
      found.push([e.getBoundingClientRect(), shortens]);
    }
    return found;
  }
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.checkVisibility()) continue;
    if (element.closest(".visually-hidden")) continue;
    range.selectNodeContents(node);
    const clips = frames(element);
    for (const box of range.getClientRects()) {
      if (box.width < 1 || box.height < 1) continue;
      if (clips.some(([frame, shortens]) => shortens && !inside(box, frame))) continue;
      if (!inside(box, viewport) || clips.some(([frame]) => !inside(box, frame))) {
        cut.push(node.textContent.trim().slice(0, 40));
        break;
      }
    }
  }
  return cut;
}"""


def assert_fits_the_screen(page):
    """A projector cannot scroll: no text may be cut off."""
    assert_no_horizontal_overflow(page)
    outside = page.evaluate(TEXT_OUTSIDE)
    assert outside == [], f"text cut off on the projector: {outside}"


def at_projector_sizes(projector, name):
    """Look at the projector at each venue size, then go back to full HD."""
    for width, height in PROJECTOR_SIZES:
        projector.set_viewport_size({"width": width, "height": height})
        projector.wait_for_timeout(100)  # a layout pass after the resize
        snap(projector, f"{name}-{width}x{height}")
        assert_fits_the_screen(projector)
    projector.set_viewport_size({"width": 1920, "height": 1080})


def log_in(page):
    page.goto("/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("main input[type=submit]")
    expect(page.locator('a[href$="/events/new"]')).to_be_visible()


WORD_BOX = re.compile(
    r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<'
)


def pdf_words_outside_the_page(pdf_bytes, tmp_path, name):
    """Words of a PDF whose box leaves its page, read with pdftotext -bbox."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf_bytes)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(source), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    outside = []
    for page in re.finditer(
        r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S
    ):
        width, height = float(page.group(1)), float(page.group(2))
        for word in re.finditer(WORD_BOX, page.group(3)):
            x0, y0, x1, y1 = (float(word.group(i)) for i in range(1, 5))
            if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
                outside.append(word.group(5))
    return outside


def pdf_text(pdf_bytes, tmp_path, name):
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf_bytes)
    return subprocess.run(
        ["pdftotext", "-layout", str(source), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def render_pdf(pdf_bytes, tmp_path, name, pages=2):
    """The first pages as PNG next to the screenshots, to look at."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf_bytes)
    SCREENS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-l",
            str(pages),
            str(source),
            str(SCREENS / name),
        ],
        check=True,
    )


def live_page(context, path):
    page = context.new_page()
    page.goto(path)
    wait_until_live(page)
    return page
