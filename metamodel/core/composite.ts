import type { OutputEnd } from './model-graph.js';
import type { Trace } from './source.js';
import type { Value } from './values.js';

/**
 * What a language knows about composites (blocks, networks used as blocks) beyond the
 * expanded model graph: their parameters and the calls written in a graph. Generators use it
 * to rebuild a composite as a function and its calls as calls, instead of the expanded layers.
 */

/** A parameter of a composite: `filters: int`, `kernel_size = (3, 3)`. */
export interface GraphParameter {
    readonly name: string;
    /** The annotation as written (`int`). */
    readonly type?: string;
    readonly default?: Value;
    readonly trace: Trace;
}

/**
 * A call of a composite, as written in the graph that contains it
 * (`b1 = ConvBlock(filters=32)(image)`). The nodes it expanded to carry `group: [name]`.
 * Within a composite lowered on its own, an argument that passes one of its own parameters is
 * an unknown value described by the parameter's name.
 */
export interface BlockCall {
    /** The statement's name, which is also the group of the nodes it expanded to. */
    readonly name: string;
    /** The composite's name (`ConvBlock`). */
    readonly callee: string;
    readonly calleeKind: 'network' | 'block';
    /** The arguments as written: positional ones with `position`, keyword ones with `name`. */
    readonly arguments: ReadonlyArray<BlockArgument>;
    /** What the call's inputs denote, in order (`undefined` where unresolved). */
    readonly inputs: ReadonlyArray<OutputEnd | undefined>;
    /** What the call's outputs denote, in order (`undefined` where unresolved). */
    readonly outputs: ReadonlyArray<OutputEnd | undefined>;
    /** Ids of the nodes it expanded to. */
    readonly nodes: readonly string[];
    readonly trace: Trace;
}

/** One argument of a {@link BlockCall}. */
export interface BlockArgument {
    readonly name?: string;
    readonly position?: number;
    readonly value: Value;
}
