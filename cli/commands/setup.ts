import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { findProject } from '../../server/execution/config.js';
import { pipRequirements, setupEnvironment } from '../../server/execution/python-env.js';
import { prepareBundle } from '../../server/execution/engine.js';
import { displayPath } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';
import { reportExecutionError } from './run.js';

export interface SetupOptions {
    readonly project?: string;
    readonly pipeline?: string;
    readonly python?: string;
    readonly force?: boolean;
}

function environmentFilesUnder(folder: string, found: string[] = []): string[] {
    for (const entry of readdirSync(folder)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        const file = path.join(folder, entry);
        if (statSync(file).isDirectory()) environmentFilesUnder(file, found);
        else if (/\.ya?ml$/.test(entry) && /(^|\/)environments?\//.test(path.relative(folder, file) || file)) found.push(file);
    }
    return found;
}

/**
 * `deepforge setup [file.dfp]`: the project's Python environment — `.venv` created with
 * `python3 -m venv` and the pip requirements of the pipeline's environment files installed
 * (with no file: every `environments/*.yml` of the project).
 */
export async function runSetup(file: string | undefined, options: SetupOptions, io: CliIO): Promise<number> {
    try {
        const project = path.resolve(options.project ?? findProject());
        let texts: string[];
        if (file) {
            const bundle = await prepareBundle(file, options.pipeline);
            texts = [...bundle.files].filter(([name]) => name.startsWith('environments/')).map(([, content]) => String(content));
        } else {
            texts = environmentFilesUnder(project).filter(existsSync).map(f => readFileSync(f, 'utf-8'));
        }
        const requirements = pipRequirements(texts);
        const { python, installed } = await setupEnvironment(project, requirements, { basePython: options.python, force: options.force, log: line => io.err(line) });
        io.out(installed ? `ready: ${displayPath(python)} with ${requirements.join(', ') || 'no packages'}` : `up to date: ${displayPath(python)} (${requirements.join(', ') || 'no packages'})`);
        return ExitCode.ok;
    } catch (error) {
        if (error instanceof Error && /failed:/.test(error.message)) {
            io.err(`deepforge: ${error.message}`);
            return ExitCode.errors;
        }
        return reportExecutionError(error, io);
    }
}
