;;; lsp.el --- Emacs + eglot as a real LSP client of `deepforge lsp`, headless  -*- lexical-binding: t -*-
;;
;;   cd WORKSPACE && emacs --batch -l test/editors/emacs/lsp.el   (not -Q: Debian's site-start puts elpa-eglot on the load-path)
;;
;; Environment: DEEPFORGE_EDITORS_TEST (test/editors/), DEEPFORGE_WORKSPACE (a copy of
;; examples/digits whose cnn.dfnn has `padding="sme"`), DEEPFORGE_RESULT (JSON written here);
;; `deepforge' on the PATH. The setup is docs/editors.md's (test/editors/emacs/init.el, verbatim).
;; Everything goes through eglot: M-x eglot (eglot-server-programs), diagnostics as flymake
;; shows them, completion through `eglot-completion-at-point' (the capf), hover through eglot's
;; eldoc function, edits as buffer changes (eglot sends incremental didChange), definition through
;; xref's eglot backend and `eglot-rename'.

(require 'json)
(require 'subr-x)
(require 'eglot)
(require 'flymake)
(require 'xref)

(defvar df-root (file-name-as-directory (getenv "DEEPFORGE_WORKSPACE")))
(defvar df-result-file (getenv "DEEPFORGE_RESULT"))
(defvar df-started (float-time))
(defvar df-steps nil)
(defvar df-result (list (cons 'editor "emacs") (cons 'version emacs-version)))

(defun df-ms () (round (* 1000 (- (float-time) df-started))))

(defun df-write (&rest extra)
  (let ((json-encoding-pretty-print nil))
    (with-temp-file df-result-file
      (insert (json-encode (append extra df-result
                                   (list (cons 'ms (df-ms))
                                         (cons 'steps (vconcat (reverse df-steps)))))))))
  (setq df-result (append extra df-result)))

(defun df-step (name value)
  (push (list (cons 'name name) (cons 'ms (df-ms)) (cons 'value value)) df-steps)
  (df-write))

(defun df-fail (message)
  (when (getenv "DEEPFORGE_DEBUG")
    (ignore-errors
      (with-current-buffer (process-buffer (jsonrpc--process (eglot-current-server)))
        (message "%s" (buffer-substring-no-properties (point-min) (point-max)))))
    (ignore-errors
      (with-current-buffer (jsonrpc-events-buffer (eglot-current-server))
        (write-region (point-min) (point-max) "/tmp/eglot-events.log"))))
  (df-write (cons 'error message))
  (kill-emacs 1))

(defun df-wait (what timeout predicate)
  "Runs the event loop (process output, timers) until PREDICATE holds, or fails after TIMEOUT s."
  (let ((deadline (+ (float-time) timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline) (df-fail (format "timed out waiting for %s" what)))
      (accept-process-output nil 0.02)
      ;; Idle timers (eglot's didChange, flymake) do not fire in batch on their own: run them as
      ;; an idle editor would.
      (df-run-idle-timers))))

(defun df-run-idle-timers ()
  (dolist (timer (copy-sequence timer-idle-list))
    ;; `timer-event-handler' takes the timer off the list itself (and skips a cancelled one).
    (when (memq timer timer-idle-list)
      (timer-event-handler timer))))

;; The user's configuration, as documented.
(load (expand-file-name "emacs/init.el" (getenv "DEEPFORGE_EDITORS_TEST")) nil t)
;; Batch mode: connect synchronously (eglot-ensure waits for a command loop that batch never runs:
;; the script calls M-x eglot itself; buffers opened later join the server by eglot's find-file hook).
(setq eglot-sync-connect 60
      eglot-connect-timeout 60
      eglot-autoreconnect nil
      eglot-send-changes-idle-time 0.05)

(defvar df-published (make-hash-table :test #'equal) "publishDiagnostics received, per URI.")
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (puthash (plist-get params :uri) (1+ (gethash (plist-get params :uri) df-published 0)) df-published))))
(defun df-publications (buffer) (gethash (eglot--path-to-uri (buffer-file-name buffer)) df-published 0))

(defun df-diagnostics ()
  (vconcat
   (mapcar (lambda (d)
             (let ((beg (flymake-diagnostic-beg d)))
               (list (cons 'line (1- (line-number-at-pos beg)))
                     (cons 'col (save-excursion (goto-char beg) (current-column)))
                     (cons 'type (symbol-name (flymake-diagnostic-type d)))
                     (cons 'message (flymake-diagnostic-text d)))))
           (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun df-has-message (needle)
  (cl-some (lambda (d) (string-search needle (flymake-diagnostic-text d))) (flymake-diagnostics)))

(defun df-goto (needle &optional offset)
  (goto-char (point-min))
  (unless (search-forward needle nil t) (df-fail (format "no %s in %s" needle (buffer-name))))
  (goto-char (+ (match-beginning 0) (or offset 0))))

(condition-case err
    (progn
      ;; 1. Open the network with a known error; M-x eglot; the diagnostic as flymake lists it.
      (find-file (expand-file-name "cnn.dfnn" df-root))
      (switch-to-buffer (current-buffer))
      (let ((cnn (current-buffer)))
        (call-interactively #'eglot)
        (df-wait "eglot to manage the buffer" 60 (lambda () (with-current-buffer cnn (eglot-managed-p))))
        (df-step "initialized" (symbol-name major-mode))
        (flymake-start)
        (df-wait "the diagnostic of padding=\"sme\"" 60 (lambda () (df-has-message "got \"sme\"")))
        (df-step "diagnostics" (df-diagnostics))

        ;; 2. Completion at `hidden = De|nse(...)' through eglot's completion-at-point function.
        (df-goto "Dense(64" 2)
        (let* ((capf (eglot-completion-at-point))
               (table (nth 2 capf))
               (prefix (buffer-substring-no-properties (nth 0 capf) (point))))
          (df-step "completion" (vconcat (all-completions prefix table))))

        ;; 3. Hover on `Dense', through eglot's eldoc function (what eldoc shows in the echo area).
        (df-goto "Dense(64" 1)
        (let ((hover nil))
          (eglot-hover-eldoc-function (lambda (info &rest _) (when info (setq hover info))))
          (df-wait "the hover" 30 (lambda () hover))
          (df-step "hover" (substring-no-properties hover)))

        ;; 4. An edit that fixes the error: "sme" -> "same"; the diagnostics clear.
        (df-goto "\"sme\"" 2)
        (insert "a")
        (df-wait "the diagnostics to clear after the fix" 60 (lambda () (null (flymake-diagnostics))))
        (df-step "edit-fixes" (df-diagnostics))

        ;; 5. An edit that breaks a reference: `(flat)' -> `(flatt)'.
        (df-goto "(flat)" 5)
        (insert "t")
        (df-wait "the linking error after the edit" 60 (lambda () (df-has-message "flatt")))
        (df-step "edit-breaks" (df-diagnostics))
        (delete-char -1)
        (df-wait "the diagnostics to clear after undoing it" 60 (lambda () (null (flymake-diagnostics))))

        ;; 6. Go to definition across files: `architecture=DigitsCNN' in the pipeline, via xref.
        (find-file (expand-file-name "digits.dfp" df-root))
        (let ((dfp (current-buffer)))
          (df-wait "the pipeline to be managed" 60 (lambda () (with-current-buffer dfp (eglot-managed-p))))
          (df-goto "architecture=DigitsCNN" (+ (length "architecture=") 2))
          (let* ((xrefs (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
                 (location (and xrefs (xref-item-location (car xrefs)))))
            (unless location (df-fail "no definition"))
            (xref-pop-to-location (car xrefs))
            (df-step "definition" (list (cons 'file (file-name-nondirectory (buffer-file-name)))
                                        (cons 'line (line-number-at-pos))
                                        (cons 'col (current-column))
                                        (cons 'text (buffer-substring-no-properties (line-beginning-position) (line-end-position))))))
          ;; 7. Rename the network from its declaration: both buffers change, no diagnostics.
          (let ((before (cons (df-publications cnn) (df-publications dfp))))
          (eglot-rename "DigitsNet")
          (let ((renamed (lambda (buffer needle) (with-current-buffer buffer (save-excursion (goto-char (point-min)) (search-forward needle nil t))))))
            (df-wait "the rename in both files" 30
                     (lambda () (and (funcall renamed cnn "network DigitsNet") (funcall renamed dfp "architecture=DigitsNet"))))
            ;; The server got both buffers' edits (it published for both since): no dangling reference.
            (df-wait "no diagnostics after the rename" 60
                     (lambda () (and (> (df-publications cnn) (car before)) (> (df-publications dfp) (cdr before))
                                     (null (with-current-buffer cnn (flymake-diagnostics)))
                                     (null (with-current-buffer dfp (flymake-diagnostics))))))
            (df-step "rename" (vector (with-current-buffer cnn (df-goto "network DigitsNet") (string-trim (thing-at-point 'line t)))
                                      (with-current-buffer dfp (df-goto "architecture=DigitsNet") (string-trim (thing-at-point 'line t))))))))
        (df-write (cons 'ok t))
        (ignore-errors (eglot-shutdown (eglot-current-server) nil 5))
        (kill-emacs 0)))
  (error (df-fail (format "error: %S" err))))
