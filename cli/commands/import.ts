import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { importKerasModel, KerasImportError, readKerasModelFile } from '../../generators/import/keras-import.js';
import { loadWorkspace } from '../../languages/workspace/node-workspace.js';
import { displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

export interface ImportOptions {
    /** The `.dfnn` file to write. */
    readonly out: string;
    /** The network's name (default: the model's, made a valid name). */
    readonly network?: string;
}

/**
 * `deepforge import keras <model.json|model.keras> -o file.dfnn`: writes the model as a `.dfnn`
 * network and checks it. What cannot be expressed is reported by layer name (exit 1, nothing
 * written); approximations are warnings, also written as comments at the top of the file.
 */
export async function runImport(model: string, options: ImportOptions, io: CliIO): Promise<number> {
    let config: unknown;
    try {
        config = await readKerasModelFile(model);
    } catch (error) {
        io.err(`deepforge: cannot read ${model}: ${error instanceof Error ? error.message : String(error)}`);
        return ExitCode.usage;
    }
    let result;
    try {
        result = importKerasModel(config, { network: options.network, sourceName: path.basename(model) });
    } catch (error) {
        if (!(error instanceof KerasImportError)) throw error;
        io.err(`deepforge: cannot import ${displayPath(path.resolve(model))}:`);
        for (const problem of error.problems) io.err(`  ${problem}`);
        return ExitCode.errors;
    }
    for (const warning of result.warnings) io.err(`${displayPath(path.resolve(model))}: warning: ${warning}`);
    await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
    await fs.writeFile(options.out, result.text, 'utf-8');
    io.out(`wrote ${displayPath(path.resolve(options.out))} (network ${result.network}, ${result.layers} layers)`);
    // The imported file must check clean; say so if it does not.
    const workspace = await loadWorkspace([options.out]);
    const errors = workspace.documents.flatMap(doc => doc.diagnostics.filter(d => d.severity === 'error').map(d => formatDiagnostic(displayPath(doc.path), d)));
    if (errors.length > 0) {
        errors.forEach(line => io.err(line));
        io.err(`deepforge: the imported network does not check clean: ${formatCounts(errors.length, 0)}.`);
        return ExitCode.errors;
    }
    return ExitCode.ok;
}
