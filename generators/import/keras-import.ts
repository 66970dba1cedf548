import { promises as fs } from 'node:fs';
import { CATALOGUE, type CatalogueArgument, type CatalogueLayer } from '../../metamodel/keras/catalogue.js';
import { pythonFloat } from '../keras/helpers/python-literal.js';
import { argumentDefault, catalogueLayer, helperArguments, helperCategoryOf, layerArguments, sameJs, type HelperCategory } from '../keras/keras-values.js';
import { readZipEntry } from './zip.js';

/**
 * Imports a saved Keras 3 model — the JSON of `model.to_json()`, or a `.keras` archive (a zip
 * whose `config.json` holds the same) — as a `.dfnn` network. Functional and Sequential models
 * are supported; every layer becomes one statement with only the arguments that differ from
 * Keras' defaults. What `.dfnn` cannot express (Lambda code, custom classes, raw ops, nested
 * models, tensors passed as call keywords) is reported naming the layer; nothing is dropped
 * silently: approximations are warnings and comments at the top of the file.
 */

/** The model cannot be imported; `problems` name the layers. */
export class KerasImportError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.join('\n'));
    }
}

export interface KerasImportOptions {
    /** The network's name (default: the model's name made a valid `.dfnn` name). */
    readonly network?: string;
    /** The file imported from, for the header comment. */
    readonly sourceName?: string;
}

export interface KerasImportResult {
    readonly text: string;
    readonly network: string;
    /** Statements written (inputs included). */
    readonly layers: number;
    readonly warnings: readonly string[];
}

/** Reads a model file: `.keras` archives through their `config.json`, anything else as JSON. */
export async function readKerasModelFile(file: string): Promise<unknown> {
    const bytes = await fs.readFile(file);
    const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
    const text = isZip ? readZipEntry(bytes, 'config.json').toString('utf-8') : bytes.toString('utf-8');
    return parseKerasJson(text);
}

/** A JSON number written with a decimal point or exponent: it stays a Python float (`2.0`, not `2`). */
export class JsonFloat {
    constructor(readonly value: number) {}
}

