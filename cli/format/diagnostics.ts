import * as path from 'node:path';
import type { WorkspaceDiagnostic } from '../../languages/workspace/node-workspace.js';

/** A path as compilers print it: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** `path:line:col: error: message [code]`, with 1-based line and column. */
export function formatDiagnostic(file: string, diagnostic: WorkspaceDiagnostic): string {
    const { line, character } = diagnostic.range.start;
    const code = diagnostic.code ? ` [${diagnostic.code}]` : '';
    return `${file}:${line + 1}:${character + 1}: ${diagnostic.severity}: ${diagnostic.message}${code}`;
}

/** `3 errors and 1 warning`, `no problems`. */
export function formatCounts(errors: number, warnings: number): string {
    const parts: string[] = [];
    if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
    if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
    return parts.length > 0 ? parts.join(' and ') : 'no problems';
}

/** A diagnostic as JSON output shows it (1-based positions). */
export function diagnosticJson(diagnostic: WorkspaceDiagnostic) {
    return {
        severity: diagnostic.severity,
        message: diagnostic.message,
        code: diagnostic.code,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1
    };
}
