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
]]

local READER = "markdown-implicit_figures"

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

local function render(job)
  local doc = pandoc.read(read(job.source), READER)
  if job.metadata then
    local meta = pandoc.read("---\n" .. read(job.metadata) .. "\n---\n", READER).meta
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
