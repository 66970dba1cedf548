import { AstUtils, type AstNode } from 'langium';
import {
    describeType, formatValue, fromJs, type AttributeDef, type NetworkDomain, type ResolvedMetaType, type TensorShape
} from '../../../metamodel/core/index.js';
import {
    isBlock, isLayerStatement, isLayerType, isNetwork, isSharedLayer, type Block, type LayerStatement, type Network, type Parameter,
    type SharedLayer
} from '../../generated/ast.js';
import type { DfnnAnalyzer, GraphAnalysis } from '../analysis/dfnn-analyzer.js';
import type { DfnnServices } from '../dfnn-module.js';

/** What the analysis inferred for one statement: its output shapes and weights. */
export interface StatementInfo {
    /** Output shapes (several for a layer or block with several outputs); absent when unknown. */
    readonly outputs?: readonly TensorShape[];
    readonly trainable?: number;
    readonly nonTrainable?: number;
    /** For an application of a shared layer: the shared layer owning the weights. */
    readonly sharesWeightsWith?: string;
}

/** One parameter of something callable, as completion, hover and signature help show it. */
export interface CallableParameter {
    readonly name: string;
    /** `int or tuple of 2 ints`, `"valid" | "same"`; absent when unknown. */
    readonly type?: string;
    /** The default as the language writes it; absent when there is none. */
    readonly default?: string;
    readonly required: boolean;
    /** Accepted by keyword only. */
    readonly keywordOnly: boolean;
    readonly doc?: string;
    /** The attribute definition, for layer types. */
    readonly definition?: AttributeDef;
}

/** A callee's signature: a layer type, a block or a network. */
export interface CallableSignature {
    readonly name: string;
    readonly kind: 'layer' | 'block' | 'network';
    readonly doc?: string;
    readonly parameters: readonly CallableParameter[];
}

/**
 * What the editor features (hover, inlay hints, completion, signature help) show about layers
 * and statements, read from the domain metamodel and from the {@link DfnnAnalyzer}'s cached
 * analysis — never recomputed: text → model graph → features.
 */
export interface DfnnLayerInfo {
    /** The domain's input layer type (`Input`). */
    readonly inputType: string;
    /** The signature of a layer type, block or network (by node, or by name for layer types). */
    signature(callee: AstNode | string): CallableSignature | undefined;
    /** The meta-type of a layer type name (or alias). */
    metaType(name: string): ResolvedMetaType | undefined;
    /** The output shapes and weights the analysis inferred for a statement. */
    statementInfo(statement: LayerStatement | SharedLayer): StatementInfo | undefined;
    /** A shape as the domain prints it: `(None, 16, 16, 32)`. */
    formatShape(shape: TensorShape): string;
    /** Several outputs: `(None, 64), (None, 64)`. */
    formatShapes(shapes: readonly TensorShape[]): string;
    /** `Conv2D(filters, kernel_size, strides=(1, 1), …)`. */
    formatSignature(signature: CallableSignature, maxParameters?: number): string;
}

export class DefaultDfnnLayerInfo implements DfnnLayerInfo {
    protected readonly domain: NetworkDomain;
    protected readonly analyzer: DfnnAnalyzer;

    constructor(services: DfnnServices) {
        this.domain = services.domain.NetworkDomain;
        this.analyzer = services.analysis.Analyzer;
    }

    get inputType(): string {
        return this.domain.inputType;
    }

    metaType(name: string): ResolvedMetaType | undefined {
        const type = this.domain.metamodel.get(name);
        return type && !type.definition.abstract ? type : undefined;
    }

    signature(callee: AstNode | string): CallableSignature | undefined {
        if (typeof callee === 'string') return this.layerSignature(callee);
        if (isLayerType(callee)) return this.layerSignature(callee.name);
        if (isBlock(callee)) return this.blockSignature(callee);
        if (isNetwork(callee)) return { name: callee.name, kind: 'network', parameters: [], doc: this.networkDoc(callee) };
        if (isSharedLayer(callee)) return callee.callee?.ref ? this.signature(callee.callee.ref) : undefined;
        return undefined;
    }

