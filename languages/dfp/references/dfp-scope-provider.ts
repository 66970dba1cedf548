import {
    AstUtils, EMPTY_SCOPE, MapScope, WorkspaceCache, type AstNode, type AstNodeDescription,
    type LangiumDocument, type ReferenceInfo, type Scope
} from 'langium';
import { isDfpModel, isDfnnModel, isModelDocument, isModelNodeDeclaration, isNameExpression, isOperation, isPipeline, isStep, isStepInput, type Pipeline } from '../../generated/ast.js';
import { isGraphContainer } from '../../dfnn/references/dfnn-scope-provider.js';
import type { DfpServices } from '../dfp-module.js';
import type { DfpImportResolver } from './dfp-import-resolver.js';
import type { DfpLibrary } from './dfp-library.js';
import { UniqueScopeProvider } from '../../common/unique-scope-provider.js';

/**
 * Scoping of `.dfp` cross-references, across files and across the two languages.
 *
 * - The operation of a step (`TrainCifar` in `trained = TrainCifar(…)(…)`) is looked up in the
 *   operations of this file, then of the imported `.dfp` files, then the built-ins (`Input`,
 *   `Output`). An operation named like a built-in shadows it (the validator warns).
 * - The source of a step input (`data` in `images=data.train_images`) is a step of the
 *   enclosing pipeline (earlier or later: the checker reports cycles).
 * - A name in an argument (`VGG` in `architecture=VGG`) is a top-level element of this file or
 *   of an imported one, of either language: operations and pipelines of `.dfp` files, networks
 *   and blocks of `.dfnn` files. Whether its kind fits the reference is the validator's call,
 *   so that a pipeline where a network is expected is reported as such rather than as unknown.
 *
 * Scopes are built once per file (or pipeline) and cached until the workspace changes.
 */
export class DfpScopeProvider extends UniqueScopeProvider {
    protected readonly library: DfpLibrary;
    protected readonly imports: DfpImportResolver;
    protected readonly operationScopes: WorkspaceCache<string, Scope>;
    protected readonly elementScopes: WorkspaceCache<string, Scope>;
    protected readonly stepScopes: WorkspaceCache<AstNode, Scope>;

    constructor(services: DfpServices) {
        super(services);
        this.library = services.references.Library;
        this.imports = services.references.ImportResolver;
        this.operationScopes = new WorkspaceCache(services.shared);
        this.elementScopes = new WorkspaceCache(services.shared);
        this.stepScopes = new WorkspaceCache(services.shared);
    }

    override getScope(context: ReferenceInfo): Scope {
        const { container, property } = context;
        if (property === 'operation' && isStep(container)) return this.getOperationScope(AstUtils.getDocument(container));
        if (property === 'source' && isStepInput(container)) {
            const pipeline = AstUtils.getContainerOfType(container, isPipeline);
            return pipeline ? this.getStepScope(pipeline) : EMPTY_SCOPE;
        }
        if (property === 'target' && isNameExpression(container)) return this.getElementScope(AstUtils.getDocument(container));
        return EMPTY_SCOPE;
    }

    /** Operations of the file, then of imported `.dfp` files, then the built-ins. */
    protected getOperationScope(document: LangiumDocument): Scope {
        return this.operationScopes.get(document.uri.toString(), () => {
            const builtins = new MapScope(this.library.descriptions);
            const imported = this.imports.importedDocuments(document).flatMap(doc => this.topLevel(doc, isOperation));
            return this.createUniqueScope(this.topLevel(document, isOperation), this.createUniqueScope(imported, builtins));
        });
    }

    /** Every top-level element of the file and of the files it imports (both languages). */
    protected getElementScope(document: LangiumDocument): Scope {
        return this.elementScopes.get(document.uri.toString(), () => {
            const imported = this.imports.importedDocuments(document).flatMap(doc => this.topLevel(doc));
            return this.createUniqueScope(this.topLevel(document), this.createUniqueScope(imported));
        });
    }

    /** The named steps of a pipeline. */
    protected getStepScope(pipeline: Pipeline): Scope {
        return this.stepScopes.get(pipeline, () => this.createUniqueScope(this.describeAll(pipeline.steps, AstUtils.getDocument(pipeline))));
    }

    /**
     * The top-level elements of a document, of either language: operations and pipelines of a
     * `.dfp` file, networks and blocks of a `.dfnn` file (built-in documents are not elements).
     */
    protected topLevel(document: LangiumDocument, filter: (node: AstNode) => boolean = () => true): AstNodeDescription[] {
        if (this.library.isBuiltin(document)) return [];
        const root = document.parseResult.value;
        const elements: AstNode[] = isDfpModel(root) ? [...root.elements ?? []]
            : isDfnnModel(root) ? (root.elements ?? []).filter(isGraphContainer)
                : isModelDocument(root) ? (root.members ?? []).filter(isModelNodeDeclaration)
                    : [];
        return this.describeAll(elements.filter(filter), document);
    }
}
