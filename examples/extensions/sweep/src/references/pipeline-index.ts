import { AstUtils, UriUtils, type AstNode, type AstNodeDescription, type IndexManager, type LangiumDocument, type LangiumDocuments, type Reference, type URI } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { OperationSpec } from 'deepforge-ts';
import type { SweepModel } from '../generated/ast.js';

/**
 * A `.dfp` pipeline as the sweep language sees it. The `.dfp` AST types belong to the core's
 * grammar; the sweep language only relies on these few properties of them.
 */
export interface PipelineNode extends AstNode {
    readonly $type: 'Pipeline';
    readonly name: string;
    readonly steps: readonly StepNode[];
}

/** A step of a `.dfp` pipeline (`trained = TrainDigits(epochs=10)(…)`). */
export interface StepNode extends AstNode {
    readonly $type: 'Step';
    readonly name?: string;
    readonly operation?: Reference<AstNode & { name: string }>;
}

/** The `.dfp` language's services, as far as the sweep language uses them. */
interface PipelineLanguageServices {
    readonly analysis?: {
        readonly OperationInterfaces?: { resolve(operation: AstNode): { readonly spec: OperationSpec } };
    };
}

export function isPipelineNode(node: unknown): node is PipelineNode {
    return typeof node === 'object' && node !== null && (node as AstNode).$type === 'Pipeline' && Array.isArray((node as PipelineNode).steps);
}

export function isStepNode(node: unknown): node is StepNode {
    return typeof node === 'object' && node !== null && (node as AstNode).$type === 'Step';
}

/**
 * Finds what a sweep refers to across languages: the pipelines of the workspace (the shared
 * Langium index, in which `.dfp` documents export their pipelines), their named steps, and the
 * interface of a step's operation (attribute types, defaults, ranges) from the `.dfp`
 * language's own analysis — declared, or inferred from the operation's Python code.
 */
export interface PipelineIndex {
    /**
     * The pipelines a sweep in `document` may name: those of the files it imports first, then
     * every other pipeline of the workspace; the first of a name wins.
     */
    pipelines(document: LangiumDocument): AstNodeDescription[];
    /** The named steps of a pipeline, in order. */
    steps(pipeline: PipelineNode): StepNode[];
    /** The interface of a step's operation; `undefined` when the operation is unresolved. */
    operationSpec(step: StepNode): OperationSpec | undefined;
    /** The `.dfp` documents `document` imports (loaded ones), in import order. */
    importedDocuments(document: LangiumDocument): LangiumDocument[];
    /** The URI an `import "…"` of `document` denotes. */
    resolveImport(document: LangiumDocument, importPath: string): URI;
}

export class DefaultPipelineIndex implements PipelineIndex {
    protected readonly indexManager: IndexManager;
    protected readonly documents: LangiumDocuments;
    protected readonly services: LangiumServices;

    constructor(services: LangiumServices) {
        this.services = services;
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    pipelines(document: LangiumDocument): AstNodeDescription[] {
        const seen = new Set<string>();
        const result: AstNodeDescription[] = [];
        const add = (description: AstNodeDescription) => {
            if (description.type !== 'Pipeline' || seen.has(description.name)) return;
            seen.add(description.name);
            result.push(description);
        };
        const imported = this.importedDocuments(document);
        for (const doc of imported) {
            for (const description of this.indexManager.allElements(undefined, new Set([doc.uri.toString()]))) add(description);
        }
        for (const description of this.indexManager.allElements()) add(description);
        return result;
    }

    steps(pipeline: PipelineNode): StepNode[] {
        return (pipeline.steps ?? []).filter(step => typeof step.name === 'string' && step.name.length > 0);
    }

    operationSpec(step: StepNode): OperationSpec | undefined {
        const operation = step.operation?.ref;
        if (!operation) return undefined;
        const document = AstUtils.getDocument(operation);
        const language = this.services.shared.ServiceRegistry.getServices(document.uri) as unknown as PipelineLanguageServices;
        return language.analysis?.OperationInterfaces?.resolve(operation).spec;
    }

    importedDocuments(document: LangiumDocument): LangiumDocument[] {
        const model = document.parseResult.value as SweepModel;
        const result: LangiumDocument[] = [];
        for (const node of model.imports ?? []) {
            if (!node.path) continue;
            const uri = this.resolveImport(document, node.path);
            const imported = this.documents.hasDocument(uri) ? this.documents.getDocument(uri) : undefined;
            if (imported && !result.includes(imported)) result.push(imported);
        }
        return result;
    }

    resolveImport(document: LangiumDocument, importPath: string): URI {
        return UriUtils.resolvePath(UriUtils.dirname(document.uri), importPath);
    }
}
