import { type JsValue, type Value } from '../../metamodel/core/index.js';
import { CATALOGUE, catalogueDefault, type CatalogueArgument } from '../../metamodel/keras/catalogue.js';

/**
 * Keras knowledge the generators and the importer share: which module a helper object comes
 * from, the argument names of a layer or helper (to name positional arguments), and whether a
 * value is the default Keras would use anyway.
 */

export type HelperCategory = 'initializer' | 'regularizer' | 'constraint';

/** The Keras module of each helper category (`keras.initializers`, …). */
export const HELPER_MODULES: Readonly<Record<HelperCategory, string>> = {
    initializer: 'initializers',
    regularizer: 'regularizers',
    constraint: 'constraints'
};

/** The helper category an argument takes objects of, from its name (`kernel_initializer` → initializer). */
export function helperCategoryOf(argument: string | undefined): HelperCategory | undefined {
    if (!argument) return undefined;
    if (argument.endsWith('_initializer') || argument === 'initializer') return 'initializer';
    if (argument.endsWith('_regularizer') || argument === 'regularizer') return 'regularizer';
    if (argument.endsWith('_constraint') || argument === 'constraint') return 'constraint';
    return undefined;
}

/** Whether a catalogue layer (canonical name or alias) exists. */
export function catalogueLayer(name: string) {
    return CATALOGUE.layers.find(layer => layer.name === name) ?? CATALOGUE.layers.find(layer => layer.aliases.includes(name));
}

/** The constructor arguments of a layer type (its own, then the base `Layer` ones when it forwards `**kwargs`). */
export function layerArguments(type: string): readonly CatalogueArgument[] {
    if (type === 'Input' || type === 'InputLayer') return CATALOGUE.input.args;
    const layer = catalogueLayer(type);
    if (!layer) return [];
    const own = new Set(layer.args.map(a => a.name));
    return layer.kwargs ? [...layer.args, ...CATALOGUE.baseArguments.filter(a => !own.has(a.name))] : layer.args;
}

/** The constructor arguments of a helper object (`HeNormal` → seed, …). */
export function helperArguments(category: HelperCategory, name: string): readonly CatalogueArgument[] {
    return CATALOGUE.helpers[category][name]?.args ?? [];
}

/** The helper class Keras registers for a name (`l2` → `L2`, `he_normal` → `HeNormal`), for JSON configs. */
export function helperClassName(category: HelperCategory, name: string): string {
    const helpers = CATALOGUE.helpers[category];
    const key = name.replace(/_/g, '').toLowerCase();
    const classes = Object.keys(helpers).filter(n => /^[A-Z]/.test(n));
    return classes.find(n => n.toLowerCase() === key) ?? name;
}

/** The default of an argument as a plain value (`undefined` when it has none or it is not a literal). */
export function argumentDefault(argument: CatalogueArgument | undefined): JsValue {
    return argument ? catalogueDefault(argument.default) : undefined;
}

/** Whether two plain values are equal as Keras sees them (tuples and lists alike, `1` and `1.0` alike). */
export function sameJs(a: JsValue, b: JsValue): boolean {
    if (a === undefined || b === undefined) return false;
    if (a === null || b === null) return a === b;
    if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJs(item, b[i]));
    }
    if (typeof a === 'object' || typeof b === 'object') {
        if (typeof a !== 'object' || typeof b !== 'object') return false;
        const ka = Object.keys(a.kwargs), kb = Object.keys(b.kwargs);
        return a.call === b.call && sameJs(a.args, b.args) && ka.length === kb.length && ka.every(k => sameJs(a.kwargs[k], b.kwargs[k]));
    }
    return a === b;
}

/** Whether a written value is what Keras uses when the argument is left out. */
export function isDefault(value: Value, defaultValue: JsValue): boolean {
    if (defaultValue === undefined) return false;
    return sameJs(plain(value), defaultValue);
}

/** A value as a plain value; `undefined` when any part is unknown (a block parameter). */
function plain(value: Value): JsValue {
    switch (value.kind) {
        case 'int': case 'float': case 'string': case 'bool': return value.value;
        case 'none': return null;
        case 'tuple': case 'list': {
            const items = value.items.map(plain);
            return items.some(i => i === undefined) ? undefined : items;
        }
        case 'call': {
            const args = value.args.map(plain);
            const kwargs = Object.fromEntries(value.kwargs.map(kw => [kw.name, plain(kw.value)]));
            if (args.some(a => a === undefined) || Object.values(kwargs).some(v => v === undefined)) return undefined;
            return { call: value.callee, args, kwargs };
        }
        case 'unknown': return undefined;
    }
}

/** Layers Keras calls with several tensors as positional arguments (`mha(query, value)`), not as one list. */
export const POSITIONAL_CALL_LAYERS: ReadonlySet<string> = new Set([
    'MultiHeadAttention', 'GroupQueryAttention', 'GroupedQueryAttention', 'SimpleRNNCell', 'GRUCell', 'LSTMCell', 'StackedRNNCells'
]);
