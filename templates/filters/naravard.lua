--[[
naravard.lua: turns the report's building blocks into each output format.

Used by both engines: Quarto runs it (listed under `filters:` in _quarto.yml)
and the built-in engine passes it to pandoc. The generated Quarto sources mark
figures, tables, boxes and front matter with classes; this filter gives them
their form:

  #fig-…, #tbl-…, @fig-…
              Quarto's cross-references. Under Quarto, Quarto numbers and
              resolves them. For the built-in engine this filter does the same,
              in document order: each target gets "Figur 12." / "Tabell 3." in
              front of its caption (the div's last paragraph, printed first, in
              the "Bildtext"/"Tabellrubrik" style), and each @fig-… (@Fig-… at a
              sentence start) becomes a link reading "figur 12" ("Figur 12").
  .nv-figure  Typst: a tagged #figure with alt text (pandoc's Typst writer drops
              image alt text, and PDF/UA-1 requires it); DOCX: PNG instead of SVG.
              HTML: the figure is a file beside the page (figurer/), a <picture>
              with a narrower rendition for phones.
  .nv-figure-data  HTML: the figure's data table in a <details> element, the
              table in a scroll box named by the summary.
  .nv-table   HTML: title and subtitle become the table's caption; Typst: the
              table written here (header repeated on every page, rows kept
              together at a break). Every table's first column heads its rows.
  .nv-box     Typst: a framed block; DOCX: paragraphs in the "Faktaruta"
              styles, which draw the box (HTML: CSS).
  #           Typst: a chapter (level-1 heading) starts on a new page.
  .nv-toc     Typst: the outline; DOCX: a Word TOC field; HTML: nothing (the
              page has its own navigation).
  .nv-cover, .nv-colophon, .nv-pagebreak  page-level front matter.
  .content-visible / .content-hidden with when-format / unless-format:
              Quarto's conditional content, so the built-in engine honours it too.
  .nv-value   spans marking printed values: kept in HTML, unwrapped elsewhere.

It also guards what the report may point at, whatever reaches the sources:
links only to the report itself (#…), https, mailto and the figure data
beside the report; images only from the book's figures/; no raw HTML (the filter
writes the <details> of figure data and the figures' <picture> itself). Anything else stops the build with what it was.
]]

local fmt = FORMAT or ""
-- Quarto runs this filter before its own (the default for user filters) and
-- does the cross-references itself.
local under_quarto = quarto ~= nil
local is_typst = fmt:match("typst") ~= nil
local is_docx = fmt:match("docx") ~= nil
local is_html = fmt:match("html") ~= nil

local function format_name()
  if is_typst then return "typst" end
  if is_docx then return "docx" end
  if is_html then return "html" end
  return fmt
end

local function has_class(el, name)
  for _, c in ipairs(el.classes) do
    if c == name then return true end
  end
  return false
end

-- Typst string literal.
local function tstr(s)
  s = s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", " ")
  return '"' .. s .. '"'
end

-- Pandoc blocks or inlines as Typst markup (for content arguments [ ... ]).
local function typst_of(blocks)
  local doc = pandoc.Pandoc(blocks)
  local out = pandoc.write(doc, "typst")
  return (out:gsub("%s+$", ""))
end

-- Many fragments (lists of blocks; false for one not there, whose text is nil)
-- as Typst markup with one write: a write costs the same for one cell as for a
-- page, and the tables have thousands of cells. Each fragment is followed by a
-- marker the writer passes through as it is (a raw block; in written text its
-- "*" would be escaped) and the output is cut at the markers. Should the pieces
-- not match the fragments, each is written by itself: the same text either way.
local SPLIT = "/*nv-split-7f3a*/"

