import {
    DefaultDocumentBuilder, delayNextTick, DocumentState, interruptAndCheck, type BuildOptions, type LangiumDocument, type URI
} from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken } from 'vscode-languageserver-protocol';
import { isDfnnModel, isDfpModel, isOperation } from '../../languages/generated/ast.js';
import type { DfpServices } from '../../languages/dfp/dfp-module.js';
import { operationSections } from '../../languages/dfp/operation-sections.js';
import { resolveDocumentPath } from '../../languages/workspace/paths.js';

/** The validation of the first pass of an update: syntax and linking errors (Langium's `built-in` category). */
export const FIRST_PASS: BuildOptions = { validation: { categories: ['built-in'] } };
/** The validation of the second pass: every check the command line runs (model checks, shapes, operation code). */
export const SECOND_PASS: BuildOptions = { validation: { categories: ['built-in', 'fast'] } };

/**
 * The document builder of the language server. On top of Langium's:
 *
 * - **Two passes per update.** The first validates only what the parser and the linker find
 *   (published at once); the second runs the model checks — metamodel, graph, shapes, operation
 *   code — and publishes again. Both run under the workspace lock, so the next edit cancels a
 *   second pass still running: typing never waits for shape inference or the Python reader.
 * - **References indexed after the first publication.** The index of the references of the
 *   documents the first pass linked (find references, rename, what to re-link) is updated at the
 *   start of the second pass, not before the first pass's diagnostics. Until then the workspace
 *   state stays below `IndexedReferences`, so the requests that need the index wait for it, and
 *   such documents are re-linked by any update (their index cannot tell whether they are affected).
 * - **Code files.** A change of a file that is no document of a language (an operation's
 *   Python code, watched through `workspace/didChangeWatchedFiles` or edited in an open buffer)
 *   re-links the `.dfp` documents whose operations name it in `code "…"`, so they read it again.
 * - **Imports.** A document whose `import` names a changed or deleted file is re-linked too
 *   (an import of a file created later resolves then).
 */
export class DeepForgeDocumentBuilder extends DefaultDocumentBuilder {
    protected readonly services: LangiumSharedServices;
    /** Code files changed or deleted in the update being processed. */
    protected changedCodeFiles: ReadonlySet<string> = new Set();
    /** Documents linked by a first pass whose references are not indexed yet, by URI. */
    protected readonly referencesToIndex = new Map<string, LangiumDocument>();
    /** Whether the build running is a first pass (its reference indexing is deferred). */
    protected inFirstPass = false;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.services = services;
        this.updateBuildOptions = FIRST_PASS;
    }

    override async update(changed: URI[], deleted: URI[], cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        const code = new Set<string>();
        const openCode = (uri: URI) => !this.serviceRegistry.hasServices(uri) && this.textDocuments?.get(uri) !== undefined;
        for (const uri of [...changed, ...deleted]) {
            if (!this.serviceRegistry.hasServices(uri)) code.add(uri.toString());
        }
        this.changedCodeFiles = code;
        try {
            this.updateBuildOptions = FIRST_PASS;
            this.inFirstPass = true;
            // An open code buffer is not a document of a language: Langium would try to parse it.
            await super.update(changed.filter(uri => !openCode(uri)), deleted, cancelToken);
        } finally {
            this.changedCodeFiles = new Set();
            this.inFirstPass = false;
        }
        await this.completeValidation(cancelToken);
    }

    /** The second pass: the deferred reference index, then the checks the first pass left out, for every document that has not had them. */
    protected async completeValidation(cancelToken: CancellationToken): Promise<void> {
        const incomplete = this.langiumDocuments.all
            .filter(document => document.state >= DocumentState.Validated && this.resultsAreIncomplete(document, SECOND_PASS))
            .toArray();
        if (incomplete.length === 0 && this.referencesToIndex.size === 0) return;
        // Let the event loop turn first: the connection writes the first pass's diagnostics in a
        // `setImmediate`, and the model checks of a large network run long without yielding —
        // without this, both passes reach the client together, after the second.
        await delayNextTick();
        await this.indexDeferredReferences(cancelToken, incomplete.length === 0);
        if (incomplete.length > 0) await this.build(this.sortDocuments(incomplete), SECOND_PASS, cancelToken);
    }

    /**
     * Langium's phases; in a first pass, the reference index phase only notes the documents
     * ({@link indexDeferredReferences} indexes them), and while any is noted the workspace state
     * stays at `Linked`, so that requests waiting for the index keep waiting.
     */
    protected override async runCancelable(
        documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken,
        callback: (document: LangiumDocument) => void | Promise<void>
    ): Promise<void> {
        const defer = this.inFirstPass && targetState === DocumentState.IndexedReferences;
        await super.runCancelable(documents, targetState, cancelToken, defer
            ? document => { this.referencesToIndex.set(document.uri.toString(), document); }
            : callback);
        if (this.referencesToIndex.size > 0 && this.currentState > DocumentState.Linked) this.currentState = DocumentState.Linked;
    }

    /** Indexes the references the first pass left out, then lets the requests waiting for them run. */
    protected async indexDeferredReferences(cancelToken: CancellationToken, lastPhase: boolean): Promise<void> {
        if (this.referencesToIndex.size === 0) return;
        const indexed: LangiumDocument[] = [];
        for (const [key, document] of this.referencesToIndex) {
            await interruptAndCheck(cancelToken);
            // A document changed since is indexed by the build that parses it again.
            if (document.state >= DocumentState.IndexedReferences && this.langiumDocuments.getDocument(document.uri) === document) {
                await this.indexManager.updateReferences(document, cancelToken);
                indexed.push(document);
            }
            this.referencesToIndex.delete(key);
        }
        this.currentState = DocumentState.Validated;
        await this.notifyBuildPhase(indexed, DocumentState.IndexedReferences, cancelToken);
        // Without a second pass, nothing else tells the requests waiting for a validated workspace.
        if (lastPhase) await this.notifyBuildPhase([], DocumentState.Validated, cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.referencesToIndex.has(document.uri.toString())
            || super.shouldRelink(document, changedUris)
            || this.importsAny(document, changedUris)
            || (this.changedCodeFiles.size > 0 && this.usesCode(document, this.changedCodeFiles));
    }

    /** Whether the document imports one of the URIs. */
    protected importsAny(document: LangiumDocument, uris: ReadonlySet<string>): boolean {
        const root = document.parseResult?.value;
        if (!isDfnnModel(root) && !isDfpModel(root)) return false;
        return (root.imports ?? []).some(node => node.path !== undefined
            && uris.has(resolveDocumentPath(document.uri, node.path).toString()));
    }

    /** Whether one of the document's operations names one of the code files. */
    protected usesCode(document: LangiumDocument, files: ReadonlySet<string>): boolean {
        const root = document.parseResult?.value;
        if (!isDfpModel(root)) return false;
        const loader = (this.serviceRegistry.getServices(document.uri) as DfpServices).analysis?.CodeLoader;
        if (!loader) return false;
        return root.elements.filter(isOperation).some(operation => {
            const path = operationSections(operation).code?.path;
            return path !== undefined && files.has(loader.resolve(operation, path).toString());
        });
    }
}
