import { URI, type AstNode, type AstNodeDescription, type LangiumDocument, type LangiumDocumentFactory, type LangiumDocuments } from 'langium';
import type { LangiumServices } from 'langium/lsp';

/** The URI scheme of built-in documents: never on disk, never validated as user files. */
export const BUILTIN_SCHEME = 'builtin';

/**
 * A language's built-in library document: declarations rendered as the language's own text
 * from a metamodel (the layer types of `.dfnn`, the built-in operations of `.dfp`), at a
 * `builtin:` URI. References link to its declarations like to any others, so hover,
 * go-to-definition, find-references and completion treat them like user declarations.
 * Subclasses say where it lives, what its text is and which of its nodes are declarations.
 */
export abstract class BuiltinLibrary<T extends AstNode = AstNode> {
    protected readonly documents: LangiumDocuments;
    protected readonly documentFactory: LangiumDocumentFactory;
    protected readonly services: LangiumServices;
    private cachedDocument?: LangiumDocument<T>;
    private cachedDescriptions?: AstNodeDescription[];

    constructor(services: LangiumServices) {
        this.services = services;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.documentFactory = services.shared.workspace.LangiumDocumentFactory;
    }

    /** Where the library lives (`builtin:///keras.dfnn`). */
    abstract get uri(): URI;

    /** The library's text. */
    protected abstract render(): string;

    /** The named declarations of the library's root, described for scoping. */
    protected abstract declarations(root: T): ReadonlyArray<AstNode & { name: string }>;

    /** The library document (created and registered with the workspace on first use). */
    get document(): LangiumDocument<T> {
        if (this.cachedDocument && this.documents.hasDocument(this.cachedDocument.uri)) return this.cachedDocument;
        const uri = this.uri;
        if (this.documents.hasDocument(uri)) {
            this.cachedDocument = this.documents.getDocument(uri) as LangiumDocument<T>;
        } else {
            this.cachedDocument = this.documentFactory.fromString<T>(this.render(), uri);
            this.documents.addDocument(this.cachedDocument);
        }
        this.cachedDescriptions = undefined;
        return this.cachedDocument;
    }

    /** Descriptions of every declaration, for scoping. */
    get descriptions(): readonly AstNodeDescription[] {
        const document = this.document;
        if (!this.cachedDescriptions) {
            const describer = this.services.workspace.AstNodeDescriptionProvider;
            this.cachedDescriptions = this.declarations(document.parseResult.value)
                .map(node => describer.createDescription(node, node.name, document));
        }
        return this.cachedDescriptions;
    }

    /** Whether a document is a built-in one. */
    isBuiltin(document: LangiumDocument | URI): boolean {
        const uri = document instanceof URI ? document : document.uri;
        return uri.scheme === BUILTIN_SCHEME;
    }
}
