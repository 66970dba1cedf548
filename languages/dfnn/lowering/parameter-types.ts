import { T, type AttributeType } from '../../../metamodel/core/index.js';

/**
 * The types a block parameter may be annotated with (`filters: int`). They are the
 * metamodel's generic attribute types under the names a Python user writes.
 */
export const PARAMETER_TYPES: Readonly<Record<string, AttributeType>> = {
    int: T.int,
    float: T.float,
    bool: T.bool,
    str: T.string,
    string: T.string,
    tuple: T.tuple(),
    list: T.list(),
    shape: T.shape,
    any: T.any
};

/** The attribute type of a parameter annotation, or `undefined` for an unknown name. */
export function parameterType(name: string | undefined): AttributeType | undefined {
    if (name === undefined) return T.any;
    return Object.prototype.hasOwnProperty.call(PARAMETER_TYPES, name) ? PARAMETER_TYPES[name] : undefined;
}
