"""The PDF layout (documents/pdf.py): Chinese text set in Debian's CJK TrueType font, read back
exactly from the text layer, drawn as a page with ink on it, the same bytes for the same content."""

from datetime import date

import pytest

from documents.pdf import DocumentContent, NoCJKFont, Section, font_path, render_pdf
from tests.pdf_reading import pdf_text, render_pages

CONTENT = DocumentContent(
    title="对账单",
    lender="示例消费金融（演示）",
    reference="D20261120ABCDEFGH",
    issued_on=date(2026, 11, 20),
    borrower="张三（手机 138****8001）",
    sections=(
        Section("逾期应还", ("您当前逾期应还共 3363.24 元，共 3 期，最长已逾期 71 天。", "  + 未到期本金 2151.81 元")),
        Section("已收到的还款 <&>", ("尚未收到还款。",)),
    ),
    notes=("金额单位：元。",),
)


def test_every_line_reads_back_from_the_text_layer():
    text = pdf_text(render_pdf(CONTENT))
    # (an indented sub-line keeps its indent as space, which the reader may count differently)
    assert [line.strip() for line in text.split("\n")] == [
        "示例消费金融（演示） 对账单",
        "借款人：张三（手机 138****8001）",
        "出具日期：2026年11月20日",
        "凭证编号：D20261120ABCDEFGH",
        "逾期应还",
        "您当前逾期应还共 3363.24 元，共 3 期，最长已逾期 71 天。",
        "+ 未到期本金 2151.81 元",
        "已收到的还款 <&>",
        "尚未收到还款。",
        "金额单位：元。",
    ]


def test_the_page_is_drawn_with_the_cjk_font(tmp_path):
    (page,) = render_pages(render_pdf(CONTENT), tmp_path, "statement")
    assert (tmp_path / "statement-1.png").is_file()
    assert page.size == (893, 1263)  # A4 at 1.5 × 72 dpi
    # Ink where the title is: the glyphs were drawn, not blank boxes of a missing font.
    title = page.convert("L").crop((80, 60, 500, 130))
    dark = sum(1 for value in title.getdata() if value < 128)
    assert dark > 800


def test_the_same_content_gives_the_same_bytes_and_other_figures_other_bytes():
    assert render_pdf(CONTENT) == render_pdf(CONTENT)
    changed = DocumentContent(**{**CONTENT.__dict__, "reference": "D20261120ABCDEFGJ"})
    assert render_pdf(changed) != render_pdf(CONTENT)


def test_a_missing_font_is_named(monkeypatch):
    monkeypatch.setenv("DOCUMENT_FONT", "/nowhere/font.ttc")
    with pytest.raises(NoCJKFont, match="/nowhere/font.ttc"):
        font_path()


def test_the_default_font_is_debians_truetype_one(monkeypatch):
    monkeypatch.delenv("DOCUMENT_FONT", raising=False)
    assert font_path() == "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
