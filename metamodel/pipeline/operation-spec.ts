import { T, type AttributeType } from '../core/attribute-types.js';
import type { JsValue } from '../core/values.js';
import type { OperationResources } from './resources.js';

/**
 * An operation's interface as plain data: what a pipeline language declares (or infers from
 * the operation's code) and the pipeline metamodel turns into a meta-type. No language, no
 * I/O: a tool may build these by hand.
 */
export interface OperationSpec {
    readonly name: string;
    readonly doc?: string;
    /** `__init__` parameters that are plain values, in declaration order. */
    readonly attributes: readonly OperationAttributeSpec[];
    /** `__init__` parameters that take a model element (`architecture: network`). */
    readonly references: readonly OperationReferenceSpec[];
    /** `execute` parameters, in order. */
    readonly inputs: readonly OperationPortSpec[];
    /** What `execute` returns, in order. */
    readonly outputs: readonly OperationPortSpec[];
    /** The Python file holding the operation's class, as written (relative to the declaring file). */
    readonly code?: string;
    /** A conda-style dependency file, as written. */
    readonly environment?: string;
    /** What its steps ask the compute for (`resources { … }`); the project's defaults fill the rest. */
    readonly resources?: OperationResources;
    /** Whether the interface was inferred from the code rather than declared. */
    readonly inferred?: boolean;
    /** A built-in operation (`Input`, `Output`): no code of its own, run by the engine. */
    readonly builtin?: boolean;
}

export interface OperationAttributeSpec {
    readonly name: string;
    readonly type: AttributeType;
    /** The default; `undefined` when there is none. */
    readonly default?: JsValue;
    /** Required: neither the declaration nor the code gives a default. */
    readonly required?: boolean;
    /** Inclusive bounds. */
    readonly min?: number;
    readonly max?: number;
    readonly doc?: string;
}

export interface OperationReferenceSpec {
    readonly name: string;
    /** The kind of element it takes: one of {@link REFERENCE_KINDS}. */
    readonly kind: string;
    /** Required unless the code gives the parameter a default. */
    readonly required?: boolean;
}

export interface OperationPortSpec {
    readonly name: string;
    /** An optional type name (`ndarray`), for documentation and diagrams. */
    readonly typeName?: string;
    /** For inputs: whether the input must be connected (its `execute` parameter has no default). */
    readonly required?: boolean;
}

/**
 * The attribute types an operation may declare, under the names a Python user writes, mapped
 * to the metamodel's generic attribute types. Enums are written `"adam" | "sgd"`.
 */
export const OPERATION_ATTRIBUTE_TYPES: Readonly<Record<string, AttributeType>> = {
    int: T.int,
    float: T.float,
    bool: T.bool,
    str: T.string,
    list: T.list(),
    tuple: T.list(),
    any: T.any
};

/** The attribute type named `name` (`int`, `str`, …), or `undefined` for an unknown name. */
export function operationAttributeType(name: string): AttributeType | undefined {
    return Object.prototype.hasOwnProperty.call(OPERATION_ATTRIBUTE_TYPES, name) ? OPERATION_ATTRIBUTE_TYPES[name] : undefined;
}

/** The type a literal default implies when the declaration names none: `32` → int, `"adam"` → str. */
export function attributeTypeOfValue(value: JsValue): AttributeType {
    if (typeof value === 'boolean') return T.bool;
    if (typeof value === 'number') return Number.isInteger(value) ? T.int : T.float;
    if (typeof value === 'string') return T.string;
    if (Array.isArray(value)) return T.list();
    return T.any;
}

/**
 * The kinds of model elements a reference may take, and what an operation receives for each
 * at run time. `network`: a network of a `.dfnn` file, received as the built Keras model
 * (DeepForge's "resource").
 */
export const REFERENCE_KINDS: Readonly<Record<string, string>> = {
    network: 'a network of a .dfnn file; the operation receives the built Keras model'
};
