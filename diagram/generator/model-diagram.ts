import {
    formatValue, type Diagnostic, type Metamodel, type ModelGraph, type ModelNode, type Range
} from '../../metamodel/core/index.js';
import {
    snapWidth, T, textWidth, addChild, edgesFirst, type DiagramChild, type DiagramEdge, type DiagramGraph, type DiagramLabel, type DiagramNode, type DiagramPort
} from '../model/diagram-model.js';
import { assignDiagnostics, markerOf, MARKER_SIZE, PAD, PORT_SIZE, ROW_HEIGHT, sourceRange } from './common.js';
import { GROUP_TITLE } from './network-diagram.js';

/** What the generic diagram of a model graph is made of. */
export interface ModelDiagramSource {
    readonly uri: string;
    readonly graph: ModelGraph;
    /** The metamodel the graph's nodes are instances of (their ports). */
    readonly metamodel: Metamodel;
    readonly diagnostics: readonly Diagnostic[];
}

export interface ModelDiagramOptions {
    /** Group ids (`group:digits`) drawn collapsed: the container alone, without what it contains. */
    readonly collapsed?: ReadonlySet<string>;
    /** Attribute rows shown per node; the rest are summed up as `+2 more`. */
    readonly maxAttributes?: number;
}

export const modelGroupId = (nodeId: string) => `group:${nodeId}`;
export const modelInputPortId = (nodeId: string, port: string) => `${nodeId}:in:${port}`;
export const modelOutputPortId = (nodeId: string, port: string) => `${nodeId}:out:${port}`;

const PORT_ROW = 16;
/** The most characters of an attribute row. */
const MAX_ROW = 44;
const PORT_GAP = 12;

/**
 * The generic diagram of any model graph (the data-only languages' documents): a card per node
 * — the type and the name, the attributes as written, the references (`source → sklearn`) — with
 * the type's named input ports on top and output ports at the bottom, an edge per connection,
 * and a marker on each node with a diagnostic (hover: the messages). A node that contains others
 * (`group` paths) is drawn as a group holding its own card and theirs. Every node carries the
 * classes `df-node-<type>` and those of its type's ancestors, the root `df-<graph kind>`, for
 * a language's diagram CSS. The drawing is read-only (no label is editable): the text is edited.
 */