/** Parses Keras JSON keeping floats apart from ints (Node ≥ 21 gives revivers the source text). */
export function parseKerasJson(text: string): unknown {
    // Keras writes Python's json: NaN/Infinity may appear as bare words.
    const safe = text.replace(/(?<=[:,[]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g, '"__float__$1"');
    return JSON.parse(safe, function (_key, value: unknown, context?: { source?: string }) {
        if (typeof value === 'number' && context?.source && /[.eE]/.test(context.source)) return new JsonFloat(value);
        if (typeof value === 'string' && value.startsWith('__float__')) return new JsonFloat(Number(value.slice(9)));
        return value;
    });
}

type Json = null | boolean | number | string | JsonFloat | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** `.dfnn` words that cannot be names. */
const DFNN_KEYWORDS = new Set(['network', 'block', 'inputs', 'outputs', 'shared', 'import', 'library', 'class', 'True', 'False', 'None']);
const LAYER_NAMES = new Set(CATALOGUE.layers.flatMap(l => [l.name, ...l.aliases]).concat(['Input']));

function isObject(value: Json | undefined): value is JsonObject {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonFloat);
}

/** A tensor reference: the layer, which of its calls, which of its outputs. */
interface History {
    readonly layer: string;
    readonly node: number;
    readonly tensor: number;
}

interface ImportedLayer {
    readonly kerasName: string;
    readonly className: string;
    readonly config: JsonObject;
    readonly module?: string;
    readonly registeredName?: string | null;
    /** The tensors of each call (for Sequential: the previous layer). */
    readonly calls: ReadonlyArray<ReadonlyArray<History>>;
}

/** Imports a model's JSON (as parsed by {@link parseKerasJson}) as `.dfnn` text. */
export function importKerasModel(model: unknown, options: KerasImportOptions = {}): KerasImportResult {
    return new KerasImporter(options).import(model as Json);
}

class KerasImporter {
    protected readonly problems: string[] = [];
    protected readonly warnings: string[] = [];
    protected readonly names = new Map<string, string>();
    protected readonly taken = new Set<string>();

    constructor(protected readonly options: KerasImportOptions) {}

    import(model: Json): KerasImportResult {
        if (!isObject(model) || typeof model.class_name !== 'string' || !isObject(model.config)) {
            throw new KerasImportError(['not a Keras model: expected the JSON of `model.to_json()` ({"class_name": …, "config": …})']);
        }
        const className = model.class_name;
        const config = model.config;
        let layers: ImportedLayer[];
        let inputs: History[];
        let outputs: History[];
        if (className === 'Sequential') ({ layers, inputs, outputs } = this.sequential(config));
        else if (className === 'Functional' || className === 'Model') ({ layers, inputs, outputs } = this.functional(config));
        else throw new KerasImportError([`\`${className}\` models cannot be imported (only Functional and Sequential models): subclassed models hold Python code`]);
        const modelName = typeof config.name === 'string' ? config.name : 'Model';
        const network = this.options.network ?? dfnnName(modelName, new Set());
        const text = this.render(network, modelName, layers, inputs, outputs);
        if (this.problems.length > 0) throw new KerasImportError(this.problems);
        return { text, network, layers: layers.length, warnings: this.warnings };
    }

    protected functional(config: JsonObject): { layers: ImportedLayer[]; inputs: History[]; outputs: History[] } {
        const list = Array.isArray(config.layers) ? config.layers : [];
        const layers = list.filter(isObject).map(layer => {
            const calls = (Array.isArray(layer.inbound_nodes) ? layer.inbound_nodes : []).map(node => this.callTensors(node, String(layer.name ?? '?')));
            return this.layer(layer, calls);
        });
        return { layers, inputs: histories(config.input_layers), outputs: histories(config.output_layers) };
    }

    protected sequential(config: JsonObject): { layers: ImportedLayer[]; inputs: History[]; outputs: History[] } {
        const list = (Array.isArray(config.layers) ? config.layers : []).filter(isObject);
        const layers: ImportedLayer[] = [];
        let previous: History | undefined;
        const first = list[0];
        if (!first || first.class_name !== 'InputLayer') {
            const shape = config.build_input_shape ?? (isObject(first?.build_config) ? first.build_config.input_shape : undefined)
                ?? (isObject(first?.config) ? first.config.batch_input_shape : undefined);
            if (!Array.isArray(shape)) throw new KerasImportError(['the Sequential model has no input shape (it was never built): build it or add an Input']);
            const name = 'input_layer';
            layers.push({ kerasName: name, className: 'InputLayer', config: { batch_shape: shape, name }, calls: [] });
            previous = { layer: name, node: 0, tensor: 0 };
        }
        for (const layer of list) {
            const imported = this.layer(layer, layer.class_name === 'InputLayer' || !previous ? [] : [[previous]]);
            layers.push(imported);
            previous = { layer: imported.kerasName, node: 0, tensor: 0 };
        }
        return { layers, inputs: [{ layer: layers[0].kerasName, node: 0, tensor: 0 }], outputs: previous ? [previous] : [] };
    }

    protected layer(layer: JsonObject, calls: History[][]): ImportedLayer {
        const config = isObject(layer.config) ? layer.config : {};
        const kerasName = String(layer.name ?? config.name ?? `layer_${this.names.size}`);
        return {
            kerasName, className: String(layer.class_name), config, calls,
            module: typeof layer.module === 'string' ? layer.module : undefined,
            registeredName: typeof layer.registered_name === 'string' ? layer.registered_name : null
        };
    }

    /** The tensors of one inbound node, in order; call keywords other than None are reported. */
    protected callTensors(node: Json, layer: string): History[] {
        const tensors: History[] = [];
        const collect = (value: Json) => {
            if (Array.isArray(value)) value.forEach(collect);
            else if (isObject(value) && value.class_name === '__keras_tensor__' && isObject(value.config)) {
                const [name, index, tensor] = Array.isArray(value.config.keras_history) ? value.config.keras_history : [];
                tensors.push({ layer: String(name), node: Number(index ?? 0), tensor: Number(tensor ?? 0) });
            } else if (value !== null) {
                this.problems.push(`layer \`${layer}\`: is called with a non-tensor argument ${JSON.stringify(value)}, which .dfnn cannot express`);
            }
        };
        if (isObject(node)) {
            collect(node.args ?? []);
            for (const [key, value] of Object.entries(isObject(node.kwargs) ? node.kwargs : {})) {
                if (value === null) continue;
                if (isObject(value) && value.class_name === '__keras_tensor__') {
                    this.problems.push(`layer \`${layer}\`: takes the tensor \`${key}=…\` as a call keyword, which .dfnn cannot express (inputs are positional)`);
                } else if (!(key === 'training' && typeof value === 'boolean')) {
                    this.problems.push(`layer \`${layer}\`: is called with \`${key}=${JSON.stringify(plainOf(value))}\`, which .dfnn cannot express`);
                } else {
                    this.warnings.push(`layer \`${layer}\`: the call argument \`training=${value}\` is left out (.dfnn layers take only tensors)`);
                }
            }
        } else if (Array.isArray(node)) {
            // Keras 2 layout: [[layer, node, tensor, kwargs], …]
            for (const entry of node) {
                if (Array.isArray(entry)) tensors.push({ layer: String(entry[0]), node: Number(entry[1] ?? 0), tensor: Number(entry[2] ?? 0) });
            }
        }
        return tensors;
    }

    /** The `.dfnn` text. */
    protected render(network: string, modelName: string, layers: ImportedLayer[], inputs: History[], outputs: History[]): string {
        // Names: inputs first (a network's inputs are its Input statements, in order).
        const byName = new Map(layers.map(l => [l.kerasName, l]));
        const inputLayers = inputs.map(h => byName.get(h.layer)).filter((l): l is ImportedLayer => l !== undefined);
        const ordered = [...inputLayers, ...layers.filter(l => !inputLayers.includes(l))];
        for (const layer of ordered) this.names.set(layer.kerasName, dfnnName(layer.kerasName, this.taken));
        // Multi-output layers are indexed (`lstm[0]`): any use of an output other than 0, or return_state.
        const multi = new Set<string>();
        for (const layer of layers) {
            if (layer.config.return_state === true) multi.add(layer.kerasName);
            for (const call of layer.calls) for (const h of call) if (h.tensor > 0) multi.add(h.layer);
        }
        for (const h of outputs) if (h.tensor > 0) multi.add(h.layer);
        // Applications of shared layers (called more than once) get their own statements.
        const applicationNames = new Map<string, string>();
        const ref = (h: History): string => {
            const layer = byName.get(h.layer);
            if (!layer) {
                this.problems.push(`a tensor comes from \`${h.layer}\`, which is not a layer of the model`);
                return '_';
            }
            const base = layer.calls.length > 1 ? applicationNames.get(`${h.layer}/${h.node}`) ?? '_' : this.names.get(h.layer)!;
            return multi.has(h.layer) ? `${base}[${h.tensor}]` : base;
        };
        const lines: string[] = [];
        for (const layer of ordered) {
            const name = this.names.get(layer.kerasName)!;
            const args = this.arguments(layer, name);
            if (args === undefined) continue;
            if (layer.className === 'InputLayer') {
                lines.push(`    ${name} = Input(${args})`);
            } else if (layer.calls.length > 1) {
                lines.push(`    shared ${name} = ${layer.className}(${args})`);
                layer.calls.forEach((_call, k) => applicationNames.set(`${layer.kerasName}/${k}`, dfnnName(`${name}_call${k + 1}`, this.taken)));
            } else {
                lines.push(`    ${name} = ${layer.className}(${args})(${(layer.calls[0] ?? []).map(ref).join(', ')})`);
            }
        }
        // Shared applications go after every layer they may depend on (order does not matter in .dfnn).
        for (const layer of ordered) {
            if (layer.calls.length <= 1) continue;
            layer.calls.forEach((call, k) => {
                lines.push(`    ${applicationNames.get(`${layer.kerasName}/${k}`)} = ${this.names.get(layer.kerasName)}(${call.map(ref).join(', ')})`);
            });
        }
        lines.push(`    outputs ${outputs.map(ref).join(', ')}`);
        const header = [
            `# Imported from ${oneLine(this.options.sourceName ?? 'a Keras model')} (Keras model ${JSON.stringify(oneLine(modelName))}) by \`deepforge import keras\`.`,
            ...this.warnings.map(w => `# warning: ${oneLine(w)}`)
        ];
        return `${header.join('\n')}\n\nnetwork ${network} {\n${lines.join('\n')}\n}\n`;
    }

    /** The arguments of a layer's statement, or `undefined` when the layer cannot be expressed (reported). */
    protected arguments(layer: ImportedLayer, statementName: string): string | undefined {
        const { className, config, kerasName } = layer;
        const at = `layer \`${kerasName}\` (${className})`;
        if (className === 'InputLayer') return this.inputArguments(layer, statementName);
        if (className === 'Functional' || className === 'Sequential' || className === 'Model') {
            this.problems.push(`${at} is a nested model: nested models cannot be imported yet — import it on its own, or rebuild it as a block`);
            return undefined;
        }
        const catalogue = catalogueLayer(className);
        if (layer.registeredName && layer.registeredName !== className || (layer.module && !layer.module.startsWith('keras.layers') && !layer.module.startsWith('keras.src.layers')) || !catalogue) {
            const ops = layer.module?.includes('.ops') ? ` — a raw operation (${layer.module}); write it with a layer` : '';
            this.problems.push(`${at} is not a Keras layer .dfnn knows (${layer.registeredName ?? layer.module ?? 'custom class'})${ops}: custom classes hold Python code`);
            return undefined;
        }
        if (catalogue.unsupported) {
            this.problems.push(`${at} cannot be written in .dfnn: ${catalogue.unsupported}`);
            return undefined;
        }
        const rendered = this.layerArguments(catalogue, config, at, new Set(['name', 'build_config']));
        if (rendered === undefined) return undefined;
        if (statementName !== kerasName) rendered.push(`name=${dfnnString(kerasName)}`);
        return rendered.join(', ');
    }

    protected inputArguments(layer: ImportedLayer, statementName: string): string {
        const config = layer.config;
        const shape = config.batch_shape ?? config.batch_input_shape;
        const args: string[] = [];
        if (Array.isArray(shape)) {
            if (shape[0] === null || shape[0] === undefined) args.push(`shape=${this.value(shape.slice(1), 'shape', `input \`${layer.kerasName}\``, 'tuple')}`);
            else args.push(`batch_shape=${this.value(shape, 'batch_shape', `input \`${layer.kerasName}\``, 'tuple')}`);
        } else {
            this.problems.push(`input \`${layer.kerasName}\` has no shape`);
        }
        const dtype = dtypeName(config.dtype);
        if (dtype && dtype !== 'float32') args.push(`dtype=${dfnnString(dtype)}`);
        for (const flag of ['sparse', 'ragged', 'optional']) if (config[flag] === true) args.push(`${flag}=True`);
        if (statementName !== layer.kerasName) args.push(`name=${dfnnString(layer.kerasName)}`);
        return args.join(', ');
    }

    /** Arguments of a layer (or nested layer) config: required ones positional, the rest by keyword, defaults left out. */
    protected layerArguments(catalogue: CatalogueLayer, config: JsonObject, at: string, skip: ReadonlySet<string>): string[] | undefined {
        const known = layerArguments(catalogue.name);
        const byName = new Map(known.map(a => [a.name, a]));
        const positional: string[] = [];
        const keywords: string[] = [];
        let ok = true;
        for (const argument of known) {
            if (skip.has(argument.name) || !(argument.name in config)) continue;
            const value = config[argument.name];
            if (argument.name === 'dtype') {
                const dtype = dtypeName(value);
                if (dtype === undefined) {
                    this.problems.push(`${at}: the dtype ${JSON.stringify(plainOf(value))} cannot be expressed`);
                    ok = false;
                } else if (dtype !== 'float32') keywords.push(`dtype=${dfnnString(dtype)}`);
                continue;
            }
            if (this.isDefault(argument, value)) continue;
            const text = this.value(value, argument.name, at, argumentDefaultShape(argument));
            if (text === undefined) {
                ok = false;
                continue;
            }
            if (argument.required && keywords.length === 0) positional.push(text);
            else keywords.push(`${argument.name}=${text}`);
        }
        for (const key of Object.keys(config)) {
            if (skip.has(key) || byName.has(key)) continue;
            const value = config[key];
            if (value === null || value === undefined) continue;
            this.warnings.push(`${at}: its config has \`${key}=${JSON.stringify(plainOf(value))}\`, which ${catalogue.name}() does not take; left out`);
        }
        return ok ? [...positional, ...keywords] : undefined;
    }

    /** Whether a config value is what Keras uses by default (initializer dicts compared with their default's class). */
    protected isDefault(argument: CatalogueArgument, value: Json): boolean {
        const fallback = argumentDefault(argument);
        if (argument.name === 'activation' || argument.name.endsWith('_activation')) {
            const normalize = (v: unknown) => (v === null || v === undefined || v === 'linear' ? 'linear' : v);
            if (typeof value === 'string' || value === null) return normalize(value) === normalize(fallback);
        }
        // Configs hold the resolved data format; channels-last is what None means (Keras' default image_data_format).
        if (argument.name === 'data_format' && fallback === null && value === 'channels_last') return true;
        const category = helperCategoryOf(argument.name);
        if (category && isObject(value) && typeof value.class_name === 'string' && typeof fallback === 'string') {
            return sameHelper(category, value, fallback);
        }
        return sameJs(plainOf(value) as never, fallback);
    }

    /** A config value as `.dfnn` text; `undefined` (reported) when it cannot be expressed. */
    protected value(value: Json, argument: string, at: string, sequence: 'tuple' | 'list' = 'tuple'): string | undefined {
        if (value === null || value === undefined) return 'None';
        if (typeof value === 'boolean') return value ? 'True' : 'False';
        if (typeof value === 'number') return Number.isInteger(value) ? String(value) : dfnnFloat(value, at, argument, this.problems);
        if (value instanceof JsonFloat) return dfnnFloat(value.value, at, argument, this.problems);
        if (typeof value === 'string') return dfnnString(value);
        if (Array.isArray(value)) {
            const items = value.map(item => this.value(item, argument, at));
            if (items.some(i => i === undefined)) return undefined;
            if (sequence === 'list') return `[${items.join(', ')}]`;
            return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
        }
        const className = typeof value.class_name === 'string' ? value.class_name : undefined;
        const config = isObject(value.config) ? value.config : {};
        if (className === '__tuple__' && Array.isArray(config.value)) return this.value(config.value, argument, at, 'tuple');
        if (className === '__list__' && Array.isArray(config.value)) return this.value(config.value, argument, at, 'list');
        if (className === 'DTypePolicy' || className === 'FloatDTypePolicy') return dfnnString(dtypeName(value) ?? 'float32');
        const module = typeof value.module === 'string' ? value.module : '';
        const category = helperCategoryOf(argument) ?? helperCategoryOfModule(module);
        if (className && category && !value.registered_name) {
            const helper = helperName(category, className);
            if (!helper) {
                this.problems.push(`${at}: \`${argument}\` is a ${className} ${category}, which .dfnn does not know`);
                return undefined;
            }
            const args: string[] = [];
            const known = helperArguments(category, helper);
            for (const [key, v] of Object.entries(config)) {
                const def = known.find(a => a.name === key);
                if ((def && sameJs(plainOf(v) as never, argumentDefault(def))) || (!def && v === null)) continue;
                if (!def) {
                    this.warnings.push(`${at}: \`${argument}\` ${className} has \`${key}=${JSON.stringify(plainOf(v))}\`, which ${helper}() does not take; left out`);
                    continue;
                }
                const text = this.value(v, key, at);
                if (text === undefined) return undefined;
                args.push(`${key}=${text}`);
            }
            return `${helper}(${args.join(', ')})`;
        }
        if (className && (module.startsWith('keras.layers') || module.startsWith('keras.src.layers')) && !value.registered_name) {
            const nested = catalogueLayer(className);
            if (!nested || nested.unsupported) {
                this.problems.push(`${at}: \`${argument}\` is a ${className} layer, which .dfnn cannot express`);
                return undefined;
            }
            const args = this.layerArguments(nested, config, `${at}, its \`${argument}\``, new Set(['name', 'build_config']));
            if (args === undefined) return undefined;
            if (typeof config.name === 'string' && config.name && !/^(forward|backward)_/.test(config.name)) {
                this.warnings.push(`${at}: the name of its nested ${className} (${JSON.stringify(config.name)}) is left out; Keras names it`);
            }
            return `${nested.name}(${args.join(', ')})`;
        }
        this.problems.push(`${at}: \`${argument}\` holds ${className ? `a ${className} object${value.registered_name ? ` (${value.registered_name})` : ''}` : 'a dictionary'}, which .dfnn cannot express`);
        return undefined;
    }
}

