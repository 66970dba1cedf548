import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createDeepForgeServices, createLanguageRegistry, type DeepForgeServices, type DomainLanguage } from 'deepforge-ts';

/** A diagnostic of a loaded file, for the command line. */
export interface FileDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly severity: 'error' | 'warning' | 'info' | 'hint';
    readonly message: string;
    readonly code?: string;
}

/** A `.sweep` file loaded with the pipelines it may name. */
export interface SweepWorkspace {
    readonly services: DeepForgeServices;
    readonly document: LangiumDocument;
    /** Every loaded document's diagnostics, in file then text order. */
    readonly diagnostics: readonly FileDiagnostic[];
}

/** A file that cannot be read or is not a `.sweep` file. */
export class SweepFileError extends Error {}

const SEVERITY = ['error', 'error', 'warning', 'info', 'hint'] as const;

/**
 * Loads a `.sweep` file for the command line the way the language server sees it: with the
 * built-in languages and the sweep language registered, the files it imports, and every `.dfp`
 * file beside it (the workspace a pipeline name resolves in), each with the files it imports;
 * built and validated. With `lsp`, the languages' language-server modules are injected too (tests).
 */
export async function loadSweepWorkspace(file: string, sweepLanguage: DomainLanguage<any>, options: { readonly lsp?: boolean } = {}): Promise<SweepWorkspace> {
    const absolute = path.resolve(file);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat?.isFile()) throw new SweepFileError(`cannot read ${file}: no such file`);
    if (!sweepLanguage.fileExtensions.includes(path.extname(absolute))) throw new SweepFileError(`${file} is not a ${sweepLanguage.fileExtensions.join(' or ')} file`);
    const services = createDeepForgeServices(NodeFileSystem, { languages: createLanguageRegistry({ extensions: [sweepLanguage] }), lsp: options.lsp });
    for (const { language, services: container } of services.all) await language.ready?.(container);
    const documents = services.shared.workspace.LangiumDocuments;
    const loaded = new Map<string, LangiumDocument>();
    const queue: LangiumDocument[] = [];
    const load = async (uri: URI) => {
        if (loaded.has(uri.toString()) || !services.forUri(uri)) return;
        if (!await fs.stat(uri.fsPath).then(s => s.isFile(), () => false)) return;
        const document = await documents.getOrCreateDocument(uri);
        loaded.set(uri.toString(), document);
        queue.push(document);
    };
    await load(URI.file(absolute));
    const document = loaded.get(URI.file(absolute).toString())!;
    for (const entry of (await fs.readdir(path.dirname(absolute))).sort()) {
        if (path.extname(entry) === '.dfp') await load(URI.file(path.join(path.dirname(absolute), entry)));
    }
    while (queue.length > 0) {
        const next = queue.shift()!;
        const owner = services.forUri(next.uri);
        for (const uri of owner?.language.imports?.(owner.services, next) ?? []) await load(uri);
    }
    await services.shared.workspace.DocumentBuilder.build([...loaded.values()], { validation: true });
    const diagnostics: FileDiagnostic[] = [];
    for (const doc of [document, ...[...loaded.values()].filter(d => d !== document)]) {
        const shown = displayPath(doc.uri.fsPath);
        for (const d of [...doc.diagnostics ?? []].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)) {
            const code = typeof d.code === 'string' ? d.code : (d.data as { code?: string } | undefined)?.code;
            diagnostics.push({
                file: shown, line: d.range.start.line + 1, column: d.range.start.character + 1,
                severity: SEVERITY[d.severity ?? 1] ?? 'error', message: typeof d.message === 'string' ? d.message : String(d.message), ...(code ? { code } : {})
            });
        }
    }
    return { services, document, diagnostics };
}

/** `path:line:col: error: message [code]`, as `deepforge check` prints it. */
export function formatFileDiagnostic(d: FileDiagnostic): string {
    return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.code ? ` [${d.code}]` : ''}`;
}

/** A path relative to the working folder when it is below it. */
export function displayPath(file: string, cwd = process.cwd()): string {
    const relative = path.relative(cwd, file);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
