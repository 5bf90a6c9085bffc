"""Reading our PDFs back as a reader would: the text layer (pdfium, the engine Chrome uses) and the
pages drawn to PNG."""

from pathlib import Path
from typing import List, Optional

import pypdfium2 as pdfium


def pdf_text(pdf: bytes) -> str:
    """Every page's text layer, lines joined by newlines."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_bounded().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return "\n".join(pages)
    finally:
        document.close()


def render_pages(pdf: bytes, out_dir: Optional[Path] = None, stem: str = "page", scale: float = 1.5) -> List:
    """Each page as a PIL image (written as PNG to out_dir when given)."""
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for number, page in enumerate(document, start=1):
            image = page.render(scale=scale).to_pil()
            if out_dir is not None:
                out_dir.mkdir(parents=True, exist_ok=True)
                image.save(out_dir / f"{stem}-{number}.png")
            images.append(image)
            page.close()
        return images
    finally:
        document.close()
