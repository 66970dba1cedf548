import { type AstNodeDescription, type LangiumDocument, URI } from 'langium';
import { formatValue, fromJs, type AttributeType } from '../../../metamodel/core/index.js';
import { BUILTIN_OPERATIONS, type OperationSpec } from '../../../metamodel/pipeline/index.js';
import { BUILTIN_SCHEME, BuiltinLibrary } from '../../common/builtin-library.js';
import { isOperation, type DfpModel, type Operation } from '../../generated/ast.js';
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

/** The default {@link DfpLibrary}: `builtin:///pipeline.dfp`, the built-in operations. */
export class DefaultDfpLibrary extends BuiltinLibrary<DfpModel> implements DfpLibrary {
    constructor(services: DfpServices) {
        super(services);
    }

    get uri(): URI {
        return URI.parse(`${BUILTIN_SCHEME}:///pipeline.dfp`);
    }

    protected render(): string {
        return renderOperations(BUILTIN_OPERATIONS);
    }

    protected declarations(root: DfpModel): Operation[] {
        return root.elements.filter(isOperation);
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
