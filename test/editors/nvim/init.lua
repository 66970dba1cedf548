vim.cmd([[
  autocmd BufRead,BufNewFile *.dfnn setfiletype dfnn
  autocmd BufRead,BufNewFile *.dfp setfiletype dfp
]])
local deepforge -- one client for both file types
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'dfnn', 'dfp' },
  callback = function(args)
    deepforge = deepforge or vim.lsp.start_client({
      name = 'deepforge', cmd = { 'deepforge', 'lsp', '--stdio' }, root_dir = vim.fn.getcwd(),
    })
    vim.lsp.buf_attach_client(args.buf, deepforge)
  end,
})
