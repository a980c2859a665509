"""The house font inside the DOCX, so Word and LibreOffice show Source Sans 3
(as the PDF, the HTML and the charts do) on machines that lack it.

Word embeds TrueType fonts as "obfuscated" parts (ECMA-376 Part 1, 17.8.1):
the first 32 bytes of the font are XOR-ed with a key, a GUID named in the font
table. The four faces Word knows (regular, bold, italic, bold italic) are
embedded whole, so authors can keep writing in the house font. The keys are
derived from the face names: the same build gives the same bytes.
"""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

from naravard import fonts

FONT_FAMILY = fonts.FAMILY

FACES = (("embedRegular", "Regular"), ("embedBold", "Bold"), ("embedItalic", "It"), ("embedBoldItalic", "BoldIt"))
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def font_key(face: str) -> str:
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"naravard/{FONT_FAMILY}/{face}")).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the key's 16 bytes, taken in reverse order."""
    hexkey = key.strip("{}").replace("-", "")
    k = bytes(int(hexkey[i:i + 2], 16) for i in range(30, -1, -2))
    head = bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def _font_entry(rels: list[tuple[str, str]]) -> str:
    embeds = "".join(f'<w:{tag} r:id="{rid}" w:fontKey="{key}"/>' for tag, rid, key in rels)
    return (f'<w:font w:name="{FONT_FAMILY}"><w:charset w:val="00"/><w:family w:val="swiss"/>'
            f'<w:pitch w:val="variable"/>{embeds}</w:font>')


def embed_house_font(path: Path) -> bool:
    """Embed the house font's four faces in the DOCX at *path*; False if the font is not installed."""
    src = fonts.report_font_dir()
    if not all((src / f"SourceSans3-{face}.ttf").is_file() for _tag, face in FACES):
        return False
    with zipfile.ZipFile(path) as z:
        entries = {info.filename: z.read(info.filename) for info in z.infolist()}
        order = [info.filename for info in z.infolist()]
    rels, parts = [], {}
    for n, (tag, face) in enumerate(FACES, 1):
        key = font_key(face)
        parts[f"word/fonts/naravard-font{n}.odttf"] = obfuscate((src / f"SourceSans3-{face}.ttf").read_bytes(), key)
        rels.append((tag, f"rIdNvFont{n}", key))

    table = entries["word/fontTable.xml"].decode("utf-8")
    table = _drop_font(table, FONT_FAMILY)
    if 'xmlns:r="' not in table.split(">", 2)[1]:
        table = table.replace("<w:fonts ", f'<w:fonts xmlns:r="{R}" ', 1)
    table = table.replace("</w:fonts>", _font_entry(rels) + "</w:fonts>")
    entries["word/fontTable.xml"] = table.encode("utf-8")

    rel_xml = "".join(f'<Relationship Id="{rid}" Type="{FONT_REL}" Target="fonts/naravard-font{n}.odttf"/>'
                      for n, (_tag, rid, _key) in enumerate(rels, 1))
    entries["word/_rels/fontTable.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel_xml}</Relationships>'
    ).encode("utf-8")

    types = entries["[Content_Types].xml"].decode("utf-8")
    if 'Extension="odttf"' not in types:
        types = types.replace("<Default ", f'<Default Extension="odttf" ContentType="{OBFUSCATED}"/><Default ', 1)
    entries["[Content_Types].xml"] = types.encode("utf-8")

    settings = entries["word/settings.xml"].decode("utf-8")
    if "<w:embedTrueTypeFonts" not in settings:
        # In the schema's order: after the zoom, before embedSystemFonts and the rest.
        anchor = settings.find("<w:embedSystemFonts")
        if anchor < 0:
            end_zoom = settings.find("/>", settings.find("<w:zoom")) + 2 if "<w:zoom" in settings else settings.find(">", settings.find("<w:settings")) + 1
            anchor = end_zoom
        settings = settings[:anchor] + "<w:embedTrueTypeFonts/>" + settings[anchor:]
    entries["word/settings.xml"] = settings.encode("utf-8")

    entries.update(parts)
    order += [name for name in (*parts, "word/_rels/fontTable.xml.rels") if name not in order]
    tmp = path.with_suffix(path.suffix + ".fonts")
    # Stored, not compressed: finish_docx's last step (normalise_zip) compresses the whole file once.
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as z:
        for name in order:
            z.writestr(name, entries[name])
    tmp.replace(path)
    return True


def _drop_font(table: str, name: str) -> str:
    start = table.find(f'<w:font w:name="{name}"')
    if start < 0:
        return table
    end = table.find("</w:font>", start)
    return table[:start] + table[end + len("</w:font>"):]
