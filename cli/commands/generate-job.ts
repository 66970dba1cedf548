import { JobGenerationError } from '../../generators/job/job-input.js';
import { PipelineHasErrors } from '../../server/jobs/job-bundle.js';
import { displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';
import { runGenerate } from './generate.js';

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
 * Keras code of the referenced networks, the `deepforge` runtime and `manifest.json`. The `job`
 * generator of `.dfp`, run the way `deepforge generate` runs every registered generator.
 */
export async function runGenerateJob(file: string, options: GenerateJobOptions, io: CliIO): Promise<number> {
    return runGenerate('job', file, options, io);
}
