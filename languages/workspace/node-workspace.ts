import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import type { Range, Severity } from '../../metamodel/core/index.js';
import type { DocumentAnalysis } from '../dfnn/analysis/dfnn-analyzer.js';
import type { DfnnLoweredDocument } from '../dfnn/dfnn-language.js';
import type { DfpDocumentAnalysis } from '../dfp/analysis/dfp-analyzer.js';
import type { DfpLoweredDocument } from '../dfp/dfp-language.js';
import { createDeepForgeServices, type DeepForgeServices } from '../deepforge-module.js';
import type { LoweredDocument } from '../registry/domain-language.js';
import type { LanguageRegistry } from '../registry/language-registry.js';

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
    /** The id of the document's registered language (`dfnn`, `dfp`, …): its extension decides. */
    readonly language: string;
    readonly document: LangiumDocument;
    /** In text order. */
    readonly diagnostics: readonly WorkspaceDiagnostic[];
    /** The language's lowering: the document's model graphs and model checks. */
    readonly lowered: LoweredDocument;
    /** For `.dfnn` documents: networks and blocks, validated and analysed (shapes, weights) — part of the lowering. */
    readonly analysis?: DocumentAnalysis;
    /** For `.dfp` documents: pipelines, validated, with their execution order — part of the lowering. */
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
    /** Without `services`: the languages of the fresh services (default: the built-ins). */
    readonly languages?: LanguageRegistry;
}

/** A language whose services provide a built-in library document (loaded before the files are built). */
interface WithLibrary {
    readonly references?: { readonly Library?: { readonly document: LangiumDocument } };
}

/**
 * Loads the files of the registered languages (`.dfnn`, `.dfp`, and the extensions'), given as
 * files or folders (searched recursively), from disk together with the files they import, builds
 * them with validation, and returns per-document diagnostics and lowerings (model graphs and
 * checks; for networks their shapes, for pipelines their execution order). The languages'
 * asynchronous set-up (the Python reader that checks operation code) is awaited first. Used by
 * the CLI; the language server gets the same results from the same services.
 */
export async function loadWorkspace(paths: readonly string[], options: LoadWorkspaceOptions = {}): Promise<LoadedWorkspace> {
    const services = options.services ?? createDeepForgeServices(NodeFileSystem, { languages: options.languages });
    const { shared, languages } = services;
    const problems: LoadProblem[] = [];
    const files: string[] = [];
    for (const given of paths) {
        const absolute = path.resolve(given);
        const stat = await fs.stat(absolute).catch(() => undefined);
        if (!stat) problems.push({ path: given, message: 'no such file or folder' });
        else if (stat.isDirectory()) files.push(...await findFiles(absolute, services));
        else if (!languages.forUri(absolute)) problems.push({ path: given, message: `not a ${languages.describe()} file` });
        else files.push(absolute);
    }
    // Set-up that is asynchronous (loading web-tree-sitter) while lowering is not: first.
    await Promise.all(services.all.map(({ language, services }) => language.ready?.(services)));
    const documents = shared.workspace.LangiumDocuments;
    const loaded = new Map<string, LangiumDocument>();
    const requested = new Set<string>();
    const load = async (file: string) => {
        const uri = URI.file(file);
        if (loaded.has(uri.toString())) return;
        loaded.set(uri.toString(), await documents.getOrCreateDocument(uri));
    };
    for (const file of files) {
        await load(file);
        requested.add(URI.file(file).toString());
    }
    // Imported files, transitively (an import of a missing file is reported by the validator).
    const queue = [...loaded.values()];
    while (queue.length > 0) {
        const document = queue.shift()!;
        const entry = services.forUri(document.uri);
        for (const uri of entry?.language.imports?.(entry.services, document) ?? []) {
            if (uri.scheme !== 'file' || loaded.has(uri.toString()) || !languages.forUri(uri)) continue;
            if (!await fs.stat(uri.fsPath).then(s => s.isFile(), () => false)) continue;
            await load(uri.fsPath);
            queue.push(loaded.get(uri.toString())!);
        }
    }
    for (const { services: language } of services.all) void (language as unknown as WithLibrary).references?.Library?.document;
    await shared.workspace.DocumentBuilder.build([...loaded.values()], { validation: true });
    const result: LoadedDocument[] = [...loaded.values()].map(document => {
        const { language, services: languageServices } = services.forUri(document.uri)!;
        const lowered = language.lower(languageServices, document);
        return {
            uri: document.uri.toString(),
            path: document.uri.fsPath,
            language: language.id,
            document,
            diagnostics: toDiagnostics(document.diagnostics ?? []),
            lowered,
            // What the built-ins' lowerings add, for the commands made for networks and pipelines.
            analysis: (lowered as Partial<DfnnLoweredDocument>).analysis,
            pipelines: (lowered as Partial<DfpLoweredDocument>).pipelines,
            requested: requested.has(document.uri.toString())
        };
    });
    result.sort((a, b) => Number(b.requested) - Number(a.requested));
    return { services, documents: result, problems };
}

/** The files of the registered languages under a folder, sorted; hidden folders and `node_modules` are skipped. */
async function findFiles(folder: string, services: DeepForgeServices): Promise<string[]> {
    const found: string[] = [];
    const entries = await fs.readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
            found.push(...await findFiles(full, services));
        } else if (services.languages.byExtension(path.extname(entry.name))) {
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
