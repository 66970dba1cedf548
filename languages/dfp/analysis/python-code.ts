import { createPythonCodeReader, pythonCodeReaderSync, type PythonCodeReader } from '../python/python-code-reader.js';

/**
 * Access to the Python reader (tree-sitter-python in WebAssembly). Loading it is
 * asynchronous and happens once per process; reading is synchronous afterwards. Whoever
 * builds `.dfp` documents awaits {@link PythonCode.ready} first — the `.dfp` validator does,
 * and so does the Node workspace loader — so that lowering and analysis, which are
 * synchronous, find the reader loaded.
 */
export interface PythonCode {
    /** Loads the reader (once); resolves to `undefined` when it cannot be loaded ({@link loadError} says why). */
    ready(): Promise<PythonCodeReader | undefined>;
    /** The reader, if loaded. */
    readonly reader: PythonCodeReader | undefined;
    /** Why the reader could not be loaded, if it could not. */
    readonly loadError: string | undefined;
}

export class DefaultPythonCode implements PythonCode {
    private error: string | undefined;
    private loading: Promise<PythonCodeReader | undefined> | undefined;

    ready(): Promise<PythonCodeReader | undefined> {
        this.loading ??= createPythonCodeReader().then(
            reader => reader,
            (error: unknown) => {
                this.error = error instanceof Error ? error.message : String(error);
                return undefined;
            });
        return this.loading;
    }

    get reader(): PythonCodeReader | undefined {
        return pythonCodeReaderSync();
    }

    get loadError(): string | undefined {
        return this.error;
    }
}
