import {
    formatValue, outermost, type BlockCall, type Connection, type Diagnostic, type LayerAnalysis, type ModelGraph, type ModelNode, type Range,
    type TensorShape, type Trace
} from '../../metamodel/core/index.js';
import {
    snapWidth, T, textWidth, addChild, edgesFirst, type DiagramChild, type DiagramEdge, type DiagramGraph, type DiagramLabel, type DiagramNode, type DiagramPort
} from '../model/diagram-model.js';
import { assignDiagnostics, markerOf, MARKER_SIZE, PAD, PORT_SIZE, ROW_HEIGHT, sourceRange, TITLE_HEIGHT } from './common.js';

/** What a network diagram is made of: the lowered graph, what analysis found, and the document's diagnostics. */
export interface NetworkDiagramSource {
    readonly uri: string;
    readonly graph: ModelGraph;
    /** Shapes and weights by node id. */
    readonly layers: ReadonlyMap<string, LayerAnalysis>;
    readonly formatShape: (shape: TensorShape) => string;
    readonly diagnostics: readonly Diagnostic[];
    /** The block calls written in the graph (groups get their callee's name and the call's text). */
    readonly blockCalls?: readonly BlockCall[];
    /** Node meta key listing, outermost first, the composites a node was expanded from (the group's callee names). */
    readonly blocksKey?: string;
    /** Node meta key of a shared layer's declaration (drawn without ports). */
    readonly sharedDeclarationKey?: string;
    /** The name of a positional argument (`Conv2D`, 0 → `filters`), shown as `filters=16`. */
    readonly argumentName?: (type: string, position: number) => string | undefined;
    /** The meta-type of inputs (`Input`): no input port. */
    readonly inputType?: string;
}

export interface NetworkDiagramOptions {
    /** Group ids (`group:b1`) drawn collapsed. */
    readonly collapsed?: ReadonlySet<string>;
    /** Arguments shown per layer; the rest are summed up as `+2 more`. */
    readonly maxArguments?: number;
}

export const GROUP_PREFIX = 'group:';
export const GROUP_TITLE = 24;

/** The id of the group of a path of block calls (`['b1', 'inner']` → `group:b1/inner`). */
export function groupId(path: readonly string[]): string {
    return GROUP_PREFIX + path.join('/');
}

export const inputPortId = (nodeId: string) => `${nodeId}:in`;
export const outputPortId = (nodeId: string, index?: number) => (index === undefined ? `${nodeId}:out` : `${nodeId}:out[${index}]`);

/**
 * Model graph of a network → Sprotty model: a node per layer (type, name, the first arguments),
 * an input port on top and one output port per output at the bottom (`[0]`, `[1]` for layers with
 * several), edges labelled with the inferred shape (hover: the full shape and the parameters of
 * the layer it comes from), a marker on each layer with a diagnostic (hover: the messages), and
 * block calls as groups (collapsed ones as a single node). Sizes are exact (monospace text);
 * positions come from the layout.
 */
