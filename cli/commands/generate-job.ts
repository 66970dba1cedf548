import { JobGenerationError } from '../../generators/job/job-input.js';
import { buildJobBundle, PipelineHasErrors, writeJobBundle } from '../../server/jobs/job-bundle.js';
import { displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

export interface GenerateJobOptions {
    /** The pipeline (needed when the file has several). */
    readonly pipeline?: string;
    /** The bundle folder. */
    readonly out: string;
}

/** Prints why a job could not be made; returns the exit code. */
export function reportJobError(error: unknown, what: string, io: CliIO): number {
    if (error instanceof PipelineHasErrors) {
        let errors = 0;
        for (const doc of error.documents) {
            for (const diagnostic of doc.diagnostics) {
                io.err(formatDiagnostic(displayPath(doc.path), diagnostic));
                errors++;
            }
        }
        io.err(`deepforge: ${what}: ${formatCounts(errors, 0)}.`);
        return ExitCode.errors;
    }
    if (error instanceof JobGenerationError) {
        io.err(`deepforge: ${error.message}`);
        return ExitCode.usage;
    }
    throw error;
}

/**
 * `deepforge generate job <file.dfp> [--pipeline P] -o DIR`: the job bundle of a pipeline — a
 * folder with `main.py` (the whole pipeline, standalone), the operations' code, the generated
 * Keras code of the referenced networks, the `deepforge` runtime and `manifest.json`.
 */
export async function runGenerateJob(file: string, options: GenerateJobOptions, io: CliIO): Promise<number> {
    try {
        const bundle = await buildJobBundle(file, { pipeline: options.pipeline });
        await writeJobBundle(bundle, options.out);
        const inputs = bundle.manifest.inputs.filter(i => i.argument).map(i => ` ${i.argument!.toUpperCase()}`).join('');
        io.out(`wrote the job of pipeline ${bundle.manifest.pipeline} to ${displayPath(options.out)} (${bundle.files.size} files, ${bundle.manifest.steps.length} steps)`);
        io.out(`run it: cd ${displayPath(options.out)} && python main.py${inputs}`);
        return ExitCode.ok;
    } catch (error) {
        return reportJobError(error, 'no job generated', io);
    }
}
