import { loadWorkspace, type LoadedDocument, type LoadedWorkspace } from '../../languages/workspace/node-workspace.js';
import { displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

/** What a command that shows one file needs of it, and how to say it is the wrong kind. */
export interface CheckedDocumentRequest {
    /** Whether the document is of the kind the command shows (a network file, a pipeline file). */
    readonly accepts: (document: LoadedDocument) => boolean;
    /** `is not a .dfnn file (`deepforge graph` shows a pipeline)` — after the path. */
    readonly wrongKind: string;
    /** What the command makes, for `deepforge: no summary: 2 errors.` */
    readonly product: string;
}

/**
 * Loads one file with what it imports and checks it. Returns the document when it is of the
 * right kind and it and its imports have no errors; otherwise prints why (the errors
 * compiler-style) and returns the exit code.
 */
export async function loadCheckedDocument(file: string, request: CheckedDocumentRequest, io: CliIO):
    Promise<{ document: LoadedDocument; workspace: LoadedWorkspace } | number> {
    const workspace = await loadWorkspace([file]);
    for (const problem of workspace.problems) {
        io.err(`deepforge: cannot read ${problem.path}: ${problem.message}`);
        return ExitCode.usage;
    }
    const document = workspace.documents.find(doc => doc.requested);
    if (!document) {
        io.err(`deepforge: cannot read ${file}`);
        return ExitCode.usage;
    }
    if (!request.accepts(document)) {
        io.err(`deepforge: ${displayPath(document.path)} ${request.wrongKind}`);
        return ExitCode.usage;
    }
    let errors = 0;
    for (const doc of workspace.documents) {
        for (const diagnostic of doc.diagnostics.filter(d => d.severity === 'error')) {
            io.err(formatDiagnostic(displayPath(doc.path), diagnostic));
            errors++;
        }
    }
    if (errors > 0) {
        io.err(`deepforge: no ${request.product}: ${formatCounts(errors, 0)}.`);
        return ExitCode.errors;
    }
    return { document, workspace };
}

/**
 * The items named `name` (all when no name is given); prints why when there are none and
 * returns the exit code. `kind` is `network`, `pipeline`, ….
 */
export function selectByName<T>(items: readonly T[], nameOf: (item: T) => string, name: string | undefined,
    kind: string, document: LoadedDocument, io: CliIO): T[] | number {
    const selected = name ? items.filter(item => nameOf(item) === name) : [...items];
    if (selected.length > 0) return selected;
    const names = items.map(item => `\`${nameOf(item)}\``);
    io.err(name
        ? `deepforge: no ${kind} \`${name}\` in ${displayPath(document.path)}` + (names.length ? ` (it has ${names.join(', ')})` : '')
        : `deepforge: ${displayPath(document.path)} has no ${kind}`);
    return ExitCode.usage;
}
