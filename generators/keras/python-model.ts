import { type AttributeAssignment, type AttributeDef, type BlockCall, type ModelNode, type OutputEnd, type Value } from '../../metamodel/core/index.js';
import { GenerationError, type GraphSource, type KerasGenerationInput } from './graph-source.js';
import { pythonIdentifier, snakeCase, type PyExpr } from './helpers/python-literal.js';
import { HELPER_MODULES, helperArguments, helperCategoryOf, isDefault, layerArguments, POSITIONAL_CALL_LAYERS } from './keras-values.js';

/**
 * The Python module a Keras user would write for a set of networks, as data for the
 * templates: one function per block (taking the input tensors, the block's parameters and a
 * `name` prefix), one `build_<network>()` per network. Every value is a {@link PyExpr}, so the
 * templates never see raw user text.
 */
export interface PyModule {
    readonly docstring: string;
    /** Modules imported from keras besides `layers` (`regularizers`, …), sorted. */
    readonly imports: readonly string[];
    readonly functions: readonly PyFunction[];
    readonly builds: readonly PyBuild[];
}

export interface PyStatement {
    readonly target: string;
    readonly value: PyExpr;
}

export interface PyParameter {
    readonly name: string;
    readonly default?: PyExpr;
    readonly keywordOnly?: boolean;
}

/** A block as a function: `def conv_block(x, filters, kernel_size=(3, 3), *, name):`. */
export interface PyFunction {
    readonly name: string;
    readonly parameters: readonly PyParameter[];
    readonly body: readonly PyStatement[];
    readonly returns: readonly PyExpr[];
}

/** `def build_VGG():` … `return keras.Model(inputs=…, outputs=…, name="VGG")`. */
export interface PyBuild {
    readonly name: string;
    readonly modelName: string;
    readonly body: readonly PyStatement[];
    readonly inputs: readonly PyExpr[];
    readonly outputs: readonly PyExpr[];
}

/** Names the generated module uses itself; variables never take them. */
const MODULE_NAMES = ['keras', 'layers', ...Object.values(HELPER_MODULES)];

/** How a composite is called: its function's name, the prefix parameter, its parameters' Python names. */
interface FunctionInfo {
    readonly name: string;
    readonly prefix: string;
    readonly parameters: ReadonlyMap<string, string>;
}

/** Builds the module for the networks of a generation input. */
export function buildPythonModule(input: KerasGenerationInput): PyModule {
    const imports = new Set<string>();
    const global = new Set<string>(MODULE_NAMES);
    const builds = input.networks.map(network => ({ network, name: pythonIdentifier(`build_${network.graph.name}`, global) }));
    // Composites used, callees first.
    const used: GraphSource[] = [];
    const visiting = new Set<string>();
    const visit = (source: GraphSource) => {
        for (const call of source.blockCalls) {
            const definition = input.definitions.get(call.callee);
            if (!definition) throw new GenerationError(`\`${call.name}\` calls \`${call.callee}\`, which is not defined`);
            if (used.includes(definition) || visiting.has(call.callee)) continue;
            visiting.add(call.callee);
            visit(definition);
            used.push(definition);
        }
    };
    input.networks.forEach(visit);
    const infos = new Map<string, FunctionInfo>();
    for (const definition of used) {
        const names = new Set([...definition.graph.nodes.map(n => n.name), ...definition.parameters.map(p => p.name)]);
        const prefix = ['name', 'prefix', 'layer_name', 'name_prefix'].find(n => !names.has(n)) ?? 'name_';
        infos.set(definition.graph.name, {
            name: pythonIdentifier(snakeCase(definition.graph.name), global),
            prefix,
            parameters: new Map()
        });
    }
    const functions = used.map(definition => new BodyBuilder(definition, input, infos, global, imports).buildFunction());
    const built = builds.map(({ network, name }) => new BodyBuilder(network, input, infos, global, imports).buildNetwork(name));
    return { docstring: moduleDocstring(input), imports: [...imports].sort(), functions, builds: built };
}

