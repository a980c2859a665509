--[[
pandoc_batch.lua: one pandoc process for many documents (naravard/render/pandoc_batch.py).

Run as `pandoc lua pandoc_batch.lua`. Reads one job a line on stdin (JSON) and
does what `pandoc -f markdown-implicit_figures --metadata-file M --lua-filter F …
-t FORMAT --standalone --template T [--toc --toc-depth N] [--include-in-header H]
--wrap=none SOURCE -o OUT` does, in the job's folder: the same reader, the
metadata file under the document's own metadata, each filter loaded afresh
(FORMAT set first, as the filter reads it when it loads) and applied in order,
the same writer options. Answers "ok" or "error <message>" on one line. A filter
that calls os.exit ends the process: the caller reads the message from stderr.

A job may name the book's chapters instead of one SOURCE: each is read
without its front matter (what the engine's one source, _rapport.md, holds of
it) and their blocks follow one another. A chapter whose text has not changed
since the job before is not read again (the preview rebuilds one chapter's
edit; the reader is half of the HTML's time): the same blocks as the one
source gives, for chapters that are each whole (no reference link or footnote
defined in another).
]]

local READER = "markdown-implicit_figures"
-- The command line's default; pandoc.read's own is 80, and a pipe table wider than
-- this gets relative column widths (a <colgroup>): the batch must read as pandoc does.
local READER_OPTIONS = { columns = 72 }

local function read(path)
  local f = assert(io.open(path, "r"))
  local text = f:read("a")
  f:close()
  return text
end

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

local FRONT_MATTER = "^%-%-%-\n.-\n%-%-%-\n"
local parsed = {}  -- sha1 of a chapter's text -> its document, for the chapters of the last job

local function read_chapters(paths)
  local blocks, kept = pandoc.Blocks({}), {}
  for _, path in ipairs(paths) do
    local text = read(path):gsub(FRONT_MATTER, "", 1)
    local key = pandoc.utils.sha1(text)
    local doc = parsed[key] or pandoc.read(text, READER, READER_OPTIONS)
    kept[key] = doc
    blocks:extend(doc.blocks)
  end
  parsed = kept  -- only the last book's chapters stay (bounded memory)
  return pandoc.Pandoc(blocks)
end

local function render(job)
  local doc = job.chapters and read_chapters(job.chapters) or pandoc.read(read(job.source), READER, READER_OPTIONS)
  if job.metadata then
    local meta = pandoc.read("---\n" .. read(job.metadata) .. "\n---\n", READER, READER_OPTIONS).meta
    for key, value in pairs(meta) do
      if doc.meta[key] == nil then doc.meta[key] = value end
    end
  end
  FORMAT = job.format
  for _, path in ipairs(job.filters) do
    local filters = dofile(path)
    if filters == nil then  -- a filter of global functions, as pandoc reads it
      filters = {}
      for name, fn in pairs(_G) do
        if type(fn) == "function" and name:match("^%u") then filters[name] = fn end
      end
    end
    if #filters == 0 then filters = { filters } end  -- one filter, not a list of them
    for _, filter in ipairs(filters) do doc = doc:walk(filter) end
  end
  local options = { template = pandoc.template.compile(read(job.template)), wrap_text = "none" }
  if job.toc_depth then
    options.table_of_contents = true
    options.toc_depth = job.toc_depth
  end
  if job.header then options.variables = { ["header-includes"] = { pandoc.layout.literal(read(job.header)) } } end
  write(job.out, pandoc.write(doc, job.format, options))
end

for line in io.lines() do
  local job = pandoc.json.decode(line, false)
  local ok, err = pcall(pandoc.system.with_working_directory, job.cwd, function() render(job) end)
  if ok then
    io.stdout:write("ok\n")
  else
    io.stdout:write("error " .. tostring(err):gsub("\n", " ") .. "\n")
  end
  io.stdout:flush()
end
