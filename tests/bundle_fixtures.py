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


def text_pdf(
    title: str, paragraphs: list[str], *, pages: int = 1, landscape_page: bool = False, landscape: bool = False
) -> bytes:
    """A PDF with a text layer: a title and paragraphs, repeated over ``pages``
    pages (landscape ones with ``landscape``), and with ``landscape_page`` a
    landscape page after them."""
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
    style = _STYLE + ("@page { size: A4 landscape; }" if landscape else "")
    return html_to_pdf(f"<html lang='en-GB'><head><style>{style}</style></head><body>{''.join(body)}</body></html>")


def turned_landscape(pdf: bytes) -> bytes:
    """Landscape pages stored as portrait ones turned by ``/Rotate 90``, as a
    scanner or a "rotate and save" in a viewer leaves them: the content is
    drawn for the landscape page, so it reads upright once turned."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            width, height = x1 - x0, y1 - y0
            assert width > height, "turned_landscape takes landscape pages"
            # Shown (u, v) -> stored (height - v, u): the inverse of a quarter
            # turn clockwise, which a viewer applies for /Rotate 90.
            page.contents_add(pikepdf.Stream(document, f"q 0 1 -1 0 {height:g} 0 cm 1 0 0 1 {-x0:g} {-y0:g} cm\n".encode()), prepend=True)
            page.contents_add(pikepdf.Stream(document, b"Q\n"))
            for annotation in page.obj.get("/Annots", []):
                u0, v0, u1, v1 = (float(v) for v in annotation.Rect)
                annotation.Rect = pikepdf.Array([height - (v1 - y0), u0 - x0, height - (v0 - y0), u1 - x0])
            page.mediabox = pikepdf.Array([0, 0, height, width])
            if "/CropBox" in page.obj:
                del page.obj.CropBox
            page.obj.Rotate = 90
        buffer = io.BytesIO()
        document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def family_tree_pdf() -> bytes:
    """A fictional family tree for the sample case, drawn on a landscape page
    turned by /Rotate."""
    def person(name: str, about: str) -> str:
        return f"<div class='person'><strong>{name}</strong><br>{about}</div>"

    tree = f"""
    <section class="wide tree">
    <h1>Family tree</h1>
    <p>Ada's family, as the local authority knows it. Every name and date here is invented for the sample bundle.</p>
    <div class="generation">{person("Beryl Draftley", "Paternal grandmother")}
      {person("Not known", "Maternal grandparents")}</div>
    <div class="generation">{person("Tomas Draftley", "Father, born 30 September 1998; has parental responsibility")}
      {person("Rosa Sampleford", "Mother, born 14 February 2001; has parental responsibility")}
      {person("Mina Sampleford", "Maternal aunt, born 3 June 1994; Rosa's sister")}</div>
    <div class="generation">{person("A.M.S. (Ada)", "The child, born 10 May 2026")}</div>
    </section>"""
    style = _STYLE + """
    .tree .generation { display: flex; justify-content: center; gap: 14mm; margin: 9mm 0; }
    .tree .person { border: 1pt solid #333; padding: 3mm 4mm; width: 60mm; text-align: center; }
    .tree .generation + .generation { border-top: 0.8pt solid #333; padding-top: 9mm; }
    """
    return turned_landscape(
        html_to_pdf(f"<html lang='en-GB'><head><style>{style}</style></head><body>{tree}</body></html>")
    )


def corner_text_pdf() -> bytes:
    """A letter whose sender printed a reference in the bottom right corner,
    where a bundle's stamp would usually go."""
    body = (
        "<h1>Letter from the school</h1><p>A fictional letter about attendance.</p>"
        "<div style='position: fixed; bottom: -20mm; right: -20mm; width: 60mm; text-align: right; font-size: 14pt'>"
        "Ref SCH/0000/FICTION<br>Printed 1 December 2026</div>"
    )
    return html_to_pdf(f"<html lang='en-GB'><head><style>{_STYLE}</style></head><body>{body}</body></html>")


def pictures_pdf(pictures: list) -> bytes:
    """A PDF with one page per greyscale picture (PIL images), each drawn
    over the whole A4 page, and nothing else: no text layer."""
    document = pikepdf.new()
    for picture in pictures:
        image = pikepdf.Stream(document, zlib.compress(picture.tobytes()))
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = picture.width, picture.height, 8
        image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
        page = document.add_blank_page(page_size=(595, 842))
        page.add_resource(image, pikepdf.Name.XObject, pikepdf.Name("/Im0"))
        page.contents_add(pikepdf.Stream(document, b"q 595 0 0 842 0 0 cm /Im0 Do Q"))
    buffer = io.BytesIO()
    document.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def scan_pdf(pages: int = 1) -> bytes:
    """A PDF of page images with printed words but no text layer, like an
    unprocessed scan (OCR can read the words back)."""
    from PIL import Image, ImageDraw, ImageFont

    from permdocs.base.resources import assets_dir

    font = ImageFont.truetype(str(assets_dir() / "fonts" / "LiberationSans-Regular.ttf"), 36)
    pictures = []
    for number in range(1, pages + 1):
        picture = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
        draw = ImageDraw.Draw(picture)
        for line, words in enumerate(["SCANNED LETTER", f"Page {number} of a fictional letter", "Nothing here is real"]):
            draw.text((150, 200 + 70 * line), words, fill=0, font=font)
        pictures.append(picture)
    return pictures_pdf(pictures)


def photograph_pdf() -> bytes:
    """A page covered edge to edge by a picture with ink everywhere (a
    photograph, say): no corner is clear for a stamp."""
    from PIL import Image

    gradient = Image.linear_gradient("L").resize((420, 594))
    return pictures_pdf([gradient.point(lambda v: v // 2)])  # near black at the top, mid-grey at the foot


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


def write_sample_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "interim-care-order.pdf").write_bytes(text_pdf("Interim care order", ORDER))
    (folder / "parenting-assessment.pdf").write_bytes(text_pdf("Parenting assessment", EXPERT_REPORT, pages=4))


if __name__ == "__main__":
    write_sample_files(Path(sys.argv[1]))
