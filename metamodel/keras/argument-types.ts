import { T, type AttributeType, type JsValue } from '../core/index.js';
import catalogue from './catalogue.json' with { type: 'json' };

/**
 * Types of Keras layer arguments by argument name. Keras spells the same concept the same
 * way across layers (`kernel_size`, `padding`, `*_initializer`), so one table types most of
 * the ~500 arguments of the catalogue; layer rules override where a layer differs
 * (`Conv1D` also accepts `padding="causal"`).
 */

/** Names Keras accepts for activations (`activation="relu"`). */
export const ACTIVATIONS: readonly string[] = catalogue.activations;

const helperNames = (category: keyof typeof catalogue.helpers) => Object.keys(catalogue.helpers[category]);

/** An activation: a name or None (callables cannot be written in a .dfnn file). */
const activation = T.optional(T.union(T.enum(...ACTIVATIONS), T.object('activation')));
/** An initializer/regularizer/constraint: a registered name, a helper call like `l2(0.01)`, or None. */
const helper = (category: 'initializer' | 'regularizer' | 'constraint') =>
    T.optional(T.union(T.string, T.object(category)));

const BY_NAME: Record<string, AttributeType> = {
    units: T.int,
    filters: T.int,
    kernel_size: T.tuple(undefined, true),
    strides: T.optional(T.tuple(undefined, true)),
    dilation_rate: T.tuple(undefined, true),
    pool_size: T.tuple(undefined, true),
    // Keras lower-cases both (`standardize_padding`, `standardize_data_format`).
    padding: T.enumIgnoreCase('valid', 'same'),
    data_format: T.optional(T.enumIgnoreCase('channels_last', 'channels_first')),
    activation,
    recurrent_activation: activation,
    use_bias: T.bool,
    groups: T.int,
    depth_multiplier: T.int,
    rate: T.float,
    dropout: T.float,
    recurrent_dropout: T.float,
    seed: T.optional(T.int),
    axis: T.union(T.int, T.list(T.int), T.tuple()),
    epsilon: T.float,
    momentum: T.float,
    center: T.bool,
    scale: T.bool,
    return_sequences: T.bool,
    return_state: T.bool,
    go_backwards: T.bool,
    stateful: T.bool,
    unroll: T.bool,
    keepdims: T.bool,
    name: T.optional(T.string),
    dtype: T.optional(T.union(T.string, T.object('dtype'))),
    trainable: T.bool,
    autocast: T.bool,
    input_shape: T.optional(T.shape),
    input_dim: T.optional(T.int),
    input_length: T.optional(T.int),
    shape: T.optional(T.shape),
    batch_shape: T.optional(T.shape),
    batch_size: T.optional(T.int),
    target_shape: T.shape,
    output_padding: T.optional(T.tuple(undefined, true)),
    activity_regularizer: helper('regularizer'),
    lora_rank: T.optional(T.int),
    lora_alpha: T.optional(T.float),
    interpolation: T.string,
    noise_shape: T.optional(T.shape),
    layer: T.object('layer'),
    backward_layer: T.optional(T.object('layer')),
    cell: T.union(T.object('layer'), T.list(T.object('layer'))),
    cells: T.list(T.object('layer'))
};

/** The type of an argument of a layer, from its name (then from its default's Python type). */
export function argumentType(name: string, defaultValue: JsValue | { repr: string } | { list: JsValue[] } | undefined): AttributeType {
    const byName = BY_NAME[name];
    if (byName) return byName;
    if (name.endsWith('_initializer')) return helper('initializer');
    if (name.endsWith('_regularizer')) return helper('regularizer');
    if (name.endsWith('_constraint')) return helper('constraint');
    if (name.endsWith('_activation')) return activation;
    if (defaultValue === undefined || defaultValue === null) return T.any;
    if (typeof defaultValue === 'boolean') return T.bool;
    // Python ints often stand for floats in Keras defaults (`offset=0`), so an int default accepts floats.
    if (typeof defaultValue === 'number') return T.float;
    if (typeof defaultValue === 'string') return T.string;
    if (Array.isArray(defaultValue)) return T.union(T.tuple(), T.list());
    return T.any;
}

/** Helper objects that initializer/regularizer/constraint arguments accept, by category. */
export function helperCatalogue(): Record<string, readonly string[]> {
    return {
        initializer: helperNames('initializer'),
        regularizer: helperNames('regularizer'),
        constraint: helperNames('constraint')
    };
}