/** Whether a helper config (`{"class_name": "GlorotUniform", "config": {"seed": null}}`) is the default named `fallback`. */
function sameHelper(category: HelperCategory, value: JsonObject, fallback: string): boolean {
    const name = helperName(category, String(value.class_name));
    if (!name || normalizeHelper(name) !== normalizeHelper(fallback)) return false;
    const known = helperArguments(category, name);
    const config = isObject(value.config) ? value.config : {};
    return Object.entries(config).every(([key, v]) => {
        const def = known.find(a => a.name === key);
        return def ? sameJs(plainOf(v) as never, argumentDefault(def)) : v === null;
    });
}

function normalizeHelper(name: string): string {
    return name.replace(/_/g, '').toLowerCase();
}

/** The catalogue's name of a helper class (`GlorotUniform`), or `undefined`. */
function helperName(category: HelperCategory, className: string): string | undefined {
    const helpers = CATALOGUE.helpers[category];
    if (helpers[className]) return className;
    return Object.keys(helpers).find(n => normalizeHelper(n) === normalizeHelper(className));
}

function helperCategoryOfModule(module: string): HelperCategory | undefined {
    if (module.includes('initializers')) return 'initializer';
    if (module.includes('regularizers')) return 'regularizer';
    if (module.includes('constraints')) return 'constraint';
    return undefined;
}

