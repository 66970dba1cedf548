" Vim + ALE as a real LSP client of `deepforge lsp`, headless (Vim wants a terminal: a pty from
" script(1)):
"   cd WORKSPACE && script -qec "vim -N -n -i NONE -u test/editors/vim/lsp.vim" /dev/null
" Environment: DEEPFORGE_EDITORS_TEST (test/editors/), DEEPFORGE_WORKSPACE (a copy of
" examples/digits whose cnn.dfnn has `padding="sme"`), DEEPFORGE_RESULT (JSON written here);
" `deepforge` on the PATH. The setup is docs/editors.md's (test/editors/vim/vimrc, verbatim).
" Everything goes through ALE: an LSP linter (ale#linter#Define, 'lsp': 'stdio'), diagnostics as
" ALE's loclist holds them, completion with ALE's omnifunc (<C-x><C-o>, the menu read back), hover through
" ale#hover#Show (into ALE's preview window), edits typed as keys (ALE lints on InsertLeave and
" sends didChange), go to definition with :ALEGoToDefinition.
set nocompatible
set nomore shortmess+=F noswapfile hidden backspace=indent,eol,start
let s:root = $DEEPFORGE_WORKSPACE
let s:result_file = $DEEPFORGE_RESULT
let s:started = reltime()
let s:result = {'editor': 'vim', 'version': v:version, 'steps': []}

" The user's configuration, as documented.
execute 'source ' . fnameescape($DEEPFORGE_EDITORS_TEST . '/vim/vimrc')
let g:ale_lint_on_text_changed = 'always'
let g:ale_lint_delay = 0
let g:ale_hover_to_preview = 1
let g:ale_echo_cursor = 0
let g:ale_set_signs = 0

function! s:Ms() abort
  return float2nr(reltimefloat(reltime(s:started)) * 1000)
endfunction

function! s:Write() abort
  let s:result.ms = s:Ms()
  call writefile([json_encode(s:result)], s:result_file)
endfunction

function! s:Step(name, value) abort
  call add(s:result.steps, {'name': a:name, 'ms': s:Ms(), 'value': a:value})
  call s:Write()
endfunction

function! s:Fail(message) abort
  let s:result.error = a:message
  let s:result.state = {'line': getline('.'), 'loclist': s:Diagnostics(bufnr('')), 'info': get(g:ale_buffer_info, bufnr(''), {}), 'changed': b:changedtick}
  call s:Write()
  qall!
endfunction

" Sleeps in small steps (Vim runs channel callbacks and timers meanwhile) until the condition holds.
function! s:Wait(what, timeout, Condition) abort
  let l:deadline = reltimefloat(reltime()) + a:timeout
  while !a:Condition()
    if reltimefloat(reltime()) > l:deadline
      call s:Fail('timed out waiting for ' . a:what)
    endif
    sleep 20m
  endwhile
endfunction