export function generateModelDiagram(source: ModelDiagramSource, options: ModelDiagramOptions = {}): DiagramGraph {
    const { graph, metamodel } = source;
    const collapsed = options.collapsed ?? new Set<string>();
    const maxAttributes = options.maxAttributes ?? 6;
    const targets: Array<{ id: string; range: Range }> = graph.nodes.filter(n => n.trace.uri === source.uri).map(n => ({ id: n.id, range: n.trace.range }));
    const diagnosticsOf = assignDiagnostics(source.uri, source.diagnostics, targets);
    // A container's range holds its children's: a child's diagnostic went to the child (smallest range wins).
    const root: DiagramGraph = {
        type: T.graph, id: 'graph', diagramKind: 'model', name: graph.name, uri: source.uri, children: [], cssClasses: [`df-${graph.kind}`]
    };

    const hasChildren = new Set(graph.nodes.filter(n => n.group?.length).map(n => n.group![n.group!.length - 1]));
    /** The containers of a node, outermost first, as far as they are drawn (a collapsed one hides what it holds). */
    const hidden = (node: ModelNode) => (node.group ?? []).some(name => collapsed.has(modelGroupId(name)));
    const visible = graph.nodes.filter(node => !hidden(node));
    const visibleIds = new Set(visible.map(n => n.id));

    // Ports: the type's, plus any a connection names that the type lacks (reported elsewhere).
    const inputs = new Map<string, string[]>();
    const outputs = new Map<string, string[]>();
    for (const node of graph.nodes) {
        const type = metamodel.get(node.type);
        inputs.set(node.id, type ? type.inputs.map(p => p.name) : []);
        outputs.set(node.id, type ? type.outputs.map(p => p.name) : []);
    }
    for (const connection of graph.connections) {
        const add = (map: Map<string, string[]>, node: string, port: string) => {
            const list = map.get(node);
            if (list && !list.includes(port)) list.push(port);
        };
        add(inputs, connection.to.node, connection.to.port);
        add(outputs, connection.from.node, connection.from.port ?? 'out');
    }

    const byId = new Map(graph.nodes.map(n => [n.id, n]));
    const groups = new Map<string, DiagramNode>();
    const containerOf = (path: readonly string[]): DiagramGraph | DiagramNode => {
        if (path.length === 0) return root;
        const name = path[path.length - 1];
        const id = modelGroupId(name);
        let group = groups.get(id);
        if (!group) {
            const owner = byId.get(name);
            const label: DiagramLabel = { type: T.groupLabel, id: `${id}:label`, text: owner ? `${owner.name}: ${owner.type}` : name, position: { x: PAD + 14, y: 5 } };
            const created: DiagramNode = {
                type: T.group, id, expanded: true, modelId: name,
                children: [label],
                cssClasses: ['model-group'],
                hover: owner ? `${owner.type} ${owner.name} and what it contains` : name,
                range: owner ? sourceRange(owner.trace) : undefined,
                layoutOptions: { 'org.eclipse.elk.padding': `[top=${GROUP_TITLE + 8},left=12,bottom=12,right=12]` }
            };
            groups.set(id, created);
            addChild(containerOf(path.slice(0, -1)), created);
            group = created;
        }
        return group;
    };
    /** Where a node's card goes: in its own group when it contains drawn nodes, else in its container's. */
    const cardPath = (node: ModelNode): string[] => {
        const path = [...(node.group ?? [])];
        if (hasChildren.has(node.id) && !collapsed.has(modelGroupId(node.id))) path.push(node.id);
        return path;
    };

    for (const node of visible) {
        const card = nodeCard(node, source, inputs.get(node.id)!, outputs.get(node.id)!, maxAttributes, diagnosticsOf.get(node.id));
        if (hasChildren.has(node.id) && collapsed.has(modelGroupId(node.id))) card.cssClasses!.push('collapsed-container');
        addChild(containerOf(cardPath(node)), card);
    }
    graph.connections.forEach(connection => {
        if (!visibleIds.has(connection.from.node) || !visibleIds.has(connection.to.node)) return;
        const sourceId = modelOutputPortId(connection.from.node, connection.from.port ?? 'out');
        const targetId = modelInputPortId(connection.to.node, connection.to.port);
        const container = commonPrefix(cardPath(byId.get(connection.from.node)!), cardPath(byId.get(connection.to.node)!));
        addChild(containerOf(container), {
            type: T.artifact, id: `edge:${sourceId}->${targetId}#${connection.to.position}`, sourceId, targetId, children: [],
            hover: `${connection.from.node}.${connection.from.port ?? 'out'} → ${connection.to.node}.${connection.to.port}`,
            range: sourceRange(connection.trace)
        } satisfies DiagramEdge);
    });
    edgesFirst(root);
    return root;
}

