import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { generateJobBundle, type JobBundle } from '../../generators/job/job-generator.js';
import { JobGenerationError, type JobInput } from '../../generators/job/job-input.js';
import { createZip } from '../../generators/job/zip-writer.js';
import { loadWorkspace, type LoadedDocument, type WorkspaceDiagnostic } from '../../languages/workspace/node-workspace.js';
import { jobInputFromWorkspace, type JobSourceOptions } from './job-source.js';

/** The pipeline's file (or a file it imports) has errors: no job. */
export class PipelineHasErrors extends Error {
    constructor(readonly documents: ReadonlyArray<{ readonly path: string; readonly diagnostics: readonly WorkspaceDiagnostic[] }>) {
        super(`the pipeline has errors`);
    }
}

/**
 * Loads a `.dfp` file (and what it imports), checks it, and generates the job bundle of one of
 * its pipelines. Throws {@link PipelineHasErrors} when a loaded file has errors and
 * {@link JobGenerationError} when the pipeline cannot become a job (with a message for the user).
 * `transform` may change the job's input before generation (the engine's `--set` overrides).
 */
export async function buildJobBundle(file: string, options: JobSourceOptions = {}, transform?: (input: JobInput) => JobInput): Promise<JobBundle> {
    const workspace = await loadWorkspace([file], { languages: options.languages });
    for (const problem of workspace.problems) throw new JobGenerationError(`cannot read ${problem.path}: ${problem.message}`);
    const document: LoadedDocument | undefined = workspace.documents.find(doc => doc.requested);
    if (!document) throw new JobGenerationError(`cannot read ${file}`);
    if (!document.pipelines) throw new JobGenerationError(`${path.basename(file)} is not a .dfp file: a job runs a pipeline`);
    const failing = workspace.documents.filter(doc => doc.diagnostics.some(d => d.severity === 'error'));
    if (failing.length > 0) {
        throw new PipelineHasErrors(failing.map(doc => ({ path: doc.path, diagnostics: doc.diagnostics.filter(d => d.severity === 'error') })));
    }
    const input = await jobInputFromWorkspace(workspace, document, options);
    return generateJobBundle(transform ? transform(input) : input);
}

/** What a bundle folder holds at its top level (a folder holding anything else is not overwritten). */
const BUNDLE_ENTRIES = new Set(['main.py', 'manifest.json', 'README.md', 'deepforge', 'operations', 'networks', 'environments', 'inputs', 'outputs', '__pycache__']);

/**
 * Writes a bundle to a folder: a new or empty folder, or one holding an earlier bundle (whose
 * generated files are replaced; its `outputs/` folder is kept). Returns the paths written.
 */
export async function writeJobBundle(bundle: JobBundle, folder: string): Promise<string[]> {
    const entries = await fs.readdir(folder).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [] as string[];
        throw new JobGenerationError(`cannot write to ${folder}: ${error.code ?? error.message}`);
    });
    if (entries.length > 0) {
        const isBundle = entries.includes('manifest.json') &&
            await fs.readFile(path.join(folder, 'manifest.json'), 'utf-8').then(text => JSON.parse(text).format === bundle.manifest.format, () => false);
        const foreign = entries.filter(entry => !BUNDLE_ENTRIES.has(entry));
        if (!isBundle || foreign.length > 0) {
            throw new JobGenerationError(`${folder} is not empty and not a job bundle (${(foreign.length ? foreign : entries).slice(0, 3).join(', ')}…): give a new or empty folder`);
        }
        for (const entry of entries) {
            if (entry !== 'outputs') await fs.rm(path.join(folder, entry), { recursive: true, force: true });
        }
    }
    const written: string[] = [];
    for (const [name, content] of bundle.files) {
        const target = path.join(folder, ...name.split('/'));
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content);
        if (name === 'main.py') await fs.chmod(target, 0o755);
        written.push(target);
    }
    return written;
}

/** The bundle as a zip archive, its files under `root/`. */
export function zipJobBundle(bundle: JobBundle, root: string): Buffer {
    return createZip([...bundle.files].map(([name, data]) => ({ name: `${root}/${name}`, data, mode: name === 'main.py' ? 0o755 : 0o644 })));
}
