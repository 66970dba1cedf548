import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { loadSweepWorkspace } from '../src/commands/sweep-workspace.js';
import { SweepLanguage } from '../src/index.js';
import type { SweepServices } from '../src/sweep-module.js';

/** The extension's folder, and the repository's digits example the sweeps refer to. */
export const EXTENSION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIGITS_FOLDER = path.resolve(EXTENSION, '..', '..', 'digits');
export const EXAMPLE = path.join(EXTENSION, 'examples', 'digits.sweep');

export interface CheckedSweep {
    readonly document: LangiumDocument;
    /** How many lines the helper put before `text` (the import). */
    readonly importLines: number;
    readonly services: SweepServices;
    readonly diagnostics: readonly Diagnostic[];
    /** `line:column message` (1-based, lines of `text`) of each error, in text order. */
    readonly errors: string[];
    readonly warnings: string[];
}

/**
 * Writes `text` as a `.sweep` file beside a copy-free import of the digits pipeline (in a
 * temporary folder: `import` is added with the path to examples/digits/digits.dfp unless the
 * text has one) and loads it as `deepforge sweep run` does: the core's languages plus `.sweep`.
 */
export async function checkSweep(text: string, options: { importDigits?: boolean; lsp?: boolean } = {}): Promise<CheckedSweep> {
    const folder = mkdtempSync(path.join(tmpdir(), 'deepforge-sweep-test-'));
    try {
        const importLine = options.importDigits === false ? '' : `import "${path.relative(folder, path.join(DIGITS_FOLDER, 'digits.dfp')).split(path.sep).join('/')}"\n`;
        const file = path.join(folder, 'test.sweep');
        writeFileSync(file, importLine + text);
        const workspace = await loadSweepWorkspace(file, SweepLanguage, { lsp: options.lsp });
        const diagnostics = [...workspace.document.diagnostics ?? []]
            .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        const shift = importLine ? 1 : 0;
        const format = (d: Diagnostic) => `${d.range.start.line + 1 - shift}:${d.range.start.character + 1} ${d.message}`;
        return {
            document: workspace.document,
            importLines: shift,
            services: workspace.services.language<SweepServices>('sweep'),
            diagnostics,
            errors: diagnostics.filter(d => d.severity === 1).map(format),
            warnings: diagnostics.filter(d => d.severity === 2).map(format)
        };
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}