function! s:Diagnostics(buffer) abort
  return map(copy(ale#engine#GetLoclist(a:buffer)), {_, d -> {'line': d.lnum - 1, 'col': d.col - 1, 'type': d.type, 'message': d.text}})
endfunction

function! s:HasMessage(buffer, needle) abort
  return len(filter(copy(ale#engine#GetLoclist(a:buffer)), {_, d -> stridx(d.text, a:needle) >= 0})) > 0
endfunction

" The server published for the buffer since ALE last asked, and nothing is running for it.
function! s:Checked(buffer) abort
  return has_key(g:ale_buffer_info, a:buffer) && empty(get(g:ale_buffer_info[a:buffer], 'active_linter_list', []))
endfunction

" Cursor on the first match of the literal text, plus offset columns.
function! s:GoTo(needle, offset) abort
  let l:line = search('\V' . escape(a:needle, '\'), 'cw')
  if l:line == 0
    call s:Fail('no ' . a:needle . ' in ' . bufname(''))
  endif
  call cursor(l:line, col('.') + a:offset)
endfunction

function! s:ReadMenu(timer) abort
  if pumvisible()
    let s:completions = map(complete_info(['items']).items, 'v:val.word')
    call feedkeys("\<C-e>\<Esc>", 'nt')
    call timer_stop(a:timer)
  elseif reltimefloat(reltime()) > s:menu_deadline
    call feedkeys("\<Esc>", 'nt')
    call timer_stop(a:timer)
  endif
endfunction

function! s:Main() abort
  try
    " 1. Open the network with a known error: ALE starts the server, the diagnostic arrives.
    execute 'edit ' . fnameescape(s:root . '/cnn.dfnn')
    let l:cnn = bufnr('')
    call s:Wait('the diagnostic of padding="sme"', 60, {-> s:HasMessage(l:cnn, 'got "sme"')})
    call s:Step('diagnostics', s:Diagnostics(l:cnn))

    " 2. Completion at `hidden = De|nse(...)`: <C-x><C-o> in Insert mode with ALE's omnifunc (set by
    "    the documented FileType autocommand; checked); a
    "    timer reads the popup menu (complete_info) and leaves Insert mode.
    call s:GoTo('Dense(64', 2)
    if &l:omnifunc isnot# 'ale#completion#OmniFunc'
      call s:Fail('omnifunc is ' . &l:omnifunc)
    endif
    let s:completions = v:null
    let s:menu_deadline = reltimefloat(reltime()) + 30
    let l:timer = timer_start(20, function('s:ReadMenu'), {'repeat': -1})
    call feedkeys("i\<C-x>\<C-o>", 'xt!')
    call timer_stop(l:timer)
    if s:completions is v:null
      call s:Fail('no completion menu')
    endif
    call s:Step('completion', s:completions)

    " 3. Hover on `Dense`, shown in ALE's preview window.
    call s:GoTo('Dense(64', 1)
    call ale#hover#Show(l:cnn, line('.'), col('.'), {})
    call s:Wait('the hover preview', 30, {-> len(filter(range(1, winnr('$')), 'getwinvar(v:val, "&filetype") is# "ale-preview.message"')) > 0})
    let l:preview = filter(range(1, winnr('$')), 'getwinvar(v:val, "&filetype") is# "ale-preview.message"')[0]
    call s:Step('hover', join(getbufline(winbufnr(l:preview), 1, '$'), "\n"))
    pclose

    " 4. An edit typed as keys fixes the error ("sme" -> "same"): ALE lints on InsertLeave.
    call s:GoTo('"sme"', 2)
    call feedkeys("ia\<Esc>", 'xt')
    call s:Wait('the diagnostics to clear after the fix', 60, {-> getline('.') =~# '"same"' && empty(ale#engine#GetLoclist(l:cnn)) && s:Checked(l:cnn)})
    call s:Step('edit-fixes', s:Diagnostics(l:cnn))

    " 5. An edit that breaks a reference: `(flat)` -> `(flatt)`; then one that repairs it. (Edits
    "    in Insert mode: ALE lints on InsertLeave. Its TextChanged trigger needs Vim's main loop,
    "    which does not run while this script waits inside a timer callback.)
    call s:GoTo('(flat)', 4)
    call feedkeys("at\<Esc>", 'xt')
    call s:Wait('the linking error after the edit', 60, {-> s:HasMessage(l:cnn, 'flatt')})
    call s:Step('edit-breaks', s:Diagnostics(l:cnn))
    call s:GoTo('(flatt)', 5)
    call feedkeys("a\<BS>\<Esc>", 'xt')
    call s:Wait('the diagnostics to clear after the second edit', 60, {-> getline('.') =~# '(flat)' && empty(ale#engine#GetLoclist(l:cnn)) && s:Checked(l:cnn)})

    " 6. Go to definition across files: `architecture=DigitsCNN` in the pipeline.
    execute 'edit ' . fnameescape(s:root . '/digits.dfp')
    let l:dfp = bufnr('')
    call s:Wait('the pipeline to be checked', 60, {-> s:Checked(l:dfp)})
    call s:GoTo('architecture=DigitsCNN', len('architecture=') + 2)
    ALEGoToDefinition
    call s:Wait('the jump to the network', 30, {-> bufnr('') != l:dfp})
    call s:Step('definition', {'file': expand('%:t'), 'line': line('.'), 'col': col('.') - 1, 'text': getline('.')})

    let s:result.ok = v:true
    call s:Write()
    ALEStopAllLSPs
    qall!
  catch
    call s:Fail('error: ' . v:exception . ' at ' . v:throwpoint)
  endtry
endfunction

call timer_start(0, {-> s:Main()})
