"""External PDFs for bundle tests and the sample bundle, made on the spot.

Run as a script to refresh the sample's files:
``python tests/bundle_fixtures.py samples/bundle-files``.
Every name and fact in them is invented.
"""

from __future__ import annotations

import io
import sys
import zlib
from pathlib import Path

import pikepdf

from permdocs.writers.pdf import html_to_pdf

_STYLE = """
@font-face { font-family: "Liberation Serif"; src: url(fonts/LiberationSerif-Regular.ttf); }
@font-face { font-family: "Liberation Serif"; src: url(fonts/LiberationSerif-Bold.ttf); font-weight: bold; }
@page { size: A4; margin: 25mm; }
@page wide { size: A4 landscape; }
html { font-family: "Liberation Serif"; font-size: 12pt; line-height: 1.4; }
.wide { page: wide; }
h1 { font-size: 16pt; }
"""


def text_pdf(title: str, paragraphs: list[str], *, pages: int = 1, landscape_page: bool = False) -> bytes:
    """A PDF with a text layer: a title and paragraphs, repeated over ``pages`` pages."""
    body = []
    for number in range(1, pages + 1):
        style = ' style="break-before: page"' if number > 1 else ""
        body.append(f"<section{style}><h1 id='p{number}'>{title}</h1>")
        body.extend(f"<p>{text}</p>" for text in paragraphs)
        if number == 1 and pages > 1:
            body.append(f"<p><a href='#p{pages}'>Go to the last page</a></p>")
        body.append("</section>")
    if landscape_page:
        body.append(f"<section class='wide'><h1>{title}: schedule</h1><p>A wide table would sit here.</p></section>")
    return html_to_pdf(f"<html lang='en-GB'><head><style>{_STYLE}</style></head><body>{''.join(body)}</body></html>")


def rotated(pdf: bytes, degrees: int = 90) -> bytes:
    """The same PDF with every page turned by ``/Rotate`` (as a scanner or
    a 'rotate and save' in a viewer leaves it)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            page.obj.Rotate = degrees
        buffer = io.BytesIO()
        document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def scan_pdf(pages: int = 1) -> bytes:
    """A PDF of page images with printed words but no text layer, like an
    unprocessed scan (OCR can read the words back)."""
    from PIL import Image, ImageDraw, ImageFont

    from permdocs.resources import assets_dir

    font = ImageFont.truetype(str(assets_dir() / "fonts" / "LiberationSans-Regular.ttf"), 36)
    document = pikepdf.new()
    width, height = 1240, 1754  # A4 at 150 dpi
    for number in range(1, pages + 1):
        picture = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(picture)
        for line, words in enumerate(["SCANNED LETTER", f"Page {number} of a fictional letter", "Nothing here is real"]):
            draw.text((150, 200 + 70 * line), words, fill=0, font=font)
        image = pikepdf.Stream(document, zlib.compress(picture.tobytes()))
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = width, height, 8
        image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
        page = document.add_blank_page(page_size=(595, 842))
        page.add_resource(image, pikepdf.Name.XObject, pikepdf.Name("/Im0"))
        page.contents_add(pikepdf.Stream(document, b"q 595 0 0 842 0 0 cm /Im0 Do Q"))
    buffer = io.BytesIO()
    document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    with pikepdf.open(io.BytesIO(text_pdf("Locked", ["Protected."]))) as document:
        buffer = io.BytesIO()
        document.save(buffer, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret"))
    return buffer.getvalue()


EXPERT_REPORT = [
    "This report was asked for by the court to assess the parenting capacity of the fictional birth mother.",
    "Every name and fact in it is invented, for permdocs' sample bundle.",
]
ORDER = ["Upon the application of Fictionshire County Council, the court orders an interim care order.",
         "This is a fictional order for permdocs' sample bundle."]
CHRONOLOGY = ["A fictional chronology: the dates and events here are invented for the sample bundle."]


def write_sample_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "interim-care-order.pdf").write_bytes(text_pdf("Interim care order", ORDER))
    (folder / "parenting-assessment.pdf").write_bytes(text_pdf("Parenting assessment", EXPERT_REPORT, pages=4))
    (folder / "family-tree.pdf").write_bytes(rotated(text_pdf("Family tree", CHRONOLOGY)))


if __name__ == "__main__":
    write_sample_files(Path(sys.argv[1]))
