import { type AstNodeDescription, type LangiumDocument, type LangiumDocuments, type LangiumDocumentFactory, URI } from 'langium';
import { formatValue, fromJs, type AttributeType } from '../../../metamodel/core/index.js';
import { BUILTIN_OPERATIONS, type OperationSpec } from '../../../metamodel/pipeline/index.js';
import { BUILTIN_SCHEME } from '../../dfnn/references/dfnn-library.js';
import { isOperation, type DfpModel } from '../../generated/ast.js';
import type { DfpServices } from '../dfp-module.js';

/**
 * The built-in operations document (`builtin:///pipeline.dfp`): `Input` and `Output`
 * rendered as `.dfp` declarations from the pipeline metamodel. Steps calling them link to
 * these declarations like to any operation (hover, go-to-definition, completion).
 */
export interface DfpLibrary {
    /** The library document (created and registered with the workspace on first use). */
    readonly document: LangiumDocument<DfpModel>;
    /** Descriptions of the built-in operations, for scoping. */
    readonly descriptions: readonly AstNodeDescription[];
    /** Whether a document is a built-in one. */
    isBuiltin(document: LangiumDocument | URI): boolean;
}

export class DefaultDfpLibrary implements DfpLibrary {
    protected readonly documents: LangiumDocuments;
    protected readonly documentFactory: LangiumDocumentFactory;
    protected readonly services: DfpServices;
    private cachedDocument?: LangiumDocument<DfpModel>;
    private cachedDescriptions?: AstNodeDescription[];

    constructor(services: DfpServices) {
        this.services = services;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.documentFactory = services.shared.workspace.LangiumDocumentFactory;
    }

    get uri(): URI {
        return URI.parse(`${BUILTIN_SCHEME}:///pipeline.dfp`);
    }

    get document(): LangiumDocument<DfpModel> {
        if (this.cachedDocument && this.documents.hasDocument(this.cachedDocument.uri)) return this.cachedDocument;
        const uri = this.uri;
        if (this.documents.hasDocument(uri)) {
            this.cachedDocument = this.documents.getDocument(uri) as LangiumDocument<DfpModel>;
        } else {
            this.cachedDocument = this.documentFactory.fromString<DfpModel>(renderOperations(BUILTIN_OPERATIONS), uri);
            this.documents.addDocument(this.cachedDocument);
        }
        this.cachedDescriptions = undefined;
        return this.cachedDocument;
    }

    get descriptions(): readonly AstNodeDescription[] {
        const document = this.document;
        if (!this.cachedDescriptions) {
            const describer = this.services.workspace.AstNodeDescriptionProvider;
            this.cachedDescriptions = document.parseResult.value.elements
                .filter(isOperation)
                .map(operation => describer.createDescription(operation, operation.name, document));
        }
        return this.cachedDescriptions;
    }

    isBuiltin(document: LangiumDocument | URI): boolean {
        const uri = document instanceof URI ? document : document.uri;
        return uri.scheme === BUILTIN_SCHEME;
    }
}

/** Operation specs as `.dfp` declarations (the built-in library's text). */
export function renderOperations(operations: readonly OperationSpec[]): string {
    const lines = ['# The built-in operations of DeepForge pipelines, generated from the pipeline metamodel. Read-only.'];
    for (const spec of operations) lines.push('', ...renderOperation(spec));
    lines.push('');
    return lines.join('\n');
}

/** One operation spec as a `.dfp` declaration. */
export function renderOperation(spec: OperationSpec): string[] {
    const lines = [`operation ${spec.name}${spec.doc ? ` ${JSON.stringify(spec.doc)}` : ''} {`];
    if (spec.attributes.length > 0) {
        const attributes = spec.attributes.map(a => {
            const type = renderAttributeType(a.type);
            const value = a.default === undefined ? '' : ` = ${formatValue(fromJs(a.default))}`;
            const range = a.min !== undefined || a.max !== undefined ? ` [${a.min ?? ''}..${a.max ?? ''}]` : '';
            return `${a.name}${type ? `: ${type}` : ''}${value}${range}`;
        });
        lines.push(`    attributes { ${attributes.join(', ')} }`);
    }
    if (spec.references.length > 0) lines.push(`    references { ${spec.references.map(r => `${r.name}: ${r.kind}`).join(', ')} }`);
    const ports = (ports: OperationSpec['inputs']) => ports.map(p => p.typeName ? `${p.name}: ${p.typeName}` : p.name).join(', ');
    if (spec.inputs.length > 0) lines.push(`    inputs ${ports(spec.inputs)}`);
    if (spec.outputs.length > 0) lines.push(`    outputs ${ports(spec.outputs)}`);
    if (spec.code) lines.push(`    code ${JSON.stringify(spec.code)}`);
    if (spec.environment) lines.push(`    environment ${JSON.stringify(spec.environment)}`);
    lines.push('}');
    return lines;
}

/** An attribute type as a `.dfp` declaration writes it: `int`, `str`, `"adam" | "sgd"`; `undefined` for `any`. */
export function renderAttributeType(type: AttributeType): string | undefined {
    switch (type.kind) {
        case 'int': case 'float': case 'bool': return type.kind;
        case 'string': return 'str';
        case 'enum': return type.values.map(v => JSON.stringify(v)).join(' | ');
        case 'list': case 'tuple': return 'list';
        default: return undefined;
    }
}
