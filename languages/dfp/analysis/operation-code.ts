import { AstUtils, DocumentCache, DocumentState, URI, type FileSystemProvider, type TextDocumentProvider } from 'langium';
import type { Operation } from '../../generated/ast.js';
import type { PythonClass, PythonModule } from '../python/python-code-reader.js';
import type { DfpServices } from '../dfp-module.js';
import { operationSections } from '../operation-sections.js';
import type { PythonCode } from './python-code.js';
import { resolveDocumentPath } from '../../workspace/paths.js';

/** What became of reading an operation's `code` file. */
export type CodeStatus =
    /** Read and parsed (see `cls` for the class). */
    | 'read'
    /** No file at the path. */
    | 'missing-file'
    /** The file exists but could not be read. */
    | 'unreadable'
    /** The Python reader is not loaded (or could not be loaded): the code is not checked. */
    | 'no-reader';

/** An operation's Python code, read and parsed (never run). */
export interface OperationCode {
    /** The path as written in `code "…"`, relative to the `.dfp` file. */
    readonly path: string;
    readonly uri: URI;
    readonly status: CodeStatus;
    /** The file's text, when read. */
    readonly source?: string;
    readonly module?: PythonModule;
    /** The class named like the operation, when the file has one. */
    readonly cls?: PythonClass;
    /** Details for `unreadable` and `no-reader`. */
    readonly detail?: string;
}

/**
 * Reads operations' code files: the path of `code "…"` resolved against the declaring
 * document, read through the workspace's file system (so in-memory workspaces work too) and
 * parsed with the Python reader. Cached per document until it is linked again.
 */
export interface OperationCodeLoader {
    /** The operation's code; `undefined` when it has no `code` section. */
    load(operation: Operation): OperationCode | undefined;
    /** The URI a `code` path denotes for an operation. */
    resolve(operation: Operation, path: string): URI;
}

export class DefaultOperationCodeLoader implements OperationCodeLoader {
    protected readonly fileSystem: FileSystemProvider;
    /** The documents open in an editor (language server only). */
    protected readonly textDocuments: TextDocumentProvider | undefined;
    protected readonly python: PythonCode;
    protected readonly cache: DocumentCache<Operation, OperationCode | undefined>;

    constructor(services: DfpServices) {
        this.fileSystem = services.shared.workspace.FileSystemProvider;
        this.textDocuments = services.shared.workspace.TextDocuments;
        this.python = services.analysis.PythonCode;
        this.cache = new DocumentCache(services.shared, DocumentState.Linked);
    }

    load(operation: Operation): OperationCode | undefined {
        const document = AstUtils.getDocument(operation);
        const code = this.cache.get(document.uri, operation, () => this.doLoad(operation));
        if (code?.status === 'no-reader' && this.python.reader) {
            // Read before the reader was loaded: read again now that it is.
            const fresh = this.doLoad(operation);
            this.cache.set(document.uri, operation, fresh);
            return fresh;
        }
        return code;
    }

    resolve(operation: Operation, path: string): URI {
        const document = AstUtils.getDocument(operation);
        return resolveDocumentPath(document.uri, path);
    }

    protected doLoad(operation: Operation): OperationCode | undefined {
        const path = operationSections(operation).code?.path;
        if (path === undefined) return undefined;
        const uri = this.resolve(operation, path);
        const read = this.readSource(uri);
        if (read.status !== 'read') return { path, uri, ...read };
        const source = read.source;
        const reader = this.python.reader;
        if (!reader) return { path, uri, status: 'no-reader', source, detail: this.python.loadError };
        const module = reader.read(source);
        return { path, uri, status: 'read', source, module, cls: module.classes.get(operation.name) };
    }

    /**
     * The text of a code file: the editor's buffer when the file is open in the language server
     * (so unsaved edits of the Python code count), else the file on the workspace's file system.
     */
    protected readSource(uri: URI): { status: 'read'; source: string } | { status: 'missing-file' | 'unreadable'; detail?: string } {
        const open = this.textDocuments?.get(uri.toString());
        if (open) return { status: 'read', source: open.getText() };
        let exists: boolean;
        try {
            exists = this.fileSystem.existsSync(uri) && this.fileSystem.statSync(uri).isFile;
        } catch {
            exists = false;
        }
        if (!exists) return { status: 'missing-file' };
        try {
            return { status: 'read', source: this.fileSystem.readFileSync(uri) };
        } catch (error) {
            return { status: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
        }
    }
}
