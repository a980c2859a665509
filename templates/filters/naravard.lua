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
  .nv-figure-data  HTML: the figure's data table in a <details> element.
  .nv-table   HTML and Typst: title and subtitle become the table's caption.
  .nv-box     Typst: a framed block; DOCX: a one-cell table holding the box's
              paragraphs in the "Faktaruta" styles (HTML: CSS).
  .nv-toc     Typst: the outline; DOCX: a Word TOC field; HTML: nothing (the
              page has its own navigation).
  .nv-cover, .nv-colophon, .nv-pagebreak  page-level front matter.
  .content-visible / .content-hidden with when-format / unless-format:
              Quarto's conditional content, so the built-in engine honours it too.
  .nv-value   spans marking printed values: kept in HTML, unwrapped elsewhere.

It also guards what the report may point at, whatever reaches the sources:
links only to the report itself (#…), https, mailto and the figure data
beside the report; images only from the book's figures/; no raw HTML (the filter
writes the <details> of figure data itself). Anything else stops the build with what it was.
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

local function Image(img)
  if not allowed_image(img.src) then
    fail("an image from " .. img.src .. " (images come only from the report's figures/)")
  end
  local alt = image_alt(img)
  if is_typst then
    return pandoc.RawInline("typst", "#box(" .. typst_image(img) .. ")")
  end
  img.attributes["fig-alt"] = nil
  img.caption = { pandoc.Str(alt) }
  if is_docx then img.src = img.src:gsub("%.svg$", ".png") end
  return img
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

-- The body only: metadata carries raw HTML attribute values that naravard escaped
-- (compose/metadata.py) for the page template. The guard runs under Quarto too.
local function Pandoc(doc)
  doc.blocks:walk({ RawInline = raw_guard, RawBlock = raw_guard })
  if under_quarto then return nil end
  number_targets(doc.blocks, { fig = 0, tbl = 0 })
  return nil
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
  if kind == nil then return nil end
  return { LABELS[kind][2], tostring(numbers[div.identifier]) }
end

-- HTML: a figure's data as a <details> element, its summary from the first child div.
local function figure_data(div)
  local summary = take(div, "nv-data-summary")
  local blocks = pandoc.Blocks({ pandoc.RawBlock("html", '<details class="nv-data"><summary>') })
  if summary then
    -- the summary reads "Data för figur 12"; a link there would only jump to the figure it is in
    local inlines = pandoc.utils.blocks_to_inlines(summary):walk({ Link = function(link) return link.content end })
    blocks:insert(pandoc.Plain(inlines))
  end
  blocks:insert(pandoc.RawBlock("html", "</summary>"))
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

local function arg(name, blocks)
  if blocks == nil then return "" end
  return "  " .. name .. ": [" .. typst_of(blocks) .. "],\n"
end

local function typst_figure(div)
  local title = take(div, "nv-figure-title")
  local subtitle = take(div, "nv-figure-subtitle")
  local note = take(div, "nv-note")
  local source = take(div, "nv-source")
  local image_call = find_image_call(div.content)
  if image_call == nil then fail("figure " .. div.identifier .. " has no image") end
  local call = "#nv-figure(\n" .. arg("title", title) .. arg("subtitle", subtitle)
    .. arg("note", note) .. arg("source", source)
    .. "  " .. image_call .. ",\n)"
  if div.identifier ~= "" then call = call .. " <" .. div.identifier .. ">" end
  return pandoc.RawBlock("typst", call)
end

local function caption_table(div)
  local title = take(div, "nv-table-title")
  local subtitle = take(div, "nv-table-subtitle")
  local inlines = pandoc.Inlines({})
  if title then inlines:extend(pandoc.utils.blocks_to_inlines(title)) end
  if subtitle then
    inlines:insert(pandoc.LineBreak())
    inlines:extend(pandoc.utils.blocks_to_inlines(subtitle))
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

-- DOCX: a box is a one-cell table (shaded and framed after rendering, see
-- render/docx_post.py), so a bullet list stays inside it, as in Word's own
-- text boxes that authors know. The div inside keeps its paragraph styles.
local function docx_box(div)
  local cell = pandoc.Cell({ div })
  local body = { attr = pandoc.Attr(), body = { pandoc.Row({ cell }) }, head = {}, row_head_columns = 0 }
  return pandoc.Table(pandoc.Caption(), { { pandoc.AlignDefault, 1.0 } }, pandoc.TableHead(), { body }, pandoc.TableFoot(),
    pandoc.Attr("", { "nv-box-table" }))
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
  if has_class(div, "nv-figure") and not under_quarto then
    caption_first(div, "nv-figure-title", "Bildtext", caption_label(div))
  elseif has_class(div, "nv-table") and (not under_quarto or kind_of(div.identifier) == nil) then
    caption_first(div, "nv-table-title", "Tabellrubrik", caption_label(div))
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
    return typst_figure(div)
  end
  if has_class(div, "nv-table") and (is_typst or is_html) and not (under_quarto and kind_of(div.identifier)) then
    local title = caption_table(div)
    if is_html then
      -- A wide table scrolls sideways inside its box: keyboard users must be
      -- able to reach it (WCAG 2.1.1), and screen readers hear its title.
      div.attributes["tabindex"] = "0"
      div.attributes["role"] = "region"
      div.attributes["aria-label"] = title
    end
    return div
  end
  if has_class(div, "nv-box") and is_typst then
    return typst_box(div)
  end
  if has_class(div, "nv-box") and is_docx and not div.attributes["nv-boxed"] then
    div.attributes["nv-boxed"] = "1"  -- the div returns inside the table: do not box it twice
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
return {
  { Pandoc = Pandoc },
  { Meta = Meta, Link = Link, Image = Image, Span = Span, Cite = Cite, Div = Div },
}
