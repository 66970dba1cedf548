import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { JobGenerationError } from '../../generators/job/job-input.js';
import { pythonIdentifier } from '../../generators/keras/helpers/python-literal.js';
import type { LanguageRegistry } from '../../languages/registry/language-registry.js';
import { buildJobBundle, zipJobBundle } from '../../server/jobs/job-bundle.js';
import { displayPath } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';
import { reportJobError } from './generate-job.js';

export interface ExportOptions {
    /** The pipeline (needed when the file has several). */
    readonly pipeline?: string;
    /** The zip file to write. */
    readonly out: string;
    /** `input=path`: inputs to bundle (an Input step's name or artifact name, and a file). */
    readonly static?: readonly string[];
    /** The languages to load the pipeline with (default: the built-ins); the project's extensions' for a catalogue it imports. */
    readonly languages?: LanguageRegistry;
}

/** `--static input=path` options as a map; throws on a malformed one. */
export function parseStaticInputs(values: readonly string[] = []): Map<string, string> {
    const result = new Map<string, string>();
    for (const value of values) {
        const at = value.indexOf('=');
        if (at <= 0 || at === value.length - 1) throw new JobGenerationError(`--static takes INPUT=PATH (an Input step or artifact, and a file), got ${JSON.stringify(value)}`);
        const key = value.slice(0, at);
        if (result.has(key)) throw new JobGenerationError(`--static ${key} is given twice`);
        result.set(key, value.slice(at + 1));
    }
    return result;
}

/**
 * `deepforge export <file.dfp> -o bundle.zip [--static input=path …]`: DeepForge's "Export
 * Pipeline" — the job bundle zipped (under a folder named after the pipeline). Static inputs are
 * copied into the archive and read from there; the other inputs become arguments of `main.py`.
 */
export async function runExport(file: string, options: ExportOptions, io: CliIO): Promise<number> {
    try {
        const bundle = await buildJobBundle(file, { pipeline: options.pipeline, staticInputs: parseStaticInputs(options.static), languages: options.languages });
        const root = pythonIdentifier(bundle.manifest.pipeline);
        const archive = zipJobBundle(bundle, root);
        await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
        await fs.writeFile(options.out, archive);
        const inputs = bundle.manifest.inputs.filter(i => i.argument).map(i => ` ${i.argument!.toUpperCase()}`).join('');
        const statics = bundle.manifest.inputs.filter(i => i.static).length;
        io.out(`exported pipeline ${bundle.manifest.pipeline} to ${displayPath(options.out)} (${bundle.files.size} files${statics ? `, ${statics} static input${statics === 1 ? '' : 's'}` : ''})`);
        io.out(`run it: unzip ${path.basename(options.out)} && cd ${root} && python main.py${inputs}`);
        return ExitCode.ok;
    } catch (error) {
        return reportJobError(error, 'nothing exported', io);
    }
}
