import {
    AstUtils, DocumentState, EMPTY_SCOPE, MapScope, WorkspaceCache, type AstNode, type AstNodeDescription,
    type LangiumDocument, type ReferenceInfo, type Scope
} from 'langium';
import {
    isBlock, isInputsStatement, isLayerStatement, isNameExpression, isNetwork, isParameter, isSharedLayer,
    type Block, type DfnnModel, type Network
} from '../../generated/ast.js';
import type { DfnnServices } from '../dfnn-module.js';
import type { DfnnImportResolver } from './dfnn-import-resolver.js';
import type { DfnnLibrary } from './dfnn-library.js';
import { UniqueScopeProvider } from '../../common/unique-scope-provider.js';

/** A network or a block: the graphs whose statements name tensors. */
export type GraphContainer = Network | Block;

export function isGraphContainer(node: AstNode | undefined): node is GraphContainer {
    return isNetwork(node) || isBlock(node);
}

/** The members of a graph a name may denote, in declaration order: parameters, block inputs, layer statements, shared layers. */
export function graphMembers(graph: GraphContainer): AstNode[] {
    const members: AstNode[] = isBlock(graph) ? [...graph.parameters] : [];
    for (const statement of graph.statements) {
        if (isInputsStatement(statement)) members.push(...statement.inputs);
        else if (isLayerStatement(statement) || isSharedLayer(statement)) members.push(statement);
    }
    return members;
}

/**
 * Scoping of `.dfnn` cross-references.
 *
 * - A callee (`Conv2D` in `a = Conv2D(32, 3)(x)`) is looked up in: the shared layers of the
 *   enclosing graph, then the networks and blocks of this file, of imported files, and last the
 *   layer types of the built-in library. A block named like a layer type therefore shadows it.
 * - A name in a value or an input list (`x`, `filters`, `lstm[0]`) denotes a member of the
 *   enclosing network or block: a parameter, a block input, a layer statement or a shared layer.
 *   The validator checks that the kind fits the position (a tensor as input, a parameter as value).
 *
 * Scopes are built once per graph and file and cached until the workspace changes, so linking
 * is linear in the number of references (rebuilding a scope per reference is quadratic). The
 * caches are also cleared by every build once scopes are computed, so they never hold on to the
 * ASTs of documents that were rebuilt or removed without a workspace update. Name scopes reuse the
 * descriptions of the graph members in the document's local symbols ({@link DfnnScopeComputation}).
 */
export class DfnnScopeProvider extends UniqueScopeProvider {
    protected readonly library: DfnnLibrary;
    protected readonly imports: DfnnImportResolver;
    protected readonly fileScopes: WorkspaceCache<string, Scope>;
    protected readonly graphScopes: WorkspaceCache<AstNode, Scope>;
    protected readonly calleeScopes: WorkspaceCache<AstNode, Scope>;
    private libraryScope?: { readonly descriptions: readonly AstNodeDescription[]; readonly scope: Scope };

    constructor(services: DfnnServices) {
        super(services);
        this.library = services.references.Library;
        this.imports = services.references.ImportResolver;
        this.fileScopes = new WorkspaceCache(services.shared, DocumentState.ComputedScopes);
        this.graphScopes = new WorkspaceCache(services.shared, DocumentState.ComputedScopes);
        this.calleeScopes = new WorkspaceCache(services.shared, DocumentState.ComputedScopes);
    }

    override getScope(context: ReferenceInfo): Scope {
        const { container, property } = context;
        if (property === 'callee' && isLayerStatement(container)) return this.getCalleeScope(container.$container);
        if (property === 'callee' && isSharedLayer(container)) return this.getFileScope(AstUtils.getDocument(container));
        if (property === 'target' && isNameExpression(container)) return this.getNameScope(container);
        return EMPTY_SCOPE;
    }

    /** What a statement of `graph` may call: its shared layers, then the file scope. */
    protected getCalleeScope(graph: GraphContainer): Scope {
        return this.calleeScopes.get(graph, () => {
            const document = AstUtils.getDocument(graph);
            const shared = graph.statements.filter(isSharedLayer);
            return this.createUniqueScope(this.describeAll(shared, document), this.getFileScope(document));
        });
    }

    /** Networks and blocks of the file, of the files it imports, then the built-in layer types. */
    protected getFileScope(document: LangiumDocument): Scope {
        return this.fileScopes.get(document.uri.toString(), () => {
            const libraryScope = this.getLibraryScope();
            const imported = this.imports.importedDocuments(document).flatMap(doc => this.topLevel(doc));
            const importedScope = this.createUniqueScope(imported, libraryScope);
            return this.createUniqueScope(this.topLevel(document), importedScope);
        });
    }

    /** The built-in layer types: one scope for all files, rebuilt only when the library's descriptions change. */
    protected getLibraryScope(): Scope {
        const descriptions = this.library.descriptions;
        if (this.libraryScope?.descriptions !== descriptions) this.libraryScope = { descriptions, scope: new MapScope(descriptions) };
        return this.libraryScope.scope;
    }

    /** The members of the graph enclosing a name; nothing for names outside a graph (e.g. in a parameter default). */
    protected getNameScope(node: AstNode): Scope {
        let graph: AstNode | undefined = node.$container;
        while (graph && !isGraphContainer(graph)) {
            if (isParameter(graph)) return EMPTY_SCOPE;
            graph = graph.$container;
        }
        if (!graph) return EMPTY_SCOPE;
        const container = graph;
        return this.graphScopes.get(container, () => {
            const document = AstUtils.getDocument(container);
            // The local symbols hold the members' descriptions once scopes are computed (before that, e.g. when a
            // reference is resolved lazily, describe them here).
            const members = document.localSymbols?.has(container)
                ? document.localSymbols.getStream(container)
                : this.describeAll(graphMembers(container), document);
            return this.createUniqueScope(members);
        });
    }

    protected topLevel(document: LangiumDocument): AstNodeDescription[] {
        const model = document.parseResult.value as DfnnModel;
        return this.describeAll((model.elements ?? []).filter(isGraphContainer), document);
    }
}