local function typst_of_many(fragments)
  local blocks = pandoc.Blocks({})
  for _, fragment in ipairs(fragments) do
    blocks:extend(fragment or {})
    blocks:insert(pandoc.RawBlock("typst", SPLIT))
  end
  local out, texts, from = pandoc.write(pandoc.Pandoc(blocks), "typst"), {}, 1
  while true do
    local at = out:find(SPLIT, from, true)
    if at == nil then break end
    texts[#texts + 1] = (out:sub(from, at - 1):gsub("^\n+", ""):gsub("%s+$", ""))
    from = at + #SPLIT
  end
  if #texts ~= #fragments then
    texts = {}
    for i, fragment in ipairs(fragments) do texts[i] = typst_of(fragment or {}) end
  end
  for i, fragment in ipairs(fragments) do
    if not fragment then texts[i] = nil end
  end
  return texts
end

local function image_alt(img)
  local alt = img.attributes["fig-alt"]
  if alt == nil or alt == "" then alt = pandoc.utils.stringify(img.caption) end
  return alt
end

local function fail(msg)
  io.stderr:write("naravard.lua: " .. msg .. "\n")
  os.exit(1)
end

-- Typst image call with its alt text; a missing alt text stops the build.
local function typst_image(img)
  local alt = image_alt(img)
  if alt == nil or alt == "" then fail("image " .. img.src .. " has no alt text") end
  return "image(" .. tstr(img.src) .. ", alt: " .. tstr(alt) .. ", width: 100%)"
end

-- ---- what the report may point at -------------------------------------------------------

local function allowed_link(target)
  return target:match("^#") or target:match("^https://") or target:match("^mailto:")
    or target:match("^figurer/[%w_%-]+%.csv$")
end

local function allowed_image(src)
  return src:match("^figures/[%w_%-]+%.svg$") or src:match("^figures/[%w_%-]+%.png$")
end

local function Link(link)
  if not allowed_link(link.target) then
    fail("a link to " .. link.target .. " (links may go to https://, mailto: or #anchors in the report)")
  end
end

-- The sources hold no HTML of their own: the <details> of figure data is made
-- by this filter (figure_data), after this check.
local function raw_guard(raw)
  if raw.format == "html" then
    fail("raw HTML " .. raw.text:sub(1, 80) .. " (the sources may hold no HTML of their own)")
  end
end

-- DOCX: the report has its own cover; pandoc's title block would repeat it.
-- (The title still goes into the document properties, set after rendering.)
local function Meta(meta)
  if is_docx then
    meta.title, meta.subtitle, meta.author, meta.date = nil, nil, nil, nil
    return meta
  end
end

local function html_escape(s)
  return (s:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

-- The SVG's size in CSS pixels (matplotlib writes it in points), so the
-- browser reserves the figure's room before the file arrives.
local function svg_size(path)
  local f = io.open(path, "r")
  if f == nil then return nil end
  local head = f:read(2000) or ""
  f:close()
  local w = head:match('<svg[^>]-%swidth="([%d.]+)pt"')
  local h = head:match('<svg[^>]-%sheight="([%d.]+)pt"')
  if w and h then return math.floor(tonumber(w) * 4 / 3 + 0.5), math.floor(tonumber(h) * 4 / 3 + 0.5) end
  return nil
end

-- HTML: the figure is a file beside the page (figurer/, as the build
-- publishes it), loaded lazily, with a narrower rendition for phones
-- ("-smal.svg") whose text stays readable on a small screen.
local function html_figure_image(img, alt)
  local name = img.src:match("([^/]+)%.svg$")
  if name == nil then return nil end
  local src = "figurer/" .. name .. ".svg"
  local size = ""
  local w, h = svg_size(img.src)
  if w then size = string.format(' width="%d" height="%d"', w, h) end
  local narrow = img.src:gsub("%.svg$", "-smal.svg")
  local source = ""
  local f = io.open(narrow, "r")
  if f then
    f:close()
    local nw, nh = svg_size(narrow)
    source = '<source media="(max-width: 40rem)" srcset="figurer/' .. name .. '-smal.svg"'
      .. (nw and string.format(' width="%d" height="%d"', nw, nh) or "") .. ">"
  end
  return pandoc.RawInline("html", "<picture>" .. source .. '<img src="' .. src .. '" alt="' .. html_escape(alt)
    .. '"' .. size .. ' loading="lazy" decoding="async"></picture>')
end

local function Image(img)
  if not allowed_image(img.src) then
    fail("an image from " .. img.src .. " (images come only from the report's figures/)")
  end
  local alt = image_alt(img)
  if is_typst then
    return pandoc.RawInline("typst", "#box(" .. typst_image(img) .. ")")
  end
  -- The raw guard does not walk what this returns: this HTML is the filter's own. Under
  -- Quarto the figures are Quarto's (it copies the files an Image names).
  if is_html and not under_quarto then
    local picture = html_figure_image(img, alt)
    if picture then return picture end
  end
  img.attributes["fig-alt"] = nil
  img.caption = { pandoc.Str(alt) }
  if is_docx then img.src = img.src:gsub("%.svg$", ".png") end
  return img
end

-- Every table's first column names its row: header cells for screen readers
-- (HTML <th scope="row">; DOCX and Typst mark them after rendering).
local function Table(tbl)
  if not is_html then return nil end
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do cell.attributes["scope"] = "col" end
  end
  for _, body in ipairs(tbl.bodies) do
    body.row_head_columns = 1
    for _, row in ipairs(body.body) do
      if row.cells[1] then row.cells[1].attributes["scope"] = "row" end
    end
  end
  return tbl
end

-- Typst: a chapter starts on a new page (see nv-chapter-start).
local function Header(h)
  if is_typst and h.level == 1 then
    return { pandoc.RawBlock("typst", "#nv-chapter-start()"), h }
  end
end

local function Span(span)
  if has_class(span, "nv-value") and not is_html then
    return span.content
  end
end

-- Quarto's conditional content (the built-in engine has no Quarto to do it).
local function visible(div)
  local when = div.attributes["when-format"]
  local unless = div.attributes["unless-format"]
  local me = format_name()
  if has_class(div, "content-visible") then
    if when and when ~= me then return false end
    if unless and unless == me then return false end
  elseif has_class(div, "content-hidden") then
    if when and when == me then return false end
    if unless and unless ~= me then return false end
    if not when and not unless then return false end
  end
  return true
end

-- The blocks of the first child div with class `cls` (and remove it).
local function take(div, cls)
  for i, b in ipairs(div.content) do
    if b.t == "Div" and has_class(b, cls) then
      table.remove(div.content, i)
      return b.content
    end
  end
  return nil
end

-- ---- cross-references (built-in engine) ---------------------------------------------------

local numbers = {}  -- "fig-key" -> 12
local LABELS = { fig = { "figur", "Figur" }, tbl = { "tabell", "Tabell" } }

local function kind_of(ident)
  return ident:match("^(fig)%-") or ident:match("^(tbl)%-")
end

-- Number the targets in document order, as Quarto does (crossref: chapters: false).
local function number_targets(blocks, counts)
  for _, b in ipairs(blocks) do
    if b.t == "Div" then
      local kind = kind_of(b.identifier)
      if kind then
        counts[kind] = counts[kind] + 1
        numbers[b.identifier] = counts[kind]
      end
      number_targets(b.content, counts)
    elseif b.t == "BlockQuote" then
      number_targets(b.content, counts)
    elseif b.t == "BulletList" or b.t == "OrderedList" then
      for _, item in ipairs(b.content) do number_targets(item, counts) end
    end
  end
end

-- The metadata sits out the element pass (put back after it): it carries raw HTML
-- attribute values that naravard escaped (compose/metadata.py) for the page
-- template, which the raw guard would refuse.
local held_meta

local function Pandoc(doc)
  held_meta, doc.meta = doc.meta, pandoc.Meta({})
  if not under_quarto then number_targets(doc.blocks, { fig = 0, tbl = 0 }) end
  return doc
end

local function restore_meta(doc)
  doc.meta = Meta(held_meta) or held_meta
  return doc
end

-- @fig-key -> [figur 12](#fig-key); @Fig-key -> [Figur 12](#fig-key).
local function Cite(cite)
  if under_quarto or #cite.citations ~= 1 then return nil end
  local id = cite.citations[1].id
  local lower = id:sub(1, 1):lower() .. id:sub(2)
  local kind = kind_of(lower)
  if not kind then return nil end
  local n = numbers[lower]
  if n == nil then fail("reference @" .. id .. " to a figure or table that is not in the report") end
  local word = LABELS[kind][id:sub(1, 1) == id:sub(1, 1):upper() and 2 or 1]
  return pandoc.Link({ pandoc.Str(word), pandoc.Space(), pandoc.Str(tostring(n)) }, "#" .. lower)
end

-- The caption is the target's last paragraph (Quarto's rule); the house style
-- prints it first, in its own styled div, after "Figur 12." when numbered.
local function caption_first(div, class, style, label)
  local last = div.content[#div.content]
  if last == nil or last.t ~= "Para" then return end
  table.remove(div.content)
  local inlines
  if label then
    inlines = pandoc.Inlines({ pandoc.Strong({ pandoc.Str(label[1]), pandoc.Space(), pandoc.Str(label[2] .. ".") }), pandoc.Space() })
    inlines:extend(last.content)
  else
    inlines = pandoc.Inlines({ pandoc.Strong(last.content) })
  end
  div.content:insert(1, pandoc.Div({ pandoc.Para(inlines) }, pandoc.Attr("", { class }, { ["custom-style"] = style })))
end

local function caption_label(div)
  local kind = kind_of(div.identifier)
  if kind == nil or numbers[div.identifier] == nil then return nil end  -- under Quarto: Quarto numbers
  return { LABELS[kind][2], tostring(numbers[div.identifier]) }
end

-- HTML: a figure's data as a <details> element, its summary from the first child div.
-- The data table scrolls sideways inside its own box, which keyboard users can
-- reach and screen readers hear by the summary's name (WCAG 1.4.10, 2.1.1).
local function figure_data(div)
  local summary = take(div, "nv-data-summary")
  local blocks = pandoc.Blocks({ pandoc.RawBlock("html", '<details class="nv-data"><summary>') })
  local label = "Data"
  if summary then
    -- the summary reads "Data för figur 12"; a link there would only jump to the figure it is in
    local inlines = pandoc.utils.blocks_to_inlines(summary):walk({ Link = function(link) return link.content end })
    blocks:insert(pandoc.Plain(inlines))
    label = pandoc.utils.stringify(inlines)
  end
  blocks:insert(pandoc.RawBlock("html", "</summary>"))
  for i, b in ipairs(div.content) do
    if b.t == "Table" then
      -- attributes as a list of pairs: a Lua table's key order changes from run to run
      div.content[i] = pandoc.Div({ b }, pandoc.Attr("", { "nv-scroll" },
        { { "tabindex", "0" }, { "role", "region" }, { "aria-label", label } }))
    end
  end
  blocks:extend(div.content)
  blocks:insert(pandoc.RawBlock("html", "</details>"))
  return blocks
end


-- The Typst image call inside a figure. Inlines are filtered before blocks, so
-- by now the Image is the raw `#box(image(...))` that Image() produced.
local function find_image_call(blocks)
  local found
  pandoc.walk_block(pandoc.Div(blocks), {
    RawInline = function(raw)
      if raw.format == "typst" and not found then
        found = raw.text:match("^#box%((image%(.*%))%)$")
      end
    end,
  })
  return found
end

-- An argument of content, given its Typst markup (nil: the argument is left out).
local function arg(name, text)
  if text == nil then return "" end
  return "  " .. name .. ": [" .. text .. "],\n"
end

-- "Figur 22" from a title "**Figur 22.** Titel", "Fråga 2" from "**Fråga 2. Har …?**":
-- what names the figure or table in the PDF's link descriptions ("Figur 22, sida 34").
local function supplement_of(title)
  if title == nil then return nil end
  local label
  pandoc.walk_block(pandoc.Div(title), {
    Strong = function(s)
      if label == nil then label = pandoc.utils.stringify(s) end
    end,
  })
  label = label or pandoc.utils.stringify(title)
  label = label:match("^(.-)%.%s") or label:match("^(.-)%.$") or label
  return label
end

-- What names a figure or table in the PDF's link descriptions ("Figur 12, sida 34"):
-- its cross-reference number ("Figur 12"), else the label its title starts with.
local function supplement_blocks(label, title)
  local supplement = label and (label[1] .. " " .. label[2]) or supplement_of(title)
  return supplement and { pandoc.Plain({ pandoc.Str(supplement) }) } or false
end

-- A figure's or table's caption as fragments for typst_of_many, in the order
-- caption_args reads their texts; *more* fragments (a table's cells) follow.
local CAPTION_PARTS = 5

local function caption_fragments(title, subtitle, notes, source, label, more)
  local fragments = { title or false, subtitle or false, notes or false, source or false, supplement_blocks(label, title) }
  for _, fragment in ipairs(more or {}) do fragments[#fragments + 1] = fragment end
  return fragments
end

local function caption_args(texts, note_name)
  return arg("title", texts[1]) .. arg("subtitle", texts[2]) .. arg(note_name, texts[3])
    .. arg("source", texts[4]) .. arg("supplement", texts[5])
end

local function typst_figure(div, label)
  local title = take(div, "nv-figure-title")
  local subtitle = take(div, "nv-figure-subtitle")
  local note = take(div, "nv-note")
  local source = take(div, "nv-source")
  local image_call = find_image_call(div.content)
  if image_call == nil then fail("figure " .. div.identifier .. " has no image") end
  local texts = typst_of_many(caption_fragments(title, subtitle, note, source, label))
  local call = "#nv-figure(\n" .. caption_args(texts, "note") .. "  " .. image_call .. ",\n)"
  if div.identifier ~= "" then call = call .. " <" .. div.identifier .. ">" end
  return pandoc.RawBlock("typst", call)
end

-- All child divs with class `cls` (removed), their blocks joined.
local function take_all(div, cls)
  local found = pandoc.Blocks({})
  local i = 1
  while i <= #div.content do
    local b = div.content[i]
    if b.t == "Div" and has_class(b, cls) then
      found:extend(b.content)
      table.remove(div.content, i)
    else
      i = i + 1
    end
  end
  return #found > 0 and found or nil
end

local TYPST_ALIGN = { AlignLeft = "left", AlignRight = "right", AlignCenter = "center", AlignDefault = "left" }

-- The table's rows, header rows first, as they are written.
local function table_rows(tbl)
  local rows = {}
  for _, row in ipairs(tbl.head.rows) do rows[#rows + 1] = { header = true, cells = row.cells } end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do rows[#rows + 1] = { cells = row.cells } end
  end
  return rows
end

local function cell_contents(rows)
  local fragments = {}
  for _, row in ipairs(rows) do
    for _, cell in ipairs(row.cells) do fragments[#fragments + 1] = cell.contents end
  end
  return fragments
end

-- The table in Typst, written here rather than by pandoc's writer: the header
-- repeats on every page, set widths spread the table over the full width, and
-- the row count lets nv-table keep rows together at a page break. (Row header
-- cells, TH with Scope Row, are marked after rendering: see render/pdf_post.py.)
local function typst_table_call(tbl, rows, texts, first)
  local columns, aligns, relative = {}, {}, false
  for _, spec in ipairs(tbl.colspecs) do
    aligns[#aligns + 1] = TYPST_ALIGN[tostring(spec[1])] or "left"
    if type(spec[2]) == "number" then relative = true end
  end
  for _, spec in ipairs(tbl.colspecs) do
    columns[#columns + 1] = relative and string.format("%dfr", math.max(1, math.floor((spec[2] or 0.1) * 1000 + 0.5))) or "auto"
  end
  local lines = { "table(", "    columns: (" .. table.concat(columns, ", ") .. ",),",
    "    align: (" .. table.concat(aligns, ", ") .. ",)," }
  local n, i = 0, first
  for _, row in ipairs(rows) do
    local cells = {}
    for _ in ipairs(row.cells) do
      cells[#cells + 1] = "[" .. texts[i] .. "]"
      i = i + 1
    end
    if row.header then
      lines[#lines + 1] = "    table.header(" .. table.concat(cells, ", ") .. "),"
    else
      lines[#lines + 1] = "    " .. table.concat(cells, ", ") .. ","
      n = n + 1
    end
  end
  lines[#lines + 1] = "  )"
  return table.concat(lines, "\n"), n
end

local function typst_table(div, label)
  local title = take(div, "nv-table-title")
  local subtitle = take(div, "nv-table-subtitle")
  local notes = take_all(div, "nv-note")
  local source = take(div, "nv-source")
  local tbl
  for _, b in ipairs(div.content) do
    if b.t == "Table" then tbl = b end
  end
  if tbl == nil then fail("table " .. div.identifier .. " has no table") end
  local all_rows = table_rows(tbl)
  local texts = typst_of_many(caption_fragments(title, subtitle, notes, source, label, cell_contents(all_rows)))
  local body, rows = typst_table_call(tbl, all_rows, texts, CAPTION_PARTS + 1)
  local call = "#nv-table(\n" .. caption_args(texts, "notes")
    .. (div.identifier ~= "" and ("  label: <" .. div.identifier .. ">,\n") or "")
    .. "  rows: " .. rows .. ",\n  " .. body .. ",\n)"
  return pandoc.RawBlock("typst", call)
end

local function caption_table(div)
  local title = take(div, "nv-table-title")
  local subtitle = take(div, "nv-table-subtitle")
  local inlines = pandoc.Inlines({})
  if title then inlines:extend(pandoc.utils.blocks_to_inlines(title)) end
  if subtitle then
    -- the subtitle reads as a figure's subtitle does (one caption style)
    inlines:insert(pandoc.Span(pandoc.utils.blocks_to_inlines(subtitle), pandoc.Attr("", { "nv-caption-subtitle" })))
  end
  for _, b in ipairs(div.content) do
    if b.t == "Table" then
      b.caption = pandoc.Caption(pandoc.Blocks({ pandoc.Plain(inlines) }))
    end
  end
  return title and pandoc.utils.stringify(title) or "Tabell"
end

local function typst_box(div)
  local title = take(div, "nv-box-title")
  -- fact boxes (Bilaga 2) are short: kept on one page (nv-fact-box)
  local fn = has_class(div, "nv-box-fact") and "#nv-fact-box(" or "#nv-box("
  return pandoc.Blocks({
    pandoc.RawBlock("typst", fn .. (title and ("title: [" .. typst_of(title) .. "]") or "") .. ")["),
    table.unpack(div.content),
  }) .. pandoc.Blocks({ pandoc.RawBlock("typst", "]") })
end

-- DOCX: a box is its paragraphs in the "Faktaruta" styles, which draw the
-- shading and the frame (Word and LibreOffice join the borders of adjacent
-- paragraphs into one box). Bookmarks around it tell render/docx_post.py
-- which paragraphs belong to the box, so that its list items get the box's
-- style and indents too.
local box_count = 0
local function docx_box(div)
  box_count = box_count + 1
  local id = tostring(900000 + box_count)
  return {
    pandoc.RawBlock("openxml", '<w:bookmarkStart w:id="' .. id .. '" w:name="_nvBox' .. box_count .. '"/>'),
    div,
    pandoc.RawBlock("openxml", '<w:bookmarkEnd w:id="' .. id .. '"/>'),
  }
end

local TOC_OOXML = [[<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Innehåll</w:t></w:r></w:p><w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Högerklicka och välj Uppdatera fält för att visa innehållsförteckningen.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>]]

local PAGEBREAK_OOXML = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'

-- Divs that become a call of the same name in the Typst house style.
local TYPST_WRAPPERS = {
  ["nv-title"] = true, ["nv-subtitle"] = true, ["nv-cover-publisher"] = true, ["nv-signature"] = true,
  ["nv-synthetic"] = true,
}

local function Div(div)
  if not visible(div) then return {} end

  if has_class(div, "nv-figure-data") then
    if is_html then return figure_data(div) end
    return {}
  end
  -- Captions: Quarto places those of its cross-reference targets itself.
  local label = caption_label(div)
  if has_class(div, "nv-figure") and not under_quarto then
    caption_first(div, "nv-figure-title", "Bildtext", label)
  elseif has_class(div, "nv-table") and (not under_quarto or kind_of(div.identifier) == nil) then
    caption_first(div, "nv-table-title", "Tabellrubrik", label)
  end

  if is_typst then
    for _, c in ipairs(div.classes) do
      if TYPST_WRAPPERS[c] then
        return pandoc.Blocks({ pandoc.RawBlock("typst", "#" .. c .. "[") })
          .. div.content .. pandoc.Blocks({ pandoc.RawBlock("typst", "]") })
      end
    end
  end

  if has_class(div, "nv-figure") and is_typst and not under_quarto then
    return typst_figure(div, label)
  end
  if has_class(div, "nv-table") and (is_typst or is_html) and not (under_quarto and kind_of(div.identifier)) then
    if is_typst then return typst_table(div, label) end
    local title = caption_table(div)
    -- A wide table scrolls sideways inside its box: keyboard users must be
    -- able to reach it (WCAG 2.1.1), and screen readers hear its title.
    div.attributes["tabindex"] = "0"
    div.attributes["role"] = "region"
    div.attributes["aria-label"] = title
    return div
  end
  if has_class(div, "nv-box") and is_typst then
    return typst_box(div)
  end
  if has_class(div, "nv-box") and is_docx and not div.attributes["nv-boxed"] then
    div.attributes["nv-boxed"] = "1"  -- the div is returned as it is: do not box it twice
    return docx_box(div)
  end
  if has_class(div, "nv-toc") then
    if is_typst then return pandoc.RawBlock("typst", "#nv-toc()") end
    if is_docx then return { pandoc.RawBlock("openxml", TOC_OOXML), pandoc.RawBlock("openxml", PAGEBREAK_OOXML) } end
    return {}
  end
  if has_class(div, "nv-pagebreak") then
    if is_typst then return pandoc.RawBlock("typst", "#pagebreak(weak: true)") end
    if is_docx then return pandoc.RawBlock("openxml", PAGEBREAK_OOXML) end
    return {}
  end
  if has_class(div, "nv-cover") or has_class(div, "nv-colophon") then
    local kind = has_class(div, "nv-cover") and "cover" or "colophon"
    if is_typst then
      return pandoc.Blocks({ pandoc.RawBlock("typst", "#nv-" .. kind .. "[") })
        .. div.content .. pandoc.Blocks({ pandoc.RawBlock("typst", "]") })
    end
    if is_docx then
      -- keep the div: its custom-style is the paragraphs' Word style
      return { div, pandoc.RawBlock("openxml", PAGEBREAK_OOXML) }
    end
  end
  return div
end

-- Numbering first (a pass of its own), then the elements: inlines before
-- blocks, so a figure's image is already its Typst call when the figure is built.
-- The raw guard, in the same pass, sees the body's own raw elements, never what
-- this filter writes (a walk does not walk what its functions return). It runs
-- under Quarto too.
return {
  { Pandoc = Pandoc },
  { Link = Link, Image = Image, Span = Span, Cite = Cite, Table = Table, Header = Header, Div = Div,
    RawInline = raw_guard, RawBlock = raw_guard },
  { Pandoc = restore_meta },
}
