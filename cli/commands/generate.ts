import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GenerationProblem, type GeneratedFile, type GeneratorContext, type GeneratorContribution } from '../../languages/registry/domain-language.js';
import type { LanguageRegistry } from '../../languages/registry/language-registry.js';
import { loadWorkspace } from '../../languages/workspace/node-workspace.js';
import { displayPath, formatCounts, formatDiagnostic } from '../format/diagnostics.js';
import { ExitCode, type CliIO } from '../io.js';

// The Keras generators' functions, used by tests and the job generator, live with `.dfnn`.
export { generateFiles, generationInput, graphSource, type KerasTarget as GenerateTarget } from '../../languages/dfnn/dfnn-language.js';

export interface GenerateOptions {
    /** The graph to generate (a network, a pipeline, …; default: the generator decides). */
    readonly graph?: string;
    /** `--network`: the graph, for the Keras generators. */
    readonly network?: string;
    /** `--pipeline`: the graph, for the job generator. */
    readonly pipeline?: string;
    /** The output folder. */
    readonly out: string;
    /** The languages (default: the built-ins). */
    readonly languages?: LanguageRegistry;
}

/** Every generator of the registered languages, with its language's extensions: `keras (.dfnn)`. */
export function describeGenerators(languages: LanguageRegistry): string {
    return languages.all.flatMap(language => (language.generators ?? []).map(g => `${g.id} (${language.fileExtensions.join(', ')})`)).join(', ');
}

/**
 * `deepforge generate <target> <file> [--graph G] -o DIR`: runs the generator `target` of the
 * file's language — `keras`/`keras-json` for `.dfnn` networks, `job` for `.dfp` pipelines, and
 * those of the registered extensions. A file with errors (or a file it imports) is not generated:
 * its errors are printed, exit 1; an unknown target, a file of another language, an unknown
 * graph: exit 2.
 */
export async function runGenerate(target: string, file: string, options: GenerateOptions, io: CliIO): Promise<number> {
    const workspace = await loadWorkspace([file], { languages: options.languages });
    const { languages } = workspace.services;
    const offering = languages.all.filter(language => language.generators?.some(g => g.id === target));
    if (offering.length === 0) {
        io.err(`deepforge: no generator \`${target}\` (the generators: ${describeGenerators(languages) || 'none'})`);
        return ExitCode.usage;
    }
    for (const problem of workspace.problems) {
        io.err(`deepforge: cannot read ${problem.path}: ${problem.message}`);
        return ExitCode.usage;
    }
    const document = workspace.documents.find(doc => doc.requested);
    if (!document) {
        io.err(`deepforge: cannot read ${file}`);
        return ExitCode.usage;
    }
    const entry = workspace.services.forUri(document.uri)!;
    const generator: GeneratorContribution | undefined = entry.language.generators?.find(g => g.id === target);
    if (!generator) {
        const extensions = offering.flatMap(language => language.fileExtensions).join(' or ');
        io.err(`deepforge: ${displayPath(document.path)} is not a ${extensions} file (\`generate ${target}\` generates ${offering.map(l => l.title).join(' or ')})`);
        return ExitCode.usage;
    }
    const failing = workspace.documents.filter(doc => doc.diagnostics.some(d => d.severity === 'error'));
    if (failing.length > 0) {
        let errors = 0;
        for (const doc of failing) {
            for (const diagnostic of doc.diagnostics.filter(d => d.severity === 'error')) {
                io.err(formatDiagnostic(displayPath(doc.path), diagnostic));
                errors++;
            }
        }
        io.err(`deepforge: ${generator.failure ?? 'nothing generated'}: ${formatCounts(errors, 0)}.`);
        return ExitCode.errors;
    }
    const context: GeneratorContext = {
        services: entry.services, document: document.document, lowered: document.lowered, workspace,
        graph: options.graph ?? options.network ?? options.pipeline
    };
    try {
        const files = await generator.generate(context);
        const lines = generator.write ? await generator.write(files, options.out, context) : await writeFiles(files, options.out);
        for (const line of lines) io.out(line);
    } catch (error) {
        if (!(error instanceof GenerationProblem)) throw error;
        io.err(`deepforge: ${error.message}`);
        return ExitCode.usage;
    }
    return ExitCode.ok;
}

/** Writes generated files under a folder (none may leave it); returns `wrote PATH` lines. */
export async function writeFiles(files: readonly GeneratedFile[], folder: string): Promise<string[]> {
    const root = path.resolve(folder);
    const targets = files.map(file => {
        const target = path.resolve(root, file.path);
        const relative = path.relative(root, target);
        if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
            throw new GenerationProblem(`the generated file \`${file.path}\` would be written outside ${displayPath(folder)}`);
        }
        return { target, content: file.content };
    });
    const lines: string[] = [];
    for (const { target, content } of targets) {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content);
        lines.push(`wrote ${displayPath(target)}`);
    }
    return lines;
}