function nodeCard(node: ModelNode, source: ModelDiagramSource, inputs: readonly string[], outputs: readonly string[], maxAttributes: number,
    diagnostics: readonly Diagnostic[] | undefined): DiagramNode {
    const id = node.id;
    const own = node.trace.uri === source.uri;
    const type = source.metamodel.get(node.type);
    const children: DiagramChild[] = [];
    const markerSpace = diagnostics ? MARKER_SIZE + 4 : 0;
    const top = inputs.length > 0 ? PORT_ROW + 4 : 4;
    children.push({ type: T.typeLabel, id: `${id}:type`, text: node.type, position: { x: PAD, y: top } } satisfies DiagramLabel);
    const nameX = PAD + textWidth(node.type) + 8;
    children.push({
        type: T.nameLabel, id: `${id}:name`, text: node.name, position: { x: nameX, y: top },
        ...(own && node.nameTrace ? { range: sourceRange(node.nameTrace) } : {})
    } satisfies DiagramLabel);
    let width = nameX + textWidth(node.name) + PAD + markerSpace;
    let y = top + ROW_HEIGHT + 4;
    const rows: DiagramLabel[] = [];
    for (const attribute of node.attributes) {
        const full = `${attribute.name ?? attribute.position}: ${formatValue(attribute.value)}`;
        // Long values (descriptions, addresses) are cut, so that a card stays narrow; the hover has them whole.
        const text = full.length > MAX_ROW ? `${full.substring(0, MAX_ROW - 1)}…` : full;
        rows.push({
            type: T.argumentLabel, id: `${id}:attr:${attribute.name ?? attribute.position}`, text, position: { x: PAD, y: 0 },
            ...(text !== full ? { hover: full } : {}),
            ...(own ? { range: sourceRange(attribute.trace) } : {})
        });
    }
    for (const reference of node.references ?? []) {
        rows.push({
            type: T.referenceLabel, id: `${id}:ref:${reference.name}`, text: `${reference.name} → ${reference.target}`, position: { x: PAD, y: 0 },
            hover: `${reference.name}: ${reference.targetKind ?? 'unresolved'} ${reference.target}`,
            cssClasses: reference.targetKind ? [] : ['unresolved'],
            range: sourceRange(reference.trace)
        });
    }
    // As written: attributes and references in source order.
    const start = (label: DiagramLabel) => label.range ? label.range.start.line * 100_000 + label.range.start.character : Infinity;
    rows.sort((a, b) => start(a) - start(b));
    const shown = rows.length > maxAttributes ? rows.slice(0, maxAttributes - 1) : rows;
    for (const row of shown) {
        row.position = { x: PAD, y };
        children.push(row);
        width = Math.max(width, 2 * PAD + textWidth(row.text));
        y += ROW_HEIGHT;
    }
    if (shown.length < rows.length) {
        const text = `+${rows.length - shown.length} more`;
        children.push({ type: T.moreLabel, id: `${id}:more`, text, position: { x: PAD, y }, hover: rows.slice(shown.length).map(r => r.text).join('\n') } satisfies DiagramLabel);
        y += ROW_HEIGHT;
    }
    const columns = (names: readonly string[]) => names.reduce((sum, name) => sum + textWidth(name, 11) + PORT_GAP, PORT_GAP);
    width = snapWidth(Math.max(width, columns(inputs), columns(outputs), 96));
    const height = y + (outputs.length > 0 ? PORT_ROW : 0) + 2;
    const placePorts = (names: readonly string[], side: 'input' | 'output', portY: number, labelY: number) => {
        names.forEach((name, i) => {
            const center = ((i + 0.5) * width) / names.length;
            const portId = side === 'input' ? modelInputPortId(id, name) : modelOutputPortId(id, name);
            const def = (side === 'input' ? type?.inputs : type?.outputs)?.find(p => p.name === name);
            const labelWidth = textWidth(name, 11);
            const label: DiagramLabel = { type: T.portLabel, id: `${portId}:label`, text: name, position: { x: PORT_SIZE / 2 - labelWidth / 2, y: labelY } };
            children.push({
                type: side === 'input' ? T.inputPort : T.outputPort, id: portId, portName: name,
                position: { x: center - PORT_SIZE / 2, y: portY }, size: { width: PORT_SIZE, height: PORT_SIZE },
                hover: `${side} ${name}${def?.typeName ? `: ${def.typeName}` : ''}${def?.doc ? `\n${def.doc}` : ''}`,
                children: [label]
            } satisfies DiagramPort);
        });
    };
    placePorts(inputs, 'input', -PORT_SIZE / 2, PORT_SIZE + 1);
    placePorts(outputs, 'output', height - PORT_SIZE / 2, -PORT_ROW + 1);
    if (diagnostics) {
        const marker = markerOf(id, width, diagnostics);
        marker.position = { x: width - MARKER_SIZE - 4, y: top };
        children.push(marker);
    }
    const lineage = type?.lineage ?? [node.type];
    const doc = type?.definition.doc;
    return {
        type: T.step, id, modelId: id, position: { x: 0, y: 0 }, size: { width, height }, children,
        cssClasses: ['model-node', ...lineage.map(t => `df-node-${t}`), ...(type ? [] : ['unknown-type']),
            ...(diagnostics?.some(d => d.severity === 'error') ? ['has-error'] : diagnostics ? ['has-warning'] : [])],
        hover: `${node.name}: ${node.type}${doc ? `\n${doc}` : ''}`,
        range: sourceRange(node.trace)
    };
}

function commonPrefix(a: readonly string[], b: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) out.push(a[i]);
    return out;
}
