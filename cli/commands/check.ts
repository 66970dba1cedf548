import type { LanguageRegistry } from '../../languages/registry/language-registry.js';
import { loadWorkspace, type LoadedWorkspace } from '../../languages/workspace/node-workspace.js';
import { diagnosticJson, displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

export interface CheckOptions {
    readonly format?: 'text' | 'json';
    /** The languages whose files are checked (default: the built-ins). */
    readonly languages?: LanguageRegistry;
}

/**
 * `deepforge check <files or folders…>`: checks the files of every registered language (`.dfnn`,
 * `.dfp`, the extensions'; folders are searched) and the files they import. Prints compiler-style diagnostics and a summary line. Exit code 1 on
 * errors (warnings alone pass), 2 when a path cannot be read.
 */
export async function runCheck(paths: readonly string[], options: CheckOptions, io: CliIO): Promise<number> {
    const workspace = await loadWorkspace(paths, { languages: options.languages });
    const { errors, warnings } = count(workspace);
    if (options.format === 'json') {
        io.out(JSON.stringify({
            files: workspace.documents.map(doc => ({ path: displayPath(doc.path), diagnostics: doc.diagnostics.map(diagnosticJson) })),
            problems: workspace.problems,
            errors,
            warnings
        }, null, 2));
    } else {
        for (const problem of workspace.problems) io.err(`deepforge: cannot check ${problem.path}: ${problem.message}`);
        for (const document of workspace.documents) {
            const file = displayPath(document.path);
            for (const diagnostic of document.diagnostics) io.out(formatDiagnostic(file, diagnostic));
        }
        const files = workspace.documents.length;
        io.out(`Checked ${files} file${files === 1 ? '' : 's'}: ${formatCounts(errors, warnings)}.`);
    }
    if (workspace.problems.length > 0) return ExitCode.usage;
    return errors > 0 ? ExitCode.errors : ExitCode.ok;
}

function count(workspace: LoadedWorkspace): { errors: number; warnings: number } {
    let errors = 0, warnings = 0;
    for (const document of workspace.documents) {
        for (const diagnostic of document.diagnostics) {
            if (diagnostic.severity === 'error') errors++;
            else if (diagnostic.severity === 'warning') warnings++;
        }
    }
    return { errors, warnings };
}
