import { AstUtils, DocumentCache, DocumentState } from 'langium';
import { T, toJs, type AttributeType, type JsValue } from '../../../metamodel/core/index.js';
import {
    attributeTypeOfValue, BUILTIN_OPERATIONS, operationAttributeType, type OperationAttributeSpec, type OperationPortSpec,
    type OperationReferenceSpec, type OperationSpec
} from '../../../metamodel/pipeline/index.js';
import { isEnumType, type AttributeDeclaration, type Operation } from '../../generated/ast.js';
import { TraceFactory } from '../../dfnn/lowering/traces.js';
import type { DfpServices } from '../dfp-module.js';
import { lowerResources } from '../lowering/resources.js';
import { expressionValue } from '../lowering/values.js';
import { omitsInterface, operationSections } from '../operation-sections.js';
import { interfaceFromCode, type DeclaredInterface } from '../python/interface-sync.js';
import type { PythonParameter } from '../python/python-code-reader.js';
import type { DfpLibrary } from '../references/dfp-library.js';
import type { OperationCode, OperationCodeLoader } from './operation-code.js';

/** An operation with its interface settled: declared, or inferred from its code. */
export interface ResolvedOperation {
    readonly operation: Operation;
    /** The interface as the metamodel takes it (types, defaults, required-ness from the code). */
    readonly spec: OperationSpec;
    /** The interface in declaration form (inferred from the code when the declaration omits it). */
    readonly declared: DeclaredInterface;
    /** Whether the declaration omits its interface, so that it is inferred from the code. */
    readonly inferred: boolean;
    /** The operation's code, when it has a `code` section. */
    readonly code?: OperationCode;
}

/**
 * The interfaces of operation declarations, as the pipeline metamodel needs them. A declared
 * interface is completed by the code: an attribute or reference without a default in the
 * declaration is required unless its `__init__` parameter has a default (which becomes its
 * default), and an input is required unless its `execute` parameter has a default. An
 * operation that omits its interface (no `attributes`, `inputs` or `outputs`) gets the one
 * its code implies. Built-in operations come from the metamodel. Cached per document.
 */
export interface OperationInterfaces {
    resolve(operation: Operation): ResolvedOperation;
}

export class DefaultOperationInterfaces implements OperationInterfaces {
    protected readonly codeLoader: OperationCodeLoader;
    protected readonly library: DfpLibrary;
    protected readonly cache: DocumentCache<Operation, ResolvedOperation>;
    protected readonly traces = new TraceFactory();

    constructor(services: DfpServices) {
        this.codeLoader = services.analysis.CodeLoader;
        this.library = services.references.Library;
        this.cache = new DocumentCache(services.shared, DocumentState.Linked);
    }

    resolve(operation: Operation): ResolvedOperation {
        const uri = AstUtils.getDocument(operation).uri;
        const resolved = this.cache.get(uri, operation, () => this.doResolve(operation));
        if (resolved.code?.status === 'no-reader' && this.codeLoader.load(operation)?.status !== 'no-reader') {
            const fresh = this.doResolve(operation);
            this.cache.set(uri, operation, fresh);
            return fresh;
        }
        return resolved;
    }

    protected doResolve(operation: Operation): ResolvedOperation {
        const builtin = this.library.isBuiltin(AstUtils.getDocument(operation))
            ? BUILTIN_OPERATIONS.find(spec => spec.name === operation.name) : undefined;
        if (builtin) return { operation, spec: builtin, declared: declaredFromSpec(builtin), inferred: false };
        const sections = operationSections(operation);
        const code = this.codeLoader.load(operation);
        const cls = code?.cls;
        const inferred = omitsInterface(sections);
        const referenceNames = sections.references ? new Set(sections.references.references.map(r => r.name)) : undefined;
        const declared: DeclaredInterface = inferred
            ? (cls ? withDeclaredReferences(interfaceFromCode(cls, referenceNames), operation) : { attributes: [], references: declaredReferences(operation), inputs: [], outputs: [] })
            : declaredInterface(operation);
        const initParameters = new Map((cls?.init?.parameters ?? []).map(p => [p.name, p]));
        const executeParameters = new Map((cls?.execute?.parameters ?? []).map(p => [p.name, p]));
        const declarations = new Map((sections.attributes?.attributes ?? []).map(a => [a.name, a]));

        const attributes = declared.attributes.map((attribute): OperationAttributeSpec => {
            const declaration = inferred ? undefined : declarations.get(attribute.name);
            return this.attributeSpec(attribute.name, declaration, initParameters.get(attribute.name), attribute.type);
        });
        const references = declared.references.map((reference): OperationReferenceSpec => ({
            name: reference.name, kind: reference.kind, required: !initParameters.get(reference.name)?.hasDefault
        }));
        const inputs = declared.inputs.map((input): OperationPortSpec => ({
            name: input.name, typeName: input.type, required: !executeParameters.get(input.name)?.hasDefault
        }));
        const outputs = declared.outputs.map((output): OperationPortSpec => ({ name: output.name, typeName: output.type }));
        const spec: OperationSpec = {
            name: operation.name,
            doc: operation.doc,
            attributes, references, inputs, outputs,
            code: sections.code?.path,
            environment: sections.environment?.path,
            ...(sections.resources ? { resources: lowerResources(sections.resources, this.traces).resources } : {}),
            inferred
        };
        return { operation, spec, declared, inferred, code };
    }

