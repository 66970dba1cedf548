import type { JsValue, ModelNode, NetworkDomain, OutputEnd, TensorShape, Value } from '../../metamodel/core/index.js';
import { GenerationError, type GraphSource } from './graph-source.js';
import { argumentDefault, catalogueLayer, HELPER_MODULES, helperArguments, helperCategoryOf, helperClassName, layerArguments, POSITIONAL_CALL_LAYERS } from './keras-values.js';

/**
 * Keras JSON for a `.dfnn` network: the layout of Keras 3 `model.to_json()` (a `Functional`
 * with its layers, their configs and inbound nodes), loadable with
 * `keras.models.model_from_json`. The graph is flat here: blocks are expanded, layers keep
 * their expanded names (`b1_a`). Layer configs hold every literal default of the layer's own
 * arguments (as `get_config()` does) with the written values over them; helper objects and
 * nested layers are serialized as Keras serializes them (`{"module", "class_name", "config"}`).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const FLOAT32_POLICY: Json = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };

export function generateKerasJson(source: GraphSource, domain: NetworkDomain): string {
    return JSON.stringify(kerasModelJson(source, domain));
}

/** The `model.to_json()` object of a network. */
export function kerasModelJson(source: GraphSource, domain: NetworkDomain): Json {
    const { graph, validation, analysis } = source;
    const { index } = validation;
    const { order, cyclic } = index.topologicalOrder();
    if (cyclic.length > 0) throw new GenerationError(`\`${graph.name}\` has a cycle`);
    const canonical = (node: ModelNode) => domain.metamodel.canonicalName(node.type) ?? node.type;
    const sharedOf = (node: ModelNode) => node.meta?.[domain.sharedApplicationKey] as string | undefined;
    // Keras names and node indices: a shared layer's applications are its nodes 0, 1, …
    const kerasName = new Map<string, string>();
    const nodeIndex = new Map<string, number>();
    const applications = new Map<string, number>();
    const written = (node: ModelNode) => {
        const name = node.attributes.find(a => a.name === 'name')?.value;
        return name?.kind === 'string' ? name.value : node.name;
    };
    for (const node of graph.nodes) kerasName.set(node.id, written(node));
    for (const node of order) {
        const owner = sharedOf(node);
        if (!owner) continue;
        const k = applications.get(owner) ?? 0;
        nodeIndex.set(node.id, k);
        applications.set(owner, k + 1);
        kerasName.set(node.id, kerasName.get(owner)!);
    }
    const shapeOf = (end: OutputEnd): TensorShape | undefined => analysis.layers.get(end.node)?.outputs?.[end.index ?? 0];
    const tensor = (end: OutputEnd): Json => ({
        class_name: '__keras_tensor__',
        config: {
            shape: shapeJson(shapeOf(end)),
            dtype: 'float32',
            keras_history: [kerasName.get(end.node)!, nodeIndex.get(end.node) ?? 0, end.index ?? 0]
        }
    });
    const layers: Array<{ [key: string]: Json }> = [];
    const byOwner = new Map<string, { [key: string]: Json }>();
    for (const node of order) {
        if (node.meta?.[domain.sharedDeclarationKey]) continue;
        const owner = sharedOf(node);
        const inputs = index.inputsOf(node.id).map(c => c.from);
        const type = canonical(node);
        const args: Json[] = inputs.length === 0 ? [] : inputs.length === 1 || POSITIONAL_CALL_LAYERS.has(type) ? inputs.map(tensor) : [inputs.map(tensor)];
        const inbound: Json = { args, kwargs: {} };
        const existing = owner ? byOwner.get(owner) : undefined;
        if (existing) {
            (existing.inbound_nodes as Json[]).push(inbound);
            continue;
        }
        const declaration = owner ? index.node(owner)! : node;
        const name = kerasName.get(node.id)!;
        if (type === domain.inputType) {
            layers.push({ module: 'keras.layers', class_name: 'InputLayer', config: inputConfig(node, name, shapeOf({ node: node.id })), registered_name: null, name, inbound_nodes: [] });
            continue;
        }
        const inputShapes = inputs.map(shapeOf);
        const layer: { [key: string]: Json } = {
            module: 'keras.layers',
            class_name: type,
            config: layerConfig(declaration, type, name, source),
            registered_name: null,
            // Layers called positionally build from named shapes (`query_shape`, …): Keras builds them on the first call instead.
            ...(inputShapes.every(s => s !== undefined) && inputShapes.length > 0 && !POSITIONAL_CALL_LAYERS.has(type)
                ? { build_config: { input_shape: inputShapes.length === 1 ? shapeJson(inputShapes[0]) : inputShapes.map(shapeJson) } } : {}),
            name,
            inbound_nodes: [inbound]
        };
        layers.push(layer);
        if (owner) byOwner.set(owner, layer);
    }
    const history = (end: OutputEnd): Json => [kerasName.get(end.node)!, nodeIndex.get(end.node) ?? 0, end.index ?? 0];
    return {
        module: 'keras.src.models.functional',
        class_name: 'Functional',
        config: {
            name: graph.name,
            trainable: true,
            layers,
            input_layers: graph.inputs.map(id => history({ node: id })),
            output_layers: graph.outputs.map(history)
        },
        registered_name: 'Functional',
        build_config: { input_shape: null },
        compile_config: null
    };
}

