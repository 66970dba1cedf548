import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import type { Range, Severity } from '../../metamodel/core/index.js';
import type { DocumentAnalysis } from '../dfnn/analysis/dfnn-analyzer.js';
import type { DfpDocumentAnalysis } from '../dfp/analysis/dfp-analyzer.js';
import { createDeepForgeServices, type DeepForgeServices } from '../deepforge-module.js';
import type { DfnnModel, DfpModel, Import } from '../generated/ast.js';

/** A diagnostic of a loaded document, positions zero-based (as in the LSP). */
export interface WorkspaceDiagnostic {
    readonly severity: Severity;
    readonly message: string;
    readonly range: Range;
    /** `parsing-error`, `linking-error`, `unknown-attribute`, `shape`, … */
    readonly code?: string;
}

/** One loaded document with its diagnostics and analysis. */
export interface LoadedDocument {
    readonly uri: string;
    /** The file system path. */
    readonly path: string;
    /** The document's language. */
    readonly language: 'dfnn' | 'dfp';
    readonly document: LangiumDocument<DfnnModel | DfpModel>;
    /** In text order. */
    readonly diagnostics: readonly WorkspaceDiagnostic[];
    /** For `.dfnn` documents: networks and blocks, validated and analysed (shapes, weights). */
    readonly analysis?: DocumentAnalysis;
    /** For `.dfp` documents: pipelines, validated, with their execution order. */
    readonly pipelines?: DfpDocumentAnalysis;
    /** Whether the document was asked for (rather than loaded because another one imports it). */
    readonly requested: boolean;
}

/** A path that could not be loaded, and why. */
export interface LoadProblem {
    readonly path: string;
    readonly message: string;
}

export interface LoadedWorkspace {
    readonly services: DeepForgeServices;
    /** Requested documents first (in the order given, folders sorted), then the files they import. */
    readonly documents: readonly LoadedDocument[];
    readonly problems: readonly LoadProblem[];
}

/** Options of {@link loadWorkspace}. */
export interface LoadWorkspaceOptions {
    /** Services to load into (fresh Node services by default). */
    readonly services?: DeepForgeServices;
}

const EXTENSIONS = new Set(['.dfnn', '.dfp']);

/**
 * Loads `.dfnn` and `.dfp` files and folders (searched recursively) from disk together with
 * the files they import, builds them with validation, and returns per-document diagnostics
 * and analyses (lowered graphs, validation, shapes; pipelines and their execution order).
 * The Python reader that checks operation code is loaded first. Used by the CLI; the language
 * server gets the same results from the same services.
 */
export async function loadWorkspace(paths: readonly string[], options: LoadWorkspaceOptions = {}): Promise<LoadedWorkspace> {
    const services = options.services ?? createDeepForgeServices(NodeFileSystem);
    const problems: LoadProblem[] = [];
    const files: string[] = [];
    for (const given of paths) {
        const absolute = path.resolve(given);
        const stat = await fs.stat(absolute).catch(() => undefined);
        if (!stat) problems.push({ path: given, message: 'no such file or folder' });
        else if (stat.isDirectory()) files.push(...await findFiles(absolute));
        else if (!EXTENSIONS.has(path.extname(absolute))) problems.push({ path: given, message: `not a ${[...EXTENSIONS].join(' or ')} file` });
        else files.push(absolute);
    }
    const { shared, dfnn, dfp } = services;
    // Loading web-tree-sitter is asynchronous; lowering and analysis are not: load it first.
    await dfp.analysis.PythonCode.ready();
    const documents = shared.workspace.LangiumDocuments;
    const loaded = new Map<string, LangiumDocument<DfnnModel | DfpModel>>();
    const requested = new Set<string>();
    const load = async (file: string) => {
        const uri = URI.file(file);
        if (loaded.has(uri.toString())) return;
        const document = await documents.getOrCreateDocument(uri) as LangiumDocument<DfnnModel | DfpModel>;
        loaded.set(uri.toString(), document);
    };
    for (const file of files) {
        await load(file);
        requested.add(URI.file(file).toString());
    }
    // Imported files, transitively (an import of a missing file is reported by the validator).
    const queue = [...loaded.values()];
    while (queue.length > 0) {
        const document = queue.shift()!;
        const imports: Import[] = document.parseResult.value.imports ?? [];
        for (const node of imports) {
            if (!node.path) continue;
            const uri = dfnn.references.ImportResolver.resolve(node);
            if (uri.scheme !== 'file' || loaded.has(uri.toString()) || !EXTENSIONS.has(path.extname(uri.fsPath))) continue;
            if (!await fs.stat(uri.fsPath).then(s => s.isFile(), () => false)) continue;
            await load(uri.fsPath);
            queue.push(loaded.get(uri.toString())!);
        }
    }
    void dfnn.references.Library.document;
    void dfp.references.Library.document;
    await shared.workspace.DocumentBuilder.build([...loaded.values()], { validation: true });
    const result: LoadedDocument[] = [...loaded.values()].map(document => {
        const language = path.extname(document.uri.fsPath) === '.dfp' ? 'dfp' : 'dfnn';
        return {
            uri: document.uri.toString(),
            path: document.uri.fsPath,
            language,
            document,
            diagnostics: toDiagnostics(document.diagnostics ?? []),
            ...(language === 'dfnn'
                ? { analysis: dfnn.analysis.Analyzer.analyze(document) }
                : { pipelines: dfp.analysis.Analyzer.analyze(document) }),
            requested: requested.has(document.uri.toString())
        };
    });
    result.sort((a, b) => Number(b.requested) - Number(a.requested));
    return { services, documents: result, problems };
}

/** The `.dfnn` and `.dfp` files under a folder, sorted; hidden folders and `node_modules` are skipped. */
async function findFiles(folder: string): Promise<string[]> {
    const found: string[] = [];
    const entries = await fs.readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            found.push(...await findFiles(full));
        } else if (EXTENSIONS.has(path.extname(entry.name))) {
            found.push(full);
        }
    }
    return found;
}

const SEVERITIES: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function toDiagnostics(diagnostics: readonly LspDiagnostic[]): WorkspaceDiagnostic[] {
    return diagnostics
        .map(d => ({
            severity: SEVERITIES[d.severity ?? 1] ?? 'error',
            message: typeof d.message === 'string' ? d.message : d.message.value,
            range: d.range,
            code: typeof d.code === 'string' ? d.code : (d.data as { code?: string } | undefined)?.code
        }))
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
