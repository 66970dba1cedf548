import { Arity, Metamodel, type AttributeDef, type MetaType } from '../core/index.js';
import { argumentType } from './argument-types.js';
import { CATALOGUE, catalogueDefault, type CatalogueArgument, type CatalogueLayer } from './catalogue.js';
import type { LayerRule } from './layer-rule.js';
import { LAYER_RULES } from './rules/index.js';

/** The abstract base meta-type of every layer: the arguments `keras.layers.Layer` takes. */
export const LAYER_BASE = 'Layer';
/** The meta-type of `Input(shape=…)`. */
export const INPUT_TYPE = 'Input';

/** The name of the (single, variadic) input port of a layer, and of its output port. */
export const LAYER_INPUT_PORT = 'inputs';
export const LAYER_OUTPUT_PORT = 'output';

function attributeDefs(args: readonly CatalogueArgument[], rule: LayerRule | undefined, keywordOnly = false): AttributeDef[] {
    return args.map(arg => {
        const defaultValue = catalogueDefault(arg.default);
        const range = rule?.argRanges?.[arg.name];
        return {
            name: arg.name,
            type: rule?.argTypes?.[arg.name] ?? argumentType(arg.name, arg.default as never),
            default: defaultValue,
            required: arg.required ?? false,
            keywordOnly: keywordOnly || arg.keywordOnly,
            min: range?.min,
            max: range?.max
        };
    });
}

/**
 * The arguments `keras.layers.Layer.__init__` takes (`name`, `dtype`, `trainable`, …), for a
 * layer that forwards `**kwargs` to it. Layers without `**kwargs` (SpatialDropout*) do not
 * take them: Keras raises a TypeError, and so does our check.
 */
function baseArguments(layer: CatalogueLayer, rule: LayerRule | undefined): AttributeDef[] {
    const own = new Set(layer.args.map(a => a.name));
    return attributeDefs(CATALOGUE.baseArguments.filter(a => !own.has(a.name)), rule, true);
}

function layerMetaType(layer: CatalogueLayer): MetaType {
    const rule = LAYER_RULES[layer.name];
    return {
        name: layer.name,
        base: LAYER_BASE,
        abstract: layer.abstract,
        doc: layer.doc,
        aliases: layer.aliases,
        attributes: [...attributeDefs(layer.args, rule), ...(layer.kwargs ? baseArguments(layer, rule) : [])],
        inputs: [{ name: LAYER_INPUT_PORT, arity: rule?.inputs ?? Arity.exactly(1) }],
        outputs: [{ name: LAYER_OUTPUT_PORT, arity: Arity.any }],
        meta: { group: layer.group, module: layer.module, unsupported: layer.unsupported, note: rule?.note }
    };
}

/** Builds the Keras metamodel: one meta-type per catalogue layer, plus `Input`. */
export function createKerasMetamodel(): Metamodel {
    const metamodel = new Metamodel('keras');
    metamodel.add({
        name: LAYER_BASE,
        abstract: true,
        doc: 'Base of every Keras layer (`keras.layers.Layer`).'
    });
    metamodel.add({
        name: INPUT_TYPE,
        doc: CATALOGUE.input.doc,
        attributes: attributeDefs(CATALOGUE.input.args, LAYER_RULES[INPUT_TYPE]),
        inputs: [{ name: LAYER_INPUT_PORT, arity: Arity.exactly(0) }],
        outputs: [{ name: LAYER_OUTPUT_PORT, arity: Arity.any }],
        meta: { group: 'core', module: 'keras.src.layers.core.input_layer' }
    });
    for (const layer of CATALOGUE.layers) {
        if (layer.name === LAYER_BASE) continue;
        metamodel.add(layerMetaType(layer));
    }
    return metamodel;
}

let shared: Metamodel | undefined;

/** The Keras metamodel (built once; it is immutable in use). */
export function kerasMetamodel(): Metamodel {
    return (shared ??= createKerasMetamodel());
}

/** The rule for a layer type (canonical name). */
export function layerRule(type: string): LayerRule | undefined {
    return LAYER_RULES[type];
}