export function generateNetworkDiagram(source: NetworkDiagramSource, options: NetworkDiagramOptions = {}): DiagramGraph {
    const { graph, layers } = source;
    const collapsed = options.collapsed ?? new Set<string>();
    const maxArguments = options.maxArguments ?? 4;
    const calls = new Map((source.blockCalls ?? []).map(call => [call.name, call]));

    /** The visible element a model node is drawn as: itself, or its outermost collapsed group. */
    const visibleOf = new Map<string, string>();
    /** The visible container path (group ids) of a model node. */
    const containerOf = new Map<string, string[]>();
    for (const node of graph.nodes) {
        const path = node.group ?? [];
        const containers: string[] = [];
        let visible = node.id;
        for (let depth = 1; depth <= path.length; depth++) {
            const id = groupId(path.slice(0, depth));
            if (collapsed.has(id)) {
                visible = id;
                break;
            }
            containers.push(id);
        }
        visibleOf.set(node.id, visible);
        containerOf.set(node.id, visible === node.id ? containers : containers);
    }

    // Outputs per node: as many as analysis found, or as the connections index.
    const outputCount = new Map<string, number>();
    const indexed = new Set<string>();
    for (const connection of graph.connections) {
        if (connection.from.index !== undefined) {
            indexed.add(connection.from.node);
            outputCount.set(connection.from.node, Math.max(outputCount.get(connection.from.node) ?? 1, connection.from.index + 1));
        }
    }
    for (const [id, analysis] of layers) {
        if ((analysis.outputs?.length ?? 0) > 1) outputCount.set(id, Math.max(outputCount.get(id) ?? 1, analysis.outputs!.length));
    }

    // Diagnostics: on the smallest element whose text holds them (layers written here, block calls).
    const targets: Array<{ id: string; range: Range }> = [];
    for (const node of graph.nodes) {
        if (!node.group?.length && node.trace.uri === source.uri) targets.push({ id: node.id, range: node.trace.range });
    }
    for (const call of calls.values()) if (call.trace.uri === source.uri) targets.push({ id: groupId([call.name]), range: call.trace.range });
    const diagnosticsOf = assignDiagnostics(source.uri, source.diagnostics, targets);
    // A diagnostic of a collapsed group's layer stays with the group; of an expanded top-level group, with the group too.

    const root: DiagramGraph = { type: T.graph, id: 'graph', diagramKind: 'network', name: graph.name, uri: source.uri, children: [] };
    const groups = new Map<string, DiagramNode>();
    const containerElement = (path: readonly string[]): DiagramNode | DiagramGraph => {
        if (path.length === 0) return root;
        const id = path[path.length - 1];
        let group = groups.get(id);
        if (!group) {
            group = groupNode(id, false, source, calls, graph, diagnosticsOf.get(id));
            groups.set(id, group);
            addChild(containerElement(path.slice(0, -1)), group);
        }
        return group;
    };

    for (const node of graph.nodes) {
        const visible = visibleOf.get(node.id)!;
        const containers = containerOf.get(node.id)!;
        if (visible !== node.id) {
            // A collapsed group: drawn once, as a node of its parent.
            if (!groups.has(visible)) {
                const group = groupNode(visible, true, source, calls, graph, diagnosticsOf.get(visible));
                groups.set(visible, group);
                addChild(containerElement(containers), group);
            }
            continue;
        }
        addChild(containerElement(containers), layerNode(node, source, layers.get(node.id), outputCount.get(node.id) ?? 1,
            indexed.has(node.id) || (outputCount.get(node.id) ?? 1) > 1, maxArguments, diagnosticsOf.get(node.id)));
    }

    // Edges, in the lowest container holding both ends.
    const seen = new Set<string>();
    for (const connection of graph.connections) {
        const fromVisible = visibleOf.get(connection.from.node);
        const toVisible = visibleOf.get(connection.to.node);
        if (!fromVisible || !toVisible || fromVisible === toVisible) continue;
        const multi = indexed.has(connection.from.node) || (outputCount.get(connection.from.node) ?? 1) > 1;
        const sourceId = fromVisible === connection.from.node
            ? outputPortId(fromVisible, multi ? connection.from.index ?? 0 : undefined)
            : outputPortId(fromVisible);
        const targetId = inputPortId(toVisible);
        const id = fromVisible === connection.from.node && toVisible === connection.to.node
            ? `edge:${sourceId}->${targetId}#${connection.to.position}`
            : `edge:${sourceId}->${targetId}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const container = commonPrefix(containerOf.get(connection.from.node)!, containerOf.get(connection.to.node)!);
        addChild(containerElement(container), tensorEdge(id, sourceId, targetId, connection, source));
    }
    edgesFirst(root);
    return root;
}

function layerNode(node: ModelNode, source: NetworkDiagramSource, analysis: LayerAnalysis | undefined, outputs: number, multi: boolean,
    maxArguments: number, diagnostics: readonly Diagnostic[] | undefined): DiagramNode {
    const id = node.id;
    const own = !node.group?.length && node.trace.uri === source.uri;
    const shared = source.sharedDeclarationKey !== undefined && Boolean(node.meta?.[source.sharedDeclarationKey]);
    const isInput = source.inputType !== undefined && node.type === source.inputType;
    const children: DiagramChild[] = [];
    const typeText = node.type;
    const nameText = shared ? `shared ${node.name}` : node.name;
    const typeLabel: DiagramLabel = { type: T.typeLabel, id: `${id}:type`, text: typeText, position: { x: PAD, y: 4 } };
    const nameLabel: DiagramLabel = {
        type: T.nameLabel, id: `${id}:name`, text: nameText, position: { x: PAD + textWidth(typeText) + 8, y: 4 },
        ...(own && !shared ? { edit: { kind: 'name' as const }, range: node.nameTrace ? sourceRange(node.nameTrace) : undefined } : {})
    };
    children.push(typeLabel, nameLabel);
    let width = PAD + textWidth(typeText) + 8 + textWidth(nameText) + PAD + (diagnostics ? MARKER_SIZE + 4 : 0);
    const shown = node.attributes.slice(0, maxArguments);
    shown.forEach((attribute, i) => {
        const name = attribute.name ?? (attribute.position !== undefined ? source.argumentName?.(node.type, attribute.position) : undefined);
        const text = name !== undefined ? `${name}=${formatValue(attribute.value)}` : formatValue(attribute.value);
        width = Math.max(width, 2 * PAD + textWidth(text));
        children.push({
            type: T.argumentLabel, id: `${id}:arg:${attribute.name ?? attribute.position ?? i}`, text,
            position: { x: PAD, y: TITLE_HEIGHT + i * ROW_HEIGHT },
            ...(own ? { edit: { kind: 'argument' as const, key: attribute.name ?? String(attribute.position ?? i) }, range: sourceRange(attribute.trace) } : {})
        } satisfies DiagramLabel);
    });
    let rows = shown.length;
    if (node.attributes.length > shown.length) {
        const text = `+${node.attributes.length - shown.length} more`;
        children.push({ type: T.moreLabel, id: `${id}:more`, text, position: { x: PAD, y: TITLE_HEIGHT + rows * ROW_HEIGHT } } satisfies DiagramLabel);
        rows++;
    }
    width = snapWidth(Math.max(width, 96, outputs > 1 ? outputs * 32 : 0));
    const height = TITLE_HEIGHT + rows * ROW_HEIGHT + (rows > 0 ? 4 : 0);
    if (!shared && !isInput) children.push(port(inputPortId(id), T.inputPort, 'in', width / 2 - PORT_SIZE / 2, -PORT_SIZE / 2));
    if (!shared) {
        if (multi) {
            for (let i = 0; i < outputs; i++) {
                const x = ((i + 0.5) * width) / outputs - PORT_SIZE / 2;
                const p = port(outputPortId(id, i), T.outputPort, 'out', x, height - PORT_SIZE / 2, i);
                addChild(p, { type: T.portLabel, id: `${p.id}:label`, text: `[${i}]`, position: { x: -4, y: -14 } } satisfies DiagramLabel);
                p.hover = shapeText(analysis?.outputs?.[i], source);
                children.push(p);
            }
        } else {
            children.push(port(outputPortId(id), T.outputPort, 'out', width / 2 - PORT_SIZE / 2, height - PORT_SIZE / 2));
        }
    }
    if (diagnostics) children.push(markerOf(id, width, diagnostics));
    const params = analysis?.trainable !== undefined ? analysis.trainable + (analysis.nonTrainable ?? 0) : undefined;
    const out = analysis?.outputs?.map(s => source.formatShape(s)).join(', ');
    return {
        type: T.layer, id, modelId: id, position: { x: 0, y: 0 }, size: { width, height }, children,
        cssClasses: [
            ...(diagnostics?.some(d => d.severity === 'error') ? ['has-error'] : diagnostics ? ['has-warning'] : []),
            ...(shared ? ['shared'] : []), ...(isInput ? ['input-layer'] : []), ...(node.group?.length ? ['in-group'] : [])
        ],
        hover: `${node.name}: ${node.type}${out ? ` → ${out}` : ''}${params !== undefined ? `\n${formatCount(params)} parameters` : ''}`,
        range: sourceRange(own ? node.trace : outermost(node.trace))
    };
}

function groupNode(id: string, collapsed: boolean, source: NetworkDiagramSource, calls: ReadonlyMap<string, BlockCall>, graph: ModelGraph,
    diagnostics: readonly Diagnostic[] | undefined): DiagramNode {
    const path = id.substring(GROUP_PREFIX.length).split('/');
    const name = path[path.length - 1];
    const call = path.length === 1 ? calls.get(name) : undefined;
    const member = graph.nodes.find(node => node.group && node.group.length >= path.length && path.every((p, i) => node.group![i] === p));
    const callee = call?.callee ?? (source.blocksKey ? (member?.meta?.[source.blocksKey] as string[] | undefined)?.[path.length - 1] : undefined);
    const title = callee ? `${name}: ${callee}` : name;
    const trace: Trace | undefined = call?.trace ?? (member ? outermost(member.trace) : undefined);
    const children: DiagramChild[] = [
        {
            type: T.groupLabel, id: `${id}:label`, text: title, position: { x: PAD + 14, y: 5 },
            ...(call && call.trace.uri === source.uri ? { edit: { kind: 'name' as const } } : {})
        } satisfies DiagramLabel
    ];
    const node: DiagramNode = {
        type: T.group, id, expanded: !collapsed, children,
        cssClasses: diagnostics?.some(d => d.severity === 'error') ? ['has-error'] : diagnostics ? ['has-warning'] : [],
        hover: `block call ${title}`,
        range: trace ? sourceRange(trace) : undefined
    };
    if (collapsed) {
        const width = snapWidth(Math.max(120, PAD + 14 + textWidth(title) + PAD + (diagnostics ? MARKER_SIZE + 4 : 0)));
        const height = TITLE_HEIGHT + 6;
        node.position = { x: 0, y: 0 };
        node.size = { width, height };
        children.push(port(inputPortId(id), T.inputPort, 'in', width / 2 - PORT_SIZE / 2, -PORT_SIZE / 2));
        children.push(port(outputPortId(id), T.outputPort, 'out', width / 2 - PORT_SIZE / 2, height - PORT_SIZE / 2));
    } else {
        node.layoutOptions = { 'org.eclipse.elk.padding': `[top=${GROUP_TITLE + 8},left=12,bottom=12,right=12]` };
    }
    if (diagnostics) children.push(markerOf(id, collapsed ? node.size!.width : textWidth(title) + 2 * PAD + 14 + MARKER_SIZE + 8, diagnostics));
    return node;
}

function port(id: string, type: string, portName: string, x: number, y: number, index?: number): DiagramPort {
    return { type, id, portName, outputIndex: index, position: { x, y }, size: { width: PORT_SIZE, height: PORT_SIZE }, children: [] };
}

function tensorEdge(id: string, sourceId: string, targetId: string, connection: Connection, source: NetworkDiagramSource): DiagramEdge {
    const analysis = source.layers.get(connection.from.node);
    const shape = analysis?.outputs?.[connection.from.index ?? 0];
    const text = shape ? source.formatShape(shape) : '?';
    const params = analysis?.trainable !== undefined ? analysis.trainable + (analysis.nonTrainable ?? 0) : undefined;
    const fromName = connection.from.index !== undefined ? `${connection.from.node}[${connection.from.index}]` : connection.from.node;
    const hover = `${fromName} → ${connection.to.node}\nshape ${text}`
        + (params !== undefined ? `\n${formatCount(params)} parameters in ${connection.from.node}` : '');
    const label: DiagramLabel = {
        type: T.shapeLabel, id: `${id}:shape`, text, hover,
        size: { width: snapWidth(textWidth(text, 11) + 6), height: 14 }, position: { x: 0, y: 0 }
    };
    return {
        type: T.tensor, id, sourceId, targetId, children: [label], hover,
        cssClasses: shape ? [] : ['unknown-shape'], range: sourceRange(outermost(connection.trace))
    };
}

function shapeText(shape: TensorShape | undefined, source: NetworkDiagramSource): string | undefined {
    return shape ? source.formatShape(shape) : undefined;
}

function commonPrefix(a: readonly string[], b: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) out.push(a[i]);
    return out;
}

/** `25,636,712`. */
export function formatCount(count: number): string {
    return count.toLocaleString('en-US');
}
