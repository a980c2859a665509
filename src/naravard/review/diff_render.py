"""The diff for people: a summary in the terminal and one self-contained HTML file."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from naravard.render.publish import FIGURES_OUT
from naravard.review.diff import Diff, TextChange, ValueChange

CONTEXT_WORDS = 8  # words of unchanged text shown around a change in the terminal
LIMIT = 30  # values, paragraphs and structure changes listed in the terminal (the HTML has all)


# ---- terminal -------------------------------------------------------------------------------


def _place(loc: dict) -> str:
    if loc["kind"] == "figure":
        return f"figur {loc['figure']}"
    if loc["kind"] == "table":
        return f"tabell {loc['table']}" if loc.get("table") else f"tabell {loc.get('table_key', '')}"
    return f"{loc['chapter']} ¶{loc['paragraph']}"


def _places(changes: list[ValueChange]) -> str:
    places = list(dict.fromkeys(_place(loc) for v in changes for loc in v.locations))
    return ", ".join(places[:6]) + (f" and {len(places) - 6} more" if len(places) > 6 else "")


def _by_key(values: list[ValueChange]) -> dict[str, list[ValueChange]]:
    out: dict[str, list[ValueChange]] = {}
    order = {"text": 0, "table": 1, "figure": 2}  # show the value as prose prints it, when it does
    for v in sorted(values, key=lambda v: order.get(v.kind, 3)):
        out.setdefault(v.key, []).append(v)
    return out


def _shorten(text: str, head: bool, tail: bool) -> str:
    words = text.split(" ")
    if len(words) <= 2 * CONTEXT_WORDS:
        return text
    if head and tail:
        return " ".join(words[:CONTEXT_WORDS]) + " … " + " ".join(words[-CONTEXT_WORDS:])
    if head:
        return " ".join(words[:CONTEXT_WORDS]) + " …"
    return "… " + " ".join(words[-CONTEXT_WORDS:])


def inline_diff(ops: list, markup=("[-", "-]", "{+", "+}")) -> str:
    """``ökade från 81 till [-88-]{+87+} procent`` with long unchanged stretches shortened."""
    out = []
    for i, (op, text) in enumerate(ops):
        if op == "=":
            out.append(_shorten(text, head=i > 0, tail=i < len(ops) - 1))
        elif op == "-":
            out.append(markup[0] + text + markup[1])
        else:
            out.append(markup[2] + text + markup[3])
    return "".join(out)


def summary(d: Diff) -> str:
    if d.identical:
        return f"No differences: {d.new} is identical to {d.old} ({d.identical_values} values, same text, figures and tables).\n"
    lines = [f"naravard diff {d.old} -> {d.new}", ""]
    lines.append(
        f"Values:    {d.count('changed')} changed ({d.count('changed', 'data')} data, {d.count('changed', 'derived')} derived), "
        f"{d.count('new')} new, {d.count('removed')} removed, {d.identical_values} identical"
    )
    flipped_text = sum(1 for t in d.text if t.flipped)
    lines.append(f"Text:      {len(d.text)} paragraph(s) changed in {len({t.chapter for t in d.text})} chapter(s), {flipped_text} with changed wording")
    lines.append(f"Figures:   {len(d.figures)} changed    Tables: {len(d.tables)} changed    Structure: {len(d.structure)} changes")
    lines.append("")
    if d.flips:
        lines.append(f"STATEMENTS THAT FLIP ({len(d.flips)}):")
        for f in d.flips:
            change = f" ({f.old} -> {f.new})" if f.what == "value" and f.old and f.new else ""
            lines.append(f"  ! {f.where}: {f.description}{change}")
        lines.append("")
    status_order = {"changed": 0, "new": 1, "removed": 2}
    groups = dict(sorted(_by_key(d.values).items(), key=lambda kv: status_order[kv[1][0].status]))
    if groups:
        lines.append("Values:")
        for key, changes in list(groups.items())[:LIMIT]:
            v = changes[0]
            if v.status == "changed":
                what = f"{v.old_text} -> {v.new_text} ({v.delta_text})"
            elif v.status == "new":
                what = f"new: {v.new_text}"
            else:
                what = f"removed: {v.old_text}"
            rows = ", ".join(f"{s['file']}:{s['row']}" for s in v.sources[:3]) + (" …" if len(v.sources) > 3 else "")
            lines.append(f"  [{v.origin}] {key}  {what}")
            lines.append(f"      in {_places(changes)}; rows {rows or '–'}")
        lines += _more(len(groups), "values")
        lines.append("")
    if d.text:
        lines.append("Text:")
        for t in d.text[:LIMIT]:
            head = f"  {t.chapter} ¶{t.new_paragraph or t.old_paragraph}" + (f" ({t.heading})" if t.heading else "")
            lines.append(head + ("  [wording changed]" if t.flipped else f"  [{t.status}]" if t.status != "changed" else ""))
            lines.append("      " + inline_diff(t.ops))
        lines += _more(len(d.text), "paragraphs")
        lines.append("")
    for items, label in ((d.figures, "Figures"), (d.tables, "Tables")):
        if items:
            lines.append(f"{label}:")
            for f in items:
                num = f.new_number or f.old_number
                name = f"{label[:-1]} {num}" if num else label[:-1]  # Bilaga 3's tables carry no number
                lines.append(f"  {name} {f.key} [{f.status}: {', '.join(f.changes) or f.status}] {f.title}")
            lines.append("")
    if d.structure:
        lines.append("Structure:")
        for s in d.structure[:LIMIT]:
            lines.append(f"  {s.what} {s.key} {s.change}" + (f": {s.old} -> {s.new}" if s.old and s.new else f": {s.old or s.new}"))
        lines += _more(len(d.structure), "structure changes")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _more(total: int, what: str) -> list[str]:
    return [f"  … and {total - LIMIT} more {what} (write them all with --html or --json)"] if total > LIMIT else []


# ---- HTML -----------------------------------------------------------------------------------

CSS = """
body{font-family:"Source Sans 3","Source Sans Pro","Segoe UI",Arial,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{font-size:1.25rem;border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.paths{color:#555;font-size:.9rem}
.summary{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid #ccc;border-radius:6px;padding:.5rem .9rem;min-width:9rem;background:#fafafa}
.card b{display:block;font-size:1.5rem}
.identical{background:#e8f5e9;border:1px solid #81c784;padding:1rem;border-radius:6px}
.flips{background:#fff4e5;border:2px solid #e67e22;border-radius:6px;padding:.6rem 1rem}
.flips li{margin:.4rem 0}
table{border-collapse:collapse;width:100%;font-size:.92rem} th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f0f0} td.num{text-align:right;white-space:nowrap}
.tag{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;background:#e0e0e0}
.tag.data{background:#d6e9ff} .tag.derived{background:#eee} .tag.flip{background:#e67e22;color:#fff}
del + ins, ins + del{margin-left:.2em}
del{background:#ffd7d5;color:#8b0000;text-decoration:line-through} ins{background:#d4f7d4;color:#064d06;text-decoration:none;font-weight:600}
.para{border-left:4px solid #ccc;padding:.3rem .8rem;margin:.5rem 0;background:#fcfcfc}
.para.flip{border-left-color:#e67e22}
.where{font-size:.85rem;color:#555}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1rem} .side figure{margin:0;border:1px solid #ddd;padding:.4rem}
.side img{width:100%;height:auto} figcaption{font-size:.85rem;color:#555}
code{font-size:.85rem}
"""


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _ops_html(ops: list) -> str:
    tag = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
    return "".join(tag[op].format(_e(text)) for op, text in ops)


def _image(folder: Path, key: str) -> str:
    for ext, mime in (("svg", "image/svg+xml"), ("png", "image/png")):
        path = folder / FIGURES_OUT / f"{key}.{ext}"
        if path.exists():
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            return f'<img src="data:{mime};base64,{data}" alt="">'
    return "<p>(no image)</p>"


def _context(ops: list) -> list:
    """*ops* with long unchanged stretches shortened (for the flips list)."""
    return [(op, _shorten(text, head=i > 0, tail=i < len(ops) - 1) if op == "=" else text) for i, (op, text) in enumerate(ops)]


def _values_table(values: list[ValueChange]) -> str:
    rows = []
    for key, changes in _by_key(values).items():
        v = changes[0]
        flip = ' <span class="tag flip">flips</span>' if any(c.flipped for c in changes) else ""
        rows.append(
            "<tr>"
            f"<td><span class='tag {v.origin}'>{v.origin}</span> {_e(v.status)}{flip}</td>"
            f"<td>{_e(v.label)}<br><code>{_e(key)}</code></td>"
            f"<td class='num'>{_e(v.old_text)}</td><td class='num'>{_e(v.new_text)}</td><td class='num'>{_e(v.delta_text)}</td>"
            f"<td>{_e(_places(changes))}</td>"
            f"<td>{_e(', '.join(s['file'] + ':' + str(s['row']) for s in v.sources[:4]))}{' …' if len(v.sources) > 4 else ''}</td>"
            "</tr>"
        )
    head = "<tr><th>Change</th><th>Value</th><th>Old</th><th>New</th><th>By</th><th>Where</th><th>Data rows</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _text_html(changes: list[TextChange]) -> str:
    out = []
    chapter = None
    for t in changes:
        if t.chapter != chapter:
            chapter = t.chapter
            out.append(f"<h3>{_e(t.chapter_title or t.chapter)} <span class='where'>({_e(t.chapter)})</span></h3>")
        where = f"¶{t.new_paragraph or t.old_paragraph} · {t.kind}" + (f" · under “{t.heading}”" if t.heading else "")
        if t.status != "changed":
            where += f" · {t.status}"
        if t.flipped:
            where += " · <span class='tag flip'>wording changed</span> " + _e("; ".join(t.wording))
        cls = "para flip" if t.flipped else "para"
        out.append(f"<div class='{cls}'><div class='where'>{where}</div><p>{_ops_html(t.ops)}</p></div>")
    return "".join(out)


def html_report(d: Diff, old_dir: Path, new_dir: Path) -> str:
    parts = [
        "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>naravard diff</title><style>{CSS}</style></head><body>",
        "<h1>Differences between two builds</h1>",
        f"<p class='paths'>Old: <code>{_e(d.old)}</code><br>New: <code>{_e(d.new)}</code></p>",
    ]
    if d.identical:
        parts.append(f"<p class='identical'>The builds are identical: {d.identical_values} values, the same text, figures and tables.</p>")
    else:
        cards = [
            (d.count("changed", "data"), "data values changed"),
            (d.count("changed", "derived"), "derived values changed"),
            (d.count("new"), "new values"),
            (d.count("removed"), "removed values"),
            (d.identical_values, "identical"),
            (len(d.text), "paragraphs changed"),
            (len(d.figures), "figures changed"),
            (len(d.tables), "tables changed"),
            (len(d.structure), "structure changes"),
        ]
        parts.append("<div class='summary'>" + "".join(f"<div class='card'><b>{n}</b>{_e(t)}</div>" for n, t in cards) + "</div>")
    if d.flips:
        items = "".join(
            f"<li><b>{_e(f.where)}</b>: {_e(f.description)}<br><span class='where'>"
            + (_ops_html(_context(f.ops)) if f.ops else f"{_e(f.old)} → {_e(f.new)}")
            + "</span></li>"
            for f in d.flips
        )
        parts.append(f"<h2>Statements that flip</h2><div class='flips'><ul>{items}</ul></div>")
    if d.values:
        parts.append("<h2>Values</h2>" + _values_table(d.values))
    if d.text:
        parts.append("<h2>Text</h2>" + _text_html(d.text))
    if d.figures:
        parts.append("<h2>Figures</h2>")
        for f in d.figures:
            num = f.new_number or f.old_number
            parts.append(f"<h3>Figur {num}. {_e(f.title)} <span class='where'>({_e(f.key)}; {_e(f.status)}: {_e(', '.join(f.changes))})</span></h3>")
            old = _image(old_dir, f.key) if f.status != "new" else "<p>(new figure)</p>"
            new = _image(new_dir, f.key) if f.status != "removed" else "<p>(removed)</p>"
            parts.append(
                f"<div class='side'><figure>{old}<figcaption>Old</figcaption></figure>"
                f"<figure>{new}<figcaption>New</figcaption></figure></div>"
            )
            if f.alt_ops:
                parts.append(f"<div class='para'><div class='where'>Alt text</div><p>{_ops_html(f.alt_ops)}</p></div>")
            if f.values:
                parts.append(f"<p class='where'>Changed values drawn: {_e(', '.join(v.split('@')[0] for v in f.values))}</p>")
    if d.tables:
        rows = "".join(
            f"<tr><td>{_e(t.new_number or t.old_number or '')}</td><td>{_e(t.title)}</td><td>{_e(t.status)}: {_e(', '.join(t.changes))}</td><td>{len(t.values)}</td></tr>"
            for t in d.tables
        )
        parts.append(f"<h2>Tables</h2><table><tr><th>No.</th><th>Title</th><th>Change</th><th>Changed cells</th></tr>{rows}</table>")
    if d.structure:
        rows = "".join(
            f"<tr><td>{_e(s.what)}</td><td><code>{_e(s.key)}</code></td><td>{_e(s.change)}</td><td>{_e(s.old)}</td><td>{_e(s.new)}</td></tr>"
            for s in d.structure
        )
        parts.append(f"<h2>Structure</h2><table><tr><th>What</th><th>Key</th><th>Change</th><th>Old</th><th>New</th></tr>{rows}</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
