import type { Trace } from './source.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A text replacement that fixes a diagnostic (the data for an editor quick fix). */
export interface Fix {
    /** What the fix does, as an editor shows it: `Change to "same"`. */
    readonly title: string;
    readonly trace: Trace;
    readonly newText: string;
}

/** A finding about a model, at the exact range it concerns. */
export interface Diagnostic {
    readonly severity: Severity;
    readonly message: string;
    readonly trace: Trace;
    /** A stable identifier of the kind of finding (`unknown-attribute`, `shape`, …). */
    readonly code: string;
    readonly fixes?: readonly Fix[];
}

/** Collects diagnostics, dropping exact duplicates (a block used twice reports a body error once). */
export class DiagnosticCollector {
    private readonly seen = new Set<string>();
    private errors = 0;
    readonly diagnostics: Diagnostic[] = [];

    add(diagnostic: Diagnostic): void {
        const { uri, range } = diagnostic.trace;
        const key = `${uri}:${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}:${diagnostic.code}:${diagnostic.message}`;
        if (this.seen.has(key)) return;
        this.seen.add(key);
        this.diagnostics.push(diagnostic);
        if (diagnostic.severity === 'error') this.errors++;
    }

    error(code: string, message: string, trace: Trace, fixes?: Fix[]): void {
        this.add({ severity: 'error', code, message, trace, fixes });
    }

    warning(code: string, message: string, trace: Trace, fixes?: Fix[]): void {
        this.add({ severity: 'warning', code, message, trace, fixes });
    }

    get hasErrors(): boolean {
        return this.errors > 0;
    }

    /** The number of errors collected so far (kept as they are added: checks compare it before and after a node). */
    get errorCount(): number {
        return this.errors;
    }
}
