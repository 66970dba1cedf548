import type { AttributeType } from './attribute-types.js';
import type { JsValue } from './values.js';

/** How many connections a port takes. */
export type Arity =
    | { readonly kind: 'exactly'; readonly n: number }
    | { readonly kind: 'atLeast'; readonly n: number }
    /** Optional ports: `atMost(1)` takes nothing or one connection (a pipeline input with a default). */
    | { readonly kind: 'atMost'; readonly n: number }
    | { readonly kind: 'any' };

export const Arity = {
    exactly: (n: number): Arity => ({ kind: 'exactly', n }),
    atLeast: (n: number): Arity => ({ kind: 'atLeast', n }),
    atMost: (n: number): Arity => ({ kind: 'atMost', n }),
    any: { kind: 'any' } as Arity,
    /** Whether `count` connections satisfy the arity. */
    accepts(arity: Arity, count: number): boolean {
        switch (arity.kind) {
            case 'exactly': return count === arity.n;
            case 'atLeast': return count >= arity.n;
            case 'atMost': return count <= arity.n;
            case 'any': return true;
        }
    },
    /** The most connections the arity takes (`Infinity` when unbounded). */
    max(arity: Arity): number {
        return arity.kind === 'exactly' || arity.kind === 'atMost' ? arity.n : Infinity;
    },
    /** "exactly one input", "at least 2 inputs", "any number of inputs". */
    describe(arity: Arity, noun = 'input'): string {
        const plural = (n: number) => (n === 1 ? noun : `${noun}s`);
        const words = ['no', 'one', 'two', 'three'];
        switch (arity.kind) {
            case 'exactly': return arity.n === 0 ? `no ${noun}s` : `exactly ${words[arity.n] ?? arity.n} ${plural(arity.n)}`;
            case 'atLeast': return `at least ${words[arity.n] ?? arity.n} ${plural(arity.n)}`;
            case 'atMost': return `at most ${words[arity.n] ?? arity.n} ${plural(arity.n)}`;
            case 'any': return `any number of ${noun}s`;
        }
    }
};

/** An attribute of a meta-type. Attribute order matters: it is the positional order. */
export interface AttributeDef {
    readonly name: string;
    readonly type: AttributeType;
    /** The default, as a plain value; `undefined` when there is none. */
    readonly default?: JsValue;
    /** A missing required attribute is an error. */
    readonly required?: boolean;
    /** Inclusive numeric bounds. */
    readonly min?: number;
    readonly max?: number;
    readonly doc?: string;
    /** Accepted only by keyword (Python keyword-only parameters, `**kwargs` base arguments). */
    readonly keywordOnly?: boolean;
}

/** A port: where connections attach. */
export interface PortDef {
    readonly name: string;
    readonly arity: Arity;
    /** An optional type name (e.g. `ndarray`) for documentation and diagrams. */
    readonly typeName?: string;
    readonly doc?: string;
}

/** A reference to another model element by name (e.g. an operation's `architecture: network`). */
export interface ReferenceDef {
    readonly name: string;
    /** The meta-type (or kind) the referenced element must have. */
    readonly target: string;
    readonly required?: boolean;
    readonly doc?: string;
}

/**
 * A meta-type, WebGME-style: a named type of model element with attributes, ports and
 * references, inheriting from a base meta-type.
 */
export interface MetaType {
    readonly name: string;
    /** The base meta-type's name; its attributes, ports and references are inherited. */
    readonly base?: string;
    readonly abstract?: boolean;
    readonly doc?: string;
    /** Other names that denote this type (Keras aliases such as `Convolution2D`). */
    readonly aliases?: readonly string[];
    readonly attributes?: readonly AttributeDef[];
    readonly inputs?: readonly PortDef[];
    readonly outputs?: readonly PortDef[];
    readonly references?: readonly ReferenceDef[];
    /** Named meta-types this one may contain (containment). */
    readonly contains?: readonly string[];
    /** Free-form, domain-specific data (e.g. the Keras catalogue group). */
    readonly meta?: Readonly<Record<string, unknown>>;
}
