import type { JsValue } from '../core/index.js';
import data from './catalogue.json' with { type: 'json' };

/**
 * The Keras layer catalogue, generated from real Keras 3 by `introspect_keras.py` and
 * committed as `catalogue.json`. Typed access to it lives here.
 */

/** A constructor argument as introspected. */
export interface CatalogueArgument {
    readonly name: string;
    readonly required?: boolean;
    /** JSON form of the Python default: tuples are arrays, `{list: […]}` is a list, `{repr}` a non-literal. */
    readonly default?: unknown;
    readonly keywordOnly?: boolean;
}

export interface CatalogueLayer {
    readonly name: string;
    readonly aliases: readonly string[];
    readonly module: string;
    readonly group: string;
    readonly doc: string;
    readonly args: readonly CatalogueArgument[];
    readonly kwargs: boolean;
    readonly bases: readonly string[];
    readonly abstract?: boolean;
    readonly unsupported?: string;
}

export interface CatalogueHelper {
    readonly kind: 'class' | 'function';
    readonly args: readonly CatalogueArgument[];
    readonly doc: string;
}

export interface Catalogue {
    readonly keras: string;
    readonly baseArguments: readonly CatalogueArgument[];
    readonly input: { readonly name: string; readonly doc: string; readonly args: readonly CatalogueArgument[] };
    readonly layers: readonly CatalogueLayer[];
    readonly helpers: Readonly<Record<'initializer' | 'regularizer' | 'constraint', Readonly<Record<string, CatalogueHelper>>>>;
    readonly activations: readonly string[];
}

export const CATALOGUE = data as unknown as Catalogue;

/** Layers that Keras 3 removed, with what to use instead (users come from tf.keras 2). */
export const REMOVED_LAYERS: Readonly<Record<string, string>> = {
    ThresholdedReLU: 'removed in Keras 3 — use `ReLU(threshold=…)`',
    LocallyConnected1D: 'removed in Keras 3 — use `Conv1D` or a `DepthwiseConv1D`',
    LocallyConnected2D: 'removed in Keras 3 — use `Conv2D` or a `DepthwiseConv2D`',
    RandomHeight: 'removed in Keras 3 — use `RandomZoom` or `Resizing`',
    RandomWidth: 'removed in Keras 3 — use `RandomZoom` or `Resizing`',
    AbstractRNNCell: 'removed in Keras 3 — subclass `Layer` in Python instead',
    CuDNNLSTM: 'removed — `LSTM` uses cuDNN automatically',
    CuDNNGRU: 'removed — `GRU` uses cuDNN automatically'
};

/** Converts a catalogue default to a plain value; non-literal defaults (`{repr}`) become `undefined`. */
export function catalogueDefault(value: unknown): JsValue {
    if (value === undefined) return undefined;
    if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map(catalogueDefault);
    if (typeof value === 'object' && value !== null && 'list' in value) return (value as { list: unknown[] }).list.map(catalogueDefault);
    return undefined;
}