    /** One attribute: the declared type (or the default's), default (or the code's), range. */
    protected attributeSpec(name: string, declaration: AttributeDeclaration | undefined, parameter: PythonParameter | undefined, typeName: string | undefined): OperationAttributeSpec {
        const declaredDefault: JsValue = declaration?.default ? toJs(expressionValue(declaration.default, this.traces)) : undefined;
        const codeDefault: JsValue = parameter?.hasDefault ? parameter.default : undefined;
        const value = declaredDefault !== undefined ? declaredDefault : codeDefault;
        let type: AttributeType;
        if (declaration?.type && isEnumType(declaration.type)) type = T.enum(...declaration.type.values);
        else if (typeName !== undefined) type = operationAttributeType(typeName) ?? T.any;
        else type = value !== undefined && value !== null ? attributeTypeOfValue(value) : T.any;
        const min = declaration?.range?.min !== undefined ? Number(declaration.range.min) : undefined;
        const max = declaration?.range?.max !== undefined ? Number(declaration.range.max) : undefined;
        return {
            name, type, default: value,
            required: declaredDefault === undefined && !parameter?.hasDefault,
            ...(min !== undefined && !Number.isNaN(min) ? { min } : {}),
            ...(max !== undefined && !Number.isNaN(max) ? { max } : {})
        };
    }
}

/** The interface a declaration states, in the reader's comparison form. */
export function declaredInterface(operation: Operation): DeclaredInterface {
    const sections = operationSections(operation);
    return {
        attributes: (sections.attributes?.attributes ?? []).filter(a => a.name).map(a => {
            const type = a.type ? (isEnumType(a.type) ? a.type.values.map(v => JSON.stringify(v)).join(' | ') : a.type.name) : undefined;
            const text = a.default?.$cstNode?.text;
            return { name: a.name, ...(type !== undefined ? { type } : {}), ...(text !== undefined ? { default: text } : {}) };
        }),
        references: declaredReferences(operation),
        inputs: (sections.inputs?.ports ?? []).filter(p => p.name).map(p => ({ name: p.name, ...(p.type ? { type: p.type } : {}) })),
        outputs: (sections.outputs?.ports ?? []).filter(p => p.name).map(p => ({ name: p.name, ...(p.type ? { type: p.type } : {}) }))
    };
}

function declaredReferences(operation: Operation): DeclaredInterface['references'] {
    return (operationSections(operation).references?.references ?? []).filter(r => r.name).map(r => ({ name: r.name, kind: r.kind }));
}

/** An inferred interface keeps the kinds the `references` section declares. */
function withDeclaredReferences(inferred: DeclaredInterface, operation: Operation): DeclaredInterface {
    const kinds = new Map(declaredReferences(operation).map(r => [r.name, r.kind]));
    return { ...inferred, references: inferred.references.map(r => ({ ...r, kind: kinds.get(r.name) ?? r.kind })) };
}

function declaredFromSpec(spec: OperationSpec): DeclaredInterface {
    return {
        attributes: spec.attributes.map(a => ({ name: a.name })),
        references: spec.references.map(r => ({ name: r.name, kind: r.kind })),
        inputs: spec.inputs.map(p => ({ name: p.name })),
        outputs: spec.outputs.map(p => ({ name: p.name }))
    };
}