    protected layerSignature(name: string): CallableSignature | undefined {
        const type = this.metaType(name);
        if (!type) return undefined;
        const canonical = type.definition.name;
        const doc = canonical === name ? type.definition.doc : `Alias of \`${canonical}\`.` + (type.definition.doc ? ` ${type.definition.doc}` : '');
        return {
            name, kind: 'layer', doc,
            parameters: type.attributes.map(attribute => ({
                name: attribute.name,
                type: describeType(attribute.type),
                default: attribute.default === undefined ? undefined : formatValue(fromJs(attribute.default)),
                required: Boolean(attribute.required),
                keywordOnly: Boolean(attribute.keywordOnly),
                doc: attribute.doc,
                definition: attribute
            }))
        };
    }

    protected blockSignature(block: Block): CallableSignature {
        return {
            name: block.name, kind: 'block',
            parameters: block.parameters.map((parameter: Parameter) => ({
                name: parameter.name,
                type: parameter.type,
                default: parameter.default?.$cstNode?.text,
                required: parameter.default === undefined,
                keywordOnly: false
            }))
        };
    }

    protected networkDoc(network: Network): string | undefined {
        const inputs = network.statements.filter(isLayerStatement).filter(s => s.callee?.$refText === this.domain.inputType).map(s => `\`${s.name}\``);
        return inputs.length > 0 ? `A network used as a block: its inputs are ${inputs.join(', ')}.` : undefined;
    }

    statementInfo(statement: LayerStatement | SharedLayer): StatementInfo | undefined {
        const graph = this.graphOf(statement);
        if (!graph) return undefined;
        const { lowered, analysis } = graph;
        if (isLayerStatement(statement)) {
            const call = lowered.blockCalls.find(c => c.name === statement.name);
            if (call) {
                const outputs: TensorShape[] = [];
                for (const end of call.outputs) {
                    const shape = end ? analysis.layers.get(end.node)?.outputs?.[end.index ?? 0] : undefined;
                    if (!shape) return { ...this.weights(call.nodes, graph) };
                    outputs.push(shape);
                }
                return { outputs, ...this.weights(call.nodes, graph) };
            }
        }
        const ids = lowered.statementNodes.get(statement);
        if (!ids || ids.length !== 1) return undefined;
        const layer = analysis.layers.get(ids[0]);
        if (!layer) return undefined;
        const owner = layer.sharesWeightsWith ? lowered.graph.nodes.find(n => n.id === layer.sharesWeightsWith)?.name : undefined;
        return { outputs: layer.outputs, trainable: layer.trainable, nonTrainable: layer.nonTrainable, sharesWeightsWith: owner };
    }

    /** The weights of the nodes a block call expanded to (unknown if any is unknown; applications of shared layers count once, with their owner). */
    protected weights(ids: readonly string[], graph: GraphAnalysis): Pick<StatementInfo, 'trainable' | 'nonTrainable'> {
        let trainable = 0;
        let nonTrainable = 0;
        for (const id of ids) {
            const layer = graph.analysis.layers.get(id);
            if (layer?.sharesWeightsWith) continue;
            if (layer?.trainable === undefined || layer.nonTrainable === undefined) return {};
            trainable += layer.trainable;
            nonTrainable += layer.nonTrainable;
        }
        return { trainable, nonTrainable };
    }

    /** The analysis of the network or block containing a statement. */
    protected graphOf(statement: AstNode): GraphAnalysis | undefined {
        const container = statement.$container;
        if (!container) return undefined;
        const document = AstUtils.getDocument(statement);
        return this.analyzer.analyze(document).graphs.find(g => g.lowered.source === container);
    }

    formatShape(shape: TensorShape): string {
        return this.domain.formatShape(shape);
    }

    formatShapes(shapes: readonly TensorShape[]): string {
        return shapes.map(s => this.formatShape(s)).join(', ');
    }

    formatSignature(signature: CallableSignature, maxParameters = Infinity): string {
        const shown = signature.parameters.slice(0, maxParameters).map(formatParameter);
        if (signature.parameters.length > maxParameters) shown.push('…');
        return `${signature.name}(${shown.join(', ')})`;
    }
}

/** `filters`, `padding="valid"`. */
export function formatParameter(parameter: CallableParameter): string {
    return parameter.default === undefined ? parameter.name : `${parameter.name}=${parameter.default}`;
}

/** `1,234`: a count with thousands separators. */
export function formatCount(n: number): string {
    return n.toLocaleString('en-US');
}
