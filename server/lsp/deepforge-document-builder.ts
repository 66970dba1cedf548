import {
    DefaultDocumentBuilder, delayNextTick, DocumentState, type BuildOptions, type LangiumDocument, type URI
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
            // An open code buffer is not a document of a language: Langium would try to parse it.
            await super.update(changed.filter(uri => !openCode(uri)), deleted, cancelToken);
        } finally {
            this.changedCodeFiles = new Set();
        }
        await this.completeValidation(cancelToken);
    }

    /** The second pass: the checks the first pass left out, for every document that has not had them. */
    protected async completeValidation(cancelToken: CancellationToken): Promise<void> {
        const incomplete = this.langiumDocuments.all
            .filter(document => document.state >= DocumentState.Validated && this.resultsAreIncomplete(document, SECOND_PASS))
            .toArray();
        if (incomplete.length === 0) return;
        // Let the event loop turn first: the connection writes the first pass's diagnostics in a
        // `setImmediate`, and the model checks of a large network run long without yielding —
        // without this, both passes reach the client together, after the second.
        await delayNextTick();
        await this.build(this.sortDocuments(incomplete), SECOND_PASS, cancelToken);
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return super.shouldRelink(document, changedUris)
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
