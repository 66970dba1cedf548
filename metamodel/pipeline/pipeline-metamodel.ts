import { T } from '../core/attribute-types.js';
import { Arity, type AttributeDef, type MetaType } from '../core/meta-type.js';
import { Metamodel } from '../core/metamodel.js';
import type { OperationSpec } from './operation-spec.js';

/** The name of pipeline metamodels (the `metamodel` of a lowered pipeline graph). */
export const PIPELINE_METAMODEL = 'pipeline';
/** The abstract base meta-type of every operation. */
export const OPERATION_TYPE = 'Operation';
/** The built-in operation reading an artifact from the store. */
export const INPUT_OPERATION = 'Input';
/** The built-in operation writing an artifact to the store. */
export const OUTPUT_OPERATION = 'Output';
/** The port of the built-ins: `Input`'s output, `Output`'s input. */
export const ARTIFACT_PORT = 'data';
/** Meta-type meta key: the operation's {@link OperationSpec}. */
export const OPERATION_SPEC = 'operation';

/** Names a user operation cannot take: the base meta-type. */
export const RESERVED_OPERATION_NAMES: ReadonlySet<string> = new Set([OPERATION_TYPE]);

/**
 * The base of every operation. An operation is a Python class: `__init__` takes its
 * attributes and references, `execute` its inputs and returns its outputs. Steps of a
 * pipeline are nodes typed by an operation's meta-type.
 */
export const OPERATION_META_TYPE: MetaType = {
    name: OPERATION_TYPE,
    abstract: true,
    doc: 'A Python operation: `__init__` takes the attributes and references, `execute` the inputs and returns the outputs.',
    meta: { kind: 'operation' }
};

/** The built-in operations, as specs (the language renders them as declarations too). */
export const BUILTIN_OPERATIONS: readonly OperationSpec[] = [
    {
        name: INPUT_OPERATION,
        doc: 'Reads an artifact from the store: its one output `data` is the saved value.',
        attributes: [{ name: 'artifact', type: T.string, required: true, doc: 'The name of the artifact to read.' }],
        // A `Dataset` entry of an imported data catalogue (a data-only language): its file is the input (docs/model-syntax.md).
        references: [{ name: 'dataset', kind: 'dataset', required: false }],
        inputs: [],
        outputs: [{ name: ARTIFACT_PORT }],
        builtin: true
    },
    {
        name: OUTPUT_OPERATION,
        doc: 'Saves its one input `data` to the store as an artifact.',
        attributes: [{ name: 'save_name', type: T.string, required: true, doc: 'The name to save the artifact under.' }],
        references: [],
        inputs: [{ name: ARTIFACT_PORT, required: true }],
        outputs: [],
        builtin: true
    }
];

/**
 * The meta-type of an operation: derived from {@link OPERATION_TYPE}, with one attribute per
 * declared attribute (typed by the metamodel's attribute types, with default and range), one
 * reference per reference, and one port per input and output. A required input takes exactly
 * one connection, an optional one (its `execute` parameter has a default) at most one.
 */
export function operationMetaType(spec: OperationSpec): MetaType {
    return {
        name: spec.name,
        base: OPERATION_TYPE,
        doc: spec.doc,
        attributes: spec.attributes.map((attribute): AttributeDef => ({
            name: attribute.name,
            type: attribute.type,
            default: attribute.default,
            required: attribute.required,
            min: attribute.min,
            max: attribute.max,
            doc: attribute.doc
        })),
        references: spec.references.map(reference => ({ name: reference.name, target: reference.kind, required: reference.required })),
        inputs: spec.inputs.map(port => ({
            name: port.name,
            typeName: port.typeName,
            arity: port.required === false ? Arity.atMost(1) : Arity.exactly(1)
        })),
        outputs: spec.outputs.map(port => ({ name: port.name, typeName: port.typeName, arity: Arity.any })),
        meta: { [OPERATION_SPEC]: spec }
    };
}

/** The operation spec a meta-type was made from. */
export function operationSpecOf(type: MetaType): OperationSpec | undefined {
    return type.meta?.[OPERATION_SPEC] as OperationSpec | undefined;
}

/**
 * A pipeline metamodel: the base {@link OPERATION_TYPE}, the given operations (e.g. those a
 * pipeline uses) and the built-ins. The first operation of a name wins, so a user operation
 * named like a built-in shadows it (languages warn); the reserved base name is skipped.
 */
export function createPipelineMetamodel(operations: Iterable<OperationSpec> = []): Metamodel {
    const metamodel = new Metamodel(PIPELINE_METAMODEL, [OPERATION_META_TYPE]);
    for (const spec of [...operations, ...BUILTIN_OPERATIONS]) {
        if (RESERVED_OPERATION_NAMES.has(spec.name) || metamodel.has(spec.name)) continue;
        metamodel.add(operationMetaType(spec));
    }
    return metamodel;
}
