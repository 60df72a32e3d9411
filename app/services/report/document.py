"""The PDF frame: A4 pages with page numbers, a table of contents with PDF
bookmarks, and the title and language in the document's metadata."""

import io

from flask_babel import gettext as _
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Frame, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from app.services.report.styles import STYLES, right_to_left, styled
from app.services.report.text import inline_markup, is_rtl, markup, ui_is_rtl

# Binary streams: reportlab's ASCII85 runs in pure Python (about 4 s for 30 poster
# photos, in every pass of multiBuild) and makes each embedded JPEG a quarter larger.
rl_config.useA85 = 0

MARGIN = 20 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
FRAME_HEIGHT = A4[1] - 2 * MARGIN - 6 * mm
TOC_STYLES = [STYLES["toc1"], STYLES["toc2"]]


class SteadyParagraph(Paragraph):
    """A paragraph that breaks its lines once per width: platypus wraps each
    paragraph again to keep it together with its neighbours, to place it, and
    in each pass of multiBuild, and its lines come out the same every time."""

    _wrapped_at = None

    def wrap(self, availWidth, availHeight):
        # split() drops blPara when the paragraph does not fit: wrap again then
        known = hasattr(self, "blPara") and self._wrapped_at == availWidth
        if not known:
            self._wrapped = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self._wrapped


class Heading(SteadyParagraph):
    """A heading that becomes a PDF bookmark and, up to level 1, a contents entry.
    rtl: its direction, found from the text when None; flush_right: its
    alignment, by its direction when None."""

    def __init__(self, text, level, rtl=None, flush_right=None):
        self.rtl = is_rtl(text) if rtl is None else rtl
        flush_right = self.rtl if flush_right is None else flush_right
        style = styled(f"h{level + 1}", flush_right)
        super().__init__(markup(text, style, FRAME_WIDTH, self.rtl), style)
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
            font = TOC_STYLES[level].fontName
            entry = inline_markup(text, font, flowable.rtl)
            self.notify("TOCEntry", (level, entry, self.page, key))

    def handle_documentBegin(self):
        self._bookmarks = 0
        super().handle_documentBegin()


def _page_number(canvas, document):
    """The page number centred under the frame, shaped like every other text."""
    if document.page == 1:
        return
    style = STYLES["folio"]
    label = _("Page %(number)s", number=document.page)
    folio = Paragraph(markup(label, style, FRAME_WIDTH, ui_is_rtl()), style)
    folio.wrapOn(canvas, FRAME_WIDTH, MARGIN)
    folio.drawOn(canvas, MARGIN, MARGIN - 3 * mm)


def contents():
    """The table of contents, mirrored when the report language is RTL."""
    toc = RightToLeftContents() if ui_is_rtl() else TableOfContents()
    toc.dotsMinLevel = 0
    toc.levelStyles = TOC_STYLES
    return toc


class RightToLeftContents(TableOfContents):
    """Contents for Arabic and Farsi: entries flush right, dots leading to the
    page numbers on the left."""

    def wrap(self, availWidth, availHeight):
        def draw_leader(canvas, _kind, label):
            page, level = label.split(",")
            _leader(canvas, self.getLevelStyle(int(level)), page)

        self.canv.setNamedCB("drawLeader", draw_leader)
        rows = []
        for level, text, page, key in self._lastEntries or [(0, "", 0, None)]:
            style = right_to_left(self.getLevelStyle(level))
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            link = f'<a href="#{key}">{text}</a>' if key else text
            hook = f'<onDraw name="drawLeader" label="{page},{level}"/>'
            rows.append([Paragraph(hook + link, style)])
        self._table = Table(rows, colWidths=(availWidth,), style=self.tableStyle)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height


def _leader(canvas, style, page, dot=" . "):
    """The page number at the left edge and dots up to where the entry begins."""
    x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
    font, size = style.fontName, style.fontSize
    page_width = stringWidth(page, font, size)
    dots = max(0, int((x - page_width) / stringWidth(dot, font, size)) - 1)
    line = canvas.beginText(0, y)
    line.setFont(font, size)
    line.setFillColor(style.textColor)
    line.textLine(page + dot * dots)
    canvas.drawText(line)


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
