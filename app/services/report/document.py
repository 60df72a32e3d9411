"""The PDF frame: A4 pages with page numbers, a table of contents with PDF
bookmarks, and the title and language in the document's metadata."""

import io

from flask_babel import gettext as _
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from app.services.report.styles import MUTED, STYLES, right_to_left
from app.services.report.text import inline_markup, is_rtl, markup

# Binary streams: reportlab's ASCII85 runs in pure Python (about 4 s for 30 poster
# photos, in every pass of multiBuild) and makes each embedded JPEG a quarter larger.
rl_config.useA85 = 0

MARGIN = 20 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
FRAME_HEIGHT = A4[1] - 2 * MARGIN - 6 * mm


class Heading(Paragraph):
    """A heading that becomes a PDF bookmark and, up to level 1, a contents entry."""

    def __init__(self, text, level):
        style = STYLES[f"h{level + 1}"]
        if is_rtl(text):
            style = right_to_left(style)
        super().__init__(markup(text, style, FRAME_WIDTH), style)
        self.outline_text = " ".join(text.split())
        self.outline_level = level


class ReportTemplate(BaseDocTemplate):
    def __init__(self, buffer, **metadata):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + 6 * mm,
            **metadata,
        )
        frame = Frame(MARGIN, MARGIN + 6 * mm, FRAME_WIDTH, FRAME_HEIGHT)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=_page_number)])
        self._bookmarks = 0

    def afterFlowable(self, flowable):
        if not isinstance(flowable, Heading):
            return
        self._bookmarks += 1
        key = f"h{self._bookmarks}"
        text, level = flowable.outline_text, flowable.outline_level
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if level <= 1:
            self.notify("TOCEntry", (level, inline_markup(text), self.page, key))

    def handle_documentBegin(self):
        self._bookmarks = 0
        super().handle_documentBegin()


def _page_number(canvas, document):
    if document.page == 1:
        return
    canvas.saveState()
    canvas.setFont("DejaVuSans", 8.5)
    canvas.setFillColor(MUTED)
    label = _("Page %(number)s", number=document.page)
    canvas.drawCentredString(A4[0] / 2, MARGIN - 2 * mm, label)
    canvas.restoreState()


def contents():
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [STYLES["toc1"], STYLES["toc2"]]
    return toc


def render(story, title, language, subject):
    """Lay out the story (twice, so the contents know the page numbers)."""
    buffer = io.BytesIO()
    document = ReportTemplate(
        buffer,
        title=title,
        author="Tischrunde",
        subject=subject,
        creator="Tischrunde",
        lang=language,
    )
    document.multiBuild(story)
    return buffer.getvalue()
