-- Neovim (0.7+) as a real LSP client of `deepforge lsp`, headless, with the setup of
-- docs/editors.md (test/editors/nvim/init.lua, verbatim):
--   cd WORKSPACE && nvim --headless --clean -n -c 'luafile test/editors/nvim/lsp.lua'
-- Environment: DEEPFORGE_EDITORS_TEST (test/editors/), DEEPFORGE_WORKSPACE (a copy of examples/digits
-- whose cnn.dfnn has `padding="sme"`; the working directory), DEEPFORGE_RESULT (JSON written here);
-- `deepforge` on the PATH. Everything goes through Neovim's own client: the documented
-- `vim.lsp.start_client` + `buf_attach_client` on FileType, edits as buffer changes (incremental
-- didChange), vim.lsp.buf.definition / rename / code_action (with vim.ui.select answered),
-- vim.diagnostic for what the server published.
local root = os.getenv('DEEPFORGE_WORKSPACE')
local result_file = os.getenv('DEEPFORGE_RESULT')
local result = { editor = 'nvim', version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch), steps = {} }
local started = vim.loop.hrtime()

local function elapsed() return math.floor((vim.loop.hrtime() - started) / 1e6) end

local function write_result()
  result.ms = elapsed()
  local f = assert(io.open(result_file, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function step(name, value)
  result.steps[#result.steps + 1] = { name = name, ms = elapsed(), value = value }
  write_result() -- the driver sees how far it got, even if a later step hangs
end

local function fail(message)
  result.error = message
  write_result()
  vim.cmd('qa!')
end

local function wait_for(what, timeout, condition)
  if not vim.wait(timeout, condition, 20) then fail('timed out waiting for ' .. what) end
end

-- Counts the server's publishDiagnostics per file (then Neovim's own handler stores them).
local published = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  published[params.uri] = (published[params.uri] or 0) + 1
  return publish(err, params, ctx, config)
end
local function publications(bufnr) return published[vim.uri_from_bufnr(bufnr)] or 0 end

-- The user's configuration, as documented.
dofile(os.getenv('DEEPFORGE_EDITORS_TEST') .. '/nvim/init.lua')

local client_id
local function deepforge_client()
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    if client.name == 'deepforge' then return client end
  end
end

local function diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out[#out + 1] = { line = d.lnum, col = d.col, severity = d.severity, message = d.message }
  end
  return out
end

local function has_message(bufnr, needle)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.message:find(needle, 1, true) then return true end
  end
  return false
end

local function find_line(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then return i, col - 1 end -- 1-based line, 0-based column (nvim_win_set_cursor)
  end
  fail('no line with ' .. needle)
end

local function text_of(bufnr) return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') end

-- 1. Open the network with a known error: the model check's diagnostic arrives.
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/cnn.dfnn'))
local cnn = vim.api.nvim_get_current_buf()
wait_for('the client to be attached and initialized', 30000, function()
  local client = deepforge_client()
  client_id = client and client.id
  return client ~= nil and client.initialized and vim.lsp.buf_is_attached(cnn, client_id)
end)
step('initialized')
wait_for('the diagnostic of padding="sme"', 30000, function() return has_message(cnn, 'got "sme"') end)
step('diagnostics', diagnostics(cnn))

-- 2. Completion at `hidden = De|nse(...)`, through the client, converted as the omnifunc does.
local line, col = find_line(cnn, 'Dense(64')
vim.api.nvim_win_set_cursor(0, { line, col + 2 })
local responses = vim.lsp.buf_request_sync(cnn, 'textDocument/completion', vim.lsp.util.make_position_params(), 10000)
local labels = {}
for _, response in pairs(responses or {}) do
  if response.err then fail('completion: ' .. vim.inspect(response.err)) end
  for _, item in ipairs(vim.lsp.util.text_document_completion_list_to_complete_items(response.result, 'De')) do
    labels[#labels + 1] = item.word
  end
end
step('completion', labels)

-- 3. Hover on `Dense`.
vim.api.nvim_win_set_cursor(0, { line, col + 1 })
responses = vim.lsp.buf_request_sync(cnn, 'textDocument/hover', vim.lsp.util.make_position_params(), 10000)
local hover = {}
for _, response in pairs(responses or {}) do
  if response.result and response.result.contents then
    hover = vim.lsp.util.convert_input_to_markdown_lines(response.result.contents)
  end
end
step('hover', table.concat(hover, '\n'))

-- 4. Quick fix: vim.lsp.buf.code_action on the diagnostic's line, the menu answered with the fix.
local offered = {}
vim.ui.select = function(items, opts, on_choice)
  for _, item in ipairs(items) do
    offered[#offered + 1] = opts.format_item(item)
  end
  for _, item in ipairs(items) do
    if opts.format_item(item) == 'Change to "same"' then return on_choice(item) end
  end
  on_choice(nil)
end
line, col = find_line(cnn, '"sme"')
vim.api.nvim_win_set_cursor(0, { line, col + 1 })
vim.lsp.buf.code_action()
wait_for('the quick fix to be applied', 10000, function() return not text_of(cnn):find('"sme"', 1, true) end)
wait_for('the diagnostics to clear after the fix', 30000, function() return #vim.diagnostic.get(cnn) == 0 end)
step('quickfix', { offered = offered, line = vim.api.nvim_buf_get_lines(cnn, line - 1, line, false)[1], diagnostics = diagnostics(cnn) })

-- 5. An edit that breaks a reference (`(flat)` → `(flatt)`), then its undo.
line, col = find_line(cnn, '(flat)')
vim.api.nvim_buf_set_text(cnn, line - 1, col + 5, line - 1, col + 5, { 't' })
wait_for('the linking error after the edit', 30000, function() return has_message(cnn, 'flatt') end)
step('edit-breaks', diagnostics(cnn))
vim.api.nvim_buf_set_text(cnn, line - 1, col + 5, line - 1, col + 6, { '' })
wait_for('the diagnostics to clear after the second edit', 30000, function() return #vim.diagnostic.get(cnn) == 0 end)
step('edit-fixes', diagnostics(cnn))

-- 6. Go to definition across files and languages: `architecture=DigitsCNN` in the pipeline.
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/digits.dfp'))
local dfp = vim.api.nvim_get_current_buf()
wait_for('the pipeline to be attached', 10000, function() return vim.lsp.buf_is_attached(dfp, client_id) end)
line, col = find_line(dfp, 'architecture=DigitsCNN')
vim.api.nvim_win_set_cursor(0, { line, col + #'architecture=' + 2 })
vim.lsp.buf.definition()
wait_for('the jump to the network', 10000, function() return vim.api.nvim_get_current_buf() ~= dfp end)
local cursor = vim.api.nvim_win_get_cursor(0)
step('definition', {
  file = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':t'),
  line = cursor[1], col = cursor[2],
  text = vim.api.nvim_buf_get_lines(0, cursor[1] - 1, cursor[1], false)[1],
})

-- 7. Rename the network (cursor on its name, where the jump left it): both files change.
local before = { cnn = publications(cnn), dfp = publications(dfp) }
vim.lsp.buf.rename('DigitsNet')
wait_for('the rename in both files', 10000, function()
  return text_of(cnn):find('network DigitsNet', 1, true) ~= nil and text_of(dfp):find('architecture=DigitsNet', 1, true) ~= nil
end)
-- The server got both buffers' edits (it published for both since): no dangling reference anywhere.
wait_for('no diagnostics after the rename', 30000, function()
  return publications(cnn) > before.cnn and publications(dfp) > before.dfp and #vim.diagnostic.get(cnn) == 0 and #vim.diagnostic.get(dfp) == 0
end)
local renamed = {}
for _, bufnr in ipairs({ cnn, dfp }) do
  for _, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if l:find('DigitsNet', 1, true) then renamed[#renamed + 1] = vim.trim(l) end
  end
end
step('rename', { lines = renamed, diagnostics = { cnn = diagnostics(cnn), dfp = diagnostics(dfp) } })

result.ok = true
write_result()
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qa!')