function moduleDocstring(input: KerasGenerationInput): string {
    const names = input.networks.map(n => n.graph.name);
    const what = names.length === 1 ? `The ${names[0]} network` : `The networks ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `${what} in Keras${input.sourceName ? ` (from ${input.sourceName})` : ''}.`;
}

type Unit = { readonly kind: 'node'; readonly node: ModelNode } | { readonly kind: 'call'; readonly call: BlockCall };

/** Builds the body of one function: the statements of one graph, in source order as far as the data flow allows. */
class BodyBuilder {
    protected readonly index;
    protected readonly taken: Set<string>;
    protected readonly variables = new Map<Unit, string>();
    protected readonly unitOfNode = new Map<string, Unit>();
    /** Graph inputs that are function parameters, by node id. */
    protected readonly inputParameters = new Map<string, string>();
    protected parameterNames = new Map<string, string>();
    protected prefix?: string;

    constructor(protected readonly source: GraphSource, protected readonly input: KerasGenerationInput,
        protected readonly infos: Map<string, FunctionInfo>, global: ReadonlySet<string>, protected readonly imports: Set<string>) {
        this.index = source.validation.index;
        this.taken = new Set(global);
    }

    buildFunction(): PyFunction {
        const { graph } = this.source;
        const info = this.infos.get(graph.name)!;
        this.prefix = info.prefix;
        this.taken.add(info.prefix);
        const parameters: PyParameter[] = [];
        for (const id of graph.inputs) {
            const name = pythonIdentifier(this.index.node(id)?.name ?? id, this.taken);
            this.inputParameters.set(id, name);
            parameters.push({ name });
        }
        for (const parameter of this.source.parameters) {
            const name = pythonIdentifier(parameter.name, this.taken);
            (info.parameters as Map<string, string>).set(parameter.name, name);
            this.parameterNames.set(parameter.name, name);
        }
        for (const parameter of this.source.parameters) {
            const name = this.parameterNames.get(parameter.name)!;
            parameters.push(parameter.default ? { name, default: this.value(parameter.default) } : { name });
        }
        if (parameters.some((p, i) => p.default !== undefined && parameters.slice(i + 1).some(q => q.default === undefined))) {
            throw new GenerationError(`block \`${graph.name}\`: a parameter without a default follows one with a default`);
        }
        parameters.push({ name: info.prefix, keywordOnly: true });
        const body = this.statements();
        return { name: info.name, parameters, body, returns: graph.outputs.map(end => this.tensor(end)) };
    }

    buildNetwork(name: string): PyBuild {
        const { graph } = this.source;
        const body = this.statements();
        return {
            name,
            modelName: graph.name,
            body,
            inputs: graph.inputs.map(id => this.tensor({ node: id })),
            outputs: graph.outputs.map(end => this.tensor(end))
        };
    }

    /** The statements of the graph: its own layers and its composite calls. */
    protected statements(): PyStatement[] {
        const { graph, blockCalls } = this.source;
        const units: Unit[] = [];
        for (const node of graph.nodes) {
            if (node.group || this.inputParameters.has(node.id)) continue;
            const unit: Unit = { kind: 'node', node };
            units.push(unit);
            this.unitOfNode.set(node.id, unit);
        }
        for (const call of blockCalls) {
            const unit: Unit = { kind: 'call', call };
            units.push(unit);
            for (const id of call.nodes) this.unitOfNode.set(id, unit);
        }
        const order = this.order(units);
        for (const unit of order) this.variables.set(unit, pythonIdentifier(unit.kind === 'node' ? unit.node.name : unit.call.name, this.taken));
        return order.map(unit => ({ target: this.variables.get(unit)!, value: unit.kind === 'node' ? this.nodeValue(unit.node) : this.callValue(unit.call) }));
    }

    /** Units in source order, moved after what they depend on. */
    protected order(units: Unit[]): Unit[] {
        const position = (unit: Unit) => {
            const start = (unit.kind === 'node' ? unit.node.trace : unit.call.trace).range.start;
            return start.line * 1e6 + start.character;
        };
        const dependencies = new Map<Unit, Set<Unit>>();
        const add = (unit: Unit, node: string | undefined) => {
            const from = node === undefined ? undefined : this.unitOfNode.get(node);
            if (from && from !== unit) dependencies.get(unit)!.add(from);
        };
        for (const unit of units) {
            dependencies.set(unit, new Set());
            if (unit.kind === 'node') {
                for (const connection of this.index.inputsOf(unit.node.id)) add(unit, connection.from.node);
                add(unit, unit.node.meta?.[this.input.domain.sharedApplicationKey] as string | undefined);
            } else {
                for (const end of unit.call.inputs) add(unit, end?.node);
            }
        }
        const sorted = [...units].sort((a, b) => position(a) - position(b));
        const done = new Set<Unit>();
        const order: Unit[] = [];
        while (order.length < units.length) {
            const next = sorted.find(unit => !done.has(unit) && [...dependencies.get(unit)!].every(d => done.has(d)));
            if (!next) throw new GenerationError(`\`${this.source.graph.name}\` has a cycle through its block calls`);
            done.add(next);
            order.push(next);
        }
        return order;
    }

    /** The Python expression of a tensor: a variable, `lstm[1]`, or one output of a block call. */
    protected tensor(end: OutputEnd): PyExpr {
        const parameter = this.inputParameters.get(end.node);
        const withIndex = (item: PyExpr, index: number | undefined): PyExpr => index === undefined ? item : { item, index };
        if (parameter) return withIndex({ name: parameter }, end.index);
        const unit = this.unitOfNode.get(end.node);
        if (!unit) throw new GenerationError(`\`${this.source.graph.name}\`: no layer \`${end.node}\``);
        const variable = { name: this.variables.get(unit)! };
        if (unit.kind === 'node') return withIndex(variable, end.index);
        const outputs = unit.call.outputs;
        const k = outputs.findIndex(o => o !== undefined && o.node === end.node && o.index === end.index);
        if (k < 0) throw new GenerationError(`\`${this.source.graph.name}\`: \`${end.node}\` is not an output of \`${unit.call.name}\``);
        return outputs.length > 1 ? { item: variable, index: k } : variable;
    }

    /** The Keras name of a layer: `"conv1"`, or `name + "_conv1"` inside a function. */
    protected layerName(local: string): PyExpr {
        return this.prefix ? { concat: [{ name: this.prefix }, `_${local}`] } : local;
    }

    protected nodeValue(node: ModelNode): PyExpr {
        const { domain } = this.input;
        const shared = node.meta?.[domain.sharedApplicationKey] as string | undefined;
        const inputs = this.index.inputsOf(node.id).map(c => this.tensor(c.from));
        if (shared) {
            const declaration = this.unitOfNode.get(shared);
            if (!declaration) throw new GenerationError(`\`${node.name}\` applies an unknown shared layer`);
            return { apply: { name: this.variables.get(declaration)! }, args: this.callArguments(node, inputs) };
        }
        const constructor = this.layerConstructor(node);
        if (node.meta?.[domain.sharedDeclarationKey] || this.isInput(node)) return constructor;
        return { apply: constructor, args: this.callArguments(node, inputs) };
    }

    protected isInput(node: ModelNode): boolean {
        return this.input.domain.metamodel.canonicalName(node.type) === this.input.domain.inputType;
    }

    /** How a layer takes its tensors: one, a list, or positionally (`mha(query, value)`). */
    protected callArguments(node: ModelNode, inputs: PyExpr[]): PyExpr[] {
        if (inputs.length <= 1) return inputs;
        const type = this.input.domain.metamodel.canonicalName(node.type) ?? node.type;
        return POSITIONAL_CALL_LAYERS.has(type) ? inputs : [{ list: inputs }];
    }

    /** `layers.Conv2D(32, (3, 3), padding="same", name="conv")`: arguments as written, defaults left out. */
    protected layerConstructor(node: ModelNode): PyExpr {
        const resolved = this.source.validation.nodes.get(node.id);
        if (!resolved) throw new GenerationError(`\`${node.name}\`: unknown layer type \`${node.type}\``);
        const defs = new Map<AttributeAssignment, AttributeDef>();
        for (const attribute of resolved.attributes.values()) if (attribute.assignment) defs.set(attribute.assignment, attribute.def);
        const positional = node.attributes.filter(a => a.name === undefined).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
        const keywords = node.attributes.filter(a => a.name !== undefined);
        while (positional.length > 0) {
            const last = positional[positional.length - 1];
            if (!isDefault(last.value, defs.get(last)?.default)) break;
            positional.pop();
        }
        const written = keywords.find(a => a.name === 'name');
        const args = positional.map(a => this.value(a.value, defs.get(a)?.name));
        const kwargs: Array<readonly [string, PyExpr]> = keywords
            .filter(a => a.name !== 'name' && !isDefault(a.value, defs.get(a)?.default))
            .map(a => [a.name!, this.value(a.value, a.name)] as const);
        kwargs.push(['name', written ? this.value(written.value, 'name') : this.layerName(node.name)]);
        const type = resolved.type.name;
        return { callee: this.isInput(node) ? 'keras.Input' : `layers.${type}`, args, kwargs };
    }

    /** `b1 = conv_block(image, filters=32, name="b1")`. */
    protected callValue(call: BlockCall): PyExpr {
        const info = this.infos.get(call.callee);
        if (!info) throw new GenerationError(`\`${call.name}\` calls \`${call.callee}\`, which is not defined`);
        const inputs = call.inputs.map(end => {
            if (!end) throw new GenerationError(`\`${call.name}\`: an input is not connected`);
            return this.tensor(end);
        });
        const positional = call.arguments.filter(a => a.name === undefined).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
        const keywords = call.arguments.filter(a => a.name !== undefined);
        const kwargs: Array<readonly [string, PyExpr]> = keywords.map(a => {
            const parameter = info.parameters.get(a.name!);
            if (!parameter) throw new GenerationError(`\`${call.name}\`: \`${call.callee}\` has no parameter \`${a.name}\``);
            return [parameter, this.value(a.value)] as const;
        });
        kwargs.push([info.prefix, this.layerName(call.name)]);
        return { callee: info.name, args: [...inputs, ...positional.map(a => this.value(a.value))], kwargs };
    }

    /** A value as Python: literals, block parameters by name, helper objects from their Keras module. */
    protected value(value: Value, argument?: string): PyExpr {
        switch (value.kind) {
            case 'int': return value.value;
            case 'float': return { float: value.value };
            case 'string': return value.value;
            case 'bool': return value.value;
            case 'none': return null;
            case 'tuple': return { tuple: value.items.map(item => this.value(item, argument)) };
            case 'list': return { list: value.items.map(item => this.value(item, argument)) };
            case 'unknown': {
                const parameter = value.description !== undefined ? this.parameterNames.get(value.description) : undefined;
                if (!parameter) throw new GenerationError(`\`${this.source.graph.name}\`: a value is unknown${value.description ? ` (\`${value.description}\`)` : ''}`);
                return { name: parameter };
            }
            case 'call': {
                const category = helperCategoryOf(argument);
                const layer = category ? undefined : this.input.domain.metamodel.get(value.callee);
                let callee: string;
                let names: readonly string[];
                if (category) {
                    this.imports.add(HELPER_MODULES[category]);
                    callee = `${HELPER_MODULES[category]}.${value.callee}`;
                    names = helperArguments(category, value.callee).map(a => a.name);
                } else if (layer) {
                    callee = `layers.${layer.name}`;
                    names = layerArguments(layer.name).map(a => a.name);
                } else {
                    throw new GenerationError(`\`${this.source.graph.name}\`: \`${value.callee}(…)\` is neither a layer nor a helper object for \`${argument}\``);
                }
                return {
                    callee,
                    args: value.args.map((arg, i) => this.value(arg, names[i])),
                    kwargs: value.kwargs.map(kw => [kw.name, this.value(kw.value, kw.name)] as const)
                };
            }
        }
    }
}
