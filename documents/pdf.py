"""PDF documents set with ReportLab in a CJK TrueType font from Debian's packages (fonts-wqy-zenhei,
installed by `make fonts`). ReportLab embeds the subset of the font a document uses, with its
ToUnicode map, so the text layer reads back exactly what was written. No Rasa, no database."""

import io
import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Optional, Tuple
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer

# Debian's TrueType CJK fonts, first found wins (Noto CJK is CFF/OpenType, which ReportLab cannot embed).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
FONT_NAME = "HuankuanCJK"


class NoCJKFont(RuntimeError):
    """No CJK TrueType font on this machine: `make fonts` installs Debian's fonts-wqy-zenhei."""


def font_path() -> str:
    """DOCUMENT_FONT when set, else the first of Debian's CJK TrueType fonts that is installed."""
    chosen = os.environ.get("DOCUMENT_FONT", "").strip()
    for path in (chosen,) if chosen else FONT_CANDIDATES:
        if os.path.isfile(path):
            return path
    raise NoCJKFont(f"no CJK TrueType font at {chosen or ', '.join(FONT_CANDIDATES)}; run `make fonts`")


@lru_cache(maxsize=4)
def _register(path: str) -> str:
    pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
    return FONT_NAME


@dataclass(frozen=True)
class Section:
    heading: str
    lines: Tuple[str, ...]


@dataclass(frozen=True)
class DocumentContent:
    """What a document says: every line already written out (the same words the chat used)."""

    title: str  # 对账单 / 分期方案确认书 …
    lender: str
    reference: str
    issued_on: date
    borrower: str  # name and masked phone
    sections: Tuple[Section, ...]
    notes: Tuple[str, ...] = field(default_factory=tuple)


def _styles(font: str):
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26, spaceAfter=4),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9.5, leading=14, textColor=HexColor("#444444")),
        "heading": ParagraphStyle("heading", parent=base, fontSize=12, leading=20, spaceBefore=8, spaceAfter=2),
        "body": base,
        "note": ParagraphStyle("note", parent=base, fontSize=9, leading=13, textColor=HexColor("#555555")),
    }


def _paragraph(text: str, style) -> Paragraph:
    # Lines keep their leading spaces (the chat's indented sub-lines) as non-breaking spaces.
    stripped = text.lstrip(" ")
    indent = "&nbsp;" * (len(text) - len(stripped)) * 2
    return Paragraph(indent + escape(stripped), style)


def render_pdf(content: DocumentContent, font: Optional[str] = None) -> bytes:
    """The document as PDF bytes (A4), the same bytes for the same content."""
    name = _register(font or font_path())
    styles = _styles(name)
    story = [
        Paragraph(escape(f"{content.lender} {content.title}"), styles["title"]),
        Paragraph(escape(f"借款人：{content.borrower}"), styles["meta"]),
        Paragraph(
            escape(f"出具日期：{content.issued_on.year}年{content.issued_on.month}月{content.issued_on.day}日"),
            styles["meta"],
        ),
        Paragraph(escape(f"凭证编号：{content.reference}"), styles["meta"]),
        HRFlowable(width="100%", thickness=0.6, color=HexColor("#999999"), spaceBefore=6, spaceAfter=4),
    ]
    for section in content.sections:
        story.append(Paragraph(escape(section.heading), styles["heading"]))
        story += [_paragraph(line, styles["body"]) for line in section.lines]
    if content.notes:
        story.append(Spacer(1, 6 * mm))
        story += [_paragraph(line, styles["note"]) for line in content.notes]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{content.title} {content.reference}",
        author=content.lender,
        invariant=1,
    ).build(story)
    return buffer.getvalue()
