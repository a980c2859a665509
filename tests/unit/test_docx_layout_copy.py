"""The copy LibreOffice lays out for the DOCX's page numbers: pictures one pixel large, all else as it was."""

import io
import zipfile

from naravard.render.docx_pages import _without_pictures


def test_only_the_pictures_change(tmp_path):
    source = tmp_path / "r.docx"
    big = b"\x89PNG\r\n\x1a\n" + b"x" * 50_000
    document = b'<w:document><wp:extent cx="5760720" cy="3240405"/></w:document>'
    with zipfile.ZipFile(source, "w") as z:
        z.writestr("word/document.xml", document)
        z.writestr("word/media/rId20.png", big)
        z.writestr("word/fonts/font1.odttf", b"font")
    _without_pictures(source, tmp_path / "light.docx")
    with zipfile.ZipFile(tmp_path / "light.docx") as z:
        assert z.namelist() == ["word/document.xml", "word/media/rId20.png", "word/fonts/font1.odttf"]
        assert z.read("word/document.xml") == document  # the size on the page stays in the document
        assert z.read("word/fonts/font1.odttf") == b"font"
        pixel = z.read("word/media/rId20.png")
    assert pixel.startswith(b"\x89PNG\r\n\x1a\n") and len(pixel) < 100
    from PIL import Image

    with Image.open(io.BytesIO(pixel)) as image:
        assert image.size == (1, 1)
