import type { Diagnostic } from './diagnostic.js';
import type { Metamodel } from './metamodel.js';
import type { ModelGraph } from './model-graph.js';
import type { GraphValidation } from './validation-engine.js';

/**
 * What a language of layer networks (`.dfnn`) needs from its domain: a metamodel of layer
 * types applied to tensors, the validation and analysis passes over a lowered network, and
 * a few conventions of the domain. The language itself knows no layer by name; Keras is one
 * such domain (`metamodel/keras/network-domain.ts`).
 */
export interface NetworkDomain {
    /** The layer types. Every non-abstract meta-type (and alias) is a name users may call. */
    readonly metamodel: Metamodel;
    /** The meta-type of a network's inputs (`Input`); a network used as a block takes these in order. */
    readonly inputType: string;
    /** The input port a layer is applied on (one variadic port). */
    readonly inputPort: string;
    /** Node meta key marking a shared layer's declaration (declared, not applied). */
    readonly sharedDeclarationKey: string;
    /** Node meta key on a shared layer's application: the declaration's node id. */
    readonly sharedApplicationKey: string;
    /** Why `name` is not a layer type when the domain knows more than "unknown" (e.g. removed from the library). */
    explainUnknownType(name: string): string | undefined;
    /** Checks a network against the metamodel and the domain's own rules (attributes, ports, nested values). */
    validate(graph: ModelGraph): GraphValidation;
    /** Shape and weight analysis of a validated network. Never throws for bad models. */
    analyze(graph: ModelGraph, validation: GraphValidation): NetworkAnalysis;
    /** Renders a tensor shape as the domain prints it: `(None, 32, 32, 3)`. */
    formatShape(shape: TensorShape): string;
}

/** A tensor shape including the batch axis; `null` is an unknown size. */
export type TensorShape = readonly (number | null)[];

/** What analysis found for one layer; absent fields are unknown (an upstream error, say). */
export interface LayerAnalysis {
    readonly outputs?: readonly TensorShape[];
    readonly inputs?: readonly TensorShape[];
    readonly trainable?: number;
    readonly nonTrainable?: number;
    /** For applications of a shared layer: the node that owns the weights. */
    readonly sharesWeightsWith?: string;
}

/** Shapes and weight counts of a whole network. */
export interface NetworkAnalysis {
    /** By node id. */
    readonly layers: ReadonlyMap<string, LayerAnalysis>;
    readonly diagnostics: readonly Diagnostic[];
    readonly trainable: number;
    readonly nonTrainable: number;
    readonly total: number;
    /** Whether every layer's shapes and counts are known. */
    readonly complete: boolean;
}
