#!/usr/bin/env bash
# Installs the editors that test/editors/ drives as real LSP clients of `deepforge lsp`, headless:
#   - Neovim (nvim, built-in LSP client)         Debian package: neovim
#   - Emacs with eglot                            Debian packages: emacs-nox elpa-eglot
#   - Vim with ALE                                Debian packages: vim-nox vim-ale
# Idempotent: does nothing when every editor and plugin is already present (prints nothing).
# Needs root (or sudo) for apt-get; without either it prints what is missing and exits 0, and the
# editor tests report the missing editor as skipped (they never pretend it ran).
# Time: 19 s for all five from Debian's mirror on a fresh machine of this project (measured), 0 s
# afterwards.
set -euo pipefail
missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v emacs >/dev/null 2>&1 || missing+=(emacs-nox)
compgen -G '/usr/share/emacs/site-lisp/elpa-src/eglot-*' >/dev/null || missing+=(elpa-eglot)
# vim-nox: a vim with +job/+channel (ALE needs them); Debian's plain `vim` has them too, but the
# -nox build is what the docs name.
dpkg -s vim-nox >/dev/null 2>&1 || missing+=(vim-nox)
[ -d /usr/share/vim-ale ] || [ -e /usr/share/vim/addons/plugin/ale.vim ] || missing+=(vim-ale)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-editors: missing ${missing[*]} and not root: apt-get install ${missing[*]}" >&2
    exit 0
  fi
fi
echo "setup-editors: installing ${missing[*]} ..." >&2
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
# Waits for another apt-get (e.g. scripts/setup-services.sh) instead of failing on the dpkg lock.
install_editors() { $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null; }
# apt-get update only when the package lists do not know the packages, or are too old to install them.
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1 || ! install_editors; then
  $SUDO apt-get update -qq -o DPkg::Lock::Timeout=600
  install_editors
fi
echo "setup-editors: ${missing[*]} installed in $(( $(date +%s) - start )) s" >&2
