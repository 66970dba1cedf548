(require 'eglot)
(define-derived-mode dfnn-mode prog-mode "dfnn" "DeepForge networks."
  (setq-local comment-start "# ")
  (modify-syntax-entry ?# "<") (modify-syntax-entry ?\n ">"))
(define-derived-mode dfp-mode dfnn-mode "dfp" "DeepForge pipelines.")
(add-to-list 'auto-mode-alist '("\\.dfnn\\'" . dfnn-mode))
(add-to-list 'auto-mode-alist '("\\.dfp\\'" . dfp-mode))
(add-to-list 'eglot-server-programs '((dfnn-mode dfp-mode) . ("deepforge" "lsp" "--stdio")))
(add-hook 'dfnn-mode-hook #'eglot-ensure)   ; dfp-mode derives from dfnn-mode: this hook runs for both
