import type { BlockCall, GraphParameter, GraphValidation, ModelGraph, NetworkAnalysis, NetworkDomain } from '../../metamodel/core/index.js';

/**
 * What the Keras generators read: model graphs with their validation (resolved attributes) and
 * analysis (inferred shapes), plus the composites they call. No AST: any language that lowers
 * to model graphs can feed them.
 */
export interface GraphSource {
    readonly kind: 'network' | 'block';
    /** The lowered graph: blocks expanded (nodes carry `group`), layer names as Keras sees them. */
    readonly graph: ModelGraph;
    readonly validation: GraphValidation;
    readonly analysis: NetworkAnalysis;
    /** A block's parameters (none for a network). */
    readonly parameters: readonly GraphParameter[];
    /** The composite calls written directly in the graph. */
    readonly blockCalls: readonly BlockCall[];
}

/** The input of a generator: the networks to generate and every composite they may call. */
export interface KerasGenerationInput {
    readonly networks: readonly GraphSource[];
    /** Blocks (lowered on their own) and networks, by name: what block calls refer to. */
    readonly definitions: ReadonlyMap<string, GraphSource>;
    readonly domain: NetworkDomain;
    /** The source file's name, for the module docstring. */
    readonly sourceName?: string;
}

/** A model that cannot be generated (errors in it, or a construct the target cannot express). */
export class GenerationError extends Error {}