/** Lists where the catalogue default is a list, tuples otherwise. */
function argumentDefaultShape(argument: CatalogueArgument): 'tuple' | 'list' {
    const d = argument.default;
    return typeof d === 'object' && d !== null && !Array.isArray(d) && 'list' in d ? 'list' : 'tuple';
}

/** The dtype a config value names: `"float32"`, a DTypePolicy's name, or `undefined` when it is something else. */
function dtypeName(value: Json | undefined): string | undefined {
    if (value === null || value === undefined) return 'float32';
    if (typeof value === 'string') return value;
    if (isObject(value) && isObject(value.config) && typeof value.config.name === 'string') return value.config.name;
    return undefined;
}

function histories(value: Json | undefined): History[] {
    if (!Array.isArray(value)) return [];
    // A single tensor may be written flat: ["input", 0, 0].
    if (value.length === 3 && typeof value[0] === 'string' && typeof value[1] === 'number') {
        return [{ layer: value[0], node: value[1], tensor: Number(value[2]) }];
    }
    return value.filter(Array.isArray).map(h => ({ layer: String(h[0]), node: Number(h[1] ?? 0), tensor: Number(h[2] ?? 0) }));
}

/** The plain value of parsed JSON (floats unwrapped). */
function plainOf(value: Json | undefined): unknown {
    if (value instanceof JsonFloat) return value.value;
    if (Array.isArray(value)) return value.map(plainOf);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainOf(v)]));
    return value;
}

/** A `.dfnn` name for a Keras name: invalid characters become `_`; keywords and taken names get a suffix. */
export function dfnnName(name: string, taken: Set<string>): string {
    let base = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (base === '' || /^[0-9]/.test(base)) base = `_${base}`;
    let candidate = base;
    const free = (n: string) => !taken.has(n) && !DFNN_KEYWORDS.has(n) && !LAYER_NAMES.has(n);
    if (!free(candidate)) candidate = `${base}_`;
    for (let n = 2; !free(candidate); n++) candidate = `${base}_${n}`;
    taken.add(candidate);
    return candidate;
}

/** A `.dfnn` string literal (the grammar's escapes: `\\`, `\"`, `\n`, `\r`, `\t`, …; other characters as they are). */
export function dfnnString(text: string): string {
    const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };
    return `"${[...text].map(c => escapes[c] ?? c).join('')}"`;
}

function dfnnFloat(value: number, at: string, argument: string, problems: string[]): string {
    if (!Number.isFinite(value)) {
        problems.push(`${at}: \`${argument}\` is ${value}, which .dfnn cannot write`);
        return '0.0';
    }
    return pythonFloat(value);
}

function oneLine(text: string): string {
    return text.replace(/[\r\n]+/g, ' ');
}
