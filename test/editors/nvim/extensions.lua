-- Neovim as the LSP client of `deepforge lsp` in a project with extensions (.deepforge/config.json
-- records examples/extensions/sweep and examples/extensions/datasets): the server loads them at
-- start-up; files of their languages get diagnostics, completion and hover.
--   cd WORKSPACE && nvim --headless --clean -n -c 'luafile test/editors/nvim/extensions.lua'
-- Environment as for lsp.lua (DEEPFORGE_WORKSPACE, DEEPFORGE_RESULT, `deepforge` on the PATH).
local root = os.getenv('DEEPFORGE_WORKSPACE')
local result_file = os.getenv('DEEPFORGE_RESULT')
local result = { editor = 'nvim', version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), steps = {} }
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
  write_result()
end
local function fail(message)
  result.error = message
  write_result()
  vim.cmd('qa!')
end
local function wait_for(what, timeout, condition)
  if not vim.wait(timeout, condition, 20) then fail('timed out waiting for ' .. what) end
end

-- The setup of docs/extending.md: the extensions' file types join the one deepforge client.
vim.cmd([[
  autocmd BufRead,BufNewFile *.dfnn setfiletype dfnn
  autocmd BufRead,BufNewFile *.dfp setfiletype dfp
  autocmd BufRead,BufNewFile *.sweep setfiletype sweep
  autocmd BufRead,BufNewFile *.dfcat setfiletype dfcat
]])
local deepforge
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'dfnn', 'dfp', 'sweep', 'dfcat' },
  callback = function(args)
    deepforge = deepforge or vim.lsp.start_client({
      name = 'deepforge', cmd = { 'deepforge', 'lsp', '--stdio' }, root_dir = vim.fn.getcwd(),
    })
    vim.lsp.buf_attach_client(args.buf, deepforge)
  end,
})

local messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, params) messages[#messages + 1] = params.message end

local function diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    out[#out + 1] = { line = d.lnum, col = d.col, severity = d.severity, message = d.message }
  end
  return out
end
local function find_line(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then return i, col - 1 end
  end
  fail('no line with ' .. needle)
end
local function completion_labels(bufnr)
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', vim.lsp.util.make_position_params(), 20000)
  local labels = {}
  for _, response in pairs(responses or {}) do
    if response.err then fail('completion: ' .. vim.inspect(response.err)) end
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do labels[#labels + 1] = item.label end
  end
  return labels
end
local function hover_text(bufnr)
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', vim.lsp.util.make_position_params(), 20000)
  for _, response in pairs(responses or {}) do
    if response.result and response.result.contents then
      return table.concat(vim.lsp.util.convert_input_to_markdown_lines(response.result.contents), '\n')
    end
  end
  return ''
end

-- Each example extension's file: diagnostics, completion, hover.
for _, file in ipairs({
  { name = 'search.sweep', error = 'epoch', complete_at = 'batch_size in', complete_offset = 0, hover_at = 'batch_size in', hover_offset = 2 },
  { name = 'data.dfcat', error = 'samples', complete_at = 'samples: 0', complete_offset = 0, hover_at = 'Dataset d', hover_offset = 2 },
}) do
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. file.name))
  local buf = vim.api.nvim_get_current_buf()
  wait_for(file.name .. ': the client to be attached', 60000, function()
    return deepforge ~= nil and vim.lsp.get_client_by_id(deepforge) ~= nil and vim.lsp.get_client_by_id(deepforge).initialized and vim.lsp.buf_is_attached(buf, deepforge)
  end)
  wait_for(file.name .. ': its diagnostic', 60000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.message:find(file.error, 1, true) then return true end
    end
    return false
  end)
  step(file.name .. ':diagnostics', diagnostics(buf))
  local line, col = find_line(buf, file.complete_at)
  vim.api.nvim_win_set_cursor(0, { line, col + file.complete_offset })
  step(file.name .. ':completion', completion_labels(buf))
  line, col = find_line(buf, file.hover_at)
  vim.api.nvim_win_set_cursor(0, { line, col + file.hover_offset })
  step(file.name .. ':hover', hover_text(buf))
end
step('messages', messages)
result.ok = true
write_result()
vim.cmd('qa!')
