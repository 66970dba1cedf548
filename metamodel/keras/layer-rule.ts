import type { Arity, AttributeType, JsValue } from '../core/index.js';
import type { Shape } from './shape.js';

/** A layer's constructor arguments as plain values, every default filled in (Python tuples are arrays). */
export type LayerArgs = Readonly<Record<string, JsValue>>;

/** What a layer produces for given inputs. */
export interface LayerResult {
    /** One shape per output (most layers have one; `LSTM(return_state=True)` has three). */
    readonly outputs: readonly Shape[];
    readonly trainable: number;
    readonly nonTrainable: number;
}

/** A nested layer given as an argument value (`Bidirectional(LSTM(8))`), args defaults filled. */
export interface NestedLayer {
    readonly type: string;
    readonly args: LayerArgs;
}

/** What a rule sees besides the input shapes. */
export interface RuleContext {
    /** The canonical Keras class name. */
    readonly type: string;
    readonly args: LayerArgs;
    /** Reads a nested layer argument (wrappers, `RNN(cell)`); throws a LayerError if it is not a layer. */
    nestedLayer(argument: string): NestedLayer;
    /**
     * Reads an argument holding one nested layer or a list/tuple of them (`RNN(cell)`,
     * `RNN([cell1, cell2])`, `StackedRNNCells([…])`); throws a LayerError if an item is not a layer.
     * With `owner`, reads the argument of that nested layer instead (`RNN(StackedRNNCells([…]))`).
     */
    nestedLayers(argument: string, owner?: NestedLayer): NestedLayer[];
    /** Runs the rule of a nested layer on given input shapes (rank checks included). */
    inferNested(layer: NestedLayer, inputs: readonly Shape[]): LayerResult;
}

/** The input rank a layer accepts (Keras' `input_spec`), checked for every input before `output`. */
export interface RankRule {
    readonly ndim?: number;
    readonly minNdim?: number;
    readonly maxNdim?: number;
    /** How the axes read, for messages: `(batch, h, w, c)`. */
    readonly axes?: string;
}

/**
 * Everything the checker knows about one Keras layer beyond its constructor signature
 * (which comes from the generated catalogue). Rules throw {@link LayerError} for what
 * Keras rejects, with the argument or input the error concerns.
 */
export interface LayerRule {
    /** How many inputs the layer is called on. Default: exactly one. */
    readonly inputs?: Arity;
    /** Input rank accepted (per input); a function when it depends on arguments. */
    readonly rank?: RankRule | ((ctx: RuleContext) => RankRule | undefined);
    /** Types of arguments, overriding the name-based defaults of `argument-types.ts`. */
    readonly argTypes?: Readonly<Record<string, AttributeType>>;
    /** Inclusive numeric bounds of arguments (e.g. `units` ≥ 1, `rate` in [0, 1]). */
    readonly argRanges?: Readonly<Record<string, { readonly min?: number; readonly max?: number }>>;
    /** Arguments required beyond the signature (`Input` needs `shape` or `batch_shape`). */
    checkArgs?(ctx: RuleContext): void;
    /** Output shape(s) for the given input shapes (batch axis included). */
    output(inputs: readonly Shape[], ctx: RuleContext): Shape | readonly Shape[];
    /** Weight counts once built on `inputs`. Default: no weights. A number means all trainable. */
    params?(inputs: readonly Shape[], ctx: RuleContext): number | { trainable: number; nonTrainable: number };
    /** For layers whose output shape depends on data or vocabulary: what the rule assumes. */
    readonly note?: string;
    /** Whether `output` returns several outputs (a tuple) — then `layer[i]` selects one. */
    readonly multiOutput?: boolean | ((ctx: RuleContext) => boolean);
}
