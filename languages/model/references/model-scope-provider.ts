import {
    AstUtils, EMPTY_SCOPE, WorkspaceCache, type AstNodeDescription, type LangiumDocument, type ReferenceInfo, type Scope, type ServiceRegistry
} from 'langium';
import { UniqueScopeProvider } from '../../common/unique-scope-provider.js';
import { isModelDocument, isModelNodeDeclaration, isModelPortReference, isNameExpression, type ModelNodeDeclaration } from '../../generated/ast.js';
import type { ModelServices } from '../model-module.js';
import type { ModelImportResolver } from './model-import-resolver.js';

/**
 * Scoping of model documents. Every node has a name unique in its file, at any depth:
 * - the ends of a connection (`digits` in `digits.data -> scale.in`) are nodes of this file;
 * - a reference (`source: digits`) names a node of this file or of a file it imports (this
 *   file's nodes first). Whether the node's type fits the reference is the lowering's call, so
 *   that a Dataset where a Source is expected is reported as such rather than as unknown.
 * Scopes are built once per file and cached until the workspace changes.
 */
export class ModelScopeProvider extends UniqueScopeProvider {
    protected readonly imports: ModelImportResolver;
    protected readonly localScopes: WorkspaceCache<string, Scope>;
    protected readonly referenceScopes: WorkspaceCache<string, Scope>;
    protected readonly registry: ServiceRegistry;

    constructor(services: ModelServices) {
        super(services);
        this.imports = services.model.ImportResolver;
        this.registry = services.shared.ServiceRegistry;
        this.localScopes = new WorkspaceCache(services.shared);
        this.referenceScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        if (isModelPortReference(context.container) && context.property === 'node') return this.getLocalScope(document);
        if (isNameExpression(context.container) && context.property === 'target') return this.getReferenceScope(document);
        return EMPTY_SCOPE;
    }

    /** The nodes of the file, at any depth. */
    protected getLocalScope(document: LangiumDocument): Scope {
        return this.localScopes.get(document.uri.toString(), () => this.createUniqueScope(this.nodesOf(document)));
    }

    /** The nodes of the file, then those of the files it imports (of the same language). */
    protected getReferenceScope(document: LangiumDocument): Scope {
        return this.referenceScopes.get(document.uri.toString(), () => {
            const languageId = this.languageId(document);
            const imported = this.imports.importedDocuments(document)
                .filter(doc => this.languageId(doc) === languageId)
                .flatMap(doc => this.nodesOf(doc));
            return this.createUniqueScope(this.nodesOf(document), this.createUniqueScope(imported));
        });
    }

    /** The nodes a reference of a document may name (for completion). */
    getReferenceCandidates(document: LangiumDocument): AstNodeDescription[] {
        return this.getReferenceScope(document).getAllElements().toArray();
    }

    /** Descriptions of every node declaration of a document, at any depth. */
    nodesOf(document: LangiumDocument): AstNodeDescription[] {
        const root = document.parseResult.value;
        if (!isModelDocument(root)) return [];
        const nodes: ModelNodeDeclaration[] = AstUtils.streamAllContents(root).filter(isModelNodeDeclaration).filter(n => Boolean(n.name)).toArray();
        return this.describeAll(nodes, document);
    }

    /** The id of a document's language (imports of another language's files contribute nothing). */
    protected languageId(document: LangiumDocument): string | undefined {
        return this.registry.hasServices(document.uri) ? this.registry.getServices(document.uri).LanguageMetaData.languageId : undefined;
    }
}