function shapeJson(shape: TensorShape | undefined): Json {
    return shape ? shape.map(d => d) : null;
}

function inputConfig(node: ModelNode, name: string, shape: TensorShape | undefined): Json {
    const value = (key: string) => node.attributes.find(a => a.name === key)?.value;
    const dtype = value('dtype');
    const flag = (key: string) => {
        const v = value(key);
        return v?.kind === 'bool' ? v.value : false;
    };
    if (!shape) throw new GenerationError(`input \`${node.name}\`: its shape is unknown`);
    return {
        batch_shape: shapeJson(shape),
        dtype: dtype?.kind === 'string' ? dtype.value : 'float32',
        sparse: flag('sparse'),
        ragged: flag('ragged'),
        name,
        optional: flag('optional')
    };
}

/** A layer's config: literal defaults of its own arguments, the written values over them, and the base keys. */
function layerConfig(node: ModelNode, type: string, name: string, source: GraphSource): Json {
    const resolved = source.validation.nodes.get(node.id);
    if (!resolved) throw new GenerationError(`\`${node.name}\`: unknown layer type \`${node.type}\``);
    const config: { [key: string]: Json } = { name, trainable: true, dtype: FLOAT32_POLICY };
    const own = catalogueLayer(type)?.args ?? [];
    for (const argument of own) {
        const fallback = argumentDefault(argument);
        // Some layers take `name`/`dtype` as their own arguments (pooling layers): the base values stand.
        if (fallback !== undefined && !(argument.name in config)) config[argument.name] = plainJson(fallback);
    }
    for (const [key, attribute] of resolved.attributes) {
        if (!attribute.assignment || key === 'name') continue;
        config[key] = valueJson(attribute.value, key, node);
    }
    return config;
}

function plainJson(value: JsValue): Json {
    if (value === undefined) return null;
    if (Array.isArray(value)) return value.map(plainJson);
    if (typeof value === 'object' && value !== null) throw new GenerationError('a default is an object');
    return value;
}

/** A written value as Keras serializes it. */
function valueJson(value: Value, argument: string, node: ModelNode): Json {
    switch (value.kind) {
        case 'int': case 'float': case 'string': case 'bool': return value.value;
        case 'none': return null;
        case 'tuple': case 'list': return value.items.map(item => valueJson(item, argument, node));
        case 'unknown': throw new GenerationError(`\`${node.name}\`: the value of \`${argument}\` is unknown`);
        case 'call': {
            const category = helperCategoryOf(argument);
            const names = category ? helperArguments(category, value.callee).map(a => a.name) : layerArguments(value.callee).map(a => a.name);
            const config: { [key: string]: Json } = {};
            value.args.forEach((arg, i) => {
                if (!names[i]) throw new GenerationError(`\`${node.name}\`: too many arguments for \`${value.callee}\``);
                config[names[i]] = valueJson(arg, names[i], node);
            });
            for (const kw of value.kwargs) config[kw.name] = valueJson(kw.value, kw.name, node);
            if (category) {
                return { module: `keras.${HELPER_MODULES[category]}`, class_name: helperClassName(category, value.callee), config, registered_name: null };
            }
            const layer = catalogueLayer(value.callee);
            if (!layer) throw new GenerationError(`\`${node.name}\`: \`${value.callee}(…)\` is neither a layer nor a helper object for \`${argument}\``);
            return { module: 'keras.layers', class_name: layer.name, config: { trainable: true, dtype: FLOAT32_POLICY, ...config }, registered_name: null };
        }
    }
}
