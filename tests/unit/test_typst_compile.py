"""Typst in a process of its own (render/typst_compile.py): the same PDF, Typst's own diagnostics."""

import typst
import pytest

from naravard.render.typst_compile import TypstFailed, compile_pdf

DOCUMENT = '#set document(title: "Prov")\n#set text(lang: "sv")\n= Rubrik\n\nEn mening med å, ä och ö.\n'


def test_the_child_makes_the_pdf_the_build_process_would_make(tmp_path):
    source = tmp_path / "t.typ"
    source.write_text(DOCUMENT, encoding="utf-8")
    compile_pdf(source, tmp_path / "child.pdf", root=tmp_path, font_paths=[], standards=["ua-1"], timestamp=1740830400)
    typst.compile(str(source), output=str(tmp_path / "here.pdf"), root=str(tmp_path), font_paths=[],
                  ignore_system_fonts=True, pdf_standards=["ua-1"], timestamp=1740830400)
    assert (tmp_path / "child.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()


def test_a_document_typst_refuses_fails_with_typsts_message(tmp_path):
    source = tmp_path / "t.typ"
    source.write_text(DOCUMENT + "#image(\"saknas.svg\")\n", encoding="utf-8")
    with pytest.raises(TypstFailed, match="saknas.svg"):
        compile_pdf(source, tmp_path / "t.pdf", root=tmp_path, font_paths=[], standards=["ua-1"], timestamp=0)
    assert not (tmp_path / "t.pdf").exists()


def test_in_process_makes_the_same_pdf_and_the_same_error(tmp_path):
    source = tmp_path / "t.typ"
    source.write_text(DOCUMENT, encoding="utf-8")
    for where, in_process in (("child", False), ("here", True)):
        compile_pdf(source, tmp_path / f"{where}.pdf", root=tmp_path, font_paths=[], standards=["ua-1"], timestamp=0, in_process=in_process)
    assert (tmp_path / "child.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()
    source.write_text(DOCUMENT + "#image(\"saknas.svg\")\n", encoding="utf-8")
    with pytest.raises(TypstFailed, match="saknas.svg"):
        compile_pdf(source, tmp_path / "t.pdf", root=tmp_path, font_paths=[], standards=["ua-1"], timestamp=0, in_process=True)
